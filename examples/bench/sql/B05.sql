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
WITH params AS (SELECT getvariable('past_instant') AS t),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (SELECT * FROM pipeline_stage()),
pipeline AS (SELECT DISTINCT pipeline FROM stages),
-- Where each deal stood at t (deal_at in macros.sql).
placed AS (SELECT * FROM deal_at(getvariable('past_instant'))),
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
-- B01 at the instant (weighted_pipeline in macros.sql).
weighted_rows AS (
	SELECT * FROM weighted_pipeline(getvariable('past_instant'),
		getvariable('past_horizon_start'), getvariable('past_horizon_end'))
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
