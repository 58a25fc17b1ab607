// Package forecast computes the forward-looking reports: deals closing
// this week, the weighted pipeline, a forecast with its uncertainty, sales
// velocity, pipeline coverage, the pipeline as it stood on a past date,
// slipped deals, and the lead reports that feed them (active leads, new
// leads against last week, leads created by stage).
//
// Every function takes a *sales.Dataset and the instant or period it
// looks at, and returns a plain value that marshals to stable JSON. None
// reads the clock, logs or keeps state between calls; the one report that
// draws random numbers, Simulate, takes its seed from the caller.
//
// # Catalogue
//
// Each report names the catalogue id it serves:
//
//	R21  ClosingThisWeek       deals to close this week per rep
//	R25  ActiveLeads           active leads by lifecycle stage
//	R27  NewLeads              contacts created this week against last week
//	R28  LeadsCreated          contacts created per bucket, by stage at asOf
//	B01  Weighted              open value × stage probability
//	B02  Simulate              forecast with uncertainty (Monte Carlo)
//	B03  SalesVelocity         open deals × win rate × average won ÷ cycle
//	B04  PipelineCoverage      weighted value due in a period ÷ target left
//	B05  PipelineAsOf          R12, R26 and B01 rebuilt for a past instant
//	B06  SlippedDeals          deals whose expected close date slipped
//
// # Open deals
//
// A deal is open at asOf when it existed then (created at or before asOf;
// a deal without a creation date counts as created) and stood in an open
// stage then, as sales.Dataset.DealAt rebuilds it from its stage history
// and as kpi.OpenDealsByStage reads it: at the data's "now" that is its
// current stage; at a past instant, a deal won since was still open. Its
// expected close date is the one it had then
// (sales.Dataset.ExpectedCloseAt). ClosingThisWeek, Weighted,
// PipelineCoverage, PipelineAsOf and the open count of SalesVelocity read
// deals this way; what was won or lost, and when, is read from the deals'
// current stage and close date.
//
// # Weighting
//
// The weighted value of an open deal is its value in the home currency
// times its stage's configured probability. Probabilities are float64 in
// the model; each is read as the shortest decimal that gives back the
// same float (0.2 is 0.2, not 0.2000000000000000111), and the product is
// exact: no rounding happens. Values are added per stage first and each
// sum is multiplied once, which is exact too and allocates nothing per
// deal. A stage whose probability is 0 adds 0; a probability that is not
// a number or lies outside [0, 1] is not guessed at: its deals count in
// the open value, add nothing to the weighted value, and are counted in
// the result's BadProbability.
//
// # Conventions
//
// Periods are half-open [Start, End) and buckets are cut by a
// sales.Calendar in the period's location. Values are in the portal's home
// currency; a deal without an amount, or whose currency has no rate,
// counts in volumes and adds nothing to values (sales.Tally's NoAmount and
// NoRate). Rates keep numerator and denominator; a rate over nothing has
// no value, never 0 or NaN. Per-owner tables have a row for every owner
// the portal lists, in the order of owner ids, and a last row for
// unassigned deals when there are any. Records a report cannot use (a
// stage its pipeline does not list, no expected close date) are counted in
// a named field of the result, never dropped silently.
//
// # Sharding
//
// Reports that add things up have a Merge method: computing a report over
// parts of a portal that split the records between them and merging the
// results gives the report over the whole, exactly and in any order. This
// is how the work spreads over machines (see sales.Partial, which adds
// records to such a part one at a time, and the program examples/beam,
// which runs the reports on Apache Beam). Each part holds its share of the
// records a report splits, each in one part only, and every part holds
// the same shared records whole: the time zone, currency and rates,
// owners, pipelines and companies. The additive reports are:
//
//	id   function         result            parts split
//	R21  ClosingThisWeek  WeekClosing       deals
//	R25  ActiveLeads      LeadStages        contacts
//	R27  NewLeads         NewLeadWeek       contacts
//	R28  LeadsCreated     CreatedByStage    contacts
//	B01  Weighted         WeightedPipeline  deals
//	B05  PipelineAsOf     PastPipeline      deals
//	B06  SlippedDeals     Slippage          deals
//
// Simulate (B02), SalesVelocity (B03) and PipelineCoverage (B04) do not
// merge: a quantile, a product of averages and a ratio to a target are
// not sums, and Simulate's win rates are learned from every deal. Every
// result marshals to JSON and reads back unchanged, so parts can travel
// between machines as JSON.
//
// # Errors
//
// Functions fail only on arguments no report can use: a zero asOf, a
// period that ends before it starts, a unit or a calendar that is not
// valid, a negative option. Defects of the data are counted in the result,
// never an error and never a panic.
package forecast
