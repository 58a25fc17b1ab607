-- R14 Activities per deal before conversion per rep: per deal owner, the
-- deals open at as_of, the activities associated with them (those
-- activity_deals links to them, each activity once) whose time is at or
-- before as_of, and the mean per deal, NULL over no deal. Activities of
-- those deals with no time are in no count but counted apart, once per
-- deal.
-- A deal's current stage is looked up in its pipeline as in R13; a deal
-- in an unknown stage is counted apart and never open. A deal created
-- after as_of did not exist yet (one with no creation date did). Where a
-- deal stood at as_of comes from its stage history: the visit of highest
-- position entered at or before as_of (a visit with no entry time counts
-- as entered), or the first visit when none was; the deal was open when
-- that visit's stage, looked up in the deal's pipeline, is an open stage.
-- A deal with no history was in its current stage, except that one closed
-- after as_of (by its close date) was still open.
-- Every listed owner has a row; an unlisted owner id and the unassigned
-- bucket (owner '') get one once a deal of theirs is counted here or in
-- R13 (won in the period).
-- Rows: kind 'rep' per owner; 'team' pooled over the rows (owner NULL);
-- 'unknown_stage', the deals in an unknown stage, 'not_yet_created', the
-- deals with a known stage created after as_of, each in the deals column,
-- and 'open_no_time', the undated activities of the open deals, in the
-- activities column.
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
open_deals AS (
	SELECT d.id, d.owner
	FROM deal_rows d CROSS JOIN params p LEFT JOIN visit_at v ON v.deal = d.id
	WHERE d.kind IS NOT NULL AND (d.created IS NULL OR d.created <= p.as_of)
		AND CASE WHEN v.deal IS NOT NULL THEN coalesce(v.kind_then, v.first_kind) = 'open'
			ELSE d.kind = 'open' OR (d.close_date > p.as_of) END
),
-- an activity that names a deal twice is one of its activities, once
activity_counts AS (
	SELECT l.deal, count(*) FILTER (WHERE a."time" <= p.as_of) AS activities,
		count(*) FILTER (WHERE a."time" IS NULL) AS undated
	FROM (SELECT DISTINCT deal, activity FROM activity_deals) l
	JOIN activities a ON a.id = l.activity CROSS JOIN params p
	GROUP BY l.deal
),
open_effort AS (
	SELECT o.owner, count(*) AS deals, coalesce(sum(a.activities), 0) AS activities
	FROM open_deals o LEFT JOIN activity_counts a ON a.deal = o.id
	GROUP BY o.owner
),
won_owners AS (
	SELECT DISTINCT d.owner FROM deal_rows d CROSS JOIN params p
	WHERE d.kind = 'won' AND d.close_date >= p.p_start AND d.close_date < p.p_end
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM open_effort
	UNION
	SELECT owner FROM won_owners
),
rows AS (
	SELECT r.owner, coalesce(e.deals, 0) AS deals, coalesce(e.activities, 0) AS activities
	FROM reps r LEFT JOIN open_effort e USING (owner)
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
SELECT 'not_yet_created', NULL, count(*), NULL, NULL FROM deal_rows, params
WHERE kind IS NOT NULL AND created > as_of
UNION ALL
SELECT 'open_no_time', NULL, NULL, coalesce(sum(a.undated), 0), NULL
FROM open_deals o JOIN activity_counts a ON a.deal = o.id
