-- B04 Pipeline coverage: per owner and for the team, the weighted value
-- of the deals open at as_of and expected to close in the period, against
-- what remains of the period's won-value target.
--
-- Deals are placed at as_of as B01.sql places them (see there). A deal is
-- due when its expected close date then lies in [period_start,
-- period_end), overdue ones of the period included. WonSoFar tallies the
-- deals won (current stage) with a close date in the period and not after
-- as_of. The targets are R09's: those whose span lies within the period
-- (start >= period_start, end <= period_end, start < end); an owner's are
-- those naming the owner; the team's are at the widest level the period
-- holds: the portal's (no owner, no team, a known metric), else the teams'
-- (no owner, a team), else the owners'. A target is the sum of the level's
-- won_value targets, none when it has none. Remaining is target − value
-- won so far; the target is met when that is 0 or less, and coverage is
-- weighted ÷ remaining rounded half away from zero to 6 places, only
-- while something remains.
--
-- Rows: every listed owner, and any other owner (or '' for unassigned)
-- named by a due deal, a deal won so far, or a deal closed in the period.
-- Counters: unknown_stage tallies the deals whose stage at as_of cannot be
-- told, bad_probability the due deals whose probability is NaN or outside
-- [0, 1] (in the open value, not weighted), not_yet_created counts deals
-- created after as_of.
--
-- Columns: kind, owner, due count, value, no_amount, no_rate, weighted,
-- won count, value, no_amount, no_rate, target, remaining, target_met,
-- coverage.
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('period_start') AS ps,
		getvariable('period_end') AS pe
),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (SELECT * FROM pipeline_stage()),
-- Each deal with its value in the home currency and its current stage.
deal AS (SELECT * FROM deal_now()),
-- Where each deal stood at t (deal_at in macros.sql).
placed AS (SELECT * FROM deal_at(getvariable('as_of'))),
-- The open deals due in the period.
due AS (
	SELECT o.*, s.valid, s.p
	FROM placed o
	CROSS JOIN params w
	JOIN stage s ON s.pipeline = o.pipeline AND s.position = o.stage_then
	WHERE o.standing = 'open' AND o.expected >= w.ps AND o.expected < w.pe
),
due_by AS (
	SELECT owner, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate,
		coalesce(sum(value * p) FILTER (WHERE state = 'ok' AND valid), 0) AS weighted
	FROM due GROUP BY owner
),
-- The deals closed in the period by their current stage, and those won
-- in it up to as_of.
closed AS (
	SELECT d.* FROM deal d, params w
	WHERE d.kind_now IN ('won', 'lost') AND d.close_date >= w.ps AND d.close_date < w.pe
),
won_by AS (
	SELECT owner, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate
	FROM closed, params w
	WHERE kind_now = 'won' AND close_date <= w.t
	GROUP BY owner
),
target AS (
	SELECT coalesce(tg.owner, '') AS owner, coalesce(tg.team, '') AS team, tg.metric, tg.value
	FROM targets tg, params w
	WHERE tg."start" >= w.ps AND tg."end" <= w.pe AND tg."start" < tg."end"
),
owner_target AS (
	SELECT owner, sum(value) AS target FROM target
	WHERE owner <> '' AND metric = 'won_value' GROUP BY owner
),
team_target AS (
	SELECT CASE
		WHEN EXISTS (SELECT 1 FROM target WHERE owner = '' AND team = ''
			AND metric IN ('won_value', 'won_count'))
			THEN (SELECT sum(value) FROM target WHERE owner = '' AND team = ''
				AND metric = 'won_value')
		WHEN EXISTS (SELECT 1 FROM target WHERE owner = '' AND team <> '')
			THEN (SELECT sum(value) FROM target WHERE owner = '' AND team <> ''
				AND metric = 'won_value')
		ELSE (SELECT sum(value) FROM target WHERE owner <> '' AND metric = 'won_value')
	END AS target
),
owner_rows AS (
	SELECT DISTINCT id AS owner FROM owners
	UNION SELECT owner FROM due
	UNION SELECT owner FROM closed
),
rows AS (
	SELECT 'rep' AS kind, r.owner,
		coalesce(d.n, 0) AS due_n, coalesce(d.value, 0) AS due_value,
		coalesce(d.no_amount, 0) AS due_no_amount, coalesce(d.no_rate, 0) AS due_no_rate,
		coalesce(d.weighted, 0) AS weighted,
		coalesce(w.n, 0) AS won_n, coalesce(w.value, 0) AS won_value,
		coalesce(w.no_amount, 0) AS won_no_amount, coalesce(w.no_rate, 0) AS won_no_rate,
		t.target
	FROM owner_rows r
	LEFT JOIN due_by d USING (owner)
	LEFT JOIN won_by w USING (owner)
	LEFT JOIN owner_target t USING (owner)
	UNION ALL
	SELECT 'team', NULL,
		(SELECT count(*) FROM due),
		(SELECT coalesce(sum(value), 0) FROM due_by),
		(SELECT CAST(coalesce(sum(no_amount), 0) AS BIGINT) FROM due_by),
		(SELECT CAST(coalesce(sum(no_rate), 0) AS BIGINT) FROM due_by),
		(SELECT coalesce(sum(weighted), 0) FROM due_by),
		(SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM won_by),
		(SELECT coalesce(sum(value), 0) FROM won_by),
		(SELECT CAST(coalesce(sum(no_amount), 0) AS BIGINT) FROM won_by),
		(SELECT CAST(coalesce(sum(no_rate), 0) AS BIGINT) FROM won_by),
		(SELECT target FROM team_target)
),
-- Coverage: k is weighted ÷ remaining in millionths from a double, moved
-- by one where the exact comparison in decimals says the double erred, so
-- that the rounding is exact, half away from zero.
covered AS (
	SELECT *, target - won_value AS remaining,
		CAST(round(CAST(weighted AS DOUBLE) * 1e6 / CAST(target - won_value AS DOUBLE))
			AS BIGINT) AS k
	FROM rows
)
SELECT kind, owner, due_n, due_value, due_no_amount, due_no_rate, weighted,
	won_n, won_value, won_no_amount, won_no_rate, target, remaining,
	CASE WHEN target IS NULL THEN false ELSE remaining <= 0 END AS target_met,
	CASE WHEN remaining > 0 THEN
		CASE
			WHEN 2 * weighted * 1000000 > (2 * k + 1) * remaining
				OR (2 * weighted * 1000000 = (2 * k + 1) * remaining AND weighted > 0)
				THEN k + 1
			WHEN 2 * weighted * 1000000 < (2 * k - 1) * remaining
				OR (2 * weighted * 1000000 = (2 * k - 1) * remaining AND weighted < 0)
				THEN k - 1
			ELSE k
		END / 1e6
	END AS coverage
FROM covered
UNION ALL
SELECT 'unknown_stage', NULL, count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
	count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate'),
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM placed WHERE standing IN ('unknown', 'open_unknown')
UNION ALL
SELECT 'bad_probability', NULL, count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
	count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate'),
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM due WHERE NOT valid
UNION ALL
SELECT 'not_yet_created', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL
FROM placed WHERE standing = 'not_yet'
