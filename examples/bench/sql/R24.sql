-- R24 Sales cycle of lost deals: over the deals lost in the period (by
-- close date, half-open), the mean, the median, the nearest-rank 90th
-- percentile, the minimum and the maximum of close - created, in days of
-- 24 hours of elapsed time.
--
-- Lost comes from the kind of the deal's stage in its pipeline. A deal with
-- no creation date counts in no_created and one that closed before it was
-- created in negative; neither is measured. The median of an even count
-- is the mean of the two middle cycles; the 90th percentile is the cycle
-- at rank ceil(0.9 n) in increasing order. All figures are NULL when no
-- deal is measured. The row also counts, over the whole portal, closed
-- deals without a close date and deals whose stage is not in their
-- pipeline.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
closed AS (
	SELECT created, close_date FROM deal
	WHERE kind = 'lost'
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
