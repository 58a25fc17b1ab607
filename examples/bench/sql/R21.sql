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
home AS (
	SELECT coalesce(currency, rates_base, '') AS home,
		coalesce(rates_base, currency, '') AS base
	FROM portal
),
-- A rate into the base currency per currency: 1 for the base itself.
rate AS (
	SELECT currency, to_base FROM rates WHERE to_base > 0 AND currency <> (SELECT base FROM home)
	UNION ALL
	SELECT base, 1 FROM home
),
-- Each stage of each pipeline, the first row when a stage id repeats.
stage AS (
	SELECT pipeline, coalesce(stage, '') AS stage, position,
		CASE WHEN kind IN ('open', 'won', 'lost') THEN kind END AS kind, probability,
		NOT (isnan(probability) OR probability < 0 OR probability > 1) AS valid,
		CASE WHEN NOT (isnan(probability) OR probability < 0 OR probability > 1)
			THEN CAST(CAST(probability AS VARCHAR) AS DECIMAL(20, 12)) END AS p,
		rowid AS ord
	FROM stages WHERE position IS NOT NULL
	QUALIFY row_number() OVER (PARTITION BY pipeline, coalesce(stage, '') ORDER BY rowid) = 1
),
pipeline AS (SELECT DISTINCT pipeline FROM stages),
-- Each deal with its value in the home currency and its current stage.
deal AS (
	SELECT d.id, coalesce(d.owner, '') AS owner, d.pipeline, d.created, d.close_date,
		pl.pipeline IS NOT NULL AS known_pipeline,
		s.kind AS kind_now, s.position AS stage_now,
		CASE
			WHEN d.amount IS NULL THEN 'missing'
			WHEN coalesce(d.currency, h.home) = h.home THEN 'ok'
			WHEN rf.to_base IS NULL OR rt.to_base IS NULL THEN 'no_rate'
			ELSE 'ok'
		END AS state,
		CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, h.home) = h.home THEN d.amount
			WHEN h.home = h.base THEN CAST(d.amount * rf.to_base AS DECIMAL(38, 9))
			ELSE CAST(round(d.amount * rf.to_base / rt.to_base, 8) AS DECIMAL(38, 9))
		END AS value
	FROM deals d
	CROSS JOIN home h
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, h.home)
	LEFT JOIN rate rt ON rt.currency = h.home
	LEFT JOIN pipeline pl ON pl.pipeline = d.pipeline
	LEFT JOIN stage s ON s.pipeline = d.pipeline AND s.stage = coalesce(d.stage, '')
),
-- The visit under way at t, per deal that has a stage history.
visit AS (
	SELECT h.deal, coalesce(h.stage, '') AS stage,
		last_value(coalesce(h.stage, '')) OVER whole AS last_stage,
		last_value(h.entered) OVER whole AS last_entered,
		last_value(h."left") OVER whole AS last_left
	FROM deal_stage_history h, params
	WINDOW whole AS (PARTITION BY h.deal ORDER BY h.position
		ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
	QUALIFY row_number() OVER (PARTITION BY h.deal ORDER BY
		(h.entered IS NULL OR h.entered <= t OR h.position = 0) DESC, h.position DESC) = 1
),
-- The close date history read at t: how many changes, when the last was
-- made, and the value held at t.
close_hist AS (
	SELECT h.deal, count(*) OVER (PARTITION BY h.deal) AS n,
		last_value(h."at") OVER (PARTITION BY h.deal ORDER BY h.position
			ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_at,
		h.close_date
	FROM deal_close_date_history h, params
	QUALIFY row_number() OVER (PARTITION BY h.deal ORDER BY
		(h."at" IS NULL OR h."at" <= t OR h.position = 0) DESC, h.position DESC) = 1
),
placed0 AS (
	SELECT d.*, v.deal IS NOT NULL AS has_history,
		CASE
			WHEN d.created > p.t THEN 'not_yet'
			WHEN NOT d.known_pipeline THEN 'unknown'
			WHEN v.deal IS NOT NULL THEN NULL
			WHEN d.kind_now IS NULL THEN 'unknown'
			WHEN d.kind_now <> 'open' AND d.close_date > p.t THEN 'open_unknown'
			ELSE d.kind_now
		END AS standing0,
		v.deal IS NULL OR ((v.last_entered IS NULL OR v.last_entered <= p.t)
			AND (lv.position IS NOT DISTINCT FROM d.stage_now
				OR ((v.last_left IS NULL OR v.last_left <= p.t)
					AND (d.kind_now IS NULL OR d.kind_now = 'open' OR d.close_date IS NULL
						OR d.close_date <= p.t)))) AS at_current,
		sv.kind AS visit_kind, sv.position AS visit_stage,
		CASE
			WHEN c.deal IS NULL THEN CASE WHEN d.kind_now = 'open' THEN d.close_date END
			WHEN d.kind_now = 'open' AND coalesce(c.last_at <= p.t, true) THEN d.close_date
			ELSE c.close_date
		END AS expected
	FROM deal d
	CROSS JOIN params p
	LEFT JOIN visit v ON v.deal = d.id
	LEFT JOIN stage sv ON sv.pipeline = d.pipeline AND sv.stage = v.stage
	LEFT JOIN stage lv ON lv.pipeline = d.pipeline AND lv.stage = v.last_stage
	LEFT JOIN close_hist c ON c.deal = d.id
),
-- Where each deal stood at t, as B01.sql places it.
placed AS (
	SELECT *,
		CASE
			WHEN standing0 IS NOT NULL THEN standing0
			WHEN at_current THEN coalesce(kind_now, 'unknown')
			ELSE coalesce(visit_kind, 'unknown')
		END AS standing,
		CASE WHEN at_current THEN stage_now ELSE visit_stage END AS stage_then
	FROM placed0
),
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
