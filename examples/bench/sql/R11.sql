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
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
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
