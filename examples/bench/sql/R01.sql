-- R01 Activities by type: the activities whose time falls in the period,
-- counted by type per owner. Every listed owner has a row, zeros included;
-- an owner id no owner lists, and the unassigned bucket (owner ''), get a
-- row once an activity names them. Activities of another type, or with no
-- time, are in no row.
WITH counted AS (
	SELECT coalesce(owner, '') AS owner,
		count(*) FILTER (WHERE type = 'call') AS calls,
		count(*) FILTER (WHERE type = 'email') AS emails,
		count(*) FILTER (WHERE type = 'meeting') AS meetings,
		count(*) FILTER (WHERE type = 'task') AS tasks,
		count(*) FILTER (WHERE type = 'note') AS notes
	FROM activities
	WHERE "time" >= getvariable('period_start') AND "time" < getvariable('period_end')
		AND type IN ('call', 'email', 'meeting', 'task', 'note')
	GROUP BY ALL
),
rows AS (
	SELECT id AS owner FROM owners
	UNION
	SELECT owner FROM counted
)
SELECT r.owner,
	coalesce(c.calls, 0), coalesce(c.emails, 0), coalesce(c.meetings, 0),
	coalesce(c.tasks, 0), coalesce(c.notes, 0),
	coalesce(c.calls + c.emails + c.meetings + c.tasks + c.notes, 0)
FROM rows r LEFT JOIN counted c USING (owner)
