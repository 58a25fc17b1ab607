// Package kpi computes deal outcomes: deals won against target, results
// per rep, win rates, open deals by stage, and, as the catalogue grows,
// average amounts, sales cycles, revenue over time, lost reasons and
// velocity.
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
// # Merging
//
// Reports that add things up have a Merge method: computing a report over
// two portals that split the deals between them and merging the results
// gives the report over the whole. This is how the work can be spread over
// machines.
//
// # Errors
//
// Functions fail only on arguments no report can use, such as a period that
// ends before it starts. Defects of the data are counted in the result,
// never an error and never a panic.
package kpi
