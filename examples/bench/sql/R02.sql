-- R02 Calls and outcomes per rep: the calls whose time falls in the
-- period, of either direction, counted per owner by outcome, with the
-- connect rate (connected / all calls, NULL over no call). An outcome
-- that is empty or not one of the six known names counts as unknown.
-- Every listed owner has a row, zeros included; an unlisted owner id and
-- the unassigned bucket (owner '') get a row once a call names them.
-- Rows: kind 'rep' per owner, one 'team' row adding them up (owner NULL),
-- and one 'no_time' row whose first count is the calls with no time.
WITH calls AS (
	SELECT coalesce(owner, '') AS owner, "time",
		CASE WHEN call_outcome IN ('connected', 'left_voicemail', 'left_live_message',
			'no_answer', 'busy', 'wrong_number') THEN call_outcome ELSE 'unknown' END AS outcome
	FROM activities
	WHERE type = 'call'
),
counted AS (
	SELECT owner,
		count(*) FILTER (WHERE outcome = 'connected') AS connected,
		count(*) FILTER (WHERE outcome = 'left_voicemail') AS left_voicemail,
		count(*) FILTER (WHERE outcome = 'left_live_message') AS left_live_message,
		count(*) FILTER (WHERE outcome = 'no_answer') AS no_answer,
		count(*) FILTER (WHERE outcome = 'busy') AS busy,
		count(*) FILTER (WHERE outcome = 'wrong_number') AS wrong_number,
		count(*) FILTER (WHERE outcome = 'unknown') AS unknown,
		count(*) AS total
	FROM calls
	WHERE "time" >= getvariable('period_start') AND "time" < getvariable('period_end')
	GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
rows AS (
	SELECT 'rep' AS kind, r.owner,
		coalesce(c.connected, 0) AS connected, coalesce(c.left_voicemail, 0) AS left_voicemail,
		coalesce(c.left_live_message, 0) AS left_live_message,
		coalesce(c.no_answer, 0) AS no_answer, coalesce(c.busy, 0) AS busy,
		coalesce(c.wrong_number, 0) AS wrong_number, coalesce(c.unknown, 0) AS unknown,
		coalesce(c.total, 0) AS total
	FROM reps r LEFT JOIN counted c USING (owner)
),
team AS (
	SELECT 'team' AS kind, NULL AS owner, coalesce(sum(connected), 0),
		coalesce(sum(left_voicemail), 0), coalesce(sum(left_live_message), 0),
		coalesce(sum(no_answer), 0), coalesce(sum(busy), 0), coalesce(sum(wrong_number), 0),
		coalesce(sum(unknown), 0), coalesce(sum(total), 0)
	FROM rows
)
SELECT kind, owner, connected, left_voicemail, left_live_message, no_answer, busy,
	wrong_number, unknown, total, connected / nullif(total, 0) AS connect_rate
FROM (SELECT * FROM rows UNION ALL SELECT * FROM team)
UNION ALL
SELECT 'no_time', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM calls WHERE "time" IS NULL
