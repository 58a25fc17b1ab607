-- Steps several queries share, as DuckDB macros. A table macro is read
-- like a table (SELECT ... FROM name(args)); DuckDB inlines it into the
-- query that calls it, so a query that reads one several times should
-- name it once in a CTE of its own.

-- ---------------------------------------------------------------------
-- Currencies and deal values, exact in DECIMAL(38, 9) (B01, B03 to B06,
-- R21).

-- The home currency and the currency the rates are quoted in: each falls
-- back on the other, and on '' when the portal names neither.
CREATE MACRO home_currency() AS TABLE
	SELECT coalesce(currency, rates_base, '') AS home,
		coalesce(rates_base, currency, '') AS base
	FROM portal;

-- A rate into the base currency per currency: 1 for the base itself, and
-- no row for a currency whose rate is not positive.
CREATE MACRO base_rate() AS TABLE
	SELECT currency, to_base FROM rates
	WHERE to_base > 0 AND currency <> (SELECT base FROM home_currency())
	UNION ALL
	SELECT base, 1 FROM home_currency();

-- Each stage of each pipeline (a missing stage id as ''), the first row
-- when a stage id repeats: its position, its kind when that is open, won
-- or lost, its probability, whether that is a probability (valid: not NaN,
-- within [0, 1]), and then p, the probability as the exact decimal its
-- shortest text spells; ord is the row's place in the file.
CREATE MACRO pipeline_stage() AS TABLE
	SELECT pipeline, coalesce(stage, '') AS stage, position,
		CASE WHEN kind IN ('open', 'won', 'lost') THEN kind END AS kind, probability,
		NOT (isnan(probability) OR probability < 0 OR probability > 1) AS valid,
		CASE WHEN NOT (isnan(probability) OR probability < 0 OR probability > 1)
			THEN CAST(CAST(probability AS VARCHAR) AS DECIMAL(20, 12)) END AS p,
		rowid AS ord
	FROM stages WHERE position IS NOT NULL
	QUALIFY row_number() OVER (PARTITION BY pipeline, coalesce(stage, '') ORDER BY rowid) = 1;

-- Each deal as it is now: owner ('' when unassigned), whether its pipeline
-- is listed, its current stage's kind and position (NULL when the
-- pipeline does not list the stage), and its value in the home currency.
-- state says how the value was found: 'missing' without an amount (value
-- NULL), 'no_rate' when the deal's currency or the home currency has no
-- rate (value not to be counted), else 'ok'. An amount in the home
-- currency (or in none) is taken as it is; otherwise it goes into the
-- base with the deal's rate and, when the home currency is not the base,
-- out of it with the home currency's rate, rounded to 8 places.
CREATE MACRO deal_now() AS TABLE
	WITH home AS (SELECT * FROM home_currency()),
	rate AS (SELECT * FROM base_rate()),
	stage AS (SELECT * FROM pipeline_stage()),
	pipeline AS (SELECT DISTINCT pipeline FROM stages)
	SELECT d.id, d.name, d.rowid AS rowid_order, coalesce(d.owner, '') AS owner, d.pipeline,
		d.created, d.close_date,
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
	LEFT JOIN stage s ON s.pipeline = d.pipeline AND s.stage = coalesce(d.stage, '');

