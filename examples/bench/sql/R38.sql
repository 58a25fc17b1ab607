-- R38 Average basket vs previous period: per bucket of the period (unit
-- and week_start as set), the deals won in it (by close date) and their
-- mean amount, beside the same for the bucket before, with the relative
-- change of the mean.
--
-- The bucket before the first is the whole bucket of the unit before the
-- one that holds period_start, even when the period starts inside a
-- bucket; every other bucket's is the one before it. Won comes from the
-- kind of the deal's stage in its pipeline. Means are over the won deals
-- that have a value in the home currency (those without an amount or
-- without a rate count in no_amount and no_rate; an amount of 0 counts),
-- rounded half away from zero to two places, exactly: a guess in floating
-- point corrected against the decimal sum. A bucket without such a deal
-- has no mean. The change is (mean - previous mean) / previous mean,
-- rounded half away from zero to six places the same way; NULL when
-- either mean is missing or the previous one is 0. The last rows count,
-- over the whole portal, closed deals without a close date and deals
-- whose stage is not in their pipeline.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
-- The period's buckets (period_bucket in macros.sql).
bucket AS (SELECT * FROM period_bucket()),
-- The bucket before the first, numbered -1, and the period's buckets.
span AS (
	SELECT -1 AS bucket, prev AS start, whole AS "end" FROM bucket WHERE bucket = 0
	UNION ALL
	SELECT bucket, start, "end" FROM bucket
),
tally AS (
	SELECT s.bucket, count(d.close_date) AS n, coalesce(sum(d.value), 0) AS value,
		count(d.close_date) FILTER (WHERE d.no_amount) AS no_amount,
		count(d.close_date) FILTER (WHERE d.value IS NULL AND NOT d.no_amount) AS no_rate,
		count(d.value) AS valued,
		CAST(round(sum(d.value)::DOUBLE / nullif(count(d.value), 0), 2) AS DECIMAL(38, 2))
			AS guess
	FROM span s
	LEFT JOIN deal d ON d.kind = 'won' AND d.close_date >= s.start AND d.close_date < s."end"
	GROUP BY s.bucket
),
mean AS (
	SELECT bucket, n, value, no_amount, no_rate,
		CASE
			WHEN guess IS NULL THEN NULL
			WHEN value >= 0 AND (guess + 0.005) * valued <= value THEN guess + 0.01
			WHEN value >= 0 AND (guess - 0.005) * valued > value THEN guess - 0.01
			WHEN value < 0 AND (guess - 0.005) * valued >= value THEN guess - 0.01
			WHEN value < 0 AND (guess + 0.005) * valued < value THEN guess + 0.01
			ELSE guess
		END AS mean
	FROM tally
),
pair AS (
	SELECT b.bucket, b.label, b.start, m.n, m.value, m.no_amount, m.no_rate, m.mean,
		p.n AS prev_n, p.value AS prev_value, p.no_amount AS prev_no_amount,
		p.no_rate AS prev_no_rate, p.mean AS prev_mean,
		CAST(round((m.mean - p.mean)::DOUBLE / nullif(p.mean, 0)::DOUBLE, 6) AS DECIMAL(20, 6))
			AS g,
		(m.mean - p.mean) * sign(p.mean) AS num, abs(p.mean) AS den
	FROM bucket b
	JOIN mean m ON m.bucket = b.bucket
	JOIN mean p ON p.bucket = b.bucket - 1
)
SELECT 'bucket' AS kind, bucket, label, start, n, value, no_amount, no_rate, mean,
	prev_n, prev_value, prev_no_amount, prev_no_rate, prev_mean,
	CASE
		WHEN g IS NULL THEN NULL
		WHEN num >= 0 AND (g + 0.0000005) * den <= num THEN g + 0.000001
		WHEN num >= 0 AND (g - 0.0000005) * den > num THEN g - 0.000001
		WHEN num < 0 AND (g - 0.0000005) * den >= num THEN g - 0.000001
		WHEN num < 0 AND (g + 0.0000005) * den < num THEN g + 0.000001
		ELSE g
	END AS change
FROM pair
UNION ALL
SELECT 'no_close_date', NULL, NULL, NULL,
	count(*) FILTER (WHERE kind IN ('won', 'lost') AND close_date IS NULL),
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM deal
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, count(*) FILTER (WHERE kind IS NULL),
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM deal
