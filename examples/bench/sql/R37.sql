-- R37 Proposals vs previous period: per owner, the deals that entered the
-- proposal stage (proposal_stage, matched in every pipeline that has a
-- stage of that id) in the period, and those that entered it in the
-- previous period, with count and value in the home currency of each, and
-- the change in count over the previous count (NULL when that is 0).
--
-- A deal entered the stage in a period when its stage history has a visit
-- to the stage entered in it; two such visits count once, and a deal that
-- skipped the stage never entered it. Deals of those pipelines with no
-- history at all are counted in no_history, visits to the stage with no
-- entry time in bad_visits, and deals whose pipeline is not listed (no
-- row of stages names it) in unknown_pipeline; none of them is in a row.
--
-- The previous period is the one of the same calendar length that ends
-- where the period starts: whole months back when both ends start a month,
-- else whole days back when both start a day (local midnight), else the
-- same elapsed time back. Values convert as in R33.sql.
--
-- Every listed owner has a row, zeros included; an unlisted owner id, and
-- the unassigned bucket (''), have one once one of their deals entered the
-- stage in either period. The team's row (owner NULL) adds up the rows.
--
-- Rows: ('rep', owner, count, value, no amount, no rate, previous count,
-- previous value, previous no amount, previous no rate, change); a
-- ('pipeline', id, NULL, ...) row per pipeline with the stage; and
-- ('apart', NULL, no history, bad visits, unknown pipeline, NULL, ...).
WITH bounds AS (
	SELECT getvariable('period_start') AS ps, getvariable('period_end') AS pe
),
periods AS (
	SELECT ps, pe, ps AS qe,
		CASE
			WHEN ps <> ps::DATE::TIMESTAMPTZ OR pe <> pe::DATE::TIMESTAMPTZ
				THEN ps - to_microseconds(epoch_us(pe) - epoch_us(ps))
			WHEN day(ps) = 1 AND day(pe) = 1
				THEN (ps::DATE - to_months(datediff('month', ps::DATE, pe::DATE)::INTEGER))::TIMESTAMPTZ
			ELSE (ps::DATE - datediff('day', ps::DATE, pe::DATE)::INTEGER)::TIMESTAMPTZ
		END AS qs
	FROM bounds
),
with_stage AS (
	SELECT DISTINCT pipeline FROM stages WHERE stage = getvariable('proposal_stage')
),
candidates AS (
	SELECT d.id, coalesce(d.owner, '') AS owner, d.amount, d.currency
	FROM deals d JOIN with_stage USING (pipeline)
),
visits AS (
	SELECT c.id, count(h.deal) AS visits,
		count(*) FILTER (WHERE h.stage = getvariable('proposal_stage') AND h.entered IS NULL) AS bad,
		bool_or(h.stage = getvariable('proposal_stage') AND h.entered >= p.ps AND h.entered < p.pe)
			AS cur,
		bool_or(h.stage = getvariable('proposal_stage') AND h.entered >= p.qs AND h.entered < p.qe)
			AS prev
	FROM candidates c
	LEFT JOIN deal_stage_history h ON h.deal = c.id, periods p
	GROUP BY c.id
),
portal_currency AS (
	SELECT coalesce(currency, rates_base) AS home, coalesce(rates_base, currency, '') AS base
	FROM portal
),
rate_of AS (
	-- how many base units one unit of a currency is worth
	SELECT currency, to_base AS rate FROM rates, portal_currency
	WHERE to_base > 0 AND currency <> base
	UNION ALL
	SELECT base, 1 FROM portal_currency
),
entered AS (
	SELECT c.id, c.owner, c.amount, coalesce(c.currency, p.home) AS currency, p.home, p.base,
		coalesce(v.cur, false) AS cur, coalesce(v.prev, false) AS prev
	FROM candidates c JOIN visits v USING (id), portal_currency p
	WHERE v.cur OR v.prev
),
converted AS (
	-- an amount in another currency, in base units: exact in DECIMAL(38, 18)
	SELECT e.*, rt.rate AS home_rate,
		CASE
			WHEN e.amount IS NULL OR e.currency IS NOT DISTINCT FROM e.home THEN NULL
			ELSE (e.amount * rf.rate)::DECIMAL(38, 18)
		END AS in_base,
		e.amount IS NOT NULL AND e.currency IS DISTINCT FROM e.home
			AND (rf.rate IS NULL OR rt.rate IS NULL) AS no_rate
	FROM entered e
	LEFT JOIN rate_of rf ON rf.currency = e.currency
	LEFT JOIN rate_of rt ON rt.currency = e.home
),
into_home AS (
	-- base units into the home currency when it is not the base, rounded
	-- half away from zero to 8 places: q0 from doubles, set right by the
	-- exact remainder
	SELECT *, floor(abs(in_base)::DOUBLE * 1e8 / home_rate::DOUBLE)::DECIMAL(38, 0) AS q0
	FROM converted
),
into_home_floor AS (
	SELECT *, q0 + CASE
			WHEN abs(in_base) * 100000000 - q0 * home_rate < 0 THEN -1
			WHEN abs(in_base) * 100000000 - q0 * home_rate >= home_rate THEN 1
			ELSE 0 END AS q
	FROM into_home
),
valued AS (
	SELECT owner, cur, prev, amount IS NULL AS no_amount, no_rate,
		CASE
			WHEN amount IS NULL OR no_rate THEN NULL
			WHEN currency IS NOT DISTINCT FROM home THEN amount::DECIMAL(38, 18)
			WHEN home = base THEN in_base
			ELSE (sign(in_base) * (q + CASE WHEN 2 * (abs(in_base) * 100000000 - q * home_rate)
				>= home_rate THEN 1 ELSE 0 END) * 0.00000001)::DECIMAL(38, 18)
		END AS value
	FROM into_home_floor
),
reps AS (
	SELECT DISTINCT id AS owner FROM owners WHERE id IS NOT NULL
	UNION
	SELECT owner FROM valued
),
tallies AS (
	SELECT r.owner,
		count(v.owner) FILTER (WHERE v.cur) AS n,
		coalesce(sum(v.value) FILTER (WHERE v.cur), 0)::DECIMAL(38, 18) AS value,
		count(*) FILTER (WHERE v.cur AND v.no_amount) AS no_amount,
		count(*) FILTER (WHERE v.cur AND v.no_rate) AS no_rate,
		count(v.owner) FILTER (WHERE v.prev) AS prev_n,
		coalesce(sum(v.value) FILTER (WHERE v.prev), 0)::DECIMAL(38, 18) AS prev_value,
		count(*) FILTER (WHERE v.prev AND v.no_amount) AS prev_no_amount,
		count(*) FILTER (WHERE v.prev AND v.no_rate) AS prev_no_rate
	FROM reps r LEFT JOIN valued v USING (owner)
	GROUP BY GROUPING SETS ((r.owner), ())
)
SELECT 'rep' AS kind, owner, n, value, no_amount, no_rate,
	prev_n, prev_value, prev_no_amount, prev_no_rate,
	CASE WHEN prev_n > 0 THEN (n - prev_n) / prev_n END AS change
FROM tallies
UNION ALL
SELECT 'pipeline', pipeline, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM with_stage
UNION ALL
SELECT 'apart', NULL,
	(SELECT count(*) FROM visits WHERE visits = 0),
	(SELECT coalesce(sum(bad), 0) FROM visits),
	(SELECT count(*) FROM deals d
		WHERE NOT EXISTS (SELECT 1 FROM stages s WHERE s.pipeline = d.pipeline)),
	NULL, NULL, NULL, NULL, NULL, NULL
