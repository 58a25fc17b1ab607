-- R32 Leads by source: the contacts created in the period, whatever their
-- lifecycle stage, by original source, with each source's share of them.
-- Sources are compared once trimmed of white space (as Go's
-- strings.TrimSpace trims it); a contact without a source, or with a blank
-- one, is in the slice '' and never dropped. Slices come largest first,
-- equal counts by source (byte order), the slice '' last; then a total
-- row with every contact created in the period and the contacts with no
-- creation date. A share over no contact is NULL.
--
-- Rows, in order: ('source', source, leads, share) per slice, then
-- ('total', NULL, leads, contacts with no creation date).
WITH created AS (
	SELECT coalesce(regexp_replace(source,
		'^[\s\x{0B}\x{85}\p{Z}]+|[\s\x{0B}\x{85}\p{Z}]+$', '', 'g'), '') AS source
	FROM contacts
	WHERE created >= getvariable('period_start') AND created < getvariable('period_end')
),
slices AS (
	SELECT source, count(*) AS leads FROM created GROUP BY source
),
total AS (
	SELECT count(*) AS leads FROM created
)
SELECT kind, source, leads, share FROM (
	SELECT 0 AS part, s.source = '' AS blank, 'source' AS kind, s.source, s.leads,
		s.leads / t.leads AS share
	FROM slices s, total t
	UNION ALL
	SELECT 1, false, 'total', NULL, leads, (SELECT count(*) FROM contacts WHERE created IS NULL)
	FROM total
)
ORDER BY part, blank, leads DESC, source
