-- R23 Sales cycle of won deals: over the deals won in the period (by
-- close date, half-open), the mean, the median, the nearest-rank 90th
-- percentile, the minimum and the maximum of close - created, in days of
-- 24 hours of elapsed time.
--
-- Won comes from the kind of the deal's stage in its pipeline. A deal with
-- no creation date counts in no_created and one that closed before it was
-- created in negative; neither is measured. The median of an even count
-- is the mean of the two middle cycles; the 90th percentile is the cycle
-- at rank ceil(0.9 n) in increasing order. All figures are NULL when no
-- deal is measured. The row also counts, over the whole portal, closed
-- deals without a close date and deals whose stage is not in their
-- pipeline.
WITH cur AS (
	SELECT coalesce(currency, rates_base) AS home, coalesce(rates_base, currency) AS base
	FROM portal
),
rate AS (
	SELECT currency, to_base AS rate FROM rates
	WHERE to_base > 0 AND currency IS DISTINCT FROM (SELECT base FROM cur)
	UNION ALL
	SELECT base, 1 FROM cur
),
stage AS (
	SELECT pipeline, stage, arg_min_null(kind, position) AS kind
	FROM stages WHERE stage IS NOT NULL GROUP BY ALL
),
deal AS (
	SELECT d.*,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		CAST(CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, cur.home) = cur.home THEN d.amount
			WHEN cur.home = cur.base THEN d.amount * rf.rate
			ELSE round(d.amount * rf.rate / rt.rate, 8)
		END AS DECIMAL(38, 12)) AS value,
		d.amount IS NULL AS no_amount
	FROM deals d
	CROSS JOIN cur
	LEFT JOIN stage s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, cur.home)
	LEFT JOIN rate rt ON rt.currency = cur.home
),
closed AS (
	SELECT created, close_date FROM deal
	WHERE kind = 'won'
		AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
),
cycle AS (
	SELECT (epoch_us(close_date) - epoch_us(created)) / 86400e6 AS days,
		row_number() OVER (ORDER BY epoch_us(close_date) - epoch_us(created)) AS rank,
		count(*) OVER () AS n
	FROM closed
	WHERE created IS NOT NULL AND close_date >= created
),
figures AS (
	SELECT count(*) AS deals, avg(days) AS mean, min(days) AS min, max(days) AS max,
		avg(days) FILTER (WHERE rank IN ((n + 1) // 2, n // 2 + 1)) AS median,
		any_value(days) FILTER (WHERE rank = greatest(1, (90 * n + 99) // 100)) AS p90
	FROM cycle
)
SELECT deals, greatest(least(mean, max), min) AS mean_days, median AS median_days,
	p90 AS p90_days, min AS min_days, max AS max_days,
	(SELECT count(*) FROM closed WHERE created IS NULL) AS no_created,
	(SELECT count(*) FROM closed WHERE close_date < created) AS negative,
	(SELECT count(*) FROM deal WHERE kind IN ('won', 'lost') AND close_date IS NULL)
		AS no_close_date,
	(SELECT count(*) FROM deal WHERE kind IS NULL) AS unknown_stage
FROM figures
