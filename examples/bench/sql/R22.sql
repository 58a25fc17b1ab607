-- R22 Average won amount: the mean and the median amount, in the home
-- currency, of the deals won in the period (by close date, half-open).
--
-- Won comes from the kind of the deal's stage in its pipeline. The mean
-- and the median are over the won deals that have a value: a won deal
-- without an amount (no_amount) or whose currency has no positive rate
-- (no_rate) counts in won and is left out of both; an amount of 0 counts.
-- Both are rounded half away from zero to two places, exactly: the mean
-- is guessed in floating point and corrected against the decimal sum; the
-- median of an even count is the mean of the two middle amounts. Both are
-- NULL when no won deal has a value. The row also counts, over the whole
-- portal, closed deals without a close date and deals whose stage is not
-- in their pipeline.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
won AS (
	SELECT * FROM deal
	WHERE kind = 'won'
		AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
),
figures AS (
	SELECT count(*) AS won, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE no_amount) AS no_amount,
		count(*) FILTER (WHERE value IS NULL AND NOT no_amount) AS no_rate,
		count(value) AS valued,
		CAST(round(sum(value)::DOUBLE / nullif(count(value), 0), 2) AS DECIMAL(38, 2)) AS guess,
		round(median(value), 2) AS median
	FROM won
)
SELECT won, value, no_amount, no_rate,
	CASE
		WHEN guess IS NULL THEN NULL
		WHEN value >= 0 AND (guess + 0.005) * valued <= value THEN guess + 0.01
		WHEN value >= 0 AND (guess - 0.005) * valued > value THEN guess - 0.01
		WHEN value < 0 AND (guess - 0.005) * valued >= value THEN guess - 0.01
		WHEN value < 0 AND (guess + 0.005) * valued < value THEN guess + 0.01
		ELSE guess
	END AS mean,
	median,
	(SELECT count(*) FROM deal WHERE kind IN ('won', 'lost') AND close_date IS NULL)
		AS no_close_date,
	(SELECT count(*) FROM deal WHERE kind IS NULL) AS unknown_stage
FROM figures
