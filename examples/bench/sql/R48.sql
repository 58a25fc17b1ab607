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
WITH open_deal AS (SELECT * FROM alert_open_deal()),
deal_activity AS (SELECT * FROM alert_deal_activity()),
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
	SELECT o.*,
		coalesce(k.overdue, 0) AS overdue_tasks, coalesce(k.undated, 0) AS undated_tasks,
		coalesce(u.n, 0) AS untimed_tasks
	FROM open_deal o
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
	FROM alert_deal() WHERE kind IS NULL
)
ORDER BY section, sort_at NULLS LAST, sort_id, sort_pos
