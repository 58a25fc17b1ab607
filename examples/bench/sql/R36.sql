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
-- The period's buckets (period_bucket in macros.sql).
bucket AS (SELECT * FROM period_bucket()),
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
