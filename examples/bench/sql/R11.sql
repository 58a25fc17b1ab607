-- R11 Deals won per rep: per owner, the deals won and the deals lost in
-- the period (by close date, half-open), the lost ones with their value,
-- and the win rate won / (won + lost) by count, with its numerator and
-- denominator; no value for an owner with no deal closed in the period.
-- The team row pools every owner's deals: its rate is over the deals,
-- not a mean of the reps' rates.
--
-- Won and lost come from the kind of the deal's stage in its pipeline.
-- Values are in the home currency (rates.to_base converts); a deal
-- without an amount counts in no_amount, one whose currency has no
-- positive rate in no_rate. Every listed owner has a row; an unlisted
-- owner id and the unassigned bucket (owner '') get one once a deal
-- closed in the period names them.
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
),
deal AS (
	SELECT d.*,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		CAST(CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, cur.home) = cur.home THEN d.amount
			WHEN cur.home = cur.base THEN d.amount * rf.rate
			ELSE round(d.amount * rf.rate / rt.rate, 8)
		END AS DECIMAL(38, 12)) AS value,
		d.amount IS NULL AS no_amount
	FROM deals d
	CROSS JOIN cur
	LEFT JOIN stage s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, cur.home)
	LEFT JOIN rate rt ON rt.currency = cur.home
),
closed AS (
	SELECT * REPLACE (coalesce(owner, '') AS owner) FROM deal
	WHERE kind IN ('won', 'lost')
		AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
),
per_owner AS (
	SELECT owner,
		count(*) FILTER (WHERE kind = 'won') AS won,
		count(*) FILTER (WHERE kind = 'lost') AS lost,
		coalesce(sum(value) FILTER (WHERE kind = 'lost'), 0) AS lost_value,
		count(*) FILTER (WHERE kind = 'lost' AND no_amount) AS lost_no_amount,
		count(*) FILTER (WHERE kind = 'lost' AND value IS NULL AND NOT no_amount) AS lost_no_rate
	FROM closed GROUP BY owner
),
rows AS (
	SELECT r.owner, coalesce(p.won, 0) AS won, coalesce(p.lost, 0) AS lost,
		coalesce(p.lost_value, 0) AS lost_value, coalesce(p.lost_no_amount, 0) AS lost_no_amount,
		coalesce(p.lost_no_rate, 0) AS lost_no_rate
	FROM (SELECT id AS owner FROM owners UNION SELECT owner FROM per_owner) r
	LEFT JOIN per_owner p USING (owner)
),
team AS (
	SELECT sum(won) AS won, sum(lost) AS lost, sum(lost_value) AS lost_value,
		sum(lost_no_amount) AS lost_no_amount, sum(lost_no_rate) AS lost_no_rate
	FROM rows
)
SELECT 'rep' AS kind, owner, won, lost, lost_value, lost_no_amount, lost_no_rate,
	won AS rate_num, won + lost AS rate_den, won / nullif(won + lost, 0) AS win_rate
FROM rows
UNION ALL
SELECT 'team', NULL, won, lost, lost_value, lost_no_amount, lost_no_rate,
	won, won + lost, won / nullif(won + lost, 0)
FROM team
