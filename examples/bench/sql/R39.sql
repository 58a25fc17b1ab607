-- R39 MQL-to-customer funnel: of the contacts whose first
-- marketing-qualified date falls in the period, how many reached each step:
-- marketing-qualified (k 0, the cohort), sales-qualified, opportunity,
-- customer (k 1 to 3), with step conversion (over the previous step),
-- cumulative conversion (over the cohort), and the time to each later step.
--
-- A contact reached a step when it has a date for that step or a later one
-- (an evangelist date is past customer), or its current lifecycle stage is
-- at or past the step and not past evangelist ("other", or a stage with no
-- name, is past nothing): a skipped step has been passed. Contacts without
-- a marketing-qualified date are in no cohort.
--
-- The time to a step runs from the date of the latest earlier step that
-- has one (the marketing-qualified date at the least), so a skipped step
-- adds no time of its own; a contact with no date for the step is not
-- timed, and one whose date is before that earlier date counts in
-- out_of_order instead. Median (the mean of the two middle times for an
-- even count) and mean are in days of 24 hours, NULL when nothing is timed
-- and always for the first step.
--
-- Rows: (k, stage, reached, step, cumulative, timed, median days, mean
-- days, out of order).
WITH cohort AS (
	SELECT reached_marketing_qualified AS mql, reached_sales_qualified AS sql,
		reached_opportunity AS opp, reached_customer AS customer,
		reached_evangelist IS NOT NULL AS evangelist,
		CASE lifecycle
			WHEN 'marketing_qualified' THEN 0 WHEN 'sales_qualified' THEN 1
			WHEN 'opportunity' THEN 2 WHEN 'customer' THEN 3 WHEN 'evangelist' THEN 3
		END AS by_stage
	FROM contacts
	WHERE reached_marketing_qualified >= getvariable('period_start')
		AND reached_marketing_qualified < getvariable('period_end')
),
steps AS (
	SELECT * FROM (VALUES (0, 'marketing_qualified'), (1, 'sales_qualified'),
		(2, 'opportunity'), (3, 'customer')) AS s(k, stage)
),
furthest AS (
	SELECT greatest(
		CASE WHEN customer IS NOT NULL OR evangelist THEN 3 WHEN opp IS NOT NULL THEN 2
			WHEN sql IS NOT NULL THEN 1 ELSE 0 END,
		coalesce(by_stage, 0)) AS f
	FROM cohort
),
stepped AS (
	-- each contact's date for steps 1 to 3, and the latest earlier date
	SELECT 1 AS k, sql AS "to", mql AS "from" FROM cohort
	UNION ALL
	SELECT 2, opp, coalesce(sql, mql) FROM cohort
	UNION ALL
	SELECT 3, customer, coalesce(opp, sql, mql) FROM cohort
),
times AS (
	SELECT k,
		count(*) FILTER (WHERE "to" >= "from") AS timed,
		median(epoch_us("to") - epoch_us("from")) FILTER (WHERE "to" >= "from") AS median_us,
		avg(epoch_us("to") - epoch_us("from")) FILTER (WHERE "to" >= "from") AS mean_us,
		count(*) FILTER (WHERE "to" < "from") AS out_of_order
	FROM stepped
	WHERE "to" IS NOT NULL
	GROUP BY k
),
reached AS (
	SELECT s.k, s.stage, count(f.f) FILTER (WHERE f.f >= s.k) AS reached
	FROM steps s LEFT JOIN furthest f ON true
	GROUP BY s.k, s.stage
),
rated AS (
	SELECT *, lag(reached) OVER (ORDER BY k) AS prev, first(reached) OVER (ORDER BY k) AS cohort
	FROM reached
)
SELECT r.k, r.stage, r.reached,
	CASE WHEN coalesce(r.prev, r.cohort) > 0 THEN r.reached / coalesce(r.prev, r.cohort) END,
	CASE WHEN r.cohort > 0 THEN r.reached / r.cohort END,
	coalesce(t.timed, 0),
	CASE WHEN t.timed > 0 THEN t.median_us / 86400e6 END,
	CASE WHEN t.timed > 0 THEN t.mean_us / 86400e6 END,
	coalesce(t.out_of_order, 0)
FROM rated r LEFT JOIN times t USING (k)
