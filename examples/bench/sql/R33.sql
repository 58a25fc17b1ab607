-- R33 Deals by source: the deals created in the period (open, won, lost or
-- in a stage their pipeline lacks) by source, count and value in the home
-- currency, with each source's share of the count and of the value.
--
-- Sources are compared once trimmed of white space; a deal without a
-- source, or with a blank one, is in the slice '' and never dropped.
-- Values: the home currency is portal.currency, else rates_base; the rates'
-- base is rates_base, else the home currency; a deal without a currency is
-- in the home currency. An amount in the home currency is taken as it is;
-- another is multiplied by its currency's rate into the base (1 for the
-- base itself; a missing or non-positive rate is no rate) and, when the
-- home currency is not the base, divided by the home currency's rate,
-- rounded half away from zero to 8 places. A deal without an amount counts
-- in no_amount, one whose currency cannot be converted in no_rate: both
-- count in the count and add nothing to the value.
--
-- The value share is the slice's value over all the value, rounded half
-- away from zero to 6 places, computed exactly (DuckDB divides decimals as
-- doubles, which cannot tell a tie); a share over nothing is NULL. Slices
-- come largest count first, equal counts by source, the slice '' last;
-- then a total row.
--
-- Rows, in order: ('source', source, count, value, no amount, no rate,
-- count share, value share) per slice, then ('total', NULL, count, value,
-- no amount, no rate, deals with no creation date, NULL).
WITH portal_currency AS (
	SELECT coalesce(currency, rates_base) AS home, coalesce(rates_base, currency, '') AS base
	FROM portal
),
rate_of AS (
	-- how many base units one unit of a currency is worth
	SELECT currency, to_base AS rate FROM rates, portal_currency
	WHERE to_base > 0 AND currency <> base
	UNION ALL
	SELECT base, 1 FROM portal_currency
),
created AS (
	SELECT coalesce(regexp_replace(d.source,
			'^[\s\x{0B}\x{85}\p{Z}]+|[\s\x{0B}\x{85}\p{Z}]+$', '', 'g'), '') AS source,
		d.amount, coalesce(d.currency, p.home) AS currency, p.home, p.base
	FROM deals d, portal_currency p
	WHERE d.created >= getvariable('period_start') AND d.created < getvariable('period_end')
),
converted AS (
	-- an amount in another currency, in base units: exact in DECIMAL(38, 18)
	SELECT c.source, c.amount, c.currency, c.home, c.base, rt.rate AS home_rate,
		CASE
			WHEN c.amount IS NULL OR c.currency IS NOT DISTINCT FROM c.home THEN NULL
			ELSE (c.amount * rf.rate)::DECIMAL(38, 18)
		END AS in_base,
		c.amount IS NOT NULL AND c.currency IS DISTINCT FROM c.home
			AND (rf.rate IS NULL OR rt.rate IS NULL) AS no_rate
	FROM created c
	LEFT JOIN rate_of rf ON rf.currency = c.currency
	LEFT JOIN rate_of rt ON rt.currency = c.home
),
into_home AS (
	-- base units into the home currency when it is not the base: |in_base| *
	-- 10^8 / home_rate = q0 + r / home_rate, q0 first from doubles and then
	-- set right by the exact remainder
	SELECT *, floor(abs(in_base)::DOUBLE * 1e8 / home_rate::DOUBLE)::DECIMAL(38, 0) AS q0
	FROM converted
),
into_home_floor AS (
	SELECT *, q0 + CASE
			WHEN abs(in_base) * 100000000 - q0 * home_rate < 0 THEN -1
			WHEN abs(in_base) * 100000000 - q0 * home_rate >= home_rate THEN 1
			ELSE 0 END AS q
	FROM into_home
),
valued AS (
	SELECT source, amount IS NULL AS no_amount, no_rate,
		CASE
			WHEN amount IS NULL OR no_rate THEN NULL
			WHEN currency IS NOT DISTINCT FROM home THEN amount::DECIMAL(38, 18)
			WHEN home = base THEN in_base
			ELSE (sign(in_base) * (q + CASE WHEN 2 * (abs(in_base) * 100000000 - q * home_rate)
				>= home_rate THEN 1 ELSE 0 END) * 0.00000001)::DECIMAL(38, 18)
		END AS value
	FROM into_home_floor
),
slices AS (
	SELECT source, count(*) AS deals, coalesce(sum(value), 0)::DECIMAL(38, 18) AS value,
		count(*) FILTER (WHERE no_amount) AS no_amount,
		count(*) FILTER (WHERE no_rate) AS no_rate
	FROM valued
	GROUP BY source
),
total AS (
	SELECT coalesce(sum(deals), 0) AS deals, coalesce(sum(value), 0)::DECIMAL(38, 18) AS value,
		coalesce(sum(no_amount), 0) AS no_amount, coalesce(sum(no_rate), 0) AS no_rate
	FROM slices
),
shares AS (
	-- |value| * 10^6 = q * |total| + r exactly, q from doubles first and
	-- then set right by the exact remainder
	SELECT s.*, t.deals AS all_deals, t.value AS all_value,
		CASE WHEN t.value <> 0 THEN floor(abs(s.value)::DOUBLE * 1e6
			/ abs(t.value)::DOUBLE)::DECIMAL(38, 0) END AS q0
	FROM slices s, total t
),
exact AS (
	SELECT *,
		q0 + CASE WHEN abs(value) * 1000000 - q0 * abs(all_value) < 0 THEN -1
			WHEN abs(value) * 1000000 - q0 * abs(all_value) >= abs(all_value) THEN 1
			ELSE 0 END AS q
	FROM shares
)
SELECT kind, source, deals, value, no_amount, no_rate, count_share, value_share FROM (
	SELECT 0 AS part, source = '' AS blank, 'source' AS kind, source, deals, value, no_amount,
		no_rate, deals / all_deals AS count_share,
		CASE WHEN all_value <> 0 THEN sign(value) * sign(all_value) *
			(q + CASE WHEN 2 * (abs(value) * 1000000 - q * abs(all_value)) >= abs(all_value)
				THEN 1 ELSE 0 END) / 1000000 END AS value_share
	FROM exact
	UNION ALL
	SELECT 1, false, 'total', NULL, deals, value, no_amount, no_rate,
		(SELECT count(*) FROM deals WHERE created IS NULL), NULL
	FROM total
)
ORDER BY part, blank, deals DESC, source
