-- R44 Revenue share of the best customers: the value won in the period by
-- company, every company ranked most value first (ties by company id), with
-- count, value in the home currency, the deals that add no value (no
-- amount, no rate) and the share of the whole; then the top N's tally and
-- share, the rest (the other companies and the deals with no company), the
-- deals with no company, the total, how many companies are in the rest, and
-- the deals no period can hold.
--
-- Edge rules:
--   * A deal is won when the stage its pipeline lists for it has kind won;
--     deals whose stage is not listed count as unknown_stage, won deals
--     without a close date as no_close_date, whatever their dates.
--   * A listed company (the first listed with the id) is named by its name;
--     a company the portal does not list is ranked by its id and named by
--     it. Deals without a company are no customer: they form no_company
--     and count in the rest.
--   * Values convert into the home currency: exact into the rates' base
--     currency, else rounded to 8 places (in DOUBLE here); a currency
--     without a positive rate adds no value and counts in no_rate.
--   * A share is value / total rounded half away from zero to 6 places,
--     computed exactly on the decimals; NULL when the total is zero.
-- Each deal with its stage kind and its value in the home currency
-- (deal_home_value in macros.sql).
WITH deal AS (SELECT * FROM deal_home_value()),
company AS (
	SELECT id, arg_min_null(coalesce(name, ''), rowid) AS name
	FROM companies WHERE id IS NOT NULL GROUP BY ALL
),
won AS (
	SELECT d.value, d.amount, d.company IS NULL AS no_company,
		coalesce(d.company, '') AS company,
		coalesce(c.name, d.company) AS name
	FROM deal d LEFT JOIN company c ON c.id = d.company
	WHERE d.kind = 'won' AND d.close_date >= getvariable('period_start')
		AND d.close_date < getvariable('period_end')
),
customer AS (
	SELECT company, name, count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL) AS no_rate
	FROM won WHERE NOT no_company GROUP BY ALL
),
ranked AS (
	SELECT *, row_number() OVER (ORDER BY value DESC, company) AS rank FROM customer
),
no_company AS (
	SELECT count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL) AS no_rate
	FROM won WHERE no_company
),
figures AS (
	SELECT 'company' AS kind, rank, company, name, n, value, no_amount, no_rate FROM ranked
	UNION ALL
	SELECT 'top_n', NULL, NULL, NULL, coalesce(sum(n), 0), coalesce(sum(value), 0),
		coalesce(sum(no_amount), 0), coalesce(sum(no_rate), 0)
	FROM ranked WHERE rank <= getvariable('top_n')
	UNION ALL
	SELECT 'rest', NULL, NULL, NULL, x.n + coalesce(sum(r.n), 0), x.value + coalesce(sum(r.value), 0),
		x.no_amount + coalesce(sum(r.no_amount), 0), x.no_rate + coalesce(sum(r.no_rate), 0)
	FROM no_company x LEFT JOIN ranked r ON r.rank > getvariable('top_n')
	GROUP BY x.n, x.value, x.no_amount, x.no_rate
	UNION ALL
	SELECT 'no_company', NULL, NULL, NULL, n, value, no_amount, no_rate FROM no_company
	UNION ALL
	SELECT 'total', NULL, NULL, NULL, count(*), coalesce(sum(value), 0),
		count(*) FILTER (WHERE amount IS NULL),
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL)
	FROM won
),
-- Values and the total as whole numbers of 1e-18, for an exact share. Only
-- the companies and the top N have a share.
scaled AS (
	SELECT f.*,
		CAST(trunc(f.value) AS HUGEINT) * 1000000000000000000
			+ CAST((f.value - trunc(f.value)) * 1000000000000000000 AS HUGEINT) AS num,
		CAST(trunc(t.value) AS HUGEINT) * 1000000000000000000
			+ CAST((t.value - trunc(t.value)) * 1000000000000000000 AS HUGEINT) AS den
	FROM figures f CROSS JOIN (SELECT value FROM figures WHERE kind = 'total') t
)
SELECT kind, rank, company, name, CAST(n AS BIGINT) AS n, value,
	CAST(no_amount AS BIGINT) AS no_amount, CAST(no_rate AS BIGINT) AS no_rate,
	CASE WHEN den <> 0 AND kind IN ('company', 'top_n') THEN
		sign(num) * sign(den) * ((2 * abs(num) * 1000000 + abs(den)) // (2 * abs(den))) / 1000000
	END AS share
FROM scaled
UNION ALL
SELECT 'rest_companies', NULL, NULL, NULL, greatest(count(*) - getvariable('top_n'), 0),
	NULL, NULL, NULL, NULL
FROM customer
UNION ALL
SELECT 'no_close_date', NULL, NULL, NULL, count(*), NULL, NULL, NULL, NULL
FROM deal WHERE kind = 'won' AND close_date IS NULL
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, count(*), NULL, NULL, NULL, NULL
FROM deal WHERE kind IS NULL
