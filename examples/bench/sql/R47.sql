-- R47 Overdue tasks: the tasks overdue at as_of, the most overdue first:
-- the task, its subject, owner, creation, due date, the whole calendar days
-- from the due date to as_of, and the first deal, company and contact it
-- is about, with their names.
--
-- Edge rules:
--   * Overdue: a task created at or before as_of (a task with no time is
--     not one yet), not completed at as_of, due before as_of. Completed at
--     as_of: a completion time at or before as_of, or no completion time
--     and the status completed. A task with no due date is never overdue.
--   * days_overdue counts the local dates (session time zone) between the
--     due date and as_of, less one when as_of's time of day is earlier.
--   * The owner's name is "unassigned" for no owner, the owner's id for an
--     owner not listed or listed without a name.
--   * "About" is the link at position 0 of each link table; a name is that
--     of the first record listed with the id, empty when none is listed;
--     no link gives empty id and name.
--   * Rows come by due date, then task id, then the task's place in the
--     table.
--   * Then one row: no_time in the task column and, in days_overdue, the
--     number of tasks with no time, which are in no state and not listed.
WITH owner AS (
	SELECT id, arg_min_null(name, rowid) AS name FROM owners GROUP BY id
),
overdue AS (
	SELECT a.rowid AS pos, a.*
	FROM activities a
	WHERE a.type = 'task' AND a.time <= getvariable('as_of')
		AND NOT coalesce(a.task_completed <= getvariable('as_of'),
			a.task_status = 'completed', false)
		AND a.task_due < getvariable('as_of')
),
-- The first link of each kind, and the name of the record it names.
first_link AS (
	SELECT 'deal' AS kind, activity, arg_min_null(deal, position) AS id
	FROM activity_deals GROUP BY activity
	UNION ALL
	SELECT 'company', activity, arg_min_null(company, position)
	FROM activity_companies GROUP BY activity
	UNION ALL
	SELECT 'contact', activity, arg_min_null(contact, position)
	FROM activity_contacts GROUP BY activity
),
named AS (
	SELECT 'deal' AS kind, id, arg_min_null(name, rowid) AS name FROM deals GROUP BY id
	UNION ALL
	SELECT 'company', id, arg_min_null(name, rowid) FROM companies GROUP BY id
	UNION ALL
	SELECT 'contact', id, arg_min_null(name, rowid) FROM contacts GROUP BY id
),
about AS (
	SELECT l.activity, l.kind, coalesce(l.id, '') AS id, coalesce(n.name, '') AS name
	FROM first_link l
	LEFT JOIN named n ON n.kind = l.kind AND n.id = l.id
	WHERE l.activity IN (SELECT id FROM overdue)
)
SELECT task, subject, owner, owner_name, created, due, days_overdue, deal, deal_name, company,
	company_name, contact, contact_name
FROM (
	SELECT 0 AS section, t.task_due AS sort_due, coalesce(t.id, '') AS sort_id, t.pos AS sort_pos,
		coalesce(t.id, '') AS task, coalesce(t.subject, '') AS subject,
		coalesce(t.owner, '') AS owner,
		CASE WHEN t.owner IS NULL THEN 'unassigned' ELSE coalesce(o.name, t.owner) END AS owner_name,
		t.time AS created, t.task_due AS due,
		date_diff('day', t.task_due::DATE, getvariable('as_of')::DATE)
			- CASE WHEN getvariable('as_of')::TIMESTAMP::TIME < t.task_due::TIMESTAMP::TIME
				THEN 1 ELSE 0 END AS days_overdue,
		coalesce(d.id, '') AS deal, coalesce(d.name, '') AS deal_name,
		coalesce(c.id, '') AS company, coalesce(c.name, '') AS company_name,
		coalesce(p.id, '') AS contact, coalesce(p.name, '') AS contact_name
	FROM overdue t
	LEFT JOIN owner o ON o.id = t.owner
	LEFT JOIN about d ON d.activity = t.id AND d.kind = 'deal'
	LEFT JOIN about c ON c.activity = t.id AND c.kind = 'company'
	LEFT JOIN about p ON p.activity = t.id AND p.kind = 'contact'
	UNION ALL
	SELECT 1, NULL, NULL, NULL, 'no_time', NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL, NULL,
		NULL, NULL, NULL
	FROM activities WHERE type = 'task' AND time IS NULL
)
ORDER BY section, sort_due, sort_id, sort_pos
