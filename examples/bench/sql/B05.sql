-- B05 Pipeline as of a past date: R12, R26 and B01 as they stood at
-- past_instant, rebuilt from the stage and close date histories, B01 over
-- the horizon [past_horizon_start, past_horizon_end). Owners and amounts
-- are today's: the model keeps no history of them.
--
-- Deals are placed as B01.sql places them (see there): a deal created after
-- the instant did not exist; a deal with a stage history is in the stage
-- of the last visit entered by then, else its first visit's, or in its
-- current stage once the instant is past its last visit or every instant
-- its records hold; one without a history is in its current stage, except
-- that one closed after the instant was open then in a stage nothing
-- records.
--
-- part "weighted" is B01 at the instant, in B01.sql's columns.
-- part "open" is R12: per pipeline (in portal order) and owner, the open
-- deals per open stage ("rep", col the stage id) and in all ("rep_total");
-- the pipeline's totals per stage ("stage_total", R26) and in all
-- ("total"); every listed owner has a row in every pipeline, other owners
-- once an open deal of that pipeline names them. Deals whose pipeline or
-- stage then is unknown count in unknown_stage, deals open then in an
-- unrecorded stage in stage_unknown_then, deals not yet created in
-- not_yet_created.
-- part "past" counts what was assumed: open deals without a stage history
-- (no_history), open deals whose history starts after the instant
-- (before_history), and tallies those open in an unrecorded stage
-- (stage_unknown).
--
-- Columns: part, pipeline (part "open"), then B01.sql's: kind, key, col,
-- bucket, count, value, no_amount, no_rate, weighted, probability.
WITH params AS (
	SELECT getvariable('past_instant') AS t, getvariable('past_horizon_start') AS hs,
		getvariable('past_horizon_end') AS he, ('1 ' || getvariable('unit'))::INTERVAL AS step
),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (SELECT * FROM pipeline_stage()),
pipeline AS (SELECT DISTINCT pipeline FROM stages),
-- Where each deal stood at t (deal_at in macros.sql).
placed AS (SELECT * FROM deal_at(getvariable('past_instant'))),
-- The buckets of the horizon, by their start.
buckets AS (
	SELECT generate_series AS start
	FROM params, generate_series(hs, he, step)
	WHERE generate_series < he
),
-- The open deals, each with its stage and expected close column.
open AS (
	SELECT o.*, s.valid, s.p,
		CASE
			WHEN o.expected IS NULL THEN 'no_close_date'
			WHEN o.expected < p.hs THEN 'earlier'
			WHEN o.expected >= p.he THEN 'later'
			ELSE 'bucket'
		END AS col,
		b.start AS bucket
	FROM placed o
	CROSS JOIN params p
	JOIN stage s ON s.pipeline = o.pipeline AND s.position = o.stage_then
	LEFT JOIN buckets b ON o.expected >= b.start AND o.expected < least(b.start + p.step, p.he)
	WHERE o.standing = 'open'
),
cols AS (
	SELECT 'bucket' AS col, start AS bucket FROM buckets
	UNION ALL
	SELECT unnest(['earlier', 'later', 'no_close_date', 'total']), NULL
),
owner_rows AS (
	SELECT DISTINCT id AS owner FROM owners
	UNION
	SELECT owner FROM open
),
-- One cell per deal and column it counts in: its own and the total.
cells AS (
	SELECT owner, col, bucket, state, value, valid, p FROM open
	UNION ALL
	SELECT owner, 'total', NULL, state, value, valid, p FROM open
),
tallied AS (
	SELECT owner, col, bucket,
		count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate,
		coalesce(sum(value * p) FILTER (WHERE state = 'ok' AND valid), 0) AS weighted
	FROM cells GROUP BY ALL
),
grid AS (
	SELECT 'rep' AS kind, r.owner AS key, c.col, c.bucket
	FROM owner_rows r CROSS JOIN cols c
	UNION ALL
	SELECT 'team', NULL, c.col, c.bucket FROM cols c
),
tally_of AS (
	SELECT 'rep' AS kind, owner AS key, col, bucket, n, value, no_amount, no_rate, weighted
	FROM tallied
	UNION ALL
	SELECT 'team', NULL, col, bucket, CAST(sum(n) AS BIGINT), sum(value),
		CAST(sum(no_amount) AS BIGINT), CAST(sum(no_rate) AS BIGINT), sum(weighted)
	FROM tallied GROUP BY ALL
),
-- The deals open at the instant in a stage of their pipeline, for R12.
open_now AS (
	SELECT o.*, s.stage AS stage_id
	FROM placed o JOIN stage s ON s.pipeline = o.pipeline AND s.position = o.stage_then
	WHERE o.standing = 'open'
),
open_stage AS (
	SELECT pipeline, stage, ord FROM stage WHERE kind = 'open'
),
open_owner AS (
	SELECT pl.pipeline, o.id AS owner FROM pipeline pl, (SELECT DISTINCT id FROM owners) o
	UNION
	SELECT pipeline, owner FROM open_now
),
open_tally AS (
	SELECT pipeline, owner, stage_id, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate
	FROM open_now GROUP BY GROUPING SETS ((pipeline, owner, stage_id), (pipeline, owner),
		(pipeline, stage_id), (pipeline))
),
open_grid AS (
	SELECT o.pipeline, 'rep' AS kind, o.owner, s.stage
	FROM open_owner o JOIN open_stage s USING (pipeline)
	UNION ALL
	SELECT pipeline, 'rep_total', owner, NULL FROM open_owner
	UNION ALL
	SELECT pipeline, 'stage_total', NULL, stage FROM open_stage
	UNION ALL
	SELECT pipeline, 'total', NULL, NULL FROM pipeline
),
weighted_rows AS (
	SELECT g.kind, g.key, g.col, g.bucket,
		coalesce(t.n, 0), coalesce(t.value, 0), coalesce(t.no_amount, 0), coalesce(t.no_rate, 0),
		coalesce(t.weighted, 0), NULL::DOUBLE
	FROM grid g
	LEFT JOIN tally_of t ON t.kind = g.kind AND t.key IS NOT DISTINCT FROM g.key AND t.col = g.col
		AND t.bucket IS NOT DISTINCT FROM g.bucket
	UNION ALL
	SELECT 'stage', s.pipeline, s.stage, NULL,
		count(o.id), coalesce(sum(o.value) FILTER (WHERE o.state = 'ok'), 0),
		count(o.id) FILTER (WHERE o.state = 'missing'), count(o.id) FILTER (WHERE o.state = 'no_rate'),
		CASE WHEN s.valid THEN coalesce(sum(o.value * o.p) FILTER (WHERE o.state = 'ok'), 0) ELSE 0 END,
		s.probability
	FROM stage s
	LEFT JOIN open o ON o.pipeline = s.pipeline AND o.stage_then = s.position
	WHERE s.kind = 'open'
	GROUP BY s.pipeline, s.stage, s.valid, s.probability
	UNION ALL
	SELECT x.kind, NULL, NULL, NULL, x.n, x.value, x.no_amount, x.no_rate, NULL, NULL
	FROM (
		SELECT 'unknown_stage' AS kind, count(*) AS n,
			coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
			count(*) FILTER (WHERE state = 'missing') AS no_amount,
			count(*) FILTER (WHERE state = 'no_rate') AS no_rate
		FROM placed WHERE standing IN ('unknown', 'open_unknown')
		UNION ALL
		SELECT 'bad_probability', count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
			count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate')
		FROM open WHERE NOT valid
		UNION ALL
		SELECT 'not_yet_created', count(*), NULL, NULL, NULL FROM placed WHERE standing = 'not_yet'
	) x
)
SELECT 'weighted', NULL, * FROM weighted_rows
UNION ALL
SELECT 'open', g.pipeline, g.kind, g.owner, g.stage, NULL,
	coalesce(t.n, 0), coalesce(t.value, 0), coalesce(t.no_amount, 0), coalesce(t.no_rate, 0),
	NULL, NULL
