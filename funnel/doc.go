// Package funnel computes how deals and contacts move forward: the stage
// funnel of a pipeline for the team and per rep, the time deals spend in
// each stage, leads and deals by source, proposals sent against the
// previous period, and the lifecycle funnel from marketing-qualified lead
// to customer.
//
// Every function here takes a *sales.Dataset and the period (and, where
// "now" matters, the instant) it covers, and returns a plain value that
// marshals to stable JSON. None reads the clock, logs or keeps state
// between calls.
//
// # Catalogue
//
// Each report names the catalogue id it serves: Conversion is R30,
// ConversionPerRep R15, TimeInStage R29, LeadsBySource R32, DealsBySource
// R33, Proposals R37 and MQLToCustomer R39.
//
// # Funnels
//
// A funnel follows a cohort: the deals created in the period (or the
// contacts that became marketing-qualified in it), as far as each got by
// now. Stages come in pipeline order, and each pipeline has its own
// funnel: two pipelines are never mixed.
//
// A deal has reached a stage when it has been in that stage or in a later
// one: a deal that skipped a stage has passed it. A deal that went back a
// stage and forward again counts once per stage. How far a deal got is
// read from its stage history and its current stage; the Conversion
// documentation says what is assumed of a deal without history.
//
// Step conversion is a stage's deals over the previous stage's (the first
// stage's over the cohort), cumulative conversion over the cohort: the
// cumulative conversion to a stage is the product of the step conversions
// up to it. Rates keep numerator and denominator
// (sales.Rate): the team's rate is pooled over the deals, never the mean
// of the reps' rates, and a rate over nothing has no value.
//
// # Time
//
// Periods are half-open. Times in stage and between lifecycle steps are
// in days of 24 hours of elapsed time (a stay across a daylight-saving
// change is an hour more or less than its calendar days), as float64.
// Medians of an even count are the mean of the two middle values.
//
// # Money
//
// Values are in the portal's home currency (see sales.Dataset.Currency),
// added with sales.Tally: a deal whose amount is missing or cannot be
// converted counts in volumes, adds nothing to values, and is counted in
// the tally's NoAmount or NoRate.
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
//	id   function          result          parts split
//	R15  ConversionPerRep  RepConversion   deals
//	R29  TimeInStage       StageTimes      deals
//	R30  Conversion        Funnel          deals
//	R32  LeadsBySource     LeadSources     contacts
//	R33  DealsBySource     DealSources     deals
//	R37  Proposals         ProposalReport  deals
//
// MQLToCustomer (R39) does not merge: the median time between two steps
// is not a sum; run it over every contact. Every result marshals to JSON
// and reads back unchanged, so parts can travel between machines as JSON.
//
// # Errors
//
// Functions fail only on arguments no report can use, such as a period
// that ends before it starts or a proposal stage no pipeline has. Defects
// of the data are counted in the result, never an error and never a
// panic.
package funnel
