-- R12 Open deals by stage per rep: the deals open at as_of, per pipeline,
-- owner and open stage, count and value, with each owner's total, each
-- stage's total and each pipeline's total.
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
-- Each pipeline's open stages are its columns, numbered in pipeline
-- order from 0. Every listed owner has a row in every pipeline, zeros
-- included; an unlisted owner id and the unassigned bucket (owner '') get
-- one in a pipeline once an open deal there names them. Values are the
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
	SELECT pipeline, owner, col, count(*) AS n, sum(value) AS value,
		count(*) FILTER (WHERE no_amount) AS no_amount,
		count(*) FILTER (WHERE value IS NULL AND NOT no_amount) AS no_rate
	FROM open_deal GROUP BY ALL
),
rep AS (
	SELECT p.pipeline, o.id AS owner FROM pipeline p CROSS JOIN owners o
	UNION
	SELECT pipeline, owner FROM open_deal
),
cell AS (
	SELECT r.pipeline, r.owner, s.col, s.stage, coalesce(t.n, 0) AS n,
		coalesce(t.value, 0) AS value, coalesce(t.no_amount, 0) AS no_amount,
		coalesce(t.no_rate, 0) AS no_rate
	FROM rep r
	JOIN open_stage s ON s.pipeline = r.pipeline
	LEFT JOIN tally t ON t.pipeline = r.pipeline AND t.owner = r.owner AND t.col = s.col
)
SELECT 'cell' AS kind, pipeline, owner, col, stage, n, value, no_amount, no_rate FROM cell
UNION ALL
SELECT 'rep_total', r.pipeline, r.owner, NULL, NULL, coalesce(sum(c.n), 0),
	coalesce(sum(c.value), 0), coalesce(sum(c.no_amount), 0), coalesce(sum(c.no_rate), 0)
FROM rep r LEFT JOIN cell c ON c.pipeline = r.pipeline AND c.owner = r.owner
GROUP BY r.pipeline, r.owner
UNION ALL
SELECT 'stage_total', pipeline, NULL, col, stage, sum(n), sum(value), sum(no_amount), sum(no_rate)
FROM cell GROUP BY pipeline, col, stage
UNION ALL
SELECT 'pipeline_total', p.pipeline, NULL, NULL, NULL, coalesce(sum(c.n), 0),
	coalesce(sum(c.value), 0), coalesce(sum(c.no_amount), 0), coalesce(sum(c.no_rate), 0)
FROM pipeline p LEFT JOIN cell c ON c.pipeline = p.pipeline
GROUP BY p.pipeline
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE NOT not_yet_created AND kind_then IS NULL), NULL, NULL, NULL
FROM deal_then
UNION ALL
SELECT 'not_yet_created', NULL, NULL, NULL, NULL, count(*) FILTER (WHERE not_yet_created),
	NULL, NULL, NULL
FROM deal_then
UNION ALL
SELECT 'stage_unknown_then', NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE NOT not_yet_created AND kind_then = 'open' AND stage_then IS NULL),
	NULL, NULL, NULL
FROM deal_then
