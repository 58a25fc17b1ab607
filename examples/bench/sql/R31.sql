-- R31 Won deals by region over time: the deals won per bucket of the
-- period (by close date; unit and week_start as set) and region, count
-- and value, with each region's total, each bucket's total and the
-- period's.
--
-- A deal's region is its own, else its company's (the first company of
-- that id), else none (region ''). Regions are compared once trimmed of
-- white space, and a blank one is none: a deal whose own region is blank
-- is in its company's. A
-- region has a row once a deal won in the period is in it, with every
-- bucket, zeros included. Buckets are cut in the portal's time zone: the
-- first starts at period_start, the last ends at period_end. Won comes
-- from the kind of the deal's stage in its pipeline. Values are in the
-- home currency; won deals without an amount or without a rate count in
-- no_amount and no_rate. The last rows count, over the whole portal,
-- closed deals without a close date and deals whose stage is not in
-- their pipeline.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
-- The period's buckets (period_bucket in macros.sql).
bucket AS (SELECT * FROM period_bucket()),
company AS (
	SELECT id, arg_min_null(region, rowid) AS region FROM companies GROUP BY id
),
-- White space as Unicode has it (Go's strings.TrimSpace trims it): ASCII's,
-- NEL, no-break spaces and the space separators.
ws AS (
	SELECT '[\s\v\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}'
		|| '\x{205F}\x{3000}]' AS class
),
won AS (
	SELECT coalesce(
			nullif(regexp_replace(d.region, '^' || ws.class || '+|' || ws.class || '+$', '', 'g'), ''),
			nullif(regexp_replace(c.region, '^' || ws.class || '+|' || ws.class || '+$', '', 'g'), ''),
			'') AS region,
		b.bucket, d.value, d.no_amount
	FROM deal d
	JOIN bucket b ON d.close_date >= b.start AND d.close_date < b."end"
	LEFT JOIN company c ON c.id = d.company
	CROSS JOIN ws
	WHERE d.kind = 'won'
),
cell AS (
	SELECT r.region, b.bucket, b.label, b.start, count(w.bucket) AS n,
		coalesce(sum(w.value), 0) AS value,
		count(w.bucket) FILTER (WHERE w.no_amount) AS no_amount,
		count(w.bucket) FILTER (WHERE w.value IS NULL AND NOT w.no_amount) AS no_rate
	FROM (SELECT DISTINCT region FROM won) r
	CROSS JOIN bucket b
	LEFT JOIN won w ON w.region = r.region AND w.bucket = b.bucket
	GROUP BY ALL
)
SELECT 'cell' AS kind, region, bucket, label, start, n, value, no_amount, no_rate FROM cell
UNION ALL
SELECT 'region_total', region, NULL, NULL, NULL, sum(n), sum(value), sum(no_amount), sum(no_rate)
FROM cell GROUP BY region
UNION ALL
SELECT 'bucket_total', NULL, b.bucket, b.label, b.start, count(w.bucket),
	coalesce(sum(w.value), 0), count(w.bucket) FILTER (WHERE w.no_amount),
	count(w.bucket) FILTER (WHERE w.value IS NULL AND NOT w.no_amount)
FROM bucket b LEFT JOIN won w USING (bucket)
GROUP BY ALL
UNION ALL
SELECT 'total', NULL, NULL, NULL, NULL, count(*), coalesce(sum(value), 0),
	count(*) FILTER (WHERE no_amount), count(*) FILTER (WHERE value IS NULL AND NOT no_amount)
FROM won
UNION ALL
SELECT 'no_close_date', NULL, NULL, NULL, NULL,
	count(*) FILTER (WHERE kind IN ('won', 'lost') AND close_date IS NULL), NULL, NULL, NULL
FROM deal
UNION ALL
SELECT 'unknown_stage', NULL, NULL, NULL, NULL, count(*) FILTER (WHERE kind IS NULL),
	NULL, NULL, NULL
FROM deal
