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
WITH open_deal AS (SELECT * FROM alert_open_deal()),
idle AS (
	SELECT * FROM open_deal
	WHERE stage_then IS NOT NULL
		AND since < getvariable('as_of') - to_days(getvariable('idle_days'))
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
		SELECT 1, 'no_date', count(*) FROM open_deal
		WHERE stage_then IS NOT NULL AND since IS NULL
		UNION ALL
		SELECT 2, 'unknown_stage', count(*) FROM alert_deal() WHERE kind IS NULL
		UNION ALL
		SELECT 3, 'stage_unknown_then', count(*) FROM open_deal WHERE stage_then IS NULL
	)
)
ORDER BY section, sort_at, sort_id, sort_pos, sort_band NULLS LAST