FROM open_grid g
LEFT JOIN open_tally t ON t.pipeline = g.pipeline
	AND t.owner IS NOT DISTINCT FROM g.owner AND t.stage_id IS NOT DISTINCT FROM g.stage
UNION ALL
SELECT 'open', NULL, x.kind, NULL, NULL, NULL, x.n, NULL, NULL, NULL, NULL, NULL
FROM (
	SELECT 'unknown_stage' AS kind, count(*) AS n FROM placed WHERE standing = 'unknown'
	UNION ALL
	SELECT 'stage_unknown_then', count(*) FROM placed WHERE standing = 'open_unknown'
	UNION ALL
	SELECT 'not_yet_created', count(*) FROM placed WHERE standing = 'not_yet'
) x
UNION ALL
SELECT 'past', NULL, x.kind, NULL, NULL, NULL, x.n, x.value, x.no_amount, x.no_rate, NULL, NULL
FROM (
	SELECT 'stage_unknown' AS kind, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate
	FROM placed WHERE standing = 'open_unknown'
	UNION ALL
	SELECT 'no_history', count(*), NULL, NULL, NULL
	FROM placed WHERE standing = 'open' AND NOT has_history
	UNION ALL
	SELECT 'before_history', count(*), NULL, NULL, NULL
	FROM placed WHERE standing = 'open' AND first_entered > (SELECT t FROM params)
) x
