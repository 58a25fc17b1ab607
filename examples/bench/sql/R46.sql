-- R46 Deals without activity: the deals open at as_of whose last activity
-- at or before as_of (else their creation) is before the instant idle_days
-- days before as_of, the longest idle first: the deal, its owner, the
-- stage it stood in at as_of, its value in the home currency, its last
-- activity, since when it is idle, the whole days idle and its age band.
-- Then, for every open stage of every pipeline in the stages' order, the
-- idle deals per band and in all (count, value, no amount, no rate); each
-- band's bounds and tally; the total; and the counts of open deals, open
-- deals with no date, deals in an unknown stage, and open deals whose
-- stage at as_of no record tells.
--
-- Edge rules:
--   * A deal's current kind is that of the first listing of its stage in
--     its pipeline (open, won or lost; anything else, or no listing, is an
--     unknown stage, counted and skipped).
--   * Open at as_of: created at or before as_of (or with no creation date)
--     and, from its stage history, standing in an open stage then: the last
--     visit entered at or before as_of (a visit with no entry time counts
--     as entered), else the first visit; when the last visit is under way
--     at as_of and is the current stage, the current stage. A deal without
--     history is in its current stage, except that a deal closed after
--     as_of was open then, in a stage no record tells.
--   * Activities: every activity linked to the deal (by the first deal with
--     that id), of any type and owner, with a time at or before as_of.
--   * The cutoff is as_of less idle_days days at the same wall-clock time
--     in the session's time zone; idle_days counts the local dates between
--     since and as_of, less one when as_of's time of day is earlier.
--   * Bands start at idle_days, then at each of idle_bands above it; the
--     last has no upper bound. Labels read "14-29 days", "90+ days".
--   * Rows come by since, then deal id, then the deal's place in the table.
WITH money AS (
	SELECT coalesce(currency, rates_base, '') AS home,
		coalesce(rates_base, currency, '') AS base
	FROM portal
),
rate AS (
	SELECT r.currency, r.to_base AS per_unit
	FROM rates r, money m
	WHERE r.to_base > 0 AND r.currency <> m.base
	UNION ALL
	SELECT base, 1 FROM money
),
-- The first listing of each stage in its pipeline: its kind (NULL when not
-- open, won or lost) and labels.
stage_row AS (
	SELECT pipeline, stage, min(rowid) AS row FROM stages WHERE stage IS NOT NULL GROUP BY ALL
),
stage_info AS (
	SELECT r.pipeline, r.stage, r.row,
		CASE WHEN s.kind IN ('open', 'won', 'lost') THEN s.kind END AS kind,
		coalesce(s.label, '') AS label
	FROM stage_row r JOIN stages s ON s.rowid = r.row
),
deal AS (
	SELECT d.rowid AS pos, d.id, d.name, d.owner, d.pipeline, d.stage, d.created, d.close_date,
		s.kind,
		CASE
			WHEN d.amount IS NULL THEN NULL
			WHEN coalesce(d.currency, m.home) = m.home THEN d.amount
			WHEN rf.per_unit IS NULL OR rt.per_unit IS NULL THEN NULL
			WHEN m.home = m.base THEN d.amount * rf.per_unit
			ELSE CAST(round(d.amount * rf.per_unit / rt.per_unit, 8) AS DECIMAL(38, 8))
		END AS value, d.amount
	FROM deals d
	CROSS JOIN money m
	LEFT JOIN stage_info s ON s.pipeline = d.pipeline AND s.stage = d.stage
	LEFT JOIN rate rf ON rf.currency = coalesce(d.currency, m.home)
	LEFT JOIN rate rt ON rt.currency = m.home
),
first_deal AS (
	SELECT id, min(rowid) AS pos FROM deals GROUP BY id
),
-- The stage history visit each deal stood in at as_of: the last one
-- entered at or before it, else the first.
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
-- Where each deal with a known current stage stood at as_of (see the
-- header): its kind and stage then, the stage NULL when no record tells.
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
-- Each deal's activities, an activity that names the deal twice once.
deal_activity AS (
	SELECT DISTINCT f.pos, ad.activity
	FROM activity_deals ad JOIN first_deal f ON f.id = ad.deal
),
-- The time of each deal's latest activity at or before as_of.
last_touch AS (
	SELECT da.pos, max(a.time) AS at
	FROM deal_activity da JOIN activities a ON a.id = da.activity
	WHERE a.time <= getvariable('as_of')
	GROUP BY da.pos
),
idle AS (
	SELECT o.*, coalesce(o.owner, '') AS owner_id,
		CASE WHEN o.owner IS NULL THEN 'unassigned' ELSE coalesce(w.name, o.owner) END AS owner_name,
		t.at AS last_activity, coalesce(t.at, o.created) AS since
	FROM open_deal o
	LEFT JOIN last_touch t ON t.pos = o.pos
	LEFT JOIN owner w ON w.id = o.owner
	WHERE o.stage_then IS NOT NULL
		AND coalesce(t.at, o.created) < getvariable('as_of') - to_days(getvariable('idle_days'))
),
edges AS (
	SELECT list_concat([getvariable('idle_days')],
		list_filter(getvariable('idle_bands'), lambda b: b > getvariable('idle_days'))) AS edges
),
band AS (
	SELECT i - 1 AS band, edges[i] AS from_days,
		CASE WHEN i < len(edges) THEN edges[i] || '-' || (edges[i + 1] - 1) || ' days'
			ELSE edges[i] || '+ days' END AS label
	FROM edges, range(1, len(edges) + 1) r(i)
),
idle_days AS (
	SELECT *,
		date_diff('day', since::DATE, getvariable('as_of')::DATE)
			- CASE WHEN getvariable('as_of')::TIMESTAMP::TIME < since::TIMESTAMP::TIME THEN 1 ELSE 0 END
			AS days
	FROM idle
),
idle_deal AS (
	SELECT i.*, len(list_filter(e.edges[2:], lambda x: x <= i.days)) AS band
	FROM idle_days i, edges e
),
open_stage AS (
	SELECT s.rowid AS row, s.pipeline, coalesce(s.pipeline_label, '') AS pipeline_label,
		s.stage, coalesce(s.label, '') AS label
	FROM stages s WHERE s.kind = 'open' AND s.stage IS NOT NULL
),
tally AS (
	SELECT stage_row, band, count(*) AS n, coalesce(sum(value), 0) AS value,
		count(*) FILTER (WHERE amount IS NULL) AS no_amount,
		count(*) FILTER (WHERE amount IS NOT NULL AND value IS NULL) AS no_rate
	FROM idle_deal GROUP BY ALL
)
SELECT kind, deal, name, owner, owner_name, pipeline, stage, stage_label, value,
	last_activity, since, idle_days, band, CAST(n AS BIGINT) AS n,
	CAST(no_amount AS BIGINT) AS no_amount, CAST(no_rate AS BIGINT) AS no_rate
