-- R05 Average call time per day: per owner, the mean of the owner's daily
-- call time over the local days of the period on which the owner had at
-- least one call (a day whose calls all lasted 0 counts, with 0; a day
-- with no call does not), as its sum in seconds, its number of days and
-- its value in seconds, the sum over the days rounded to the nearest
-- nanosecond (halves up), NULL for an owner with no call. Days, owners
-- and durations follow R04: a negative duration adds no time. Every
-- listed owner has a row; an unlisted owner id and the unassigned bucket
-- (owner '') get one once a call names them.
-- Rows: kind 'rep' per owner; 'team', pooled over every (owner, day) pair
-- with a call; 'no_time', whose sum column is the calls with no time;
-- and 'negative_duration', the calls in the period with a negative
-- duration.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end
),
calls AS (
	SELECT coalesce(a.owner, '') AS owner, greatest(p_start, date_trunc('day', a."time")) AS day,
		coalesce(a.duration_ns, 0) AS ns
	FROM activities a, params
	WHERE a.type = 'call' AND a."time" >= p_start AND a."time" < p_end
),
owner_days AS (
	SELECT owner, day, coalesce(sum(ns) FILTER (WHERE ns >= 0), 0)::HUGEINT AS ns
	FROM calls GROUP BY ALL
),
per_owner AS (
	SELECT owner, sum(ns) AS ns, count(*) AS n FROM owner_days GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM per_owner
),
rows AS (
	SELECT r.owner, coalesce(p.ns, 0) AS ns, coalesce(p.n, 0) AS n
	FROM reps r LEFT JOIN per_owner p USING (owner)
),
all_rows AS (
	SELECT 'rep' AS kind, owner, ns, n FROM rows
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(ns), 0), coalesce(sum(n), 0) FROM rows
)
SELECT kind, owner, ns / 1e9 AS sum_seconds, n,
	CASE WHEN n > 0 THEN ((2 * ns + n) // (2 * n)) / 1e9 END AS mean_seconds
FROM all_rows
UNION ALL
SELECT 'no_time', NULL, count(*), NULL, NULL
FROM activities WHERE type = 'call' AND "time" IS NULL
UNION ALL
SELECT 'negative_duration', NULL, count(*), NULL, NULL FROM calls WHERE ns < 0
