-- R28 Leads created by stage over time: the contacts created in each
-- bucket of the period (of unit, cut in the portal's time zone, the last
-- clipped at the period's end), split by the lifecycle stage each was in
-- at as_of.
--
-- Only contacts created at or before as_of count; those created in the
-- period after as_of are counted in not_yet_created, those without a
-- creation date in no_created. A contact's stage at as_of is read as R25
-- reads it (see staged below); one that had reached no stage by then, or
-- whose stage is not one of the nine, is under "unknown". Contacts with no
-- recorded lifecycle date at all are taken at their current stage and
-- counted in "assumed" too.
--
-- Columns: kind ("bucket": one row per bucket and stage, every stage;
-- "bucket_total"; "total" per stage and, with no stage, overall;
-- "assumed", "not_yet_created", "no_created"), bucket start, stage, count.
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('period_start') AS ps,
		getvariable('period_end') AS pe, getvariable('unit') AS unit,
		('1 ' || getvariable('unit'))::INTERVAL AS step,
		date_trunc('day', getvariable('period_start')) - to_days(CAST((dayofweek(
			getvariable('period_start')) - list_position(['sunday', 'monday', 'tuesday',
			'wednesday', 'thursday', 'friday', 'saturday'], getvariable('week_start')) + 1 + 7) % 7
			AS INTEGER)) AS week0
),
-- Each contact's lifecycle stage at t (contact_stage_at in macros.sql).
staged AS (SELECT * FROM contact_stage_at(getvariable('as_of'))),
-- The buckets of the period, each clipped to it.
buckets AS (
	SELECT greatest(s, ps) AS start, least(s + step, pe) AS "end"
	FROM params,
		generate_series(CASE WHEN unit = 'week' THEN week0 ELSE date_trunc(unit, ps) END, pe,
			step) AS g(s)
	WHERE s < pe AND s + step > ps
),
stage_list AS (
	SELECT unnest(['unknown', 'subscriber', 'lead', 'marketing_qualified', 'sales_qualified',
		'opportunity', 'customer', 'evangelist', 'other']) AS stage
),
created AS (
	SELECT b.start AS bucket, CASE WHEN s.stage IN (SELECT stage FROM stage_list)
		THEN s.stage ELSE 'unknown' END AS stage, s.assumed
	FROM staged s JOIN buckets b ON s.created >= b.start AND s.created < b."end", params p
	WHERE s.created <= p.t
),
counted AS (
	SELECT bucket, stage, count(*) AS n FROM created GROUP BY ALL
)
SELECT 'bucket', b.start, l.stage, coalesce(c.n, 0)
FROM buckets b CROSS JOIN stage_list l
LEFT JOIN counted c ON c.bucket = b.start AND c.stage = l.stage
UNION ALL
SELECT 'bucket_total', b.start, NULL, count(c.bucket)
FROM buckets b LEFT JOIN created c ON c.bucket = b.start GROUP BY b.start
UNION ALL
SELECT 'total', NULL, l.stage, count(c.stage)
FROM stage_list l LEFT JOIN created c USING (stage) GROUP BY l.stage
UNION ALL
SELECT 'total', NULL, NULL, count(*) FROM created
UNION ALL
SELECT 'assumed', NULL, NULL, count(*) FROM created WHERE assumed
UNION ALL
SELECT 'not_yet_created', NULL, NULL, count(*) FROM contacts, params
WHERE created >= ps AND created < pe AND created > t
UNION ALL
SELECT 'no_created', NULL, NULL, count(*) FROM contacts WHERE created IS NULL