-- Where each deal stood at the instant t: deal_now's columns, then
--   standing   'not_yet' (created after t), 'unknown' (pipeline not
--              listed, or stage then not in it or of no valid kind),
--              'open_unknown' (open then in a stage nothing records), or
--              the kind of its stage then: 'open', 'won', 'lost';
--   stage_then the position of that stage;
--   expected   the expected close date at t;
--   has_history, first_entered (the first visit's entry time), and the
--   steps on the way (standing0, at_current, visit_kind, visit_stage).
-- The stage comes from the stage history: the last visit entered at or
-- before t (a visit without an entry time counts as entered), else the
-- first visit; but the current stage once t is past the last visit's
-- entry and that visit is of the current stage, or t is past every
-- instant the deal's records hold (the last visit's entry and exit, a
-- closed deal's close date). Without a history the current stage holds,
-- except that a deal closed after t (by its close date) was open then in a
-- stage nothing records. The expected close date is the one the close
-- date history held at t (its first value when it starts later); a deal
-- open now and seen after the last change, or open without a history,
-- has its close_date; a closed deal without a history has none.
CREATE MACRO deal_at(t) AS TABLE
	WITH stage AS (SELECT * FROM pipeline_stage()),
	-- The visit under way at t, per deal that has a stage history.
	visit AS (
		SELECT h.deal, coalesce(h.stage, '') AS stage,
			last_value(coalesce(h.stage, '')) OVER whole AS last_stage,
			last_value(h.entered) OVER whole AS last_entered,
			last_value(h."left") OVER whole AS last_left,
			first_value(h.entered) OVER whole AS first_entered
		FROM deal_stage_history h
		WINDOW whole AS (PARTITION BY h.deal ORDER BY h.position
			ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
		QUALIFY row_number() OVER (PARTITION BY h.deal ORDER BY
			(h.entered IS NULL OR h.entered <= t OR h.position = 0) DESC, h.position DESC) = 1
	),
	-- The close date history read at t: how many changes, when the last
	-- was made, and the value held at t.
	close_hist AS (
		SELECT h.deal, count(*) OVER (PARTITION BY h.deal) AS n,
			last_value(h."at") OVER (PARTITION BY h.deal ORDER BY h.position
				ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_at,
			h.close_date
		FROM deal_close_date_history h
		QUALIFY row_number() OVER (PARTITION BY h.deal ORDER BY
			(h."at" IS NULL OR h."at" <= t OR h.position = 0) DESC, h.position DESC) = 1
	),
	-- standing0 settles the deals that need no history, at_current says
	-- whether a deal with one is in its current stage, else it is in the
	-- visit's.
	placed0 AS (
		SELECT d.*, v.deal IS NOT NULL AS has_history, v.first_entered,
			CASE
				WHEN d.created > t THEN 'not_yet'
				WHEN NOT d.known_pipeline THEN 'unknown'
				WHEN v.deal IS NOT NULL THEN NULL
				WHEN d.kind_now IS NULL THEN 'unknown'
				WHEN d.kind_now <> 'open' AND d.close_date > t THEN 'open_unknown'
				ELSE d.kind_now
			END AS standing0,
			v.deal IS NULL OR ((v.last_entered IS NULL OR v.last_entered <= t)
				AND (lv.position IS NOT DISTINCT FROM d.stage_now
					OR ((v.last_left IS NULL OR v.last_left <= t)
						AND (d.kind_now IS NULL OR d.kind_now = 'open' OR d.close_date IS NULL
							OR d.close_date <= t)))) AS at_current,
			sv.kind AS visit_kind, sv.position AS visit_stage,
			CASE
				WHEN c.deal IS NULL THEN CASE WHEN d.kind_now = 'open' THEN d.close_date END
				WHEN d.kind_now = 'open' AND coalesce(c.last_at <= t, true) THEN d.close_date
				ELSE c.close_date
			END AS expected
		FROM deal_now() d
		LEFT JOIN visit v ON v.deal = d.id
		LEFT JOIN stage sv ON sv.pipeline = d.pipeline AND sv.stage = v.stage
		LEFT JOIN stage lv ON lv.pipeline = d.pipeline AND lv.stage = v.last_stage
		LEFT JOIN close_hist c ON c.deal = d.id
	)
	SELECT *,
		CASE
			WHEN standing0 IS NOT NULL THEN standing0
			WHEN at_current THEN coalesce(kind_now, 'unknown')
			ELSE coalesce(visit_kind, 'unknown')
		END AS standing,
		CASE WHEN at_current THEN stage_now ELSE visit_stage END AS stage_then
	FROM placed0;

-- ---------------------------------------------------------------------
-- Deals with their kind and value, in DECIMAL(38, 12) (R09 to R12, R22
-- to R24, R26, R31, R36, R38).

-- Where each deal stood at t, as R12 and R26 count it: not yet created,
-- in no known stage (kind_then NULL), or of a kind, in a stage position
-- (stage_then NULL when no record tells which); with its pipeline, owner,
-- value and whether its amount is missing.
CREATE MACRO deal_standing(t) AS TABLE
	SELECT pipeline, owner AS owner_key, value, state = 'missing' AS no_amount,
		standing = 'not_yet' AS not_yet_created,
		CASE standing WHEN 'unknown' THEN NULL WHEN 'open_unknown' THEN 'open' ELSE standing END
			AS kind_then,
		CASE WHEN standing <> 'open_unknown' THEN stage_then END AS stage_then
	FROM deal_at(t);

-- Each deal's columns, then kind: the kind of its stage in its pipeline
-- (the stage's lowest position when an id repeats), NULL unless open, won
-- or lost; value: its amount in the home currency, NULL without an amount
-- or without a positive rate for the deal's currency or the home
-- currency; no_amount: whether the amount is missing. The home currency
-- is the portal's, else the rates' base, and the base the other way
-- round (here NULL, not '', when the portal names neither). An amount in
-- the home currency (or in none) is kept; otherwise it goes into the base
-- with the deal's rate and, when the home currency is not the base, out
-- of it with the home currency's rate, rounded to 8 places.
CREATE MACRO deal_valued() AS TABLE
	WITH cur AS (
		SELECT coalesce(currency, rates_base) AS home, coalesce(rates_base, currency) AS base
		FROM portal
	),
	rate AS (
		SELECT currency, to_base AS rate FROM rates
		WHERE to_base > 0 AND currency IS DISTINCT FROM (SELECT base FROM cur)
		UNION ALL
		SELECT base, 1 FROM cur
	),
	stage AS (
		SELECT pipeline, stage, arg_min_null(kind, position) AS kind
		FROM stages WHERE stage IS NOT NULL GROUP BY ALL
	)
	SELECT d.*,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, cur.home) = cur.home THEN CAST(d.amount AS DECIMAL(38, 12))
			WHEN cur.home = cur.base THEN CAST(d.amount * rf.rate AS DECIMAL(38, 12))
			-- DuckDB divides decimals in DOUBLE: this branch, which the demo
			-- never takes, is exact only to a double's precision.
			ELSE CAST(round(d.amount * rf.rate / rt.rate, 8) AS DECIMAL(38, 12))
		END AS value,
		d.amount IS NULL AS no_amount
	FROM deals d
	CROSS JOIN cur
	LEFT JOIN stage s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, cur.home)
	LEFT JOIN rate rt ON rt.currency = cur.home;

-- ---------------------------------------------------------------------
-- Deals with their kind and value, the rate per unit left exact (R42 to
-- R45).

-- Each deal by its row (pos), with id, close_date, type, company and
-- amount; kind: the kind of its stage's first listing in its pipeline,
-- NULL unless open, won or lost; value: its amount in the home currency.
-- The home currency is the portal's, else the rates' base ('' when the
-- portal names neither), and the base the other way round. An amount in
-- the home currency (or in none) is kept; one whose currency or the home
-- currency has no positive rate has no value; otherwise it goes into the
-- base with the deal's rate (exact) and, when the home currency is not the
-- base, out of it with the home currency's rate, rounded to 8 places.
CREATE MACRO deal_home_value() AS TABLE
	WITH money AS (SELECT * FROM home_currency()),
	rate AS (SELECT currency, to_base AS per_unit FROM base_rate()),
	stage_kind AS (
		SELECT pipeline, stage, arg_min_null(kind, rowid) AS kind
		FROM stages
		WHERE stage IS NOT NULL
		GROUP BY ALL
	)
	SELECT d.rowid AS pos, d.id, d.close_date, d.type, d.company, d.amount,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, m.home) = m.home THEN d.amount
			WHEN rf.per_unit IS NULL OR rt.per_unit IS NULL THEN NULL
			WHEN m.home = m.base THEN d.amount * rf.per_unit
			ELSE CAST(round(d.amount * rf.per_unit / rt.per_unit, 8) AS DECIMAL(38, 8))
		END AS value
	FROM deals d
	CROSS JOIN money m
	LEFT JOIN stage_kind s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, m.home)
	LEFT JOIN rate rt ON rt.currency = m.home;

