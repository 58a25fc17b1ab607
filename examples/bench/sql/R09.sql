-- R09 Deals won against target: the deals won in the period (by close
-- date, half-open) against the targets that lie within the period, for
-- the whole team, each team and each rep, with attainment.
--
-- A target lies within the period when it starts at or after its start,
-- ends at or before its end and is not empty; one that only overlaps the
-- period counts in partial_targets and nowhere else, and one whose metric
-- is neither won_value nor won_count, within or overlapping, counts in
-- unknown_metric and nowhere else. A target names an
-- owner, else a team, else the portal. The team row measures against the
-- widest level the period holds: the portal's targets (of either metric)
-- if any, else the teams', else the owners'; at the teams level its wins
-- are those of the members of teams with a target, at the owners level
-- those of owners with one. Each team row (a team named by an owner or by
-- a target within the period) and each rep row is measured against its
-- own targets; an owner id no owner record lists has a rep row once a
-- target within the period or a deal closed in it names it. An owner's team is that of the first owner record of its
-- id. Attainment is won value / value target and won count / count
-- target, rounded half away from zero to six places, exactly; NULL with
-- no target or a target of 0. Values are in the home currency; won deals
-- without an amount or without a rate count in no_amount and no_rate.
-- The all_won row tallies every deal won; the team row also carries the
-- counts of partial targets, of closed deals without a close date, of
-- deals whose stage is not in their pipeline and of targets of an unknown
-- metric.
-- Each deal with its stage kind and its value in the home currency
-- (deal_valued in macros.sql).
WITH deal AS (SELECT * FROM deal_valued()),
target AS (
	SELECT *,
		"start" >= getvariable('period_start') AND "end" <= getvariable('period_end')
			AND "start" < "end" AS inside,
		"start" < getvariable('period_end') AND getvariable('period_start') < "end" AS overlapping,
		coalesce(metric IN ('won_value', 'won_count'), false) AS known
	FROM targets
),
closed AS (
	SELECT * REPLACE (coalesce(owner, '') AS owner) FROM deal
	WHERE kind IN ('won', 'lost')
		AND close_date >= getvariable('period_start') AND close_date < getvariable('period_end')
),
owner_team AS (
	SELECT id AS owner, arg_min_null(team, rowid) AS team FROM owners GROUP BY id
),
rep AS (
	SELECT r.owner, t.team,
		count(c.kind) FILTER (WHERE c.kind = 'won') AS won,
		coalesce(sum(c.value) FILTER (WHERE c.kind = 'won'), 0) AS value,
		count(c.kind) FILTER (WHERE c.kind = 'won' AND c.no_amount) AS no_amount,
		count(c.kind) FILTER (WHERE c.kind = 'won' AND c.value IS NULL AND NOT c.no_amount)
			AS no_rate
	FROM (SELECT id AS owner FROM owners UNION SELECT owner FROM closed
		UNION SELECT owner FROM target WHERE inside AND known AND owner IS NOT NULL) r
	LEFT JOIN owner_team t USING (owner)
	LEFT JOIN closed c USING (owner)
	GROUP BY r.owner, t.team
),
-- The targets within the period, added up per scope: value and count
-- targets apart, with whether the scope has one of each.
scope AS (
	SELECT CASE WHEN owner IS NOT NULL THEN 'owner' WHEN team IS NOT NULL THEN 'team'
			ELSE 'portal' END AS level,
		coalesce(owner, team, '') AS name,
		coalesce(sum(value) FILTER (WHERE metric = 'won_value'), 0) AS value_target,
		bool_or(metric = 'won_value') AS has_value,
		coalesce(sum(value) FILTER (WHERE metric = 'won_count'), 0) AS count_target,
		bool_or(metric = 'won_count') AS has_count
	FROM target WHERE inside AND known GROUP BY ALL
),
-- Every goal: its wins and its targets, NULL where it has none.
goal AS (
	SELECT 'rep' AS kind, r.owner AS name, r.won, r.value, r.no_amount, r.no_rate,
		CASE WHEN s.has_value THEN s.value_target END AS value_target,
		CASE WHEN s.has_count THEN s.count_target END AS count_target
	FROM rep r LEFT JOIN scope s ON s.level = 'owner' AND s.name = r.owner
	UNION ALL
	SELECT 'team_row', t.team, coalesce(sum(r.won), 0), coalesce(sum(r.value), 0),
		coalesce(sum(r.no_amount), 0), coalesce(sum(r.no_rate), 0),
		CASE WHEN any_value(s.has_value) THEN any_value(s.value_target) END,
		CASE WHEN any_value(s.has_count) THEN any_value(s.count_target) END
	FROM (SELECT team FROM rep WHERE team IS NOT NULL
		UNION SELECT name FROM scope WHERE level = 'team') t
	LEFT JOIN rep r ON r.team = t.team
	LEFT JOIN scope s ON s.level = 'team' AND s.name = t.team
	GROUP BY t.team
	UNION ALL
	SELECT 'all_won', NULL, sum(won), sum(value), sum(no_amount), sum(no_rate), NULL, NULL
	FROM rep
	UNION ALL
	SELECT 'team', l.level, sum(r.won), coalesce(sum(r.value), 0), sum(r.no_amount),
		sum(r.no_rate),
		CASE WHEN any_value(t.has_value) THEN any_value(t.value_target) END,
		CASE WHEN any_value(t.has_count) THEN any_value(t.count_target) END
	FROM (SELECT CASE
			WHEN EXISTS (SELECT 1 FROM scope WHERE level = 'portal' AND (has_value OR has_count))
				THEN 'portal'
			WHEN EXISTS (SELECT 1 FROM scope WHERE level = 'team') THEN 'teams'
			WHEN EXISTS (SELECT 1 FROM scope WHERE level = 'owner') THEN 'owners'
			ELSE 'none' END AS level) l
	LEFT JOIN (SELECT rep.*, (team IS NOT NULL AND team IN
				(SELECT name FROM scope WHERE level = 'team')) AS in_teams,
			owner IN (SELECT name FROM scope WHERE level = 'owner') AS in_owners
		FROM rep) r
		ON l.level IN ('portal', 'none') OR (l.level = 'teams' AND r.in_teams)
			OR (l.level = 'owners' AND r.in_owners)
	LEFT JOIN (SELECT CASE level WHEN 'team' THEN 'teams' WHEN 'owner' THEN 'owners'
				ELSE level END AS level,
			sum(value_target) AS value_target, bool_or(has_value) AS has_value,
			sum(count_target) AS count_target, bool_or(has_count) AS has_count
		FROM scope GROUP BY ALL) t
		ON t.level = l.level
	GROUP BY l.level
),
-- A first guess at each attainment in floating point, made exact below by
-- comparing the bounds of its rounding interval with the decimal terms.
guess AS (
	SELECT *,
		CAST(round(value::DOUBLE / nullif(value_target, 0)::DOUBLE, 6) AS DECIMAL(20, 6)) AS va,
		CAST(round(won::DOUBLE / nullif(count_target, 0)::DOUBLE, 6) AS DECIMAL(20, 6)) AS ca,
		value * sign(value_target) AS vn, abs(value_target) AS vd,
		won * sign(count_target) AS cn, abs(count_target) AS cd
	FROM goal
)
SELECT kind, name, won, value, no_amount, no_rate, value_target, count_target,
	CASE
		WHEN va IS NULL THEN NULL
		WHEN vn >= 0 AND (va + 0.0000005) * vd <= vn THEN va + 0.000001
		WHEN vn >= 0 AND (va - 0.0000005) * vd > vn THEN va - 0.000001
		WHEN vn < 0 AND (va - 0.0000005) * vd >= vn THEN va - 0.000001
		WHEN vn < 0 AND (va + 0.0000005) * vd < vn THEN va + 0.000001
		ELSE va
	END AS value_attainment,
	CASE
		WHEN ca IS NULL THEN NULL
		WHEN cn >= 0 AND (ca + 0.0000005) * cd <= cn THEN ca + 0.000001
		WHEN cn >= 0 AND (ca - 0.0000005) * cd > cn THEN ca - 0.000001
		WHEN cn < 0 AND (ca - 0.0000005) * cd >= cn THEN ca - 0.000001
		WHEN cn < 0 AND (ca + 0.0000005) * cd < cn THEN ca + 0.000001
		ELSE ca
	END AS count_attainment,
	CASE WHEN kind = 'team' THEN (SELECT count(*) FROM target
		WHERE overlapping AND NOT inside AND known) END AS partial_targets,
	CASE WHEN kind = 'team' THEN (SELECT count(*) FROM deal
		WHERE kind IN ('won', 'lost') AND close_date IS NULL) END AS no_close_date,
	CASE WHEN kind = 'team' THEN (SELECT count(*) FROM deal WHERE kind IS NULL) END
		AS unknown_stage,
	CASE WHEN kind = 'team' THEN (SELECT count(*) FROM target WHERE overlapping AND NOT known) END
		AS unknown_metric
FROM guess
