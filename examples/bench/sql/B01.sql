-- B01 Weighted pipeline: the deals open at as_of, per owner and per
-- bucket (of unit) of the horizon [horizon_start, horizon_end) their
-- expected close date falls in, with their value and their value times
-- their stage's probability.
--
-- A deal's stage at as_of is rebuilt from its stage history: the last
-- visit entered at or before as_of (a visit without an entry time counts
-- as entered), else the first visit; but once as_of is past the last
-- visit's entry and that visit is of the current stage, or as_of is past
-- every instant the deal's records hold (the last visit's entry and exit,
-- a closed deal's close date), the current stage. A deal created after
-- as_of did not exist yet (not_yet_created). Without a history, the
-- current stage holds,
-- except that a deal closed after as_of (by its close date) was open then
-- in a stage nothing records. A deal whose pipeline is unknown, whose
-- stage then is not in its pipeline or has no valid kind, or that was open
-- then in an unrecorded stage is tallied in unknown_stage and in no row.
-- Its expected close date is the one its close date history held at
-- as_of (the first value when the history starts later); a deal open now
-- and seen after the last change, or open without a history, has its
-- close_date; a closed deal without a history has none.
--
-- Expected dates before the horizon go to "earlier", at or after its end
-- to "later", none to "no_close_date"; "total" adds up every column. Every
-- listed owner has a row per column; an unlisted owner and the unassigned
-- bucket (owner '') get them once an open deal names them. Values are in
-- the home currency (no amount: no_amount; no rate: no_rate, no value).
-- A probability that is NaN or outside [0, 1] weighs nothing and its
-- deals are tallied in bad_probability. "stage" rows break the team's
-- total down by open stage, in portal order.
--
-- Columns: kind, key (owner, or pipeline for stages), col (column, or
-- stage id), bucket start, count, value, no_amount, no_rate, weighted,
-- probability (stage rows only).
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('horizon_start') AS hs,
		getvariable('horizon_end') AS he, ('1 ' || getvariable('unit'))::INTERVAL AS step
),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (SELECT * FROM pipeline_stage()),
-- Where each deal stood at t (deal_at in macros.sql).
placed AS (SELECT * FROM deal_at(getvariable('as_of'))),
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
)
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
