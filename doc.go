// Package sales is the domain model of a sales team's CRM data, and the
// root of a library that turns those records into the numbers a sales
// director steers a team by.
//
// # A tour
//
// Records hold one portal's data as plain values: owners (the reps),
// pipelines and their ordered stages, deals with their stage history,
// contacts with their lifecycle stages, companies, activities (calls,
// emails, meetings, tasks and notes), products and line items, targets and
// exchange rates. Load them from wherever the data lives: the hubspot
// package reads HubSpot's API and export files, and the examples show how
// to map any CRM's CSV export.
//
// Records travel as snapshots. WriteSnapshot and ReadSnapshot keep them in
// one JSON file. WriteTables and ReadTables keep them as a folder of CSV
// files, one per table (deals, contacts, activities, and link tables for
// their lists), which SQL engines load with their own CSV readers and
// which ReadTables reads back on every core, straight into the records.
//
// NewDataset builds, once and in linear time, the look-ups that reports
// share: each deal's stage and value in the home currency, a deal's
// activities and line items, a company's deals, a contact's activities.
// It also lays out the fields reports filter and group on as columns, a
// dense slice per field with times as integer Instants (DealColumns,
// ActivityColumns, ContactColumns, DealVisits), so that a report over
// millions of records reads a few bytes of each.
// Validate lists every defect of the records, each naming the record and
// the field; it never stops at the first.
//
// The reports live in packages of their own, each a set of pure functions
// of a Dataset and the period or instant they cover:
//
//   - kpi: deals won against target, results and win rates per rep, open
//     deals by stage, average amounts, sales cycles, revenue over time,
//     lost reasons;
//   - funnel: stage and lifecycle funnels, time in stage, leads by source,
//     proposals;
//   - activity: activities by type, calls and outcomes, emails, meetings,
//     tasks, effort per deal, response time;
//   - forecast: deals closing soon, weighted and probabilistic forecasts,
//     coverage, velocity, the pipeline as of a past date, slipped deals;
//   - portfolio: products, new against existing customers, revenue by
//     customer type, concentration;
//   - alerts: churn risk, deals without activity, overdue tasks, deals
//     without a planned task.
//
// Every report names the id it serves in the report catalogue (R01…R48,
// B01…B06). The program examples/dashboard computes them all.
//
// # Time
//
// No report reads the clock: what depends on "now" takes an asOf instant,
// and what covers a span takes a Period, half-open [Start, End) and read in
// Start's location. Calendar cuts periods into buckets (days, weeks from
// any first weekday, months, quarters, years and fiscal years starting in
// any month) with time.Date in the period's location, so a daylight-saving
// day lasts 23 or 25 hours and no instant falls between two buckets.
// ParsePeriod and ParseInstant read periods and instants as a person
// writes them ("2026-Q2", "FY2027", "2026-06-30"); Period.Previous,
// Period.LastYear and Period.Until give the spans reports compare.
//
// # Money
//
// Amounts are decimal (github.com/shopspring/decimal), never float. Each
// deal's amount is in its own currency; reports add values in the portal's
// home currency, converting with the Rates the records carry, and never add
// two currencies as they are. A deal whose currency has no rate is counted
// apart (ValueNoRate), as is a deal with no amount (ValueMissing): Tally
// keeps both counts beside the sum. An amount of 0 is an amount. Total adds
// decimals exactly, without allocating in the common case. Averages of
// money are rounded half away from zero to two decimal places; ratios of
// money (Ratio) to six.
//
// # Rates and missing values
//
// Rates and averages keep their numerator and denominator (Rate, Ratio), so
// that the rate of a team is pooled over its deals and partial results
// merge. A rate or an average over nothing has no value: Value returns
// false, and JSON says null. It is never NaN, zero or a panic.
//
// # Owners
//
// A deal belongs to its owner and an activity to its own. A record with no
// owner goes to an explicit unassigned bucket, and an owner the portal does
// not list keeps its id; nothing is dropped.
//
// # Past one machine
//
// Reports that add things up are additive: their results have a Merge
// method, and the results over parts of a portal merge, exactly and in
// any order, into the result over the whole. Each report package's
// documentation lists its additive reports under "Sharding", with the
// kind of record their parts split (deals with their line items,
// activities or contacts); every part holds the other records whole.
// Additive names such a report; Partial is the part a worker builds, to
// which it adds records one at a time, and which merges with the parts
// of other workers into the report's result. Results marshal to JSON and
// read back unchanged, so parts can travel between machines as JSON. The
// program examples/beam runs the additive reports on Apache Beam.
//
// # Errors and panics
//
// Defects of the data are never panics: Validate reports them, and reports
// count the records they cannot use in their results. Functions return
// errors for arguments no data could make right, such as a period that ends
// before it starts. The few functions that panic say so, and do it only on
// contradictory arguments a program would pass by mistake (Quarter(2024,
// 5, …)) or in Must helpers meant for literals.
package sales
