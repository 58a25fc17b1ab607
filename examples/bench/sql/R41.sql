-- R41 Best-selling products: the line items of the deals won in the period,
-- by product: lines, quantity, value in the home currency and share of the
-- whole, every product ranked (most value first, then product id, then
-- name), with "other" (the products after the top N) and the total.
--
-- Edge rules:
--   * A deal is won when the stage its pipeline lists for it has kind won;
--     a deal whose pipeline does not list its stage counts as unknown_stage
--     (whatever its dates), a won deal without a close date as
--     no_close_date. A line belongs to the first deal with its deal id.
--   * A line's value is its amount, else quantity x unit price, in its
--     currency (the home currency when empty). Each product's lines are
--     added up per currency and that sum converted once: exact into the
--     rates' base currency, else rounded to 8 places (in DOUBLE here, which
--     can differ from the library's decimal only by 1e-8 at a tie).
--     Lines in a currency without a positive rate count in lines and
--     quantity and in no_rate, adding no value.
--   * A line without a product is grouped by its own name. A product is
--     named by the first catalogue entry with its id, else by the first
--     line's name (in deal order, then line order), else by its id.
--   * A share is value / total rounded half away from zero to 6 places,
--     computed exactly on the decimals; NULL when the total is zero.
WITH money AS (SELECT * FROM home_currency()),
-- Base units one unit of each currency is worth; the base is worth 1.
rate AS (SELECT currency, to_base AS per_unit FROM base_rate()),
deal AS (SELECT pos, id, close_date, kind FROM deal_home_value()),
won AS (
	SELECT pos FROM deal
	WHERE kind = 'won' AND close_date >= getvariable('period_start')
		AND close_date < getvariable('period_end')
),
first_deal AS (
	SELECT id, min(rowid) AS pos FROM deals GROUP BY id
),
line AS (
	SELECT w.pos AS deal_pos, li.rowid AS line_pos, li.product,
		CASE WHEN li.product IS NULL THEN coalesce(li.name, '') END AS by_name,
		coalesce(li.name, '') AS line_name, coalesce(li.quantity, 0) AS quantity,
		coalesce(li.amount, li.quantity * li.unit_price) AS amount,
		coalesce(li.currency, m.home) AS currency
	FROM line_items li
	JOIN first_deal f ON f.id = li.deal
	JOIN won w ON w.pos = f.pos
	CROSS JOIN money m
),
-- Each product's lines in one currency, converted into the home currency.
per_currency AS (
	SELECT p.product, p.by_name, p.lines,
		CASE
			WHEN p.currency = m.home THEN p.amount
			WHEN rf.per_unit IS NULL OR rt.per_unit IS NULL THEN NULL
			WHEN m.home = m.base THEN p.amount * rf.per_unit
			ELSE CAST(round(p.amount * rf.per_unit / rt.per_unit, 8) AS DECIMAL(38, 8))
		END AS value
	FROM (
		SELECT product, by_name, currency, count(*) AS lines, sum(amount) AS amount
		FROM line GROUP BY ALL
	) p
	CROSS JOIN money m
	LEFT JOIN rate rf ON rf.currency = p.currency
	LEFT JOIN rate rt ON rt.currency = m.home
),
catalogue AS (
	SELECT id, arg_min_null(name, rowid) AS name FROM products GROUP BY id
),
product AS (
	SELECT v.product, v.by_name, v.lines, v.no_rate, v.value, q.quantity,
		CASE
			WHEN v.product IS NULL THEN v.by_name
			WHEN c.name IS NOT NULL THEN c.name
			WHEN q.first_name <> '' THEN q.first_name
			ELSE v.product
		END AS name
	FROM (
		SELECT product, by_name, sum(lines) AS lines,
			coalesce(sum(lines) FILTER (WHERE value IS NULL), 0) AS no_rate,
			coalesce(sum(value), 0) AS value
		FROM per_currency GROUP BY ALL
	) v
	JOIN (
		SELECT product, by_name, sum(quantity) AS quantity,
			arg_min_null(line_name, (deal_pos, line_pos)) AS first_name
		FROM line GROUP BY ALL
	) q ON q.product IS NOT DISTINCT FROM v.product AND q.by_name IS NOT DISTINCT FROM v.by_name
	LEFT JOIN catalogue c ON c.id = v.product
),
ranked AS (
	SELECT *, row_number() OVER (
		ORDER BY value DESC, coalesce(product, ''), name) AS rank
	FROM product
),
total AS (
	SELECT coalesce(sum(value), 0) AS value FROM product
),
figures AS (
	SELECT 'product' AS kind, rank, coalesce(product, '') AS product, name, lines, quantity,
		value, no_rate
	FROM ranked
	UNION ALL
	SELECT 'other', NULL, NULL, 'other', coalesce(sum(lines), 0), coalesce(sum(quantity), 0),
		coalesce(sum(value), 0), coalesce(sum(no_rate), 0)
	FROM ranked WHERE rank > getvariable('top_n')
	UNION ALL
	SELECT 'total', NULL, NULL, 'total', coalesce(sum(lines), 0), coalesce(sum(quantity), 0),
		coalesce(sum(value), 0), coalesce(sum(no_rate), 0)
	FROM ranked
),
-- Values and the total as whole numbers of 1e-18, for an exact share.
scaled AS (
	SELECT f.*,
		CAST(trunc(f.value) AS HUGEINT) * 1000000000000000000
			+ CAST((f.value - trunc(f.value)) * 1000000000000000000 AS HUGEINT) AS n,
		CAST(trunc(t.value) AS HUGEINT) * 1000000000000000000
			+ CAST((t.value - trunc(t.value)) * 1000000000000000000 AS HUGEINT) AS d
	FROM figures f CROSS JOIN total t
)
SELECT kind, rank, product, name, CAST(lines AS BIGINT) AS lines, quantity, value,
	CAST(no_rate AS BIGINT) AS no_rate,
	CASE WHEN d <> 0 THEN
		sign(n) * sign(d) * ((2 * abs(n) * 1000000 + abs(d)) // (2 * abs(d))) / 1000000
	END AS share
FROM scaled
UNION ALL
SELECT kind, NULL, NULL, NULL, n, NULL, NULL, NULL, NULL
FROM (
	SELECT 'won_deals' AS kind, count(*) AS n FROM won
	UNION ALL
	SELECT 'without_lines', count(*) FROM won w
	WHERE NOT EXISTS (SELECT 1 FROM line l WHERE l.deal_pos = w.pos)
	UNION ALL
	SELECT 'other_products', greatest(count(*) - getvariable('top_n'), 0) FROM product
	UNION ALL
	SELECT 'no_close_date', count(*) FROM deal WHERE kind = 'won' AND close_date IS NULL
	UNION ALL
	SELECT 'unknown_stage', count(*) FROM deal WHERE kind IS NULL
)
