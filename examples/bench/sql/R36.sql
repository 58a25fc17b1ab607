-- R36 New opportunities over time: the deals created per bucket of the
-- period (unit and week_start as set), count and value, and the total.
--
-- Buckets are cut in the session's time zone, the portal's: the first
-- starts at period_start, the last ends at period_end, the others are
-- whole days, weeks, months, quarters or years, each labelled as its
-- whole bucket; every bucket has a row, zeros included. Every deal created
-- in a bucket counts, whatever its pipeline, stage or kind. Values are in
-- the home currency; deals without an amount or without a rate count in
-- no_amount and no_rate. The total row also counts the deals with no
-- creation date, which fall in no bucket.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
-- The unit's step, and for weeks how many days after Monday they start.
unit AS (
	SELECT getvariable('unit') AS unit,
		CASE getvariable('unit')
			WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
			WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
			WHEN 'year' THEN INTERVAL 1 YEAR
		END AS step,
		coalesce(list_position(['monday', 'tuesday', 'wednesday', 'thursday', 'friday',
			'saturday', 'sunday'], getvariable('week_start')) - 1, 0) * INTERVAL 1 DAY AS shift
),
-- The whole buckets that hold the period, each clipped to it and labelled
-- as its whole bucket: 2026-03-05, 2026-W05, 2026-03, 2026-Q1, 2026.
whole AS (
	SELECT w.range AS whole, w.range + u.step AS next, u.unit, u.shift
	FROM unit u,
		range(CASE u.unit WHEN 'week'
				THEN date_trunc('week', getvariable('period_start') - u.shift) + u.shift
				ELSE date_trunc(u.unit, getvariable('period_start')) END,
			getvariable('period_end'), u.step) w
),
bucket AS (
	SELECT row_number() OVER (ORDER BY whole) - 1 AS bucket,
		greatest(whole, getvariable('period_start')) AS start,
		least(next, getvariable('period_end')) AS "end",
		CASE unit
			WHEN 'day' THEN strftime(whole, '%Y-%m-%d')
			WHEN 'week' THEN year(whole + INTERVAL 3 DAY)::VARCHAR || '-W' || lpad((date_diff('day',
				(date_trunc('week', make_timestamptz(year(whole + INTERVAL 3 DAY), 1, 4, 0, 0, 0)
					- shift) + shift)::DATE, whole::DATE) // 7 + 1)::VARCHAR, 2, '0')
			WHEN 'month' THEN strftime(whole, '%Y-%m')
			WHEN 'quarter' THEN year(whole)::VARCHAR || '-Q' || quarter(whole)::VARCHAR
			ELSE strftime(whole, '%Y')
		END AS label
	FROM whole
	WHERE getvariable('period_start') < getvariable('period_end')
),
tally AS (
	SELECT b.bucket, count(d.created) AS n, coalesce(sum(d.value), 0) AS value,
		count(d.created) FILTER (WHERE d.no_amount) AS no_amount,
		count(d.created) FILTER (WHERE d.value IS NULL AND NOT d.no_amount) AS no_rate
	FROM bucket b
	LEFT JOIN deal d ON d.created >= b.start AND d.created < b."end"
	GROUP BY b.bucket
)
SELECT 'bucket' AS kind, b.bucket, b.label, b.start, t.n, t.value, t.no_amount, t.no_rate,
	NULL::BIGINT AS no_created
FROM bucket b JOIN tally t USING (bucket)
UNION ALL
SELECT 'total', NULL, NULL, NULL, coalesce(sum(n), 0), coalesce(sum(value), 0),
	coalesce(sum(no_amount), 0), coalesce(sum(no_rate), 0),
	(SELECT count(*) FROM deals WHERE created IS NULL)
FROM tally
