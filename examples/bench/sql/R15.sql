-- R15 Conversion rate per rep: the funnel of R30 (see R30.sql for how far
-- a deal is taken to have got and what is counted apart), per pipeline and
-- per owner of the deals created in the period. Every listed owner has a
-- funnel in every pipeline, zeros included; an owner id no owner lists, and
-- the unassigned bucket (owner ''), have one in a pipeline where one of
-- their deals is counted. The team's funnel (owner NULL) pools the deals of
-- the pipeline, so its rates are never the mean of the reps' rates.
--
-- Step conversion is reached over the previous step's reached (the first
-- step's over the deals created), cumulative conversion reached over the
-- deals created: the product of the step conversions. NULL over nothing.
--
-- Rows, in columns (kind, pipeline, owner, step index, stage, four counts,
-- two rates): ('step', pipeline, owner, k, stage, reached, -, -, -, step,
-- cumulative); ('funnel', pipeline, owner, -, -, created, open, won, lost,
-- win rate, -); and ('apart', -, -, -, -, no creation date, unknown stage,
-- unknown visits, lost without history, -, -).
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
	SELECT d.id, coalesce(d.owner, '') AS owner, p.pipeline, p.n_open,
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
	SELECT c.pipeline, c.owner, c.kind, coalesce(v.unknown, 0) AS unknown,
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
reps AS (
	-- every listed owner in every pipeline; an unlisted owner, and the
	-- unassigned bucket (''), where one of their deals is counted
	SELECT p.pipeline, o.id AS owner
	FROM pipelines p, (SELECT DISTINCT id FROM owners WHERE id IS NOT NULL) o
	UNION
	SELECT pipeline, owner FROM progress
),
funnels AS (
	-- one funnel per rep and pipeline, and the team's (owner NULL)
	SELECT r.pipeline, r.owner, s.k, s.stage,
		count(g.kind) FILTER (WHERE CASE WHEN s.k = p.n_open THEN g.kind = 'won'
			ELSE g.furthest >= s.k END) AS reached
	FROM reps r
	JOIN pipelines p USING (pipeline)
	JOIN steps s USING (pipeline)
	LEFT JOIN progress g ON g.pipeline = r.pipeline AND g.owner = r.owner
	GROUP BY GROUPING SETS ((r.pipeline, r.owner, s.k, s.stage), (r.pipeline, s.k, s.stage))
),
totals AS (
	SELECT r.pipeline, r.owner,
		count(g.kind) AS created,
		count(*) FILTER (WHERE g.kind = 'open') AS open,
		count(*) FILTER (WHERE g.kind = 'won') AS won,
		count(*) FILTER (WHERE g.kind = 'lost') AS lost
	FROM reps r LEFT JOIN progress g ON g.pipeline = r.pipeline AND g.owner = r.owner
	GROUP BY GROUPING SETS ((r.pipeline, r.owner), (r.pipeline))
),
rated AS (
	SELECT f.pipeline, f.owner, f.k, f.stage, f.reached, t.created,
		coalesce(lag(f.reached) OVER (PARTITION BY f.pipeline, f.owner ORDER BY f.k),
			t.created) AS prev
	FROM funnels f JOIN totals t ON t.pipeline = f.pipeline AND t.owner IS NOT DISTINCT FROM f.owner
)
SELECT 'step' AS kind, pipeline, owner, k, stage, reached, NULL, NULL, NULL,
	CASE WHEN prev > 0 THEN reached / prev END AS step,
	CASE WHEN created > 0 THEN reached / created END AS cumulative
FROM rated
UNION ALL
SELECT 'funnel', pipeline, owner, NULL, NULL, created, open, won, lost,
	CASE WHEN won + lost > 0 THEN won / (won + lost) END, NULL
FROM totals
UNION ALL
SELECT 'apart', NULL, NULL, NULL, NULL,
	(SELECT count(*) FROM deals WHERE created IS NULL),
	(SELECT count(*) FROM cohort WHERE kind IS NULL),
	(SELECT coalesce(sum(unknown), 0) FROM progress),
	(SELECT count(*) FILTER (WHERE assumed) FROM progress),
	NULL, NULL