-- ---------------------------------------------------------------------
-- The deals of the alert tables R46 and R48, each named by pos, its
-- place in the deals table, and the deals open at as_of among them. The
-- rules are in R46.sql's header.

-- The first listing of each stage in its pipeline: its row, its kind
-- (NULL when not open, won or lost) and its label.
CREATE MACRO alert_stage() AS TABLE
	WITH stage_row AS (
		SELECT pipeline, stage, min(rowid) AS row FROM stages WHERE stage IS NOT NULL GROUP BY ALL
	)
	SELECT r.pipeline, r.stage, r.row,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		coalesce(s.label, '') AS label
	FROM stage_row r JOIN stages s ON s.rowid = r.row;

-- Each deal with its current stage's kind and its value in the home
-- currency (NULL without an amount or a rate), as deal_home_value finds
-- them.
CREATE MACRO alert_deal() AS TABLE
	SELECT d.rowid AS pos, d.id, d.name, d.owner, d.pipeline, d.stage, d.created, d.close_date,
		v.kind, v.value, d.amount
	FROM deals d JOIN deal_home_value() v ON v.pos = d.rowid;

-- Each deal's activities by the deal's pos (the first deal of an id), an
-- activity that names the deal twice once.
CREATE MACRO alert_deal_activity() AS TABLE
	SELECT DISTINCT f.pos, ad.activity
	FROM activity_deals ad
	JOIN (SELECT id, min(rowid) AS pos FROM deals GROUP BY id) f ON f.id = ad.deal;

