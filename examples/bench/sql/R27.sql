-- R27 New leads vs last week: the contacts created each day of the week
-- that holds as_of (from week_start, cut in the portal's time zone) up to
-- as_of, beside those created on the same weekday of the week before (the
-- seven calendar days before it, whole days), with the totals' change.
--
-- Days that start after as_of are marked future and count nothing.
-- this_week counts the week's contacts up to as_of; last_week_to_date the
-- last week's up to the same weekday and clock time (as_of seven calendar
-- days earlier), last_week_total the whole of last week's. change is
-- (this_week − last_week_to_date) ÷ last_week_to_date, rounded half away
-- from zero to 6 places, none when last week had none by then. Contacts
-- without a creation date are counted in no_created.
--
-- Columns: kind, day start, weekday, count, last week's count, future,
-- change.
WITH params AS (
	SELECT t, ws, ws + INTERVAL 7 DAY AS we, ws - INTERVAL 7 DAY AS lws,
		t - INTERVAL 7 DAY AS last_t
	FROM (
		SELECT getvariable('as_of') AS t,
			date_trunc('day', getvariable('as_of')) - to_days(CAST((dayofweek(getvariable('as_of'))
				- list_position(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
					'saturday'], getvariable('week_start')) + 1 + 7) % 7 AS INTEGER)) AS ws
	)
),
days AS (
	SELECT p.ws + to_days(CAST(k AS INTEGER)) AS start,
		p.ws + to_days(CAST(k + 1 AS INTEGER)) AS "end",
		p.lws + to_days(CAST(k AS INTEGER)) AS last_start,
		p.lws + to_days(CAST(k + 1 AS INTEGER)) AS last_end
	FROM params p, range(7) AS r(k)
),
totals AS (
	SELECT
		count(*) FILTER (WHERE c.created >= p.ws AND c.created < p.we AND c.created <= p.t)
			AS this_week,
		count(*) FILTER (WHERE c.created >= p.lws AND c.created < p.ws AND c.created <= p.last_t)
			AS last_to_date,
		count(*) FILTER (WHERE c.created >= p.lws AND c.created < p.ws) AS last_total,
		count(*) FILTER (WHERE c.created IS NULL) AS no_created
	FROM contacts c, params p
)
SELECT 'day', d.start, strftime(d.start, '%A'),
	(SELECT count(*) FROM contacts c, params p
		WHERE c.created >= d.start AND c.created < d."end" AND c.created <= p.t),
	(SELECT count(*) FROM contacts c
		WHERE c.created >= d.last_start AND c.created < d.last_end),
	d.start > (SELECT t FROM params), NULL
FROM days d
UNION ALL
SELECT 'this_week', NULL, NULL, this_week, NULL, NULL, NULL FROM totals
UNION ALL
SELECT 'last_week_to_date', NULL, NULL, last_to_date, NULL, NULL, NULL FROM totals
UNION ALL
SELECT 'last_week_total', NULL, NULL, last_total, NULL, NULL, NULL FROM totals
UNION ALL
SELECT 'change', NULL, NULL, NULL, NULL, NULL,
	CASE WHEN last_to_date > 0 THEN
		sign(this_week - last_to_date)
			* ((2 * abs(this_week - last_to_date) * 1000000 + last_to_date) // (2 * last_to_date))
			/ 1e6
	END
FROM totals
UNION ALL
SELECT 'no_created', NULL, NULL, no_created, NULL, NULL, NULL FROM totals
