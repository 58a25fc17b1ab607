-- R29 Average time in each deal stage: for each open stage of each
-- pipeline (in pipeline order, index k among the open stages), the time the
-- deals created in the period, by as_of, spent in it, read from their stage
-- histories. A deal's time in a stage adds up all its visits to it (a deal
-- that came back counts each stay, and once in the stage's deals); a
-- skipped stage adds nothing and does not count the deal. Won and lost
-- stages are not timed.
--
-- Seen from as_of: a visit entered after as_of is ignored; a visit not left
-- by as_of (no left, or left after as_of) is open. With count_open (R29's
-- catalogue options leave it off) an open visit counts up to as_of;
-- without, it adds nothing and the deal counts in the stage's open. Each
-- deal's time in a stage is cut to the whole millisecond before it is
-- added; the mean is the total over the deals, in days of 24 hours, NULL
-- over no deal.
--
-- Counted apart: deals with no creation date, deals created in the period
-- after as_of, deals of the cohort whose pipeline is not listed or that
-- have no stage history, and visits that cannot be timed (no entry time,
-- left before entered, or a stage the pipeline lacks).
--
-- Rows: ('stage', pipeline, k, stage, deals, visits, total ms, mean days,
-- open) and ('apart', -, -, -, no creation date, not yet created, unknown
-- pipeline, no history, bad visits).
WITH options AS (
	SELECT false AS count_open
),
stage_rows AS (SELECT * FROM stage_column()),
stage_of AS (SELECT * FROM stage_first()),
pipelines AS (
	SELECT DISTINCT pipeline FROM stages
),
created AS (
	SELECT d.id, d.pipeline, d.created,
		p.pipeline IS NOT NULL AS listed
	FROM deals d LEFT JOIN pipelines p ON p.pipeline = d.pipeline
	WHERE d.created >= getvariable('period_start') AND d.created < getvariable('period_end')
),
cohort AS (
	SELECT * FROM created WHERE created <= getvariable('as_of') AND listed
),
visits AS (
	SELECT c.id, s.position, s.kind, h.entered,
		CASE WHEN h."left" IS NULL OR h."left" > getvariable('as_of') THEN NULL
			ELSE h."left" END AS "left",
		s.position IS NULL OR h.entered IS NULL OR coalesce(h."left" < h.entered, false) AS bad
	FROM cohort c
	JOIN deal_stage_history h ON h.deal = c.id
	LEFT JOIN stage_of s ON s.pipeline = c.pipeline AND s.stage = h.stage
),
stays AS (
	-- each deal's time in each open stage, in microseconds
	SELECT v.id, v.position,
		count(*) FILTER (WHERE v."left" IS NOT NULL OR o.count_open) AS visits,
		sum(epoch_us(coalesce(v."left", getvariable('as_of'))) - epoch_us(v.entered))
			FILTER (WHERE v."left" IS NOT NULL OR o.count_open) AS us,
		bool_or(v."left" IS NULL AND NOT o.count_open) AS open
	FROM visits v, options o
	WHERE NOT v.bad AND v.entered <= getvariable('as_of') AND v.kind = 'open'
	GROUP BY v.id, v.position
),
per_stage AS (
	SELECT c.pipeline, s.position,
		count(*) FILTER (WHERE s.visits > 0) AS deals,
		sum(s.visits) AS visits,
		sum(s.us // 1000) FILTER (WHERE s.visits > 0) AS millis,
		count(*) FILTER (WHERE s.open) AS open
	FROM stays s JOIN cohort c USING (id)
	GROUP BY ALL
)
SELECT 'stage' AS kind, r.pipeline, r.col, r.stage,
	coalesce(p.deals, 0), coalesce(p.visits, 0), coalesce(p.millis, 0),
	CASE WHEN p.deals > 0 THEN p.millis / 86400000 / p.deals END,
	coalesce(p.open, 0)
FROM stage_rows r
LEFT JOIN per_stage p USING (pipeline, position)
WHERE r.kind = 'open'
UNION ALL
SELECT 'apart', NULL, NULL, NULL,
	(SELECT count(*) FROM deals WHERE created IS NULL),
	(SELECT count(*) FROM created WHERE created > getvariable('as_of')),
	(SELECT count(*) FROM created WHERE created <= getvariable('as_of') AND NOT listed),
	(SELECT count(*) FROM cohort c
		WHERE NOT EXISTS (SELECT 1 FROM deal_stage_history h WHERE h.deal = c.id)),
	(SELECT count(*) FILTER (WHERE bad) FROM visits)