-- The deals open at as_of: alert_deal's columns, kind_then and
-- stage_then (NULL when no record tells), the stage's label and row, the
-- owner's id ('' when unassigned) and name ('unassigned', else the first
-- listing's name, else the id), the latest activity at or before as_of,
-- and since: that activity, else the deal's creation.
CREATE MACRO alert_open_deal() AS TABLE
	WITH stage_info AS (SELECT * FROM alert_stage()),
	deal AS (SELECT * FROM alert_deal()),
	first_deal AS (
		SELECT id, min(rowid) AS pos FROM deals GROUP BY id
	),
	visit AS (
		SELECT f.pos, h.position, h.stage, h.entered,
			min(h.position) OVER (PARTITION BY f.pos) AS first,
			max(h.position) OVER (PARTITION BY f.pos) AS last
		FROM deal_stage_history h JOIN first_deal f ON f.id = h.deal
	),
	visit_then AS (
		SELECT pos, arg_max_null(stage, position) AS stage,
			bool_or(position = last AND (entered IS NULL OR entered <= getvariable('as_of')))
				AS last_entered,
			arg_max_null(stage, position) FILTER (WHERE position = last) AS last_stage
		FROM visit
		WHERE position = first OR entered IS NULL OR entered <= getvariable('as_of')
		GROUP BY pos
	),
	deal_then AS (
		SELECT d.*,
			CASE
				WHEN v.pos IS NULL AND d.kind <> 'open' AND d.close_date > getvariable('as_of')
					THEN 'open'
				WHEN v.pos IS NULL OR (v.last_entered AND v.last_stage = d.stage) THEN d.kind
				ELSE s.kind
			END AS kind_then,
			CASE
				WHEN v.pos IS NULL AND d.kind <> 'open' AND d.close_date > getvariable('as_of')
					THEN NULL
				WHEN v.pos IS NULL OR (v.last_entered AND v.last_stage = d.stage) THEN d.stage
				ELSE s.stage
			END AS stage_then
		FROM deal d
		LEFT JOIN visit_then v ON v.pos = d.pos
		LEFT JOIN stage_info s ON s.pipeline = d.pipeline AND s.stage = v.stage
		WHERE d.kind IS NOT NULL
			AND (d.created IS NULL OR d.created <= getvariable('as_of'))
	),
	open_deal AS (
		SELECT t.*, coalesce(i.label, '') AS stage_label, i.row AS stage_row
		FROM deal_then t
		LEFT JOIN stage_info i ON i.pipeline = t.pipeline AND i.stage = t.stage_then
		WHERE t.kind_then = 'open'
	),
	owner AS (
		SELECT id, arg_min_null(name, rowid) AS name FROM owners GROUP BY id
	),
	deal_activity AS (SELECT * FROM alert_deal_activity()),
	last_touch AS (
		SELECT da.pos, max(a.time) AS at
		FROM deal_activity da JOIN activities a ON a.id = da.activity
		WHERE a.time <= getvariable('as_of')
		GROUP BY da.pos
	)
	SELECT o.*, coalesce(o.owner, '') AS owner_id,
		CASE WHEN o.owner IS NULL THEN 'unassigned' ELSE coalesce(w.name, o.owner) END
			AS owner_name,
		t.at AS last_activity, coalesce(t.at, o.created) AS since
	FROM open_deal o
	LEFT JOIN last_touch t ON t.pos = o.pos
	LEFT JOIN owner w ON w.id = o.owner;

