-- R19 Meetings held vs no-show vs canceled per rep: per owner, the
-- meetings whose start falls in the period by outcome (completed,
-- no-show, canceled, rescheduled, scheduled, and unknown for an empty
-- outcome or one not among those five), their total, and each outcome's
-- share of the total, NULL over no meeting. Every listed owner has a row;
-- an unlisted owner id and the unassigned bucket (owner '') get one once
-- a meeting names them.
-- Rows: kind 'rep' per owner; 'team' adding them up, its shares pooled
-- (owner NULL); and 'no_time', whose first count is the meetings with no
-- start time.
WITH meetings AS (
	SELECT coalesce(owner, '') AS owner,
		CASE WHEN meeting_outcome IN ('completed', 'no_show', 'canceled', 'rescheduled',
			'scheduled') THEN meeting_outcome ELSE 'unknown' END AS outcome
	FROM activities
	WHERE type = 'meeting'
		AND "time" >= getvariable('period_start') AND "time" < getvariable('period_end')
),
counted AS (
	SELECT owner,
		count(*) FILTER (WHERE outcome = 'completed') AS completed,
		count(*) FILTER (WHERE outcome = 'no_show') AS no_show,
		count(*) FILTER (WHERE outcome = 'canceled') AS canceled,
		count(*) FILTER (WHERE outcome = 'rescheduled') AS rescheduled,
		count(*) FILTER (WHERE outcome = 'scheduled') AS scheduled,
		count(*) FILTER (WHERE outcome = 'unknown') AS unknown
	FROM meetings GROUP BY owner
),
reps AS (
	SELECT coalesce(id, '') AS owner FROM owners
	UNION
	SELECT owner FROM counted
),
rows AS (
	SELECT 'rep' AS kind, r.owner, coalesce(c.completed, 0) AS completed,
		coalesce(c.no_show, 0) AS no_show, coalesce(c.canceled, 0) AS canceled,
		coalesce(c.rescheduled, 0) AS rescheduled, coalesce(c.scheduled, 0) AS scheduled,
		coalesce(c.unknown, 0) AS unknown
	FROM reps r LEFT JOIN counted c USING (owner)
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(completed), 0), coalesce(sum(no_show), 0),
		coalesce(sum(canceled), 0), coalesce(sum(rescheduled), 0),
		coalesce(sum(scheduled), 0), coalesce(sum(unknown), 0)
	FROM counted
),
totals AS (
	SELECT *, completed + no_show + canceled + rescheduled + scheduled + unknown AS total
	FROM rows
)
SELECT kind, owner, completed, no_show, canceled, rescheduled, scheduled, unknown, total,
	completed / nullif(total, 0) AS completed_share, no_show / nullif(total, 0) AS no_show_share,
	canceled / nullif(total, 0) AS canceled_share,
	rescheduled / nullif(total, 0) AS rescheduled_share,
	scheduled / nullif(total, 0) AS scheduled_share, unknown / nullif(total, 0) AS unknown_share
FROM totals
UNION ALL
SELECT 'no_time', NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL
FROM activities WHERE type = 'meeting' AND "time" IS NULL
