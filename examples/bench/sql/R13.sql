-- R13 Activities per won deal per rep: per deal owner, the deals won
-- (their current stage's kind is won) whose close date falls in the
-- period, the activities associated with them (those activity_deals
-- links to them, each activity once, of any type and time, after the
-- close included), and the mean per deal, NULL over no deal. A deal's
-- stage is looked up in its pipeline, the first stage of that id; a deal
-- whose pipeline or stage is not listed, or whose stage's kind is none of
-- open, won and lost, is in an unknown stage. Every listed owner has a
-- row; an unlisted owner id and the unassigned bucket (owner '') get one
-- once a deal of theirs is counted here or in R14 (open at as_of, see
-- R14.sql).
-- Rows: kind 'rep' per owner; 'team' pooled over the rows (owner NULL);
-- 'unknown_stage', the deals in an unknown stage, and 'no_close_date',
-- the won deals with no close date, each in the deals column.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
		getvariable('as_of') AS as_of
),
-- the stages of each pipeline, a stage id repeated in one pipeline taken
-- at its first position; a kind that is not open, won or lost is NULL
stage_kinds AS (
	SELECT pipeline, stage, position,
		CASE WHEN kind IN ('open', 'won', 'lost') THEN kind END AS kind
	FROM stages
	WHERE stage IS NOT NULL
	QUALIFY row_number() OVER (PARTITION BY pipeline, stage ORDER BY position) = 1
),
deal_rows AS (
	SELECT d.id, coalesce(d.owner, '') AS owner, d.created, d.close_date, s.kind, d.pipeline
	FROM deals d LEFT JOIN stage_kinds s ON s.pipeline = d.pipeline AND s.stage = d.stage
),
-- where each deal with a known stage stood at as_of (see R14.sql)
visit_at AS (
	SELECT h.deal,
		arg_max(coalesce(s.kind, 'none'), h.position)
			FILTER (WHERE h.entered IS NULL OR h.entered <= p.as_of) AS kind_then,
		arg_min(coalesce(s.kind, 'none'), h.position) AS first_kind
	FROM deal_stage_history h
	JOIN deal_rows d ON d.id = h.deal
	LEFT JOIN stage_kinds s ON s.pipeline = d.pipeline AND s.stage = h.stage
	CROSS JOIN params p
	GROUP BY h.deal
),
-- an activity that names a deal twice is one of its activities, once
activity_counts AS (
	SELECT deal, count(DISTINCT activity) AS activities FROM activity_deals GROUP BY deal
),
won AS (
	SELECT d.owner, count(*) AS deals, coalesce(sum(a.activities), 0) AS activities
	FROM deal_rows d CROSS JOIN params p LEFT JOIN activity_counts a ON a.deal = d.id
	WHERE d.kind = 'won' AND d.close_date >= p.p_start AND d.close_date < p.p_end
	GROUP BY d.owner
),
open_owners AS (
	SELECT DISTINCT d.owner
	FROM deal_rows d CROSS JOIN params p LEFT JOIN visit_at v ON v.deal = d.id
	WHERE d.kind IS NOT NULL AND (d.created IS NULL OR d.created <= p.as_of)
		AND CASE WHEN v.deal IS NOT NULL THEN coalesce(v.kind_then, v.first_kind) = 'open'
			ELSE d.kind = 'open' OR (d.close_date > p.as_of) END
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM won
	UNION
	SELECT owner FROM open_owners
),
rows AS (
	SELECT r.owner, coalesce(w.deals, 0) AS deals, coalesce(w.activities, 0) AS activities
	FROM reps r LEFT JOIN won w USING (owner)
),
all_rows AS (
	SELECT 'rep' AS kind, owner, deals, activities FROM rows
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(deals), 0), coalesce(sum(activities), 0) FROM rows
)
SELECT kind, owner, deals, activities, activities / nullif(deals, 0) AS per_deal FROM all_rows
UNION ALL
SELECT 'unknown_stage', NULL, count(*), NULL, NULL FROM deal_rows WHERE kind IS NULL
UNION ALL
SELECT 'no_close_date', NULL, count(*), NULL, NULL
FROM deal_rows WHERE kind = 'won' AND close_date IS NULL
