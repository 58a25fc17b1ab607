-- R06 Tasks completed per rep: per owner, the tasks whose completion time
-- falls in the period (whenever they were created, and whether or not
-- they have a creation time), beside the tasks done at as_of: created at
-- or before as_of and completed by then, which is a completion time at or
-- before as_of, or, with no completion time, the status completed.
-- Every listed owner has a row; an unlisted owner id and the unassigned
-- bucket (owner '') get one once a task of theirs is completed in the
-- period or was created by as_of.
-- Rows: kind 'rep' per owner; 'team' adding them up (owner NULL); and
-- 'completed_undated', whose first count is the tasks done at as_of
-- with no completion time.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
		getvariable('as_of') AS as_of
),
tasks AS (
	SELECT coalesce(a.owner, '') AS owner,
		a.task_completed >= p_start AND a.task_completed < p_end AS completed_in_period,
		a."time" <= as_of AS created,
		a."time" <= as_of AND (a.task_completed <= as_of
			OR (a.task_completed IS NULL AND a.task_status = 'completed')) AS done,
		a.task_completed IS NULL AS undated
	FROM activities a, params
	WHERE a.type = 'task'
),
counted AS (
	SELECT owner, count(*) FILTER (WHERE completed_in_period) AS completed,
		count(*) FILTER (WHERE done) AS done
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
	SELECT r.owner, coalesce(c.completed, 0) AS completed, coalesce(c.done, 0) AS done
	FROM reps r LEFT JOIN counted c USING (owner)
)
SELECT 'rep' AS kind, owner, completed, done FROM rows
UNION ALL
SELECT 'team', NULL, coalesce(sum(completed), 0), coalesce(sum(done), 0) FROM rows
UNION ALL
SELECT 'completed_undated', NULL, count(*), NULL FROM tasks WHERE done AND undated
