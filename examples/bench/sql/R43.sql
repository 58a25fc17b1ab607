-- R43 Revenue by customer type: the deals won in the period by their
-- company's type, or by its industry when no company has a type (the
-- catalogue's choice): per group count, value in the home currency, the
-- deals that add no value (no amount, no rate) and the share of the whole,
-- groups ranked most value first, then by key; then the deals with no
-- company, those naming a company the portal does not list, the total,
-- and the deals no period can hold.
--
-- Edge rules:
--   * A deal is won when the stage its pipeline lists for it has kind won;
--     deals whose stage is not listed count as unknown_stage, won deals
--     without a close date as no_close_date, whatever their dates.
--   * A deal's company is the first company listed with its id. Companies
--     without a type (or industry) form the group with the empty key; a
--     deal without a company is in no_company (even when a company is
--     listed with the empty id), one naming an unlisted id in
--     unlisted_company.
--   * Values convert into the home currency: exact into the rates' base
--     currency, else rounded to 8 places (in DOUBLE here); a currency
--     without a positive rate adds no value and counts in no_rate.
--   * A share is value / total rounded half away from zero to 6 places,
--     computed exactly on the decimals; NULL when the total is zero.
-- Each deal with its stage kind and its value in the home currency
-- (deal_home_value in macros.sql).
WITH deal AS (SELECT * FROM deal_home_value()),
grouping AS (
	SELECT CASE WHEN EXISTS (SELECT 1 FROM companies WHERE type IS NOT NULL)
		THEN 'company_type' ELSE 'industry' END AS field
),
company AS (
	SELECT id, arg_min_null(CASE g.field WHEN 'company_type' THEN type
		ELSE industry END, rowid) AS key
	FROM companies CROSS JOIN grouping g
	WHERE id IS NOT NULL
	GROUP BY ALL
),
won AS (
	SELECT d.value, d.amount,
		CASE
			WHEN c.id IS NOT NULL THEN 'group'
			WHEN d.company IS NULL THEN 'no_company'
			ELSE 'unlisted_company'
		END AS kind,
		CASE WHEN c.id IS NOT NULL THEN coalesce(c.key, '') ELSE '' END AS key
	FROM deal d LEFT JOIN company c ON c.id = d.company
	WHERE d.kind = 'won' AND d.close_date >= getvariable('period_start')
		AND d.close_date < getvariable('period_end')
),
tallied AS (
	SELECT kind, key, count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL) AS no_rate
	FROM won GROUP BY ALL
),
figures AS (
	SELECT 'group' AS kind, row_number() OVER (ORDER BY value DESC, key) AS rank, key,
		n, value, no_amount, no_rate
	FROM tallied WHERE kind = 'group'
	UNION ALL
	SELECT k.kind, NULL, '', coalesce(t.n, 0), coalesce(t.value, 0), coalesce(t.no_amount, 0),
		coalesce(t.no_rate, 0)
	FROM (VALUES ('no_company'), ('unlisted_company')) k(kind)
	LEFT JOIN tallied t ON t.kind = k.kind
	UNION ALL
	SELECT 'total', NULL, '', coalesce(sum(n), 0), coalesce(sum(value), 0),
		coalesce(sum(no_amount), 0), coalesce(sum(no_rate), 0)
	FROM tallied
),
-- Values and the total as whole numbers of 1e-18, for an exact share.
scaled AS (
	SELECT f.*,
		CAST(trunc(f.value) AS HUGEINT) * 1000000000000000000
			+ CAST((f.value - trunc(f.value)) * 1000000000000000000 AS HUGEINT) AS num,
		CAST(trunc(t.value) AS HUGEINT) * 1000000000000000000
			+ CAST((t.value - trunc(t.value)) * 1000000000000000000 AS HUGEINT) AS den
	FROM figures f CROSS JOIN (SELECT value FROM figures WHERE kind = 'total') t
)
SELECT kind, rank, key, CAST(n AS BIGINT) AS n, value, CAST(no_amount AS BIGINT) AS no_amount,
	CAST(no_rate AS BIGINT) AS no_rate,
	CASE WHEN den <> 0 THEN
		sign(num) * sign(den) * ((2 * abs(num) * 1000000 + abs(den)) // (2 * abs(den))) / 1000000
	END AS share
FROM scaled
UNION ALL
SELECT 'by', NULL, field, NULL, NULL, NULL, NULL, NULL FROM grouping
UNION ALL
SELECT 'no_close_date', NULL, NULL, count(*), NULL, NULL, NULL, NULL
FROM deal WHERE kind = 'won' AND close_date IS NULL
UNION ALL
SELECT 'unknown_stage', NULL, NULL, count(*), NULL, NULL, NULL, NULL
FROM deal WHERE kind IS NULL
