-- R34 Revenue vs target vs last year: per month of the calendar year that
-- holds period_start, the deals won (by close date) and the cumulative won
-- value, the month's target and the cumulative target, and the same month
-- a year earlier with its cumulative value; then the year's total.
--
-- Only won-value targets count. A target lies within a span when it
-- starts at or after its start, ends at or before its end and is not
-- empty. A month's target is the sum of the targets within the month at
-- the widest level that has one there: the portal's (no owner, no team),
-- else the teams', else the owners'; NULL, level 'none', when none lies
-- within it. The cumulative target adds up the months' targets so far,
-- NULL until a month has one. The year's target follows the same rule
-- over the targets within the year; those within no single month count in
-- unplaced_targets, those that overlap the year without lying within it
-- in partial_targets. Attainment is won value / target and growth is
-- (won value - last year's) / last year's, both rounded half away from
-- zero to six places, exactly (a guess in floating point corrected
-- against the decimal terms); NULL over a missing or zero denominator.
-- Won comes from the kind of the deal's stage in its pipeline. Values are
-- in the home currency; won deals without an amount or without a rate
-- count in no_amount and no_rate. The total row also carries the counts,
-- over the whole portal, of closed deals without a close date and of deals
-- whose stage is not in their pipeline.
--
-- This year's figures stop at "through": the period's end or as_of,
-- whichever comes first, no earlier than the year's start and no later
-- than its end; deals won from then on are not counted. A month that has not begun by then has no
-- attainment, and a month, or the year, not over by then has no growth.
-- The to_date row compares the year up to "through" with the same span a
-- year earlier (a "through" on 29 February a year earlier is 1 March),
-- with no target.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
year0 AS (
	SELECT date_trunc('year', getvariable('period_start')) AS start,
		date_trunc('year', getvariable('period_start')) + INTERVAL 1 YEAR AS "end",
		date_trunc('year', getvariable('period_start')) - INTERVAL 1 YEAR AS last_start,
		least(getvariable('period_end'), getvariable('as_of')) AS cut
),
year1 AS (
	SELECT start, "end", last_start, least(greatest(cut, start), "end") AS through
	FROM year0
),
year AS (
	SELECT start, "end", last_start, through,
		CASE WHEN month(through) = 2 AND day(through) = 29
			THEN through - INTERVAL 1 YEAR + INTERVAL 1 DAY
			ELSE through - INTERVAL 1 YEAR END AS last_through
	FROM year1
),
month AS (
	SELECT row_number() OVER (ORDER BY m.range) - 1 AS month, m.range AS start,
		m.range + INTERVAL 1 MONTH AS "end", m.range - INTERVAL 1 YEAR AS last_start,
		m.range - INTERVAL 1 YEAR + INTERVAL 1 MONTH AS last_end,
		strftime(m.range, '%Y-%m') AS label,
		m.range < y.through AS begun, m.range + INTERVAL 1 MONTH <= y.through AS complete
	FROM year y, range(y.start, y."end", INTERVAL 1 MONTH) m
),
won AS (
	SELECT * FROM deal WHERE kind = 'won'
),
tally AS (
	SELECT m.month,
		count(w.close_date) AS n, coalesce(sum(w.value), 0) AS value,
		count(w.close_date) FILTER (WHERE w.no_amount) AS no_amount,
		count(w.close_date) FILTER (WHERE w.value IS NULL AND NOT w.no_amount) AS no_rate
	FROM month m
	CROSS JOIN year y
	LEFT JOIN won w ON w.close_date >= m.start AND w.close_date < m."end"
		AND w.close_date < y.through
	GROUP BY m.month
),
last AS (
	SELECT m.month,
		count(w.close_date) AS n, coalesce(sum(w.value), 0) AS value,
		count(w.close_date) FILTER (WHERE w.no_amount) AS no_amount,
		count(w.close_date) FILTER (WHERE w.value IS NULL AND NOT w.no_amount) AS no_rate
	FROM month m
	LEFT JOIN won w ON w.close_date >= m.last_start AND w.close_date < m.last_end
	GROUP BY m.month
),
-- The won-value targets, each with its level and where it lies.
target AS (
	SELECT t.value,
		CASE WHEN t.owner IS NOT NULL THEN 3 WHEN t.team IS NOT NULL THEN 2 ELSE 1 END AS level,
		t."start" >= y.start AND t."end" <= y."end" AND t."start" < t."end" AS in_year,
		t."start" < y."end" AND y.start < t."end" AS overlaps_year,
		m.month
	FROM targets t
	CROSS JOIN year y
	LEFT JOIN month m ON t."start" >= m.start AND t."end" <= m."end" AND t."start" < t."end"
	WHERE t.metric = 'won_value'
),
month_target AS (
	SELECT month, level, sum(value) AS target,
		row_number() OVER (PARTITION BY month ORDER BY level) AS widest
	FROM target WHERE in_year AND month IS NOT NULL GROUP BY month, level
),
year_target AS (
	SELECT level, sum(value) AS target FROM target WHERE in_year
	GROUP BY level ORDER BY level LIMIT 1
),
-- The year so far a year earlier.
last_to_date AS (
	SELECT count(w.close_date) AS n, coalesce(sum(w.value), 0) AS value,
		count(w.close_date) FILTER (WHERE w.no_amount) AS no_amount,
		count(w.close_date) FILTER (WHERE w.value IS NULL AND NOT w.no_amount) AS no_rate
	FROM year y
	LEFT JOIN won w ON w.close_date >= y.last_start AND w.close_date < y.last_through
),
rows AS (
	SELECT 'month' AS kind, m.month, m.label, m.start, m.begun, m.complete,
		t.n, t.value, t.no_amount, t.no_rate,
		sum(t.value) OVER (ORDER BY m.month) AS cumulative,
		mt.target, coalesce(mt.level, 0) AS level,
		sum(mt.target) OVER (ORDER BY m.month) AS cumulative_target,
		l.n AS ly_n, l.value AS ly_value, l.no_amount AS ly_no_amount, l.no_rate AS ly_no_rate,
		sum(l.value) OVER (ORDER BY m.month) AS ly_cumulative
	FROM month m
	JOIN tally t USING (month)
	JOIN last l USING (month)
	LEFT JOIN month_target mt ON mt.month = m.month AND mt.widest = 1
	UNION ALL
	SELECT 'total', NULL, strftime(y.start, '%Y'), y.start, true, y."end" <= y.through,
		t.n, t.value, t.no_amount, t.no_rate,
		t.value, yt.target, coalesce(yt.level, 0), yt.target,
		l.n, l.value, l.no_amount, l.no_rate, l.value
	FROM year y
	CROSS JOIN (SELECT sum(n) AS n, sum(value) AS value, sum(no_amount) AS no_amount,
		sum(no_rate) AS no_rate FROM tally) t
	CROSS JOIN (SELECT sum(n) AS n, sum(value) AS value, sum(no_amount) AS no_amount,
		sum(no_rate) AS no_rate FROM last) l
	LEFT JOIN year_target yt ON true
	UNION ALL
	SELECT 'to_date', NULL, strftime(y.start, '%Y') || ' to date', y.start, true, true,
		t.n, t.value, t.no_amount, t.no_rate,
		t.value, NULL, 0, NULL,
		l.n, l.value, l.no_amount, l.no_rate, l.value
	FROM year y
	CROSS JOIN (SELECT sum(n) AS n, sum(value) AS value, sum(no_amount) AS no_amount,
		sum(no_rate) AS no_rate FROM tally) t
	CROSS JOIN last_to_date l
),
guess AS (
	SELECT *,
		CAST(round(value::DOUBLE / nullif(CASE WHEN begun THEN target END, 0)::DOUBLE, 6)
			AS DECIMAL(20, 6)) AS ga,
		value * sign(target) AS an, abs(target) AS ad,
		CAST(round((value - ly_value)::DOUBLE / nullif(CASE WHEN complete THEN ly_value END, 0)::DOUBLE, 6)
			AS DECIMAL(20, 6)) AS gg,
		(value - ly_value) * sign(ly_value) AS gn, abs(ly_value) AS gd
	FROM rows
)
SELECT kind, month, label, start, n, value, no_amount, no_rate, cumulative, target,
	['none', 'portal', 'teams', 'owners'][level + 1] AS level, cumulative_target,
	CASE
		WHEN ga IS NULL THEN NULL
		WHEN an >= 0 AND (ga + 0.0000005) * ad <= an THEN ga + 0.000001
		WHEN an >= 0 AND (ga - 0.0000005) * ad > an THEN ga - 0.000001
		WHEN an < 0 AND (ga - 0.0000005) * ad >= an THEN ga - 0.000001
		WHEN an < 0 AND (ga + 0.0000005) * ad < an THEN ga + 0.000001
		ELSE ga
	END AS attainment,
	ly_n, ly_value, ly_no_amount, ly_no_rate, ly_cumulative,
	CASE
		WHEN gg IS NULL THEN NULL
		WHEN gn >= 0 AND (gg + 0.0000005) * gd <= gn THEN gg + 0.000001
		WHEN gn >= 0 AND (gg - 0.0000005) * gd > gn THEN gg - 0.000001
		WHEN gn < 0 AND (gg - 0.0000005) * gd >= gn THEN gg - 0.000001
		WHEN gn < 0 AND (gg + 0.0000005) * gd < gn THEN gg + 0.000001
		ELSE gg
	END AS growth,
	CASE WHEN kind = 'total' THEN (SELECT count(*) FROM target WHERE in_year AND month IS NULL)
		END AS unplaced_targets,
	CASE WHEN kind = 'total' THEN (SELECT count(*) FROM target WHERE overlaps_year
		AND NOT in_year) END AS partial_targets,
	CASE WHEN kind = 'total' THEN (SELECT count(*) FROM deal WHERE kind IN ('won', 'lost')
		AND close_date IS NULL) END AS no_close_date,
	CASE WHEN kind = 'total' THEN (SELECT count(*) FROM deal WHERE kind IS NULL) END
		AS unknown_stage
FROM guess
