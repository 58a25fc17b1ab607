-- R42 Sales to new vs existing customers: the deals won in each bucket of
-- the period, split into new business, existing customers and deals with
-- no company, with count, value in the home currency and the deals that
-- add no value (no amount, no rate); then the whole period's split, each
-- company's first win, the deals counted as new for want of an earlier
-- win (per company: its first such deal's close and bucket, and their
-- tally), and how many deals were classified by type and by history.
--
-- Edge rules:
--   * A deal is won when the stage its pipeline lists for it has kind won;
--     deals whose stage is not listed count as unknown_stage, won deals
--     without a close date as no_close_date, whatever their dates.
--   * Buckets are cut in the session's time zone, the first starting at
--     the period's start and the last ending at its end; every bucket has
--     its rows, empty or not. Units: day, week (from week_start), month,
--     quarter, year.
--   * A deal typed existing_business or new_business is what its type
--     says. Any other deal is existing business when its company (by id,
--     listed or not) won a deal, at any time before the period ends, that
--     closed strictly before this one; else new business; with no
--     company, it goes to no_company.
--   * Values convert into the home currency: exact into the rates' base
--     currency, else rounded to 8 places (in DOUBLE here); a currency
--     without a positive rate adds no value and counts in no_rate.
-- Each deal with its stage kind and its value in the home currency
-- (deal_home_value in macros.sql).
WITH deal AS (SELECT * FROM deal_home_value()),
-- The start of the bucket that holds t, before clipping to the period.
unit AS (
	SELECT getvariable('unit') AS unit,
		to_days(CAST(list_position(['monday', 'tuesday', 'wednesday', 'thursday', 'friday',
			'saturday', 'sunday'], getvariable('week_start')) - 1 AS INTEGER)) AS week_shift,
		CASE getvariable('unit')
			WHEN 'day' THEN INTERVAL 1 DAY
			WHEN 'week' THEN INTERVAL 7 DAY
			WHEN 'month' THEN INTERVAL 1 MONTH
			WHEN 'quarter' THEN INTERVAL 3 MONTH
			WHEN 'year' THEN INTERVAL 12 MONTH
			ELSE error('R42: unit ' || getvariable('unit') || ' is not supported')
		END AS step
),
bucket AS (
	SELECT greatest(b.start, getvariable('period_start')) AS start
	FROM unit u, generate_series(
		CASE WHEN u.unit = 'week'
			THEN date_trunc('week', getvariable('period_start') - u.week_shift) + u.week_shift
			ELSE date_trunc(u.unit, getvariable('period_start'))
		END,
		getvariable('period_end') - INTERVAL 1 MICROSECOND, u.step) AS b(start)
),
first_win AS (
	SELECT company, min(close_date) AS first_close
	FROM deal
	WHERE kind = 'won' AND close_date < getvariable('period_end') AND company IS NOT NULL
	GROUP BY company
),
won AS (
	SELECT d.*, greatest(getvariable('period_start'),
			CASE WHEN u.unit = 'week'
				THEN date_trunc('week', d.close_date - u.week_shift) + u.week_shift
				ELSE date_trunc(u.unit, d.close_date)
			END) AS bucket,
		coalesce(d.type IN ('existing_business', 'new_business'), false) AS by_type,
		CASE
			WHEN d.type = 'existing_business' THEN 'existing'
			WHEN d.type = 'new_business' THEN 'new'
			WHEN d.company IS NULL THEN 'no_company'
			WHEN f.first_close < d.close_date THEN 'existing'
			ELSE 'new'
		END AS split
	FROM deal d
	CROSS JOIN unit u
	LEFT JOIN first_win f ON f.company = d.company
	WHERE d.kind = 'won' AND d.close_date >= getvariable('period_start')
		AND d.close_date < getvariable('period_end')
),
split AS (
	SELECT * FROM (VALUES ('new'), ('existing'), ('no_company'), ('total')) s(split)
),
-- Each deal once under its split and once under the total.
counted AS (
	SELECT bucket, split, value, amount FROM won
	UNION ALL
	SELECT bucket, 'total', value, amount FROM won
),
pending AS (
	SELECT company, arg_min_null(close_date, pos) AS first_close, arg_min_null(bucket, pos) AS bucket,
		count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL) AS no_rate
	FROM won
	WHERE NOT by_type AND company IS NOT NULL AND split = 'new'
	GROUP BY company
)
SELECT 'bucket' AS kind, b.start AS bucket, s.split AS key, NULL AS first_close,
	count(c.split) AS n, coalesce(sum(c.value), 0) AS value,
	count(c.split) FILTER (WHERE c.amount IS NULL) AS no_amount,
	count(c.split) FILTER (WHERE c.amount IS NOT NULL AND c.value IS NULL) AS no_rate
FROM bucket b CROSS JOIN split s
LEFT JOIN counted c ON c.bucket = b.start AND c.split = s.split
GROUP BY ALL
UNION ALL
SELECT 'total', NULL, s.split, NULL,
	count(c.split), coalesce(sum(c.value), 0),
	count(c.split) FILTER (WHERE c.amount IS NULL),
	count(c.split) FILTER (WHERE c.amount IS NOT NULL AND c.value IS NULL)
FROM split s LEFT JOIN counted c ON c.split = s.split
GROUP BY ALL
UNION ALL
SELECT 'first_win', NULL, company, first_close, NULL, NULL, NULL, NULL FROM first_win
UNION ALL
SELECT 'pending', bucket, company, first_close, n, value, no_amount, no_rate FROM pending
UNION ALL
SELECT 'by_type', NULL, NULL, NULL, count(*) FILTER (WHERE by_type), NULL, NULL, NULL FROM won
UNION ALL
SELECT 'by_history', NULL, NULL, NULL,
	count(*) FILTER (WHERE NOT by_type AND company IS NOT NULL), NULL, NULL, NULL
FROM won
UNION ALL
SELECT 'no_close_date', NULL, NULL, NULL, count(*), NULL, NULL, NULL
FROM deal WHERE kind = 'won' AND close_date IS NULL
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, count(*), NULL, NULL, NULL
FROM deal WHERE kind IS NULL
