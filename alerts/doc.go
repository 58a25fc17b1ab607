// Package alerts computes the tables a manager acts on each morning:
// customers gone silent (churn risk), deals nobody has touched for a
// while, tasks past their due date, and open deals with no next step
// planned.
//
// # Catalogue
//
//	R45  ChurnRisk
//	R46  IdleDeals
//	R47  OverdueTasks
//	R48  DealsWithoutPlannedTask
//
// # Tables
//
// Each alert is a table with one row per record to act on: the record's
// id and name, its owner's id and name, and the figure that put it there
// (months since the last order, days without activity, days overdue). Rows
// come most urgent first; ties are broken by the record's id, then by its
// position in the records, so the order is the same on every run.
//
// # Time
//
// Alerts look from an explicit asOf and read no clock. Days and months are
// counted on the calendar of asOf's location, from the record's date and
// clock time to asOf's: a deal last touched on 1 March at 10:00 has been
// idle 14 days from 15 March at 10:00 on, whatever the daylight-saving
// changes in between. Thresholds are "more than": with the default of 14
// days, a deal idle for exactly 14 days to the second is not listed, one
// idle a second longer is, and shows 14 days.
//
// A deal is open at asOf when it stood in an open stage then (from the
// stage's kind, never its label) and had been created; a deal with no
// creation date counts as created. See "The past" below. Activities after
// asOf (a meeting planned next week) are not activity yet.
//
// # Options
//
// Thresholds and bands are fields of an options struct per alert; their
// zero values mean the documented defaults (6 months, 14 days, bands at
// 14, 30, 60 and 90 days), and nonsense such as a negative number of days
// or bands out of order is an error naming the field and the value. A
// threshold longer than any history (10,000 years) is no error: it lists
// nothing.
//
// # Nothing silent
//
// Records an alert cannot judge (a won deal with no close date, an open
// deal with neither a creation date nor an activity, a deal in a stage
// its pipeline does not list, a task with no creation time) are counted
// in named fields of the result.
// Alerts are per record and do not merge: each lists what it finds in the
// whole portal.
//
// # Sharding
//
// No alert has a Merge method, and none is meant to run over parts of a
// portal (see sales.Partial for the reports that are). An alert judges
// each record from every record about it: a customer from all its won
// deals (R45), a deal from all its activities (R46) or its open tasks
// (R48); and its table is ranked over the whole portal, with ties broken
// by the records' positions, which parts do not keep. Run the alerts over
// the whole portal.
//
// # The past
//
// A deal is open at asOf when it stood in an open stage then, as
// sales.Dataset.DealAt rebuilds it from its stage history: for an asOf in
// the past, a deal won since was still open, and its row shows the stage it
// was in at the time.
package alerts
