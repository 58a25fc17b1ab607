-- R10 Results per rep, volume and value: per owner, the deals won in the
-- period (by close date, half-open) with their count and value in the
-- home currency, and the team row that adds every owner up.
--
-- Won comes from the kind of the deal's stage in its pipeline (the first
-- stage of that id), never its label. A deal's value is its amount, in the
-- home currency or converted with rates.to_base; a deal without an amount
-- counts in no_amount, one whose currency has no positive rate in no_rate,
-- and neither adds to the value. Every listed owner has a row, zeros
-- included; an unlisted owner id, and the unassigned bucket (owner ''),
-- get a row once a deal closed in the period (won or lost) names them.
-- The team row also counts, over the whole portal, closed deals without a
-- close date and deals whose stage is not in their pipeline.
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
		coalesce(sum(value) FILTER (WHERE kind = 'won'), 0) AS won_value,
		count(*) FILTER (WHERE kind = 'won' AND no_amount) AS won_no_amount,
		count(*) FILTER (WHERE kind = 'won' AND value IS NULL AND NOT no_amount) AS won_no_rate
	FROM closed GROUP BY owner
),
rows AS (
	SELECT id AS owner FROM owners
	UNION
	SELECT owner FROM per_owner
)
SELECT 'rep' AS kind, r.owner,
	coalesce(p.won, 0) AS won, coalesce(p.won_value, 0) AS won_value,
	coalesce(p.won_no_amount, 0) AS won_no_amount, coalesce(p.won_no_rate, 0) AS won_no_rate,
	NULL::BIGINT AS no_close_date, NULL::BIGINT AS unknown_stage
FROM rows r LEFT JOIN per_owner p USING (owner)
UNION ALL
SELECT 'team', NULL,
	count(*) FILTER (WHERE kind = 'won' AND close_date >= getvariable('period_start')
		AND close_date < getvariable('period_end')),
	coalesce(sum(value) FILTER (WHERE kind = 'won' AND close_date >= getvariable('period_start')
		AND close_date < getvariable('period_end')), 0),
	count(*) FILTER (WHERE kind = 'won' AND close_date >= getvariable('period_start')
		AND close_date < getvariable('period_end') AND no_amount),
	count(*) FILTER (WHERE kind = 'won' AND close_date >= getvariable('period_start')
		AND close_date < getvariable('period_end') AND value IS NULL AND NOT no_amount),
	count(*) FILTER (WHERE kind IN ('won', 'lost') AND close_date IS NULL),
	count(*) FILTER (WHERE kind IS NULL)
FROM deal
