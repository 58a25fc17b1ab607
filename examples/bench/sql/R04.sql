-- R04 Call time per rep per day: per owner and per local day of the
-- period (days cut in the session's time zone, the first and last clipped
-- to the period, a day named by its start), the calls whose time falls
-- that day and their total duration in seconds. Calls of both directions
-- count; a call with no duration lasted 0; a call with a negative
-- duration counts as a call and adds no time. Every listed owner has a
-- row for every day, zeros included; an unlisted owner id and the
-- unassigned bucket (owner '') get rows once a call names them.
-- Rows: kind 'day' per owner and day; 'total' per owner over the period
-- (day NULL); the team's rows of both kinds with owner NULL; 'no_time',
-- whose calls column is the calls with no time; and 'negative_duration',
-- the calls in the period with a negative duration.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end
),
days AS (
	SELECT greatest(s, p_start) AS day
	FROM params, unnest(generate_series(date_trunc('day', p_start), p_end, INTERVAL 1 DAY)) AS g(s)
	WHERE s < p_end AND p_start < p_end
),
calls AS (
	SELECT coalesce(a.owner, '') AS owner, greatest(p_start, date_trunc('day', a."time")) AS day,
		coalesce(a.duration_ns, 0) AS ns
	FROM activities a, params
	WHERE a.type = 'call' AND a."time" >= p_start AND a."time" < p_end
),
counted AS (
	SELECT owner, day, count(*) AS calls, sum(ns) FILTER (WHERE ns >= 0) AS ns
	FROM calls GROUP BY ALL
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
cells AS (
	SELECT r.owner, d.day, coalesce(c.calls, 0) AS calls, coalesce(c.ns, 0) AS ns
	FROM reps r CROSS JOIN days d LEFT JOIN counted c ON c.owner = r.owner AND c.day = d.day
)
SELECT 'day' AS kind, owner, day, calls, ns / 1e9 AS seconds FROM cells
UNION ALL
SELECT 'total', r.owner, NULL, coalesce(sum(c.calls), 0), coalesce(sum(c.ns), 0) / 1e9
FROM reps r LEFT JOIN cells c USING (owner) GROUP BY r.owner
UNION ALL
SELECT 'day', NULL, d.day, coalesce(sum(c.calls), 0), coalesce(sum(c.ns), 0) / 1e9
FROM days d LEFT JOIN cells c USING (day) GROUP BY d.day
UNION ALL
SELECT 'total', NULL, NULL, coalesce(sum(calls), 0), coalesce(sum(ns), 0) / 1e9 FROM cells
UNION ALL
SELECT 'no_time', NULL, NULL, count(*), NULL
FROM activities WHERE type = 'call' AND "time" IS NULL
UNION ALL
SELECT 'negative_duration', NULL, NULL, count(*), NULL FROM calls WHERE ns < 0
