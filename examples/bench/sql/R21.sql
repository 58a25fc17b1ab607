-- R21 Deals to close this week per rep: the deals open at as_of whose
-- expected close date falls in the week that holds as_of (from
-- week_start, cut in the portal's time zone, the whole week, days before
-- as_of included), per owner: count, value and value weighted by the
-- stage's probability.
--
-- Deals are placed at as_of as B01.sql places them (see there): stage
-- rebuilt from the stage history, expected close date from the close date
-- history, a deal created after as_of not yet there. Every listed owner
-- has a row; an unlisted owner and the unassigned bucket (owner '') get one
-- once a deal of the week names them. "team" adds the rows up.
-- unknown_stage tallies the deals whose stage at as_of cannot be told,
-- whatever their date; bad_probability the week's deals whose stage's
-- probability is NaN or outside [0, 1] (counted, not weighted);
-- not_yet_created counts deals created after as_of; no_close_date open
-- deals without an expected close date.
--
-- Columns: kind, owner, count, value, no_amount, no_rate, weighted.
WITH params AS (
	SELECT t, ws, ws + INTERVAL 7 DAY AS we
	FROM (
		SELECT getvariable('as_of') AS t,
			date_trunc('day', getvariable('as_of')) - to_days(CAST((dayofweek(getvariable('as_of'))
				- list_position(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
					'saturday'], getvariable('week_start')) + 1 + 7) % 7 AS INTEGER)) AS ws
	)
),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (SELECT * FROM pipeline_stage()),
-- Where each deal stood at t (deal_at in macros.sql).
placed AS (SELECT * FROM deal_at(getvariable('as_of'))),
-- The open deals expected to close in the week.
due AS (
	SELECT o.*, s.valid, s.p
	FROM placed o
	CROSS JOIN params w
	JOIN stage s ON s.pipeline = o.pipeline AND s.position = o.stage_then
	WHERE o.standing = 'open' AND o.expected >= w.ws AND o.expected < w.we
),
owner_rows AS (
	SELECT DISTINCT id AS owner FROM owners
	UNION
	SELECT owner FROM due
),
tallied AS (
	SELECT owner, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate,
		coalesce(sum(value * p) FILTER (WHERE state = 'ok' AND valid), 0) AS weighted
	FROM due GROUP BY owner
)
SELECT 'rep', r.owner, coalesce(t.n, 0), coalesce(t.value, 0), coalesce(t.no_amount, 0),
	coalesce(t.no_rate, 0), coalesce(t.weighted, 0)
FROM owner_rows r LEFT JOIN tallied t USING (owner)
UNION ALL
SELECT 'team', NULL, CAST(coalesce(sum(n), 0) AS BIGINT), coalesce(sum(value), 0),
	CAST(coalesce(sum(no_amount), 0) AS BIGINT), CAST(coalesce(sum(no_rate), 0) AS BIGINT),
	coalesce(sum(weighted), 0)
FROM tallied
UNION ALL
SELECT 'unknown_stage', NULL, count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
	count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate'), NULL
FROM placed WHERE standing IN ('unknown', 'open_unknown')
UNION ALL
SELECT 'bad_probability', NULL, count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
	count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate'), NULL
FROM due WHERE NOT valid
UNION ALL
SELECT 'not_yet_created', NULL, count(*), NULL, NULL, NULL, NULL
FROM placed WHERE standing = 'not_yet'
UNION ALL
SELECT 'no_close_date', NULL, count(*), NULL, NULL, NULL, NULL
FROM placed WHERE standing = 'open' AND expected IS NULL
