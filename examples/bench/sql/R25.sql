-- R25 Active leads by stage: the contacts that were active leads at
-- as_of (lifecycle stage lead, marketing_qualified, sales_qualified or
-- opportunity then), by stage and, within each stage, by lead status.
--
-- A contact counts once created (at or before as_of; one without a
-- creation date counts as created). Its stage at as_of comes from the
-- dates it reached each stage (see staged below); a contact without any
-- recorded date is taken at its current stage and counted in "assumed" as
-- well. The lead status is the current one ('' for none): the model keeps
-- no history of it. Contacts created after as_of are counted in
-- not_yet_created.
--
-- Columns: kind ("stage", "status", "total", "assumed",
-- "not_yet_created"), stage, status, count. Every lead stage has a row;
-- a status has one within a stage once a lead of that stage has it.
WITH params AS (SELECT getvariable('as_of') AS t),
-- Each contact's lifecycle stage at t (contact_stage_at in macros.sql).
staged AS (SELECT * FROM contact_stage_at(getvariable('as_of'))),
leads AS (
	SELECT s.* FROM staged s, params p
	WHERE (s.created IS NULL OR s.created <= p.t)
		AND s.stage IN ('lead', 'marketing_qualified', 'sales_qualified', 'opportunity')
),
lead_stage AS (
	SELECT unnest(['lead', 'marketing_qualified', 'sales_qualified', 'opportunity']) AS stage
)
SELECT 'stage', l.stage, NULL, count(s.id)
FROM lead_stage l LEFT JOIN leads s USING (stage)
GROUP BY l.stage
UNION ALL
SELECT 'status', stage, coalesce(lead_status, ''), count(*) FROM leads GROUP BY ALL
UNION ALL
SELECT 'total', NULL, NULL, count(*) FROM leads
UNION ALL
SELECT 'assumed', NULL, NULL, count(*) FROM leads WHERE assumed
UNION ALL
SELECT 'not_yet_created', NULL, NULL, count(*) FROM contacts, params WHERE created > t
