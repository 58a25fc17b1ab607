-- B01 Weighted pipeline: the deals open at as_of, per owner and per
-- bucket (of unit) of the horizon [horizon_start, horizon_end) their
-- expected close date falls in, with their value and their value times
-- their stage's probability.
--
-- A deal's stage at as_of is rebuilt from its stage history: the last
-- visit entered at or before as_of (a visit without an entry time counts
-- as entered), else the first visit; but once as_of is past the last
-- visit's entry and that visit is of the current stage, or as_of is past
-- every instant the deal's records hold (the last visit's entry and exit,
-- a closed deal's close date), the current stage. A deal created after
-- as_of did not exist yet (not_yet_created). Without a history, the
-- current stage holds,
-- except that a deal closed after as_of (by its close date) was open then
-- in a stage nothing records. A deal whose pipeline is unknown, whose
-- stage then is not in its pipeline or has no valid kind, or that was open
-- then in an unrecorded stage is tallied in unknown_stage and in no row.
-- Its expected close date is the one its close date history held at
-- as_of (the first value when the history starts later); a deal open now
-- and seen after the last change, or open without a history, has its
-- close_date; a closed deal without a history has none.
--
-- Expected dates before the horizon go to "earlier", at or after its end
-- to "later", none to "no_close_date"; "total" adds up every column. Every
-- listed owner has a row per column; an unlisted owner and the unassigned
-- bucket (owner '') get them once an open deal names them. Values are in
-- the home currency (no amount: no_amount; no rate: no_rate, no value).
-- A probability that is NaN or outside [0, 1] weighs nothing and its
-- deals are tallied in bad_probability. "stage" rows break the team's
-- total down by open stage, in portal order.
--
-- Columns: kind, key (owner, or pipeline for stages), col (column, or
-- stage id), bucket start, count, value, no_amount, no_rate, weighted,
-- probability (stage rows only).
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('horizon_start') AS hs,
		getvariable('horizon_end') AS he, ('1 ' || getvariable('unit'))::INTERVAL AS step
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
-- Where each deal stood at t: standing0 settles the deals that need no
-- history, at_current says whether a deal with one is in its current
-- stage (see the header), else it is in the visit's.
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
-- The buckets of the horizon, by their start.
buckets AS (
	SELECT generate_series AS start
	FROM params, generate_series(hs, he, step)
	WHERE generate_series < he
),
-- The open deals, each with its stage and expected close column.
open AS (
	SELECT o.*, s.valid, s.p,
		CASE
			WHEN o.expected IS NULL THEN 'no_close_date'
			WHEN o.expected < p.hs THEN 'earlier'
			WHEN o.expected >= p.he THEN 'later'
			ELSE 'bucket'
		END AS col,
		b.start AS bucket
	FROM placed o
	CROSS JOIN params p
	JOIN stage s ON s.pipeline = o.pipeline AND s.position = o.stage_then
	LEFT JOIN buckets b ON o.expected >= b.start AND o.expected < least(b.start + p.step, p.he)
	WHERE o.standing = 'open'
),
cols AS (
	SELECT 'bucket' AS col, start AS bucket FROM buckets
	UNION ALL
	SELECT unnest(['earlier', 'later', 'no_close_date', 'total']), NULL
),
owner_rows AS (
	SELECT DISTINCT id AS owner FROM owners
	UNION
	SELECT owner FROM open
),
-- One cell per deal and column it counts in: its own and the total.
cells AS (
	SELECT owner, col, bucket, state, value, valid, p FROM open
	UNION ALL
	SELECT owner, 'total', NULL, state, value, valid, p FROM open
),
tallied AS (
	SELECT owner, col, bucket,
		count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate,
		coalesce(sum(value * p) FILTER (WHERE state = 'ok' AND valid), 0) AS weighted
	FROM cells GROUP BY ALL
),
grid AS (
	SELECT 'rep' AS kind, r.owner AS key, c.col, c.bucket
	FROM owner_rows r CROSS JOIN cols c
	UNION ALL
	SELECT 'team', NULL, c.col, c.bucket FROM cols c
),
tally_of AS (
	SELECT 'rep' AS kind, owner AS key, col, bucket, n, value, no_amount, no_rate, weighted
	FROM tallied
	UNION ALL
	SELECT 'team', NULL, col, bucket, CAST(sum(n) AS BIGINT), sum(value),
		CAST(sum(no_amount) AS BIGINT), CAST(sum(no_rate) AS BIGINT), sum(weighted)
	FROM tallied GROUP BY ALL
)
SELECT g.kind, g.key, g.col, g.bucket,
	coalesce(t.n, 0), coalesce(t.value, 0), coalesce(t.no_amount, 0), coalesce(t.no_rate, 0),
	coalesce(t.weighted, 0), NULL::DOUBLE
FROM grid g
LEFT JOIN tally_of t ON t.kind = g.kind AND t.key IS NOT DISTINCT FROM g.key AND t.col = g.col
	AND t.bucket IS NOT DISTINCT FROM g.bucket
UNION ALL
SELECT 'stage', s.pipeline, s.stage, NULL,
	count(o.id), coalesce(sum(o.value) FILTER (WHERE o.state = 'ok'), 0),
	count(o.id) FILTER (WHERE o.state = 'missing'), count(o.id) FILTER (WHERE o.state = 'no_rate'),
	CASE WHEN s.valid THEN coalesce(sum(o.value * o.p) FILTER (WHERE o.state = 'ok'), 0) ELSE 0 END,
	s.probability
FROM stage s
LEFT JOIN open o ON o.pipeline = s.pipeline AND o.stage_then = s.position
WHERE s.kind = 'open'
GROUP BY s.pipeline, s.stage, s.valid, s.probability
UNION ALL
SELECT x.kind, NULL, NULL, NULL, x.n, x.value, x.no_amount, x.no_rate, NULL, NULL
FROM (
	SELECT 'unknown_stage' AS kind, count(*) AS n,
		coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate
	FROM placed WHERE standing IN ('unknown', 'open_unknown')
	UNION ALL
	SELECT 'bad_probability', count(*), coalesce(sum(value) FILTER (WHERE state = 'ok'), 0),
		count(*) FILTER (WHERE state = 'missing'), count(*) FILTER (WHERE state = 'no_rate')
	FROM open WHERE NOT valid
	UNION ALL
	SELECT 'not_yet_created', count(*), NULL, NULL, NULL FROM placed WHERE standing = 'not_yet'
) x
