-- R30 Pipeline conversion funnel: of the deals created in the period, one
-- funnel per pipeline (two pipelines are never mixed). Its steps are the
-- pipeline's open stages in pipeline order, numbered 0, 1, ..., then a won
-- step named after the first won stage (empty when there is none).
--
-- How far a deal got is the furthest open stage, by its position among the
-- open stages, of its stage history and its current stage: a visit to a won
-- stage, or a won current stage, counts as every open stage passed; a lost
-- deal with no history at all is taken to have reached the first open stage
-- (counted in lost_without_history); a lost deal whose history visits no
-- open or won stage (lost from the start) reached none. Visits to stages
-- the pipeline lacks are ignored. A deal reached step k when it got to k
-- or further, so a skipped stage counts as passed and a stage visited
-- twice counts once. The won step counts the deals won now.
--
-- Step conversion is reached over the previous step's reached (the first
-- step's over the deals created), cumulative conversion reached over the
-- deals created: the product of the step conversions. NULL over nothing.
-- Deals with no creation date (any period), deals of the cohort whose
-- pipeline or stage is not listed (or whose stage has no valid kind), and
-- visits of counted deals to stages their pipeline lacks are counted in
-- the 'apart' row.
--
-- Rows, in columns (kind, pipeline, step index, stage, four counts, two
-- rates): ('step', pipeline, k, stage, reached, -, -, -, step, cumulative);
-- ('funnel', pipeline, -, -, created, open, won, lost, win rate, -), the
-- win rate won / (won + lost); and ('apart', -, -, -, no creation date,
-- unknown stage, unknown visits, lost without history, -, -).
WITH stage_rows AS (
	-- every stage of every pipeline, with its column among the open stages
	SELECT pipeline, position, stage, kind,
		count(*) FILTER (WHERE kind = 'open') OVER (PARTITION BY pipeline ORDER BY position
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS col
	FROM stages
	WHERE stage IS NOT NULL
),
stage_of AS (
	-- a stage id names the first stage of the pipeline that has it
	SELECT pipeline, stage, min(position) AS position, arg_min(kind, position) AS kind,
		arg_min(col, position) AS col
	FROM stage_rows
	GROUP BY pipeline, stage
),
pipelines AS (
	SELECT pipeline, count(*) FILTER (WHERE kind = 'open') AS n_open,
		coalesce(arg_min(stage, position) FILTER (WHERE kind = 'won'), '') AS won_stage
	FROM (SELECT DISTINCT pipeline FROM stages) p
	LEFT JOIN stage_rows USING (pipeline)
	GROUP BY pipeline
),
cohort AS (
	SELECT d.id, p.pipeline, p.n_open,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind, s.col
	FROM deals d
	LEFT JOIN pipelines p ON p.pipeline = d.pipeline
	LEFT JOIN stage_of s ON s.pipeline = d.pipeline AND s.stage = d.stage
	WHERE d.created >= getvariable('period_start') AND d.created < getvariable('period_end')
),
counted AS (
	SELECT * FROM cohort WHERE kind IS NOT NULL
),
visits AS (
	-- the furthest open column each counted deal's history reaches
	SELECT c.id,
		count(*) AS visits,
		count(*) FILTER (WHERE s.position IS NULL) AS unknown,
		max(CASE WHEN s.kind = 'open' THEN s.col WHEN s.kind = 'won' THEN c.n_open - 1 END)
			AS furthest
	FROM counted c
	JOIN deal_stage_history h ON h.deal = c.id
	LEFT JOIN stage_of s ON s.pipeline = c.pipeline AND s.stage = h.stage
	GROUP BY c.id
),
progress AS (
	SELECT c.pipeline, c.kind, coalesce(v.unknown, 0) AS unknown,
		coalesce(v.visits, 0) = 0 AND c.kind = 'lost' AND c.n_open > 0 AS assumed,
		CASE
			WHEN c.kind = 'open' THEN greatest(coalesce(v.furthest, -1), c.col)
			WHEN c.kind = 'won' THEN c.n_open - 1
			WHEN coalesce(v.visits, 0) = 0 AND c.n_open > 0 THEN 0
			ELSE coalesce(v.furthest, -1)
		END AS furthest
	FROM counted c LEFT JOIN visits v USING (id)
),
steps AS (
	-- the open stages, then the won step
	SELECT pipeline, col AS k, stage FROM stage_rows WHERE kind = 'open'
	UNION ALL
	SELECT pipeline, n_open, won_stage FROM pipelines
),
reached AS (
	SELECT s.pipeline, s.k, s.stage,
		count(g.kind) FILTER (WHERE CASE WHEN s.k = p.n_open THEN g.kind = 'won'
			ELSE g.furthest >= s.k END) AS reached
	FROM steps s
	JOIN pipelines p USING (pipeline)
	LEFT JOIN progress g ON g.pipeline = s.pipeline
	GROUP BY ALL
),
funnels AS (
	SELECT p.pipeline,
		count(g.kind) AS created,
		count(*) FILTER (WHERE g.kind = 'open') AS open,
		count(*) FILTER (WHERE g.kind = 'won') AS won,
		count(*) FILTER (WHERE g.kind = 'lost') AS lost
	FROM pipelines p LEFT JOIN progress g USING (pipeline)
	GROUP BY p.pipeline
),
rated AS (
	SELECT r.pipeline, r.k, r.stage, r.reached, f.created,
		coalesce(lag(r.reached) OVER (PARTITION BY r.pipeline ORDER BY r.k), f.created) AS prev
	FROM reached r JOIN funnels f USING (pipeline)
)
SELECT 'step' AS kind, pipeline, k, stage, reached, NULL, NULL, NULL,
	CASE WHEN prev > 0 THEN reached / prev END AS step,
	CASE WHEN created > 0 THEN reached / created END AS cumulative
FROM rated
UNION ALL
SELECT 'funnel', pipeline, NULL, NULL, created, open, won, lost,
	CASE WHEN won + lost > 0 THEN won / (won + lost) END, NULL
FROM funnels
UNION ALL
SELECT 'apart', NULL, NULL, NULL,
	(SELECT count(*) FROM deals WHERE created IS NULL),
	(SELECT count(*) FROM cohort WHERE kind IS NULL),
	(SELECT coalesce(sum(unknown), 0) FROM progress),
	(SELECT count(*) FILTER (WHERE assumed) FROM progress),
	NULL, NULL
