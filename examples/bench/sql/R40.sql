-- R40 Response time to inbound contacts: for each contact created in the
-- period and at or before as_of, the wait from its creation to the first
-- response: the earliest call (either direction), outbound email or
-- meeting (any outcome) linked to the contact in activity_contacts, made
-- by an owner (any non-empty owner, listed or not), at or after the
-- creation and at or before as_of. Per contact owner: the contacts, those
-- reached and those never reached by as_of; over the reached, the mean
-- wait (its sum in seconds, count and value rounded to the nearest
-- nanosecond, halves up), the median (halfway between the two middle
-- waits for an even count, rounded down to the nanosecond), both NULL
-- over none, and the waits in bands [0, 1h), [1h, 4h), [4h, 1d),
-- [1d, 3d), [3d, 7d), 7d or more. Every contact counts as inbound (no
-- source filter). Every listed owner has a row; an unlisted owner id and
-- the unassigned bucket (owner '') get one once a contact names them.
-- Rows: kind 'rep' per owner; 'team' over every contact of the rows, its
-- median over all their waits (owner NULL); and, in the contacts column,
-- 'no_created' (contacts with no creation time), 'created_after'
-- (created in the period after as_of), 'other_source' (0, no filter) and
-- 'unowned': the links from the rows' contacts to calls, outbound emails
-- and meetings in their response window that name no owner.
WITH params AS (
	SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
		getvariable('as_of') AS as_of
),
inbound AS (
	SELECT c.id, coalesce(c.owner, '') AS owner, c.created
	FROM contacts c, params p
	WHERE c.created >= p.p_start AND c.created < p.p_end AND c.created <= p.as_of
),
-- every link from a contact to an activity of a kind that answers it, by
-- then, each activity once per contact however often it names it; materialized so that the join to the contacts is on their ids
links AS MATERIALIZED (
	SELECT l.contact, a.owner, a."time"
	FROM (SELECT DISTINCT contact, activity FROM activity_contacts) l
	JOIN activities a ON a.id = l.activity, params p
	WHERE (a.type IN ('call', 'meeting') OR (a.type = 'email' AND a.direction = 'outbound'))
		AND a."time" <= p.as_of
),
-- the links of each inbound contact in its response window
answers AS (
	SELECT i.id AS contact, l.owner, l."time"
	FROM inbound i JOIN links l ON l.contact = i.id
	WHERE l."time" >= i.created
),
firsts AS (
	SELECT contact, min("time") AS first FROM answers WHERE owner IS NOT NULL GROUP BY contact
),
waits AS (
	SELECT i.owner, (epoch_us(f.first)::HUGEINT - epoch_us(i.created)) * 1000 AS ns
	FROM inbound i LEFT JOIN firsts f ON f.contact = i.id
),
-- the median of each owner's waits (grp = owner), and of the team's
-- (grp NULL), from the two middle waits in order
ranked AS (
	SELECT grp, ns, row_number() OVER (PARTITION BY grp ORDER BY ns) AS k,
		count(*) OVER (PARTITION BY grp) AS n
	FROM (SELECT owner AS grp, ns FROM waits WHERE ns IS NOT NULL
		UNION ALL SELECT NULL, ns FROM waits WHERE ns IS NOT NULL)
),
medians AS (
	SELECT grp, lo + (hi - lo) // 2 AS median
	FROM (SELECT grp, max(ns) FILTER (WHERE k = (n + 1) // 2) AS lo,
		max(ns) FILTER (WHERE k = n // 2 + 1) AS hi
		FROM ranked GROUP BY grp)
),
counted AS (
	SELECT owner, count(*) AS contacts, count(ns) AS reached, count(*) - count(ns) AS never,
		coalesce(sum(ns), 0) AS ns, count(*) FILTER (WHERE ns < 3600e9) AS b1h,
		count(*) FILTER (WHERE ns >= 3600e9 AND ns < 4 * 3600e9) AS b4h,
		count(*) FILTER (WHERE ns >= 4 * 3600e9 AND ns < 24 * 3600e9) AS b1d,
		count(*) FILTER (WHERE ns >= 24 * 3600e9 AND ns < 72 * 3600e9) AS b3d,
		count(*) FILTER (WHERE ns >= 72 * 3600e9 AND ns < 168 * 3600e9) AS b7d,
		count(*) FILTER (WHERE ns >= 168 * 3600e9) AS later
	FROM waits GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
rep_rows AS (
	SELECT 'rep' AS kind, r.owner, coalesce(c.contacts, 0) AS contacts,
		coalesce(c.reached, 0) AS reached, coalesce(c.never, 0) AS never,
		coalesce(c.ns, 0) AS ns, coalesce(c.b1h, 0) AS b1h, coalesce(c.b4h, 0) AS b4h,
		coalesce(c.b1d, 0) AS b1d, coalesce(c.b3d, 0) AS b3d, coalesce(c.b7d, 0) AS b7d,
		coalesce(c.later, 0) AS later, m.median
	FROM reps r LEFT JOIN counted c USING (owner) LEFT JOIN medians m ON m.grp = r.owner
),
rows AS (
	SELECT * FROM rep_rows
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(contacts), 0), coalesce(sum(reached), 0),
		coalesce(sum(never), 0), coalesce(sum(ns), 0), coalesce(sum(b1h), 0),
		coalesce(sum(b4h), 0), coalesce(sum(b1d), 0), coalesce(sum(b3d), 0),
		coalesce(sum(b7d), 0), coalesce(sum(later), 0),
		(SELECT median FROM medians WHERE grp IS NULL)
	FROM rep_rows
)
SELECT kind, owner, contacts, reached, never AS never_reached, ns / 1e9 AS sum_seconds,
	reached AS n, CASE WHEN reached > 0 THEN ((2 * ns + reached) // (2 * reached)) / 1e9 END
		AS mean_seconds,
	median / 1e9 AS median_seconds, b1h, b4h, b1d, b3d, b7d, later
FROM rows
UNION ALL
SELECT 'no_created', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL
FROM contacts WHERE created IS NULL
UNION ALL
SELECT 'created_after', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL
FROM contacts, params
WHERE created >= p_start AND created < p_end AND created > as_of
UNION ALL
SELECT 'other_source', NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL
UNION ALL
SELECT 'unowned', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL
FROM answers WHERE owner IS NULL
