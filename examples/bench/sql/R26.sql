-- R26 Open deals by stage: the deals open at as_of per pipeline and open
-- stage, in pipeline order, count and value, with each pipeline's total;
-- the per-stage totals of R12, which this query places the same way.
--
-- Where a deal stood at as_of comes from its stage history: the stage of
-- the last visit entered at or before as_of (a visit without an entry
-- time counts as entered first), else the first visit's; when the last
-- visit was entered by then and is in the current stage, or as_of is past
-- every instant the deal's records hold (the last visit's entry and exit,
-- a closed deal's close date), the current stage. A deal without a
-- history was in its current stage, unless it closed after as_of: then it
-- was open in a stage no record tells (stage_unknown_then). A deal
-- created after as_of counts in not_yet_created; one whose pipeline is not
-- listed, or whose stage then is not in its pipeline or has no valid kind,
-- in unknown_stage.
--
-- Pipelines are numbered in the portal's order (their first row in
-- stages), open stages in pipeline order, both from 0. A stage's
-- probability is NULL unless it is a number in [0, 1]. Values are the
-- deals' amounts now, in the home currency; deals without an amount or
-- without a rate count in no_amount and no_rate.
WITH pipeline AS (
	SELECT pipeline, arg_min_null(pipeline_label, rowid) AS label, min(rowid) AS ord
	FROM stages GROUP BY pipeline
),
-- Where each deal stood at as_of (deal_standing in macros.sql).
deal_then AS (SELECT * FROM deal_standing(getvariable('as_of'))),
-- The open stages of each pipeline, numbered in pipeline order from 0.
open_stage AS (
	SELECT pipeline, position, stage, label, probability,
		row_number() OVER (PARTITION BY pipeline ORDER BY position) - 1 AS col
	FROM stages WHERE kind = 'open'
),
open_deal AS (
	SELECT a.pipeline, a.owner_key AS owner, o.col, a.value, a.no_amount
	FROM deal_then a
	JOIN open_stage o ON o.pipeline = a.pipeline AND o.position = a.stage_then
	WHERE NOT a.not_yet_created AND a.kind_then = 'open'
),
tally AS (
	SELECT pipeline, col, count(*) AS n, sum(value) AS value,
		count(*) FILTER (WHERE no_amount) AS no_amount,
		count(*) FILTER (WHERE value IS NULL AND NOT no_amount) AS no_rate
	FROM open_deal GROUP BY ALL
),
numbered AS (
	SELECT *, row_number() OVER (ORDER BY ord) - 1 AS number FROM pipeline
)
SELECT 'stage' AS kind, p.number, p.pipeline, p.label AS pipeline_label, s.col, s.stage, s.label,
	CASE WHEN s.probability BETWEEN 0 AND 1 THEN s.probability END AS probability,
	coalesce(t.n, 0) AS n, coalesce(t.value, 0) AS value, coalesce(t.no_amount, 0) AS no_amount,
	coalesce(t.no_rate, 0) AS no_rate
FROM numbered p
JOIN open_stage s ON s.pipeline = p.pipeline
LEFT JOIN tally t ON t.pipeline = s.pipeline AND t.col = s.col
UNION ALL
SELECT 'pipeline_total', p.number, p.pipeline, p.label, NULL, NULL, NULL, NULL,
	coalesce(sum(t.n), 0), coalesce(sum(t.value), 0), coalesce(sum(t.no_amount), 0),
	coalesce(sum(t.no_rate), 0)
FROM numbered p LEFT JOIN tally t ON t.pipeline = p.pipeline
GROUP BY ALL
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE NOT not_yet_created AND kind_then IS NULL), NULL, NULL, NULL
FROM deal_then
UNION ALL
SELECT 'not_yet_created', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE not_yet_created), NULL, NULL, NULL
FROM deal_then
UNION ALL
SELECT 'stage_unknown_then', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE NOT not_yet_created AND kind_then = 'open' AND stage_then IS NULL),
	NULL, NULL, NULL
FROM deal_then
