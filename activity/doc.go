// Package activity computes what the reps do: activities by type, calls
// and their outcomes, emails sent and received, call time per day, tasks
// completed, in progress and overdue, meetings held and how long they
// lasted, the effort spent on each deal, and how fast new contacts hear
// from the team.
//
// Every function takes a *sales.Dataset and the period or instant it
// covers, and returns a plain value that marshals to stable JSON. None
// reads the clock, logs or keeps state between calls.
//
// # Catalogue
//
// Each report names the catalogue id it serves:
//
//	R01       ActivitiesByType
//	R02       CallsPerRep
//	R03       EmailsPerRep
//	R04       CallTimePerDay
//	R05       AverageCallTimePerDay (CallTimeReport.Average)
//	R06–R08   TasksPerRep
//	R13, R14  EffortPerDeal
//	R18       MeetingDurations
//	R19       MeetingOutcomes
//	R40       ResponseTime
//
// # Owners
//
// The activity reports (all but R13 and R14) attribute each activity to
// its own owner, whoever owns the deals, contacts or companies it is
// about: a rep who helps on a colleague's deal, or an SDR who owns no deal
// at all, is credited with the calls they made. R13 and R14 measure deals,
// so they attribute by the deal's owner and count every activity
// associated with the deal, whoever did it. R40 measures contacts and
// attributes by the contact's owner, the rep in charge of answering it.
//
// Per-rep tables have a row for every owner the portal lists, in the order
// of owner ids, then a row for each owner id the records use but the
// portal does not list, and a last row for records with no owner. An
// owner with nothing to count still has a row, with zeros and "no value"
// averages.
//
// # Time
//
// Periods are half-open [Start, End) and read in Start's location: an
// activity logged at 23:30 on the last day of a month belongs to that
// month when the period's location says so, whatever its UTC date. Days
// and other buckets are cut with sales.Calendar in the period's location,
// so a daylight-saving day lasts 23 or 25 hours. An activity belongs to a
// period by its Time (when a call was made, an email sent, a meeting
// started, a task created); a task's completion belongs to a period by its
// TaskCompleted time. Reports that depend on "now" take an explicit asOf.
//
// Durations are time.Duration throughout, nanoseconds in JSON: a call
// logged as 1,800,000 ms lasted 30 minutes. Means of durations
// (MeanDuration) keep their sum and count, are rounded to the nearest
// nanosecond, and have no value over nothing: a rep with no calls has no
// average call time, not zero. No sum of durations wraps around to a
// negative time: a MeanDuration stays exact past the 292 years a
// time.Duration holds (the waits of tens of thousands of contacts pass
// them), and a total call time stops at the largest Duration.
//
// # Nothing silent
//
// Records a report cannot place are counted in named fields of its
// result: activities with no time (NoTime), activities of a type the
// library does not know (UnknownType), calls with a negative duration,
// meetings held with no end, tasks marked completed with no completion
// time, contacts no rep ever reached. Outcomes a call or meeting does not
// have go to an "unknown" bucket, never to "completed" or "connected".
//
// # Sharding
//
// Reports that add things up have a Merge method: computing a report over
// parts of a portal that split the records between them and merging the
// results gives the report over the whole, exactly and in any order. This
// is how the work spreads over machines (see sales.Partial, which adds
// records to such a part one at a time, and the program examples/beam,
// which runs the reports on Apache Beam). Every part holds the same
// shared records whole (the time zone, owners and pipelines) and its share
// of the records the report splits, each in one part only:
//
//	id             function          result             parts split
//	R01            ActivitiesByType  TypeReport         activities
//	R02            CallsPerRep       CallReport         activities
//	R03            EmailsPerRep      EmailReport        activities
//	R04 (and R05)  CallTimePerDay    CallTimeReport     activities
//	R06–R08        TasksPerRep       TaskReport         activities
//	R13, R14       EffortPerDeal     EffortReport       deals
//	R18            MeetingDurations  MeetingTimeReport  activities
//	R19            MeetingOutcomes   MeetingReport      activities
//
// R13 and R14 split the deals, and a part must hold every activity
// associated with each of its deals (all of them, or those of its deals):
// an activity about deals of two parts is read by both. R05 is derived
// from R04 after merging, with CallTimeReport.Average, since days with
// calls do not add up over parts: a day's calls may lie in two.
// ResponseTime (R40) does not merge: its medians are not sums. Every
// result marshals to JSON and reads back unchanged, so parts can travel
// between machines as JSON.
//
// # Errors
//
// Functions fail only on arguments no report can use: a period with a
// zero end or one that ends before it starts, a zero asOf, an invalid
// unit or calendar. Defects of the data are counted in the result, never
// an error and never a panic.

package activity
