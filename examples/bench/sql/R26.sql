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
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
pipeline AS (
	SELECT pipeline, arg_min_null(pipeline_label, rowid) AS label, min(rowid) AS ord
	FROM stages GROUP BY pipeline
),
-- The position of each stage id in its pipeline (its first row), and its
-- kind when that is one of the three.
stage_at AS (
	SELECT pipeline, stage, min(position) AS pos,
		arg_min_null(CASE WHEN kind IN ('open', 'won', 'lost') THEN kind END, position) AS kind
	FROM stages WHERE stage IS NOT NULL GROUP BY ALL
),
-- Each stage history's visits, with the position of the visit's stage in
-- the deal's pipeline; a time that is missing orders before every other.
visit AS (
	SELECT h.deal, h.position, coalesce(h.entered, '-infinity'::TIMESTAMPTZ) AS entered,
		h."left", s.pos, s.kind
	FROM deal_stage_history h
	JOIN deals d ON d.id = h.deal
	LEFT JOIN stage_at s ON s.pipeline = d.pipeline AND s.stage = h.stage
),
history AS (
	SELECT deal,
		arg_max_null(entered, position) AS last_entered, arg_max_null("left", position) AS last_left,
		arg_max_null(pos, position) AS last_pos,
		arg_max_null(pos, position) FILTER (WHERE entered <= getvariable('as_of')) AS then_pos,
		arg_max_null(kind, position) FILTER (WHERE entered <= getvariable('as_of')) AS then_kind,
		arg_min_null(pos, position) AS first_pos, arg_min_null(kind, position) AS first_kind,
		count(*) FILTER (WHERE entered <= getvariable('as_of')) AS entered_then
	FROM visit GROUP BY deal
),
-- Where each deal stood at as_of: not yet created, in no known stage
-- (kind NULL), or of a kind, in a stage position (NULL when no record
-- tells which). A deal with a history whose last visit was entered by
-- as_of is in its current stage when that visit is in it, or when as_of
-- is past every instant its records hold (the last visit's entry and exit,
-- a closed deal's close date).
deal_then AS (
	SELECT d.*, coalesce(d.owner, '') AS owner_key,
		d.created IS NOT NULL AND d.created > getvariable('as_of') AS not_yet_created,
		CASE
			WHEN p.pipeline IS NULL THEN NULL
			WHEN h.deal IS NOT NULL AND h.last_entered <= getvariable('as_of')
				AND (h.last_pos IS NOT DISTINCT FROM s.pos OR greatest(h.last_entered, h.last_left,
					CASE WHEN s.kind IN ('won', 'lost') THEN d.close_date END)
					<= getvariable('as_of'))
				THEN s.kind
			WHEN h.deal IS NOT NULL AND h.entered_then > 0 THEN h.then_kind
			WHEN h.deal IS NOT NULL THEN h.first_kind
			WHEN s.kind IN ('won', 'lost') AND d.close_date > getvariable('as_of') THEN 'open'
			ELSE s.kind
		END AS kind_then,
		CASE
			WHEN p.pipeline IS NULL THEN NULL
			WHEN h.deal IS NOT NULL AND h.last_entered <= getvariable('as_of')
				AND (h.last_pos IS NOT DISTINCT FROM s.pos OR greatest(h.last_entered, h.last_left,
					CASE WHEN s.kind IN ('won', 'lost') THEN d.close_date END)
					<= getvariable('as_of'))
				THEN CASE WHEN s.kind IS NOT NULL THEN s.pos END
			WHEN h.deal IS NOT NULL AND h.entered_then > 0 THEN h.then_pos
			WHEN h.deal IS NOT NULL THEN h.first_pos
			WHEN s.kind IN ('won', 'lost') AND d.close_date > getvariable('as_of') THEN NULL
			ELSE s.pos
		END AS stage_then
	FROM deal d
	LEFT JOIN pipeline p ON p.pipeline = d.pipeline
	LEFT JOIN stage_at s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN history h ON h.deal = d.id
),
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
