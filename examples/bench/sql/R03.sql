-- R03 Emails per rep over time: the emails whose time falls in the
-- period, counted per owner and per bucket of the period, split by
-- direction: sent (outbound), received (inbound) and unknown (no or
-- another direction). Buckets are cut in the session's time zone by the
-- unit (day, week from week_start, month, quarter, year; the fiscal units
-- as the calendar ones, the fiscal year starting in January), the first
-- and last clipped to the period; a bucket is named by its start.
-- Every listed owner has a row for every bucket, zeros included; an
-- unlisted owner id and the unassigned bucket (owner '') get rows once an
-- email names them.
-- Rows: kind 'bucket' per owner and bucket; 'total' per owner over the
-- period (bucket NULL); the team's rows of both kinds with owner NULL;
-- and 'no_time', whose first count is the emails with no time.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
		replace(getvariable('unit'), 'fiscal-', '') AS unit,
		list_position(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
			'saturday'], getvariable('week_start')) - 1 AS week_day
),
-- floor_of(t): the start of the unit's whole bucket that holds t.
grid AS (
	SELECT greatest(s, p_start) AS bucket
	FROM params, unnest(generate_series(
		CASE unit WHEN 'week' THEN date_trunc('day', p_start)
			- to_days(CAST((dayofweek(p_start) - week_day + 7) % 7 AS INTEGER))
			ELSE date_trunc(unit, p_start) END,
		p_end,
		CASE unit WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
			WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
			ELSE INTERVAL 12 MONTH END)) AS g(s)
	WHERE s < p_end AND p_start < p_end
),
emails AS (
	SELECT coalesce(a.owner, '') AS owner, a.direction,
		greatest(p_start, CASE unit WHEN 'week' THEN date_trunc('day', a."time")
			- to_days(CAST((dayofweek(a."time") - week_day + 7) % 7 AS INTEGER))
			ELSE date_trunc(unit, a."time") END) AS bucket
	FROM activities a, params
	WHERE a.type = 'email' AND a."time" >= p_start AND a."time" < p_end
),
counted AS (
	SELECT owner, bucket,
		count(*) FILTER (WHERE direction = 'outbound') AS sent,
		count(*) FILTER (WHERE direction = 'inbound') AS received,
		count(*) FILTER (WHERE direction IS DISTINCT FROM 'outbound'
			AND direction IS DISTINCT FROM 'inbound') AS unknown
	FROM emails
	GROUP BY ALL
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
cells AS (
	SELECT r.owner, g.bucket, coalesce(c.sent, 0) AS sent,
		coalesce(c.received, 0) AS received, coalesce(c.unknown, 0) AS unknown
	FROM reps r CROSS JOIN grid g LEFT JOIN counted c ON c.owner = r.owner AND c.bucket = g.bucket
)
SELECT 'bucket' AS kind, owner, bucket, sent, received, unknown FROM cells
UNION ALL
SELECT 'total', r.owner, NULL, coalesce(sum(c.sent), 0), coalesce(sum(c.received), 0),
	coalesce(sum(c.unknown), 0)
FROM reps r LEFT JOIN cells c USING (owner) GROUP BY r.owner
UNION ALL
SELECT 'bucket', NULL, g.bucket, coalesce(sum(c.sent), 0), coalesce(sum(c.received), 0),
	coalesce(sum(c.unknown), 0)
FROM grid g LEFT JOIN cells c USING (bucket) GROUP BY g.bucket
UNION ALL
SELECT 'total', NULL, NULL, coalesce(sum(sent), 0), coalesce(sum(received), 0),
	coalesce(sum(unknown), 0)
FROM cells
UNION ALL
SELECT 'no_time', NULL, NULL, count(*), NULL, NULL
FROM activities WHERE type = 'email' AND "time" IS NULL
