-- R48 Deals without a planned task: the deals open at as_of with no task
-- planned, the longest idle first: the deal, its owner, the stage it stood
-- in at as_of, its value in the home currency, its last activity, since
-- when it is idle (its last activity, else its creation), the whole days
-- since then, its overdue and undated open tasks, and its tasks with no
-- time. Then the counts of open deals and of deals in an unknown stage.
--
-- Edge rules:
--   * A deal's current kind is that of the first listing of its stage in
--     its pipeline (open, won or lost; anything else, or no listing, is an
--     unknown stage, counted and skipped).
--   * Open at as_of: created at or before as_of (or with no creation date)
--     and, from its stage history, standing in an open stage then: the last
--     visit entered at or before as_of (a visit with no entry time counts
--     as entered), else the first visit; when the last visit is under way
--     at as_of and is the current stage, the current stage. A deal without
--     history is in its current stage, except that a deal closed after
--     as_of was open then, in a stage no record tells (stage empty here).
--   * A deal's activities are those linked to it (by the first deal with
--     that id), whoever owns them; one that names the deal twice counts
--     once. A task is open at as_of when created at or before as_of and
--     not completed then (no completion at or before as_of, and not marked
--     completed without a completion time). An open task due at or after
--     as_of is a plan; one due before as_of is overdue, one with no due
--     date undated. A task with no time is in no state: no plan, counted
--     in untimed_tasks.
--   * idle_days counts the local dates (session time zone) from since to
--     as_of, less one when as_of's time of day is earlier; NULL without a
--     since. Rows come by since (none last), then deal id, then the deal's
--     place in the table.
WITH money AS (
	SELECT coalesce(currency, rates_base, '') AS home,
		coalesce(rates_base, currency, '') AS base
	FROM portal
),
rate AS (
	SELECT r.currency, r.to_base AS per_unit
	FROM rates r, money m
	WHERE r.to_base > 0 AND r.currency <> m.base
	UNION ALL
	SELECT base, 1 FROM money
),
-- The first listing of each stage in its pipeline: its kind (NULL when not
-- open, won or lost) and labels.
stage_row AS (
	SELECT pipeline, stage, min(rowid) AS row FROM stages WHERE stage IS NOT NULL GROUP BY ALL
),
stage_info AS (
	SELECT r.pipeline, r.stage, r.row,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		coalesce(s.label, '') AS label
	FROM stage_row r JOIN stages s ON s.rowid = r.row
),
deal AS (
	SELECT d.rowid AS pos, d.id, d.name, d.owner, d.pipeline, d.stage, d.created, d.close_date,
		s.kind,
		CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, m.home) = m.home THEN d.amount
			WHEN rf.per_unit IS NULL OR rt.per_unit IS NULL THEN NULL
			WHEN m.home = m.base THEN d.amount * rf.per_unit
			ELSE CAST(round(d.amount * rf.per_unit / rt.per_unit, 8) AS DECIMAL(38, 8))
		END AS value, d.amount
	FROM deals d
	CROSS JOIN money m
	LEFT JOIN stage_info s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, m.home)
	LEFT JOIN rate rt ON rt.currency = m.home
),
first_deal AS (
	SELECT id, min(rowid) AS pos FROM deals GROUP BY id
),
-- The stage history visit each deal stood in at as_of: the last one
-- entered at or before it, else the first.
visit AS (
	SELECT f.pos, h.position, h.stage, h.entered,
		min(h.position) OVER (PARTITION BY f.pos) AS first,
		max(h.position) OVER (PARTITION BY f.pos) AS last
	FROM deal_stage_history h JOIN first_deal f ON f.id = h.deal
),
visit_then AS (
	SELECT pos, arg_max_null(stage, position) AS stage,
		bool_or(position = last AND (entered IS NULL OR entered <= getvariable('as_of')))
			AS last_entered,
		arg_max_null(stage, position) FILTER (WHERE position = last) AS last_stage
	FROM visit
	WHERE position = first OR entered IS NULL OR entered <= getvariable('as_of')
	GROUP BY pos
),
-- Where each deal with a known current stage stood at as_of (see the
-- header): its kind and stage then, the stage NULL when no record tells.
deal_then AS (
	SELECT d.*,
		CASE
			WHEN v.pos IS NULL AND d.kind <> 'open' AND d.close_date > getvariable('as_of')
				THEN 'open'
			WHEN v.pos IS NULL OR (v.last_entered AND v.last_stage = d.stage) THEN d.kind
			ELSE s.kind
		END AS kind_then,
		CASE
			WHEN v.pos IS NULL AND d.kind <> 'open' AND d.close_date > getvariable('as_of')
				THEN NULL
			WHEN v.pos IS NULL OR (v.last_entered AND v.last_stage = d.stage) THEN d.stage
			ELSE s.stage
		END AS stage_then
	FROM deal d
	LEFT JOIN visit_then v ON v.pos = d.pos
	LEFT JOIN stage_info s ON s.pipeline = d.pipeline AND s.stage = v.stage
	WHERE d.kind IS NOT NULL
		AND (d.created IS NULL OR d.created <= getvariable('as_of'))
),
open_deal AS (
	SELECT t.*, coalesce(i.label, '') AS stage_label, i.row AS stage_row
	FROM deal_then t
	LEFT JOIN stage_info i ON i.pipeline = t.pipeline AND i.stage = t.stage_then
	WHERE t.kind_then = 'open'
),
owner AS (
	SELECT id, arg_min_null(name, rowid) AS name FROM owners GROUP BY id
),
-- Each deal's activities, an activity that names the deal twice once.
deal_activity AS (
	SELECT DISTINCT f.pos, ad.activity
	FROM activity_deals ad JOIN first_deal f ON f.id = ad.deal
),
-- The time of each deal's latest activity at or before as_of.
last_touch AS (
	SELECT da.pos, max(a.time) AS at
	FROM deal_activity da JOIN activities a ON a.id = da.activity
	WHERE a.time <= getvariable('as_of')
	GROUP BY da.pos
),
task_state AS (
	SELECT da.pos,
		CASE
			WHEN a.task_due IS NULL THEN 'undated'
			WHEN a.task_due < getvariable('as_of') THEN 'overdue'
			ELSE 'planned'
		END AS state
	FROM deal_activity da JOIN activities a ON a.id = da.activity
	WHERE a.type = 'task' AND a.time <= getvariable('as_of')
		AND NOT coalesce(a.task_completed <= getvariable('as_of'),
			a.task_status = 'completed', false)
),
tasks AS (
	SELECT pos, count(*) FILTER (WHERE state = 'overdue') AS overdue,
		count(*) FILTER (WHERE state = 'undated') AS undated,
		bool_or(state = 'planned') AS planned
	FROM task_state GROUP BY pos
),
untimed AS (
	SELECT da.pos, count(*) AS n
	FROM deal_activity da JOIN activities a ON a.id = da.activity
	WHERE a.type = 'task' AND a.time IS NULL
	GROUP BY da.pos
),
unplanned AS (
	SELECT o.*, coalesce(o.owner, '') AS owner_id,
		CASE WHEN o.owner IS NULL THEN 'unassigned' ELSE coalesce(w.name, o.owner) END AS owner_name,
		t.at AS last_activity, coalesce(t.at, o.created) AS since,
		coalesce(k.overdue, 0) AS overdue_tasks, coalesce(k.undated, 0) AS undated_tasks,
		coalesce(u.n, 0) AS untimed_tasks
	FROM open_deal o
	LEFT JOIN last_touch t ON t.pos = o.pos
	LEFT JOIN owner w ON w.id = o.owner
	LEFT JOIN tasks k ON k.pos = o.pos
	LEFT JOIN untimed u ON u.pos = o.pos
	WHERE NOT coalesce(k.planned, false)
)
SELECT kind, deal, name, owner, owner_name, pipeline, stage, stage_label, value,
	last_activity, since, idle_days, overdue_tasks, undated_tasks, untimed_tasks
FROM (
	SELECT 0 AS section, since AS sort_at, coalesce(id, '') AS sort_id, pos AS sort_pos,
		'deal' AS kind, coalesce(id, '') AS deal, coalesce(name, '') AS name,
		owner_id AS owner, owner_name, coalesce(pipeline, '') AS pipeline,
		coalesce(stage_then, '') AS stage, stage_label, value, last_activity, since,
		date_diff('day', since::DATE, getvariable('as_of')::DATE)
			- CASE WHEN getvariable('as_of')::TIMESTAMP::TIME < since::TIMESTAMP::TIME
				THEN 1 ELSE 0 END AS idle_days,
		overdue_tasks, undated_tasks, untimed_tasks
	FROM unplanned
	UNION ALL
	SELECT 1, NULL, NULL, NULL, 'open', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, count(*), NULL, NULL
	FROM open_deal
	UNION ALL
	SELECT 2, NULL, NULL, NULL, 'unknown_stage', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, count(*), NULL, NULL
	FROM deal WHERE kind IS NULL
)
ORDER BY section, sort_at NULLS LAST, sort_id, sort_pos
