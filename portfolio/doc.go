// Package portfolio computes the customer-portfolio reports: what sells,
// to whom, and how concentrated the revenue is.
//
// Every function takes a *sales.Dataset and the period it covers, and
// returns a plain value that marshals to stable JSON. None reads the
// clock, logs or keeps state between calls.
//
// # Catalogue
//
//	R41  TopProducts     line-item value and quantity by product; top N and "other"
//	R42  NewVsExisting   deals won per bucket: new business, existing customers, no company
//	R43  RevenueByType   won value by company type or by industry
//	R44  TopCustomers    won value by company: top N, the rest, the top N's share
//
// # Conventions
//
// Every report looks at the deals won in a period: a deal whose stage is
// a won one (from the stage's kind, never its label) and whose close date
// lies in the half-open period. Won deals without a close date fall in no
// period and are counted in NoCloseDate; deals whose stage their pipeline
// does not list are counted in UnknownStage. Values are in the portal's
// home currency: a deal without an amount, or in a currency without a
// rate, counts in volumes and adds nothing to values (sales.Tally's
// NoAmount and NoRate). Shares keep their numerator and denominator
// (sales.Ratio): a share of nothing has no value.
//
// A deal without a company is never folded into another group: each
// report shows it on a row of its own.
//
// # Sharding
//
// Every report has a Merge method: computing a report over parts of a
// portal that split the deals between them (line items follow their deal)
// and merging the results gives the report over the whole, in any order.
// This is how the work spreads over machines (see sales.Partial, which
// adds records to such a part one at a time, and the program
// examples/beam, which runs the reports on Apache Beam). Each part holds
// its share of the deals, each deal in one part only, with their line
// items, and every part holds the same shared records whole: the time
// zone, currency and rates, owners, pipelines, companies and products.
//
//	id   function       result         parts split
//	R41  TopProducts    ProductSales   deals, with their line items
//	R42  NewVsExisting  CustomerSplit  deals
//	R43  RevenueByType  RevenueGroups  deals
//	R44  TopCustomers   Concentration  deals
//
// The top N of a merged result is taken after merging, so each result
// keeps every product or company, not only its top N. NewVsExisting keeps,
// for the same reason, each company's first win, so that a deal whose
// company's earlier win is in another part is classified as the whole
// would classify it. Every result marshals to JSON and reads back
// unchanged, so parts can travel between machines as JSON. TopProducts
// merges exactly when the home currency is the rates' base currency, and
// may name a product missing from the catalogue after another of its
// lines (see its BUG notes).
//
// # Errors
//
// Functions fail only on arguments no report can use: a period that ends
// before it starts, an invalid unit or calendar, a negative top N.
// Defects of the data are counted in the result, never an error and never
// a panic.
package portfolio