FROM (
	SELECT 0 AS section, since AS sort_at, coalesce(id, '') AS sort_id, pos AS sort_pos,
		NULL::INTEGER AS sort_band, 'deal' AS kind, coalesce(id, '') AS deal, coalesce(name, '') AS name,
		owner_id AS owner, owner_name, coalesce(pipeline, '') AS pipeline, stage_then AS stage,
		stage_label, value, last_activity, since, days AS idle_days, band,
		NULL AS n, NULL AS no_amount, NULL AS no_rate
	FROM idle_deal
	UNION ALL
	-- Every open stage: a row per band, then its total (band NULL).
	SELECT 1, NULL, NULL, s.row, b.band, 'by_stage', NULL, s.pipeline_label, NULL, NULL,
		s.pipeline, s.stage, s.label, coalesce(t.value, 0), NULL, NULL, NULL, b.band,
		coalesce(t.n, 0), coalesce(t.no_amount, 0), coalesce(t.no_rate, 0)
	FROM open_stage s CROSS JOIN band b
	LEFT JOIN tally t ON t.stage_row = s.row AND t.band = b.band
	UNION ALL
	SELECT 1, NULL, NULL, s.row, NULL, 'by_stage', NULL, s.pipeline_label, NULL, NULL,
		s.pipeline, s.stage, s.label, coalesce(sum(t.value), 0), NULL, NULL, NULL, NULL,
		coalesce(sum(t.n), 0), coalesce(sum(t.no_amount), 0), coalesce(sum(t.no_rate), 0)
	FROM open_stage s LEFT JOIN tally t ON t.stage_row = s.row
	GROUP BY s.row, s.pipeline_label, s.pipeline, s.stage, s.label
	UNION ALL
	SELECT 2, NULL, NULL, NULL, b.band, 'band', NULL, b.label, NULL, NULL, NULL, NULL, NULL,
		coalesce(sum(t.value), 0), NULL, NULL, b.from_days, b.band,
		coalesce(sum(t.n), 0), coalesce(sum(t.no_amount), 0), coalesce(sum(t.no_rate), 0)
	FROM band b LEFT JOIN tally t ON t.band = b.band AND t.stage_row IN (SELECT row FROM open_stage)
	GROUP BY b.band, b.label, b.from_days
	UNION ALL
	SELECT 3, NULL, NULL, NULL, NULL, 'total', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		coalesce(sum(t.value), 0), NULL, NULL, NULL, NULL,
		coalesce(sum(t.n), 0), coalesce(sum(t.no_amount), 0), coalesce(sum(t.no_rate), 0)
	FROM tally t WHERE t.stage_row IN (SELECT row FROM open_stage)
	UNION ALL
	SELECT 4 + k, NULL, NULL, NULL, NULL, kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, NULL, NULL, n, NULL, NULL
	FROM (
		SELECT 0 AS k, 'open' AS kind, count(*) AS n FROM open_deal
		UNION ALL
		SELECT 1, 'no_date', count(*) FROM open_deal o LEFT JOIN last_touch t ON t.pos = o.pos
		WHERE o.stage_then IS NOT NULL AND t.at IS NULL AND o.created IS NULL
		UNION ALL
		SELECT 2, 'unknown_stage', count(*) FROM deal WHERE kind IS NULL
		UNION ALL
		SELECT 3, 'stage_unknown_then', count(*) FROM open_deal WHERE stage_then IS NULL
	)
)
ORDER BY section, sort_at, sort_id, sort_pos, sort_band NULLS LAST
