-- R18 Average meeting duration per rep: per owner, the meetings held
-- (outcome completed) whose start falls in the period, and the mean of
-- end − start over those with an end at or after their start: its sum in
-- seconds, its count and its value in seconds, the sum over the count
-- rounded to the nearest nanosecond (halves up), NULL over none. Held
-- meetings with no end, and those that end before they start, count in
-- held and apart, never in the mean. Meetings with another outcome, or
-- none, were not held. Every listed owner has a row; an unlisted owner id
-- and the unassigned bucket (owner '') get one once a held meeting names
-- them.
-- Rows: kind 'rep' per owner; 'team' adding them up (owner NULL); and
-- 'no_time', whose held column is the meetings (of any outcome) with no
-- start time.
WITH held AS (
	SELECT coalesce(owner, '') AS owner, "time", meeting_end,
		CASE WHEN meeting_end >= "time"
			THEN (epoch_us(meeting_end)::HUGEINT - epoch_us("time")) * 1000 END AS ns
	FROM activities
	WHERE type = 'meeting' AND meeting_outcome = 'completed'
		AND "time" >= getvariable('period_start') AND "time" < getvariable('period_end')
),
counted AS (
	SELECT owner, count(*) AS held, coalesce(sum(ns), 0) AS ns, count(ns) AS n,
		count(*) FILTER (WHERE meeting_end IS NULL) AS no_end,
		count(*) FILTER (WHERE meeting_end < "time") AS end_before_start
	FROM held GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
rows AS (
	SELECT r.owner, coalesce(c.held, 0) AS held, coalesce(c.ns, 0) AS ns, coalesce(c.n, 0) AS n,
		coalesce(c.no_end, 0) AS no_end, coalesce(c.end_before_start, 0) AS end_before_start
	FROM reps r LEFT JOIN counted c USING (owner)
),
all_rows AS (
	SELECT 'rep' AS kind, * FROM rows
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(held), 0), coalesce(sum(ns), 0), coalesce(sum(n), 0),
		coalesce(sum(no_end), 0), coalesce(sum(end_before_start), 0)
	FROM rows
)
SELECT kind, owner, held, ns / 1e9 AS sum_seconds, n,
	CASE WHEN n > 0 THEN ((2 * ns + n) // (2 * n)) / 1e9 END AS mean_seconds,
	no_end, end_before_start
FROM all_rows
UNION ALL
SELECT 'no_time', NULL, count(*), NULL, NULL, NULL, NULL, NULL
FROM activities WHERE type = 'meeting' AND "time" IS NULL
