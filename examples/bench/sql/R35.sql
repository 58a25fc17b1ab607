-- R35 Lost deals by reason: the deals lost in the period (by close date,
-- half-open) per lost reason, count and value, with each reason's share
-- of the count and of the value, in the report's order: the most frequent
-- first, equal counts by reason, the deals without a reason last.
--
-- A reason is compared as written once the white space around it is
-- trimmed; a deal without one (empty or blank) is in the slice ''. Lost
-- comes from the kind of the deal's stage in its pipeline. Values are in
-- the home currency; lost deals without an amount or without a rate count
-- in no_amount and no_rate. The count share is the slice's count over
-- every lost deal's, with its numerator and denominator; the value share
-- is the slice's value over every lost deal's, rounded half away from
-- zero to six places, exactly (a guess in floating point corrected
-- against the decimal terms); NULL over nothing. Then the row of every
-- lost deal, and the counts, over the whole portal, of closed deals
-- without a close date and of deals whose stage is not in their pipeline.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
lost AS (
	SELECT coalesce(regexp_replace(lost_reason, '^' || ws.class || '+|' || ws.class || '+$', '',
			'g'), '') AS reason,
		value, no_amount
	FROM deal
	-- White space as Unicode has it: ASCII's, NEL, no-break spaces and the
	-- space separators.
	CROSS JOIN (SELECT '[\s\v\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}'
		|| '\x{205F}\x{3000}]' AS class) ws
	WHERE kind = 'lost'
		AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
),
slice AS (
	SELECT reason, count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE no_amount) AS no_amount,
		count(*) FILTER (WHERE value IS NULL AND NOT no_amount) AS no_rate
	FROM lost GROUP BY reason
),
total AS (
	SELECT coalesce(sum(n), 0) AS n, coalesce(sum(value), 0) AS value FROM slice
),
guess AS (
	SELECT s.*, t.n AS den,
		CAST(round(s.value::DOUBLE / nullif(t.value, 0)::DOUBLE, 6) AS DECIMAL(20, 6)) AS g,
		s.value * sign(t.value) AS num, abs(t.value) AS vd
	FROM slice s CROSS JOIN total t
),
out AS (
	SELECT 0 AS part, reason, n, value, no_amount, no_rate, n AS share_num, den AS share_den,
		n / nullif(den, 0) AS count_share,
		CASE
			WHEN g IS NULL THEN NULL
			WHEN num >= 0 AND (g + 0.0000005) * vd <= num THEN g + 0.000001
			WHEN num >= 0 AND (g - 0.0000005) * vd > num THEN g - 0.000001
			WHEN num < 0 AND (g - 0.0000005) * vd >= num THEN g - 0.000001
			WHEN num < 0 AND (g + 0.0000005) * vd < num THEN g + 0.000001
			ELSE g
		END AS value_share
	FROM guess
	UNION ALL
	SELECT 1, NULL, count(*), coalesce(sum(value), 0), count(*) FILTER (WHERE no_amount),
		count(*) FILTER (WHERE value IS NULL AND NOT no_amount), NULL, NULL, NULL, NULL
	FROM lost
	UNION ALL
	SELECT 2, 'no_close_date', count(*) FILTER (WHERE kind IN ('won', 'lost')
		AND close_date IS NULL), NULL, NULL, NULL, NULL, NULL, NULL, NULL
	FROM deal
	UNION ALL
	SELECT 3, 'unknown_stage', count(*) FILTER (WHERE kind IS NULL), NULL, NULL, NULL, NULL,
		NULL, NULL, NULL
	FROM deal
)
SELECT CASE part WHEN 0 THEN 'slice' WHEN 1 THEN 'lost' ELSE reason END AS kind,
	CASE part WHEN 0 THEN reason END AS reason, n, value, no_amount, no_rate, share_num,
	share_den, count_share, value_share
FROM out
ORDER BY part, reason = '', n DESC, reason
