-- R45 Churn risk: the customers (companies with a won deal closed at or
-- before as_of) whose last such deal closed before the instant churn_months
-- calendar months before as_of, the longest silent first: the company, its
-- owner, the last order (close date and deal), the whole calendar months
-- since it, and the lifetime tally of its won deals closed at or before
-- as_of (count, value in the home currency, no amount, no rate). Then how
-- many customers there are, at risk or not, and the won deals that make
-- nobody a customer.
--
-- Edge rules:
--   * A deal is won when the stage its pipeline lists for it has kind won.
--     A deal belongs to the first company listed with its id; a company
--     listed again under the same id has no deals. A deal with no company
--     belongs to none, even when a company is listed with the empty id.
--   * The cutoff is as_of less churn_months months at the same wall-clock
--     time in the session's time zone, the day clipped to the month's last.
--   * The last order is the latest close date; of two deals closed at that
--     instant, the one with the greatest id.
--   * months_since: the difference of the local months, less one when
--     as_of's day and time of day come before the last order's.
--   * The owner's name is "unassigned" for no owner, the owner's id for an
--     owner not listed or listed without a name.
--   * Rows come by last order, then company id, then the company's place
--     in the table. no_close_date counts every won deal without a close
--     date; no_company the won deals closed at or before as_of with no
--     company or an unlisted one.
-- Each deal with its stage kind and its value in the home currency
-- (deal_home_value in macros.sql).
WITH deal AS (SELECT * FROM deal_home_value()),
owner AS (
	SELECT id, arg_min_null(name, rowid) AS name FROM owners GROUP BY id
),
first_company AS (
	SELECT id, min(rowid) AS pos FROM companies WHERE id IS NOT NULL GROUP BY id
),
ordered AS (
	SELECT d.company, d.id, d.close_date, d.value, d.amount
	FROM deal d
	WHERE d.kind = 'won' AND d.close_date <= getvariable('as_of')
),
customer AS (
	SELECT f.pos, max(o.close_date) AS last_order, arg_max_null(o.id, (o.close_date, o.id)) AS last_deal,
		count(*) AS n, coalesce(sum(o.value), 0) AS value,
		count(*) FILTER (WHERE o.amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE o.amount IS NOT NULL AND o.value IS NULL) AS no_rate
	FROM ordered o JOIN first_company f ON f.id = o.company
	GROUP BY f.pos
),
at_risk AS (
	SELECT c.rowid AS pos, coalesce(c.id, '') AS company, coalesce(c.name, '') AS name,
		coalesce(c.owner, '') AS owner,
		CASE WHEN c.owner IS NULL THEN 'unassigned' ELSE coalesce(o.name, c.owner) END AS owner_name,
		x.last_order, x.last_deal, x.n, x.value, x.no_amount, x.no_rate,
		x.last_order::TIMESTAMP AS since, getvariable('as_of')::TIMESTAMP AS now
	FROM customer x
	JOIN companies c ON c.rowid = x.pos
	LEFT JOIN owner o ON o.id = c.owner
	WHERE x.last_order < getvariable('as_of') - to_months(getvariable('churn_months'))
),
months AS (
	SELECT *,
		(year(now) - year(since)) * 12 + month(now) - month(since) AS whole,
		day(now) < day(since) OR (day(now) = day(since) AND now::TIME < since::TIME) AS earlier,
		day(now) > day(since) OR (day(now) = day(since) AND now::TIME > since::TIME) AS later
	FROM at_risk
)
SELECT kind, company, name, owner, owner_name, last_order, last_deal, months_since,
	n, value, no_amount, no_rate
FROM (
	SELECT 0 AS section, pos, 'company' AS kind, company, name, owner, owner_name, last_order,
		last_deal,
		CASE
			WHEN whole > 0 AND earlier THEN whole - 1
			WHEN whole < 0 AND later THEN whole + 1
			ELSE whole
		END AS months_since,
		n, value, no_amount, no_rate
	FROM months
	UNION ALL
	SELECT 1, 0, 'customers', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL, NULL
	FROM customer
	UNION ALL
	SELECT 2, 0, 'no_close_date', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL,
		NULL
	FROM deal WHERE kind = 'won' AND close_date IS NULL
	UNION ALL
	SELECT 3, 0, 'no_company', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL, NULL
	FROM ordered o LEFT JOIN first_company f ON f.id = o.company
	WHERE f.id IS NULL
)
ORDER BY section, last_order, company, pos
