-- B06 Slipped deals: the deals whose expected close date was moved past
-- the end of the bucket its first expected close date fell in.
--
-- A deal's close date history is read in order up to as_of: it stops at
-- the first change made after as_of (a change without a time counts as
-- made before), and cleared dates (NULL) are skipped. Its first date is
-- the first value left, its latest the last one, and each value later
-- than the one before it is a move. The deals reported are those whose
-- first date lies in the period, grouped by the bucket (of unit, cut in the
-- portal's time zone, the last one clipped at the period's end) it falls
-- in. A deal slipped when its latest date is at or after the end of the
-- whole bucket that holds its first date; days is the number of calendar
-- days, in the portal's time zone, from the first date to the latest.
--
-- Rows per bucket (every bucket of the period), in total and per owner
-- (every listed owner, others once a reported deal names them): the deals
-- and the slipped deals as tallies of count, value in the home currency,
-- no_amount and no_rate; the slipped share of the count; the slipped
-- deals' moves and days; their mean days rounded half away from zero to 6
-- places. A row per slipped deal: its rank in the list (most days first,
-- then most moves, then by deal id), id, name, owner, current stage kind
-- ("unknown" for a stage its pipeline does not list), first and latest
-- dates, value (none without one), moves and days. no_history counts the
-- deals without a close date history whose close_date lies in the period.
--
-- Columns: kind, bucket, owner, rank, deal, name, stage, first, latest,
-- value, deals count, deals no_amount, deals no_rate, slipped count,
-- slipped value, slipped no_amount, slipped no_rate, rate, moves, days,
-- mean days.
WITH params AS (
	SELECT getvariable('as_of') AS t, getvariable('period_start') AS ps,
		getvariable('period_end') AS pe, getvariable('unit') AS unit,
		('1 ' || getvariable('unit'))::INTERVAL AS step,
		date_trunc('day', getvariable('period_start')) - to_days(CAST((dayofweek(
			getvariable('period_start')) - list_position(['sunday', 'monday', 'tuesday',
			'wednesday', 'thursday', 'friday', 'saturday'], getvariable('week_start')) + 1 + 7) % 7
			AS INTEGER)) AS week0
),
-- Each deal with its value in the home currency and its current stage.
deal AS (SELECT * FROM deal_now()),
-- The buckets of the period: each clipped to it, with the end of the
-- whole bucket.
buckets AS (
	SELECT greatest(s, ps) AS start, least(s + step, pe) AS "end", s + step AS whole_end
	FROM params,
		generate_series(CASE WHEN unit = 'week' THEN week0 ELSE date_trunc(unit, ps) END, pe,
			step) AS g(s)
	WHERE s < pe AND s + step > ps
),
-- The changes read up to as_of: those before the first one made after
-- it, cleared dates left out.
cutoff AS (
	SELECT h.deal, min(h.position) FILTER (WHERE h."at" > p.t) AS stop
	FROM deal_close_date_history h, params p GROUP BY h.deal
),
read AS (
	SELECT h.deal, h.position, h.close_date,
		lag(h.close_date) OVER (PARTITION BY h.deal ORDER BY h.position) AS before
	FROM deal_close_date_history h JOIN cutoff c USING (deal)
	WHERE h.close_date IS NOT NULL AND (c.stop IS NULL OR h.position < c.stop)
),
history AS (
	SELECT deal, arg_min(close_date, position) AS first, arg_max(close_date, position) AS latest,
		count(*) FILTER (WHERE close_date > before) AS moves
	FROM read GROUP BY deal
),
reported AS (
	SELECT d.*, h.first, h.latest, h.moves, b.start AS bucket,
		h.latest >= b.whole_end AS slipped,
		date_diff('day', CAST(h.first AS DATE), CAST(h.latest AS DATE)) AS days
	FROM history h
	JOIN deal d ON d.id = h.deal
	JOIN buckets b ON h.first >= b.start AND h.first < b."end"
),
counted AS (
	SELECT bucket, owner,
		count(*) AS n, coalesce(sum(value) FILTER (WHERE state = 'ok'), 0) AS value,
		count(*) FILTER (WHERE state = 'missing') AS no_amount,
		count(*) FILTER (WHERE state = 'no_rate') AS no_rate,
		count(*) FILTER (WHERE slipped) AS s_n,
		coalesce(sum(value) FILTER (WHERE slipped AND state = 'ok'), 0) AS s_value,
		count(*) FILTER (WHERE slipped AND state = 'missing') AS s_no_amount,
		count(*) FILTER (WHERE slipped AND state = 'no_rate') AS s_no_rate,
		CAST(coalesce(sum(moves) FILTER (WHERE slipped), 0) AS BIGINT) AS moves,
		CAST(coalesce(sum(days) FILTER (WHERE slipped), 0) AS BIGINT) AS days
	FROM reported GROUP BY GROUPING SETS ((bucket), (owner), ())
),
grid AS (
	SELECT 'bucket' AS kind, start AS bucket, NULL AS owner FROM buckets
	UNION ALL
	SELECT 'total', NULL, NULL
	UNION ALL
	SELECT 'rep', NULL, owner FROM (SELECT id AS owner FROM owners UNION SELECT owner FROM reported)
)
SELECT g.kind, g.bucket, g.owner, NULL, NULL, NULL, NULL, NULL, NULL,
	coalesce(c.value, 0), coalesce(c.n, 0), coalesce(c.no_amount, 0), coalesce(c.no_rate, 0),
	coalesce(c.s_n, 0), coalesce(c.s_value, 0), coalesce(c.s_no_amount, 0),
	coalesce(c.s_no_rate, 0),
	CASE WHEN c.n > 0 THEN c.s_n / c.n END,
	coalesce(c.moves, 0), coalesce(c.days, 0),
	CASE WHEN c.s_n > 0 THEN (2 * c.days * 1000000 + c.s_n) // (2 * c.s_n) / 1e6 END
FROM grid g
LEFT JOIN counted c ON c.bucket IS NOT DISTINCT FROM g.bucket
	AND c.owner IS NOT DISTINCT FROM g.owner
UNION ALL
SELECT 'deal', NULL, owner,
	row_number() OVER (ORDER BY days DESC, moves DESC, id, id_order),
	id, name, CASE WHEN kind_now IS NULL THEN 'unknown' ELSE kind_now END, first, latest,
	CASE WHEN state = 'ok' THEN value END,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, moves, days, NULL
FROM (SELECT r.*, rowid_order AS id_order FROM reported r)
WHERE slipped
UNION ALL
SELECT 'no_history', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM deals d, params p
WHERE d.close_date >= p.ps AND d.close_date < p.pe
	AND NOT EXISTS (SELECT 1 FROM deal_close_date_history h WHERE h.deal = d.id)
