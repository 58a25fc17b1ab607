// Package kpi computes deal outcomes: deals won against target, results
// per rep, win rates, open deals by stage, average won amounts, sales
// cycles, won deals by region, revenue against target and last year, lost
// reasons, new deals and the average basket. Sales velocity, which looks
// forward, is in package forecast.
//
// Every function here takes a *sales.Dataset and the period or instant it
// covers, and returns a plain value that marshals to stable JSON. None
// reads the clock, logs or keeps state between calls.
//
// # Catalogue
//
// Each report names the catalogue id it serves (R09, R10…); see the
// repository's report catalogue for the meaning of each id. One function
// serves ids that the catalogue lists as the same computation:
// ResultsPerRep is R10, R11, R16 and R20.
//
// # Conventions
//
// Periods are half-open: a deal closed at the first instant of the next
// month is not in this month. Won and lost come from the kind of the
// deal's stage. Values are in the portal's home currency (see
// sales.Dataset.Currency); a deal whose amount is missing or cannot be
// converted counts in volumes, adds nothing to values, and is counted in
// the tally's NoAmount or NoRate. Rates keep numerator and denominator
// (sales.Rate); a rate over nothing has no value, never 0 or NaN.
//
// Per-rep tables have a row for every owner the portal lists, in the order
// of owner ids, and a last row for unassigned deals when there are any.
//
// # Sharding
//
// Reports that add things up have a Merge method: computing a report over
// parts of a portal that split the deals between them and merging the
// results gives the report over the whole, exactly and in any order. This
// is how the work spreads over machines (see sales.Partial, which adds
// records to such a part one at a time, and the program examples/beam,
// which runs the reports on Apache Beam). Each part holds its share of the
// deals, each deal in one part only, and every part holds the same
// shared records whole: the time zone, currency and rates, owners,
// pipelines, companies and targets. The additive reports, all of which
// split the deals, are:
//
//	R09                 WonAgainstTarget      TargetReport
//	R10, R11, R16, R20  ResultsPerRep         RepResults
//	R12, R17            OpenDealsByStage      OpenDeals
//	R26                 OpenStageTotals       OpenStages
//	R31                 WonByRegion           RegionSeries
//	R34                 RevenueAgainstTarget  Revenue
//	R35                 LostByReason          LostReasons
//	R36                 NewDeals              NewDealSeries
//	R38                 AverageBasket         BasketSeries
//
// R09 and R34 add up the deals won and measure the sums against the
// targets, which every part reads whole. AverageWonAmount (R22) and
// SalesCycle (R23, R24) do not merge: their medians and percentiles are
// not sums; run them over the whole portal. Every result marshals to JSON
// and reads back unchanged, so parts can travel between machines as JSON.
//
// # Errors
//
// Functions fail only on arguments no report can use, such as a period that
// ends before it starts. Defects of the data are counted in the result,
// never an error and never a panic.
package kpi