-- ---------------------------------------------------------------------
-- B01, the weighted pipeline, at the instant at_t over the horizon
-- [from_t, to_t) cut by the session's unit; B01.sql says what it counts,
-- and B05 uses it at its past instant.
CREATE MACRO weighted_pipeline(at_t, from_t, to_t) AS TABLE
	WITH params AS (
		SELECT at_t AS t, from_t AS hs, to_t AS he, ('1 ' || getvariable('unit'))::INTERVAL AS step
	),
	-- Each stage of each pipeline, the first row when a stage id repeats.
	stage AS (SELECT * FROM pipeline_stage()),
	-- Where each deal stood at t (deal_at in macros.sql).
	placed AS (SELECT * FROM deal_at(at_t)),
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
	) x;

-- ---------------------------------------------------------------------
-- The buckets of the period, by the session's unit and week start (R31,
-- R36, R38): bucket (numbered from 0), start and "end" (the whole bucket
-- clipped to the period), label (its whole bucket's, as 2026-03-05,
-- 2026-W05, 2026-03, 2026-Q1, 2026), whole (the whole bucket's start) and
-- prev (the start of the whole bucket before it).
CREATE MACRO period_bucket() AS TABLE
	-- The period (typed, as the macro is bound before the variables are
	-- set), the unit's step, and for weeks how many days after Monday
	-- they start.
	WITH span AS (
		SELECT CAST(getvariable('period_start') AS TIMESTAMPTZ) AS ps,
			CAST(getvariable('period_end') AS TIMESTAMPTZ) AS pe
	),
	unit AS (
		SELECT getvariable('unit') AS unit,
			CASE getvariable('unit')
				WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY
				WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
				WHEN 'year' THEN INTERVAL 1 YEAR
			END AS step,
			coalesce(list_position(['monday', 'tuesday', 'wednesday', 'thursday', 'friday',
				'saturday', 'sunday'], getvariable('week_start')) - 1, 0) * INTERVAL 1 DAY AS shift
	),
	-- The whole buckets that hold the period, each clipped to it and labelled
	-- as its whole bucket: 2026-03-05, 2026-W05, 2026-03, 2026-Q1, 2026.
	whole AS (
		SELECT w.range AS whole, w.range + u.step AS next, u.unit, u.shift, u.step
		FROM unit u, span,
			range(CASE u.unit WHEN 'week'
					THEN date_trunc('week', ps - u.shift) + u.shift
					ELSE date_trunc(u.unit, ps) END,
				pe, u.step) w
	)
	SELECT row_number() OVER (ORDER BY whole) - 1 AS bucket,
		greatest(whole, ps) AS start,
		least(next, pe) AS "end",
		CASE unit
			WHEN 'day' THEN strftime(whole, '%Y-%m-%d')
			WHEN 'week' THEN year(whole + INTERVAL 3 DAY)::VARCHAR || '-W' || lpad((date_diff('day',
				(date_trunc('week', make_timestamptz(year(whole + INTERVAL 3 DAY), 1, 4, 0, 0, 0)
					- shift) + shift)::DATE, whole::DATE) // 7 + 1)::VARCHAR, 2, '0')
			WHEN 'month' THEN strftime(whole, '%Y-%m')
			WHEN 'quarter' THEN year(whole)::VARCHAR || '-Q' || quarter(whole)::VARCHAR
			ELSE strftime(whole, '%Y')
		END AS label,
		whole, whole - step AS prev
	FROM whole, span
	WHERE ps < pe;

-- ---------------------------------------------------------------------
-- Stages in funnel order (R15, R29, R30).

-- Every stage of every pipeline, with col, its column among the open
-- stages: how many open stages come before it.
CREATE MACRO stage_column() AS TABLE
	SELECT pipeline, position, stage, kind,
		count(*) FILTER (WHERE kind = 'open') OVER (PARTITION BY pipeline ORDER BY position
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS col
	FROM stages
	WHERE stage IS NOT NULL;

-- A stage id names the first stage of its pipeline that has it.
CREATE MACRO stage_first() AS TABLE
	SELECT pipeline, stage, min(position) AS position, arg_min(kind, position) AS kind,
		arg_min(col, position) AS col
	FROM stage_column()
	GROUP BY pipeline, stage;

-- ---------------------------------------------------------------------
-- R15, the stage funnels per rep and pipeline and the team's (owner
-- NULL), with the deals the funnels count apart; R15.sql says how. R30
-- is its team rows.
CREATE MACRO stage_funnel() AS TABLE
WITH stage_rows AS (SELECT * FROM stage_column()),
	stage_of AS (SELECT * FROM stage_first()),
	pipelines AS (
		SELECT pipeline, count(*) FILTER (WHERE kind = 'open') AS n_open,
			coalesce(arg_min(stage, position) FILTER (WHERE kind = 'won'), '') AS won_stage
		FROM (SELECT DISTINCT pipeline FROM stages) p
		LEFT JOIN stage_rows USING (pipeline)
		GROUP BY pipeline
	),
	cohort AS (
		SELECT d.id, coalesce(d.owner, '') AS owner, p.pipeline, p.n_open,
			CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind, s.col
		FROM deals d
		LEFT JOIN pipelines p ON p.pipeline = d.pipeline
		LEFT JOIN stage_of s ON s.pipeline = d.pipeline AND s.stage = d.stage
		WHERE d.created >= getvariable('period_start') AND d.created < getvariable('period_end')
	),
	counted AS (
		SELECT * FROM cohort WHERE kind IS NOT NULL
	),
	visits AS (
		-- the furthest open column each counted deal's history reaches
		SELECT c.id,
			count(*) AS visits,
			count(*) FILTER (WHERE s.position IS NULL) AS unknown,
			max(CASE WHEN s.kind = 'open' THEN s.col WHEN s.kind = 'won' THEN c.n_open - 1 END)
				AS furthest
		FROM counted c
		JOIN deal_stage_history h ON h.deal = c.id
		LEFT JOIN stage_of s ON s.pipeline = c.pipeline AND s.stage = h.stage
		GROUP BY c.id
	),
	progress AS (
		SELECT c.pipeline, c.owner, c.kind, coalesce(v.unknown, 0) AS unknown,
			coalesce(v.visits, 0) = 0 AND c.kind = 'lost' AND c.n_open > 0 AS assumed,
			CASE
				WHEN c.kind = 'open' THEN greatest(coalesce(v.furthest, -1), c.col)
				WHEN c.kind = 'won' THEN c.n_open - 1
				WHEN coalesce(v.visits, 0) = 0 AND c.n_open > 0 THEN 0
				ELSE coalesce(v.furthest, -1)
			END AS furthest
		FROM counted c LEFT JOIN visits v USING (id)
	),
	steps AS (
		-- the open stages, then the won step
		SELECT pipeline, col AS k, stage FROM stage_rows WHERE kind = 'open'
		UNION ALL
		SELECT pipeline, n_open, won_stage FROM pipelines
	),
	reps AS (
		-- every listed owner in every pipeline; an unlisted owner, and the
		-- unassigned bucket (''), where one of their deals is counted
		SELECT p.pipeline, o.id AS owner
		FROM pipelines p, (SELECT DISTINCT id FROM owners WHERE id IS NOT NULL) o
		UNION
		SELECT pipeline, owner FROM progress
	),
	funnels AS (
		-- one funnel per rep and pipeline, and the team's (owner NULL)
		SELECT r.pipeline, r.owner, s.k, s.stage,
			count(g.kind) FILTER (WHERE CASE WHEN s.k = p.n_open THEN g.kind = 'won'
				ELSE g.furthest >= s.k END) AS reached
		FROM reps r
		JOIN pipelines p USING (pipeline)
		JOIN steps s USING (pipeline)
		LEFT JOIN progress g ON g.pipeline = r.pipeline AND g.owner = r.owner
		GROUP BY GROUPING SETS ((r.pipeline, r.owner, s.k, s.stage), (r.pipeline, s.k, s.stage))
	),
	totals AS (
		SELECT r.pipeline, r.owner,
			count(g.kind) AS created,
			count(*) FILTER (WHERE g.kind = 'open') AS open,
			count(*) FILTER (WHERE g.kind = 'won') AS won,
			count(*) FILTER (WHERE g.kind = 'lost') AS lost
		FROM reps r LEFT JOIN progress g ON g.pipeline = r.pipeline AND g.owner = r.owner
		GROUP BY GROUPING SETS ((r.pipeline, r.owner), (r.pipeline))
	),
	rated AS (
		SELECT f.pipeline, f.owner, f.k, f.stage, f.reached, t.created,
			coalesce(lag(f.reached) OVER (PARTITION BY f.pipeline, f.owner ORDER BY f.k),
				t.created) AS prev
		FROM funnels f JOIN totals t ON t.pipeline = f.pipeline AND t.owner IS NOT DISTINCT FROM f.owner
	)
	SELECT 'step' AS kind, pipeline, owner, k, stage, reached AS n, NULL AS open, NULL AS won,
		NULL AS lost,
		CASE WHEN prev > 0 THEN reached / prev END AS step,
		CASE WHEN created > 0 THEN reached / created END AS cumulative
	FROM rated
	UNION ALL
	SELECT 'funnel', pipeline, owner, NULL, NULL, created, open, won, lost,
		CASE WHEN won + lost > 0 THEN won / (won + lost) END, NULL
	FROM totals
	UNION ALL
	SELECT 'apart', NULL, NULL, NULL, NULL,
		(SELECT count(*) FROM deals WHERE created IS NULL),
		(SELECT count(*) FROM cohort WHERE kind IS NULL),
		(SELECT coalesce(sum(unknown), 0) FROM progress),
		(SELECT count(*) FILTER (WHERE assumed) FROM progress),
		NULL, NULL;

-- ---------------------------------------------------------------------
-- Each contact with its lifecycle stage at the instant at_t (R25, R28):
-- its current stage once the date it reached it is recorded and not
-- after at_t; else, when it has any recorded date, the furthest stage
-- short of "other" reached by at_t ("unknown" when none); else, with no
-- date at all, its current stage, assumed (assumed true).
CREATE MACRO contact_stage_at(at_t) AS TABLE
	SELECT c.*, s.stage, s.assumed
	FROM contacts c,
	LATERAL (SELECT
		CASE
			WHEN CASE c.lifecycle
					WHEN 'subscriber' THEN c.reached_subscriber
					WHEN 'lead' THEN c.reached_lead
					WHEN 'marketing_qualified' THEN c.reached_marketing_qualified
					WHEN 'sales_qualified' THEN c.reached_sales_qualified
					WHEN 'opportunity' THEN c.reached_opportunity
					WHEN 'customer' THEN c.reached_customer
					WHEN 'evangelist' THEN c.reached_evangelist
					WHEN 'other' THEN c.reached_other
				END <= at_t THEN c.lifecycle
			WHEN coalesce(c.reached_subscriber, c.reached_lead,
					c.reached_marketing_qualified, c.reached_sales_qualified,
					c.reached_opportunity, c.reached_customer, c.reached_evangelist,
					c.reached_other) IS NULL THEN coalesce(c.lifecycle, 'unknown')
			WHEN c.reached_evangelist <= at_t THEN 'evangelist'
			WHEN c.reached_customer <= at_t THEN 'customer'
			WHEN c.reached_opportunity <= at_t THEN 'opportunity'
			WHEN c.reached_sales_qualified <= at_t THEN 'sales_qualified'
			WHEN c.reached_marketing_qualified <= at_t THEN 'marketing_qualified'
			WHEN c.reached_lead <= at_t THEN 'lead'
			WHEN c.reached_subscriber <= at_t THEN 'subscriber'
			ELSE 'unknown'
		END AS stage,
		coalesce(c.reached_subscriber, c.reached_lead, c.reached_marketing_qualified,
			c.reached_sales_qualified, c.reached_opportunity, c.reached_customer,
			c.reached_evangelist, c.reached_other) IS NULL AS assumed
	) s;

-- ---------------------------------------------------------------------
-- The sales cycle of the deals of kind closed_kind ('won' or 'lost')
-- closed in the period: R23 and R24, whose headers say what it counts.
CREATE MACRO sales_cycle(closed_kind) AS TABLE
WITH deal AS (SELECT * FROM deal_valued()),
	closed AS (
		SELECT created, close_date FROM deal
		WHERE kind = closed_kind
			AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
	),
	cycle AS (
		SELECT (epoch_us(close_date) - epoch_us(created)) / 86400e6 AS days,
			row_number() OVER (ORDER BY epoch_us(close_date) - epoch_us(created)) AS rank,
			count(*) OVER () AS n
		FROM closed
		WHERE created IS NOT NULL AND close_date >= created
	),
	figures AS (
		SELECT count(*) AS deals, avg(days) AS mean, min(days) AS min, max(days) AS max,
			avg(days) FILTER (WHERE rank IN ((n + 1) // 2, n // 2 + 1)) AS median,
			any_value(days) FILTER (WHERE rank = greatest(1, (90 * n + 99) // 100)) AS p90
		FROM cycle
	)
	SELECT deals, greatest(least(mean, max), min) AS mean_days, median AS median_days,
		p90 AS p90_days, min AS min_days, max AS max_days,
		(SELECT count(*) FROM closed WHERE created IS NULL) AS no_created,
		(SELECT count(*) FROM closed WHERE close_date < created) AS negative,
		(SELECT count(*) FROM deal WHERE kind IN ('won', 'lost') AND close_date IS NULL)
			AS no_close_date,
		(SELECT count(*) FROM deal WHERE kind IS NULL) AS unknown_stage
	FROM figures;

-- ---------------------------------------------------------------------
-- The open tasks per rep at as_of, overdue (R08) or in progress (R07):
-- the headers of R07 and R08 say what they count.
CREATE MACRO open_tasks(overdue) AS TABLE
WITH params AS (
		SELECT getvariable('period_start') AS p_start, getvariable('period_end') AS p_end,
			getvariable('as_of') AS as_of
	),
	tasks AS (
		SELECT coalesce(a.owner, '') AS owner, a."time",
			a.task_completed >= p_start AND a.task_completed < p_end AS completed_in_period,
			a."time" <= as_of AS created,
			a.task_completed <= as_of
				OR (a.task_completed IS NULL AND a.task_status = 'completed') AS done,
			a.task_due < as_of AS past_due
		FROM activities a, params
		WHERE a.type = 'task'
	),
	counted AS (
		SELECT owner,
			count(*) FILTER (WHERE created AND NOT coalesce(done, false)
				AND coalesce(past_due, false) = overdue) AS n
		FROM tasks
		WHERE completed_in_period OR created
		GROUP BY owner
	),
	reps AS (
		SELECT coalesce(id, '') AS owner FROM owners
		UNION
		SELECT owner FROM counted
	),
	rows AS (
		SELECT r.owner, coalesce(c.n, 0) AS n
		FROM reps r LEFT JOIN counted c USING (owner)
	)
	SELECT 'rep' AS kind, owner, n FROM rows
	UNION ALL
	SELECT 'team', NULL, coalesce(sum(n), 0) FROM rows
	UNION ALL
	SELECT 'no_time', NULL, count(*) FROM tasks WHERE "time" IS NULL
	UNION ALL
	SELECT 'created_after', NULL, count(*) FROM tasks WHERE NOT created;
