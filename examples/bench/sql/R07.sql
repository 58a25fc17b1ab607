-- R07 Tasks in progress per rep: per owner, the tasks created at or
-- before as_of and not completed then (no completion time at or before
-- as_of, and, with no completion time at all, a status other than
-- completed) whose due date is not before as_of, or that have no due
-- date. Every listed owner has a row; an unlisted owner id and the
-- unassigned bucket (owner '') get one once a task of theirs is completed
-- in the period or was created by as_of, as in R06.
-- Rows: kind 'rep' per owner; 'team' adding them up (owner NULL);
-- 'no_time', the tasks with no creation time, and 'created_after', those
-- created after as_of, which are in no state.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
		getvariable('as_of') AS as_of
),
tasks AS (
	SELECT coalesce(a.owner, '') AS owner, a."time",
		a.task_completed >= p_start AND a.task_completed < p_end AS completed_in_period,
		a."time" <= as_of AS created,
		a.task_completed <= as_of
			OR (a.task_completed IS NULL AND a.task_status = 'completed') AS done,
		a.task_due < as_of AS past_due
	FROM activities a, params
	WHERE a.type = 'task'
),
counted AS (
	SELECT owner,
		count(*) FILTER (WHERE created AND NOT coalesce(done, false)
			AND NOT coalesce(past_due, false)) AS in_progress
	FROM tasks
	WHERE completed_in_period OR created
	GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
rows AS (
	SELECT r.owner, coalesce(c.in_progress, 0) AS in_progress
	FROM reps r LEFT JOIN counted c USING (owner)
)
SELECT 'rep' AS kind, owner, in_progress FROM rows
UNION ALL
SELECT 'team', NULL, coalesce(sum(in_progress), 0) FROM rows
UNION ALL
SELECT 'no_time', NULL, count(*) FROM tasks WHERE "time" IS NULL
UNION ALL
SELECT 'created_after', NULL, count(*) FROM tasks WHERE NOT created
