-- B03 Sales velocity: per owner and for the team,
--   open deals × win rate × average won value ÷ average cycle,
-- the value the pipeline turns into won business per day, with each
-- factor.
--
-- Open counts the deals open at as_of, placed as B01.sql places them (see
-- there), those open then in a stage nothing records included. The other
-- factors come from the deals closed (by their current stage) with a close
-- date in the look-back [velocity_start, as_of), as R10 counts them: the
-- win rate is won ÷ (won + lost) by count; the average won value is over
-- the won deals that have a value in the home currency, rounded half away
-- from zero to 2 places; the cycle is close − create in whole seconds
-- (truncated per deal), in days of 86,400 seconds, over the won deals of
-- the look-back, those without a creation date or closed before it left
-- out (unmeasured). per_day is open × won × value × measured × 86,400 ÷
-- ((won + lost) × valued × seconds), rounded half away from zero to 2
-- places, none when there is no closed deal, no valued won deal or no
-- cycle time. The team pools every row's deals.
--
-- Rows: every listed owner, and any other owner (or '' for unassigned)
-- named by an open deal or a deal closed in the look-back. unknown_stage
-- counts the deals whose current stage is not in their pipeline,
-- no_close_date the closed deals without a close date.
--
-- Columns: kind, owner, open, won count, value, no_amount, no_rate, lost
-- count, value, no_amount, no_rate, win rate, average won, cycle deals,
-- cycle days, mean cycle, unmeasured, per_day.
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('velocity_start') AS ls
),
-- Where each deal stood at t (deal_at in macros.sql), with its value in
-- the home currency and its current stage: one row per deal.
placed AS (SELECT * FROM deal_at(getvariable('as_of'))),
closed AS (
	SELECT d.* FROM placed d, params w
	WHERE d.kind_now IN ('won', 'lost') AND d.close_date >= w.ls AND d.close_date < w.t
),
open_by AS (
	SELECT owner, count(*) AS open FROM placed
	WHERE standing IN ('open', 'open_unknown') GROUP BY owner
),
closed_by AS (
	SELECT owner,
		count(*) FILTER (WHERE kind_now = 'won') AS won_n,
		coalesce(sum(value) FILTER (WHERE kind_now = 'won' AND state = 'ok'), 0) AS won_value,
		count(*) FILTER (WHERE kind_now = 'won' AND state = 'missing') AS won_no_amount,
		count(*) FILTER (WHERE kind_now = 'won' AND state = 'no_rate') AS won_no_rate,
		count(*) FILTER (WHERE kind_now = 'lost') AS lost_n,
		coalesce(sum(value) FILTER (WHERE kind_now = 'lost' AND state = 'ok'), 0) AS lost_value,
		count(*) FILTER (WHERE kind_now = 'lost' AND state = 'missing') AS lost_no_amount,
		count(*) FILTER (WHERE kind_now = 'lost' AND state = 'no_rate') AS lost_no_rate,
		count(*) FILTER (WHERE kind_now = 'won' AND created <= close_date) AS cycle_n,
		coalesce(sum(CAST((epoch_us(close_date) - epoch_us(created)) // 1000000 AS HUGEINT))
			FILTER (WHERE kind_now = 'won' AND created <= close_date), 0) AS seconds,
		count(*) FILTER (WHERE kind_now = 'won' AND (created IS NULL OR created > close_date))
			AS unmeasured
	FROM closed GROUP BY owner
),
owner_rows AS (
	SELECT DISTINCT id AS owner FROM owners
	UNION SELECT owner FROM open_by
	UNION SELECT owner FROM closed_by
),
rows AS (
	SELECT 'rep' AS kind, r.owner, coalesce(o.open, 0) AS open,
		coalesce(c.won_n, 0) AS won_n, coalesce(c.won_value, 0) AS won_value,
		coalesce(c.won_no_amount, 0) AS won_no_amount, coalesce(c.won_no_rate, 0) AS won_no_rate,
		coalesce(c.lost_n, 0) AS lost_n, coalesce(c.lost_value, 0) AS lost_value,
		coalesce(c.lost_no_amount, 0) AS lost_no_amount,
		coalesce(c.lost_no_rate, 0) AS lost_no_rate,
		coalesce(c.cycle_n, 0) AS cycle_n, coalesce(c.seconds, 0) AS seconds,
		coalesce(c.unmeasured, 0) AS unmeasured
	FROM owner_rows r LEFT JOIN open_by o USING (owner) LEFT JOIN closed_by c USING (owner)
),
pooled AS (
	SELECT * FROM rows
	UNION ALL
	SELECT 'team', NULL, CAST(sum(open) AS BIGINT), CAST(sum(won_n) AS BIGINT), sum(won_value),
		CAST(sum(won_no_amount) AS BIGINT), CAST(sum(won_no_rate) AS BIGINT),
		CAST(sum(lost_n) AS BIGINT), sum(lost_value), CAST(sum(lost_no_amount) AS BIGINT),
		CAST(sum(lost_no_rate) AS BIGINT), CAST(sum(cycle_n) AS BIGINT), sum(seconds),
		CAST(sum(unmeasured) AS BIGINT)
	FROM rows
),
-- The two quotients rounded to cents: num ÷ den from a double, moved by
-- one cent where the exact comparison in decimals says the double erred.
-- Where the exact terms outgrow DECIMAL(38) (the team of a portal of a
-- million deals), TRY leaves the double's rounding, right to 15 digits.
terms AS (
	SELECT *, won_n - won_no_amount - won_no_rate AS valued,
		TRY(CAST(won_value AS DECIMAL(38, 9)) * open * won_n * cycle_n * 86400) AS v_num,
		CAST(won_n + lost_n AS HUGEINT) * (won_n - won_no_amount - won_no_rate) * seconds AS v_den
	FROM pooled
),
approx AS (
	SELECT *,
		CAST(round(CAST(won_value AS DOUBLE) * 100 / nullif(valued, 0)) AS BIGINT) AS a,
		CAST(round(CAST(won_value AS DOUBLE) * open * won_n * cycle_n * 86400 * 100
			/ CAST(nullif(v_den, 0) AS DOUBLE)) AS BIGINT) AS v
	FROM terms
)
SELECT kind, owner, open, won_n, won_value, won_no_amount, won_no_rate,
	lost_n, lost_value, lost_no_amount, lost_no_rate,
	CASE WHEN won_n + lost_n > 0 THEN won_n / (won_n + lost_n) END AS win_rate,
	CASE WHEN valued > 0 THEN
		CASE
			WHEN 2 * won_value * 100 > (2 * a + 1) * valued
				OR (2 * won_value * 100 = (2 * a + 1) * valued AND won_value > 0) THEN a + 1
			WHEN 2 * won_value * 100 < (2 * a - 1) * valued
				OR (2 * won_value * 100 = (2 * a - 1) * valued AND won_value < 0) THEN a - 1
			ELSE a
		END / 100
	END AS average_won,
	cycle_n, CAST(seconds AS DOUBLE) / 86400 AS days,
	CASE WHEN cycle_n > 0 THEN CAST(seconds AS DOUBLE) / 86400 / cycle_n END AS mean_cycle,
	unmeasured,
	CASE WHEN won_n + lost_n > 0 AND valued > 0 AND seconds > 0 THEN
		CASE
			WHEN TRY(2 * v_num * 100 > (2 * v + 1) * v_den
				OR (2 * v_num * 100 = (2 * v + 1) * v_den AND v_num > 0)) THEN v + 1
			WHEN TRY(2 * v_num * 100 < (2 * v - 1) * v_den
				OR (2 * v_num * 100 = (2 * v - 1) * v_den AND v_num < 0)) THEN v - 1
			ELSE v
		END / 100
	END AS per_day
FROM approx
UNION ALL
SELECT 'unknown_stage', NULL, count(*) FILTER (WHERE kind_now IS NULL), NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM placed
UNION ALL
SELECT 'no_close_date', NULL,
	count(*) FILTER (WHERE kind_now IN ('won', 'lost') AND close_date IS NULL), NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM placed
