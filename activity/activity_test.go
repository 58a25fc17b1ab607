package activity

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/testkit"
)

// Expected values are worked out by hand from handPortal; the comments
// name the records behind each figure.

func TestActivitiesByType(t *testing.T) {
	got, err := ActivitiesByType(handDataset(), march)
	if err != nil {
		t.Fatalf("ActivitiesByType(March): %v", err)
	}
	want := []RepTypes{
		// Ann: c1 c2 c3 (c3 at 23:30 on March 31 local); e1 e2; m1-m4;
		// k1 k2 k3 k4 k10; n1. x1 has no type.
		{Owner: "a", Name: "Ann",
			Counts: TypeCounts{Calls: 3, Emails: 2, Meetings: 4, Tasks: 5, Notes: 1, Total: 15}},
		// Bob: c4 c9 (c5 is April, c5b February, c8 has no time); e3 e4;
		// m5-m9; k5 k7 (k6 is February, k9 has no time).
		{Owner: "b", Name: "Bob", Counts: TypeCounts{Calls: 2, Emails: 2, Meetings: 5, Tasks: 2, Total: 11}},
		{Owner: "c", Name: "Cy"},
		// zed is not listed: c7.
		{Owner: "zed", Name: "zed", Counts: TypeCounts{Calls: 1, Total: 1}},
		// Unassigned: c6 c10.
		{Owner: "", Name: "unassigned", Counts: TypeCounts{Calls: 2, Total: 2}},
	}
	if len(got.Reps) != len(want) {
		t.Fatalf("ActivitiesByType(March) rows = %+v, want %+v", got.Reps, want)
	}
	for i := range want {
		if got.Reps[i] != want[i] {
			t.Errorf("ActivitiesByType(March) row %d = %+v, want %+v", i, got.Reps[i], want[i])
		}
	}
	total := TypeCounts{Calls: 8, Emails: 4, Meetings: 9, Tasks: 7, Notes: 1, Total: 29}
	if got.Total != total || got.UnknownType != 1 || got.NoTime != 2 {
		t.Errorf("ActivitiesByType(March) total %+v, unknown type %d, no time %d; want %+v, 1, 2 (x1; c8 k9)",
			got.Total, got.UnknownType, got.NoTime, total)
	}
}

// TestActivitiesByType_location checks that a period's location decides
// the month of an activity logged late on a month's last day.
func TestActivitiesByType_location(t *testing.T) {
	ds := handDataset()
	tests := []struct {
		name  string
		p     sales.Period
		calls int64
	}{
		// c3 (Ann) at 23:30 on March 31 in New York is in March there.
		{"March in New York", march, 8},
		// In UTC, c3 is April 1 03:30 and c5b (February 29 23:30 local)
		// is March 1 04:30: March has c5b instead of c3.
		{"March in UTC", sales.Month(2024, time.March, time.UTC), 8},
		// April in New York has c5 only; in UTC c3 and c5.
		{"April in New York", sales.Month(2024, time.April, newYork), 1},
		{"April in UTC", sales.Month(2024, time.April, time.UTC), 2},
	}
	for _, tt := range tests {
		got, err := ActivitiesByType(ds, tt.p)
		if err != nil {
			t.Fatalf("ActivitiesByType(%s): %v", tt.name, err)
		}
		if got.Total.Calls != tt.calls {
			t.Errorf("ActivitiesByType(%s) calls = %d, want %d", tt.name, got.Total.Calls, tt.calls)
		}
	}
	utc, _ := ActivitiesByType(ds, sales.Month(2024, time.March, time.UTC))
	if ann := utc.Reps[0].Counts; ann.Calls != 2 {
		t.Errorf("ActivitiesByType(March in UTC) Ann's calls = %d, want 2 (c3 is April in UTC)", ann.Calls)
	}
}

func TestCallsPerRep(t *testing.T) {
	got, err := CallsPerRep(handDataset(), march)
	if err != nil {
		t.Fatalf("CallsPerRep(March): %v", err)
	}
	want := []RepCalls{
		{Owner: "a", Name: "Ann", Calls: CallCounts{Connected: 1, LeftVoicemail: 1, NoAnswer: 1, Total: 3},
			ConnectRate: sales.Rate{Num: 1, Den: 3}},
		// c9's outcome 42 is unknown to the library: it reads as unknown.
		{Owner: "b", Name: "Bob", Calls: CallCounts{Busy: 1, Unknown: 1, Total: 2},
			ConnectRate: sales.Rate{Num: 0, Den: 2}},
		{Owner: "c", Name: "Cy"},
		{Owner: "zed", Name: "zed", Calls: CallCounts{WrongNumber: 1, Total: 1},
			ConnectRate: sales.Rate{Num: 0, Den: 1}},
		{Owner: "", Name: "unassigned", Calls: CallCounts{Connected: 1, Unknown: 1, Total: 2},
			ConnectRate: sales.Rate{Num: 1, Den: 2}},
	}
	if len(got.Reps) != len(want) {
		t.Fatalf("CallsPerRep(March) rows = %+v, want %+v", got.Reps, want)
	}
	for i := range want {
		if got.Reps[i] != want[i] {
			t.Errorf("CallsPerRep(March) row %d = %+v, want %+v", i, got.Reps[i], want[i])
		}
	}
	if _, ok := got.Reps[2].ConnectRate.Value(); ok {
		t.Errorf("CallsPerRep(March) Cy's connect rate has a value, want none (no call)")
	}
	team := CallCounts{Connected: 2, LeftVoicemail: 1, NoAnswer: 1, Busy: 1, WrongNumber: 1,
		Unknown: 2, Total: 8}
	if got.Team.Calls != team || got.Team.ConnectRate != (sales.Rate{Num: 2, Den: 8}) || got.NoTime != 1 {
		t.Errorf("CallsPerRep(March) team = %+v, no time %d; want %+v, 2/8, 1", got.Team, got.NoTime, team)
	}
}

func TestCallTimePerDay(t *testing.T) {
	got, err := CallTimePerDay(handDataset(), march)
	if err != nil {
		t.Fatalf("CallTimePerDay(March): %v", err)
	}
	if got.Days.Len() != 31 {
		t.Fatalf("CallTimePerDay(March) has %d days, want 31", got.Days.Len())
	}
	if d := got.Days.Period(9).Duration(); d != 23*time.Hour {
		t.Errorf("CallTimePerDay(March) March 10 lasts %v, want 23h (daylight saving)", d)
	}
	tests := []struct {
		row, day int
		want     CallDay
	}{
		{0, 3, CallDay{2, 30 * time.Minute}},  // Ann, March 4: c1 (1,800,000 ms) and c2 (0)
		{0, 30, CallDay{1, 45 * time.Second}}, // Ann, March 31 23:30 local: c3
		{0, 0, CallDay{}},
		{1, 9, CallDay{1, 5 * time.Second}},  // Bob, March 10: c4
		{1, 11, CallDay{1, 0}},               // Bob, March 12: c9, negative, no time
		{3, 5, CallDay{1, 10 * time.Second}}, // zed, March 6: c7
		{4, 4, CallDay{1, 2 * time.Minute}},  // unassigned, March 5: c6
		{4, 9, CallDay{1, time.Minute}},      // unassigned, March 10: c10
	}
	for _, tt := range tests {
		if c := got.Reps[tt.row].Days[tt.day]; c != tt.want {
			t.Errorf("CallTimePerDay(March) %s on day %d = %+v, want %+v",
				got.Reps[tt.row].Name, tt.day+1, c, tt.want)
		}
	}
	if tot := got.Reps[0].Total; tot != (CallDay{3, 30*time.Minute + 45*time.Second}) {
		t.Errorf("CallTimePerDay(March) Ann's total = %+v, want 3 calls, 30m45s", tot)
	}
	if d := got.Team.Days[9]; d != (CallDay{2, time.Minute + 5*time.Second}) {
		t.Errorf("CallTimePerDay(March) team on March 10 = %+v, want 2 calls, 1m5s", d)
	}
	if got.NegativeDuration != 1 || got.NoTime != 1 {
		t.Errorf("CallTimePerDay(March) negative %d, no time %d, want 1 (c9) and 1 (c8)",
			got.NegativeDuration, got.NoTime)
	}
	if n := len(got.Reps[2].Days); n != 31 {
		t.Errorf("CallTimePerDay(March) Cy has %d days, want 31 zero days", n)
	}
}

func TestAverageCallTimePerDay(t *testing.T) {
	got, err := AverageCallTimePerDay(handDataset(), march)
	if err != nil {
		t.Fatalf("AverageCallTimePerDay(March): %v", err)
	}
	tests := []struct {
		row  int
		n    int64
		want time.Duration
		ok   bool
	}{
		{0, 2, 15*time.Minute + 22500*time.Millisecond, true}, // Ann: (30m + 45s) / 2 days
		{1, 2, 2500 * time.Millisecond, true},                 // Bob: (5s + 0) / 2 days, c9's day counts
		{2, 0, 0, false},                                      // Cy: no call, no value
		{3, 1, 10 * time.Second, true},                        // zed
		{4, 2, 90 * time.Second, true},                        // unassigned: (2m + 1m) / 2
	}
	for _, tt := range tests {
		row := got.Reps[tt.row]
		v, ok := row.PerDay.Value()
		if row.PerDay.N != tt.n || v != tt.want || ok != tt.ok {
			t.Errorf("AverageCallTimePerDay(March) %s = %v, %v over %d days, want %v, %v over %d",
				row.Name, v, ok, row.PerDay.N, tt.want, tt.ok, tt.n)
		}
	}
	// Team: 2040s over 7 (owner, day) pairs = 291.428571428…s, rounded
	// to the nanosecond.
	if v, _ := got.Team.Value(); got.Team.N != 7 || v != 291428571429 {
		t.Errorf("AverageCallTimePerDay(March) team = %v over %d, want 291.428571429s over 7", v, got.Team.N)
	}
}

func TestEmailsPerRep(t *testing.T) {
	got, err := EmailsPerRep(handDataset(), sales.Calendar{}, sales.UnitWeek, march)
	if err != nil {
		t.Fatalf("EmailsPerRep(March by week): %v", err)
	}
	// Weeks from Monday, clipped to March: 1-3, 4-10, 11-17, 18-24, 25-31.
	if got.Buckets.Len() != 5 {
		t.Fatalf("EmailsPerRep(March by week) has %d buckets, want 5", got.Buckets.Len())
	}
	want := [][]EmailCount{
		{{}, {Sent: 1}, {}, {Received: 1}, {}},                  // Ann: e1 March 4, e2 March 20
		{{}, {}, {Unknown: 1}, {}, {Sent: 1}},                   // Bob: e4 March 15, e3 March 31 23:30
		{{}, {}, {}, {}, {}},                                    // Cy
		{{}, {Sent: 1}, {Unknown: 1}, {Received: 1}, {Sent: 1}}, // team
	}
	rows := append(got.Reps, got.Team)
	if len(rows) != len(want) {
		t.Fatalf("EmailsPerRep(March by week) rows = %+v, want Ann, Bob, Cy and the team", got.Reps)
	}
	for i, w := range want {
		for k := range w {
			if rows[i].Buckets[k] != w[k] {
				t.Errorf("EmailsPerRep(March by week) %s week %d = %+v, want %+v",
					rows[i].Name, k, rows[i].Buckets[k], w[k])
			}
		}
	}
	if tot := got.Team.Total; tot != (EmailCount{Sent: 2, Received: 1, Unknown: 1}) || tot.Total() != 4 {
		t.Errorf("EmailsPerRep(March by week) team total = %+v, want 2 sent, 1 received, 1 unknown", tot)
	}
}

func TestTasksPerRep(t *testing.T) {
	got, err := TasksPerRep(handDataset(), march, asOf)
	if err != nil {
		t.Fatalf("TasksPerRep(March, March 20 12:00): %v", err)
	}
	want := []RepTasks{
		// Ann: completed in March k1 (March 4) and k10 (March 3), so done;
		// k3 has no due date and k4 is due later on March 20: in
		// progress; k2 was due March 10: overdue.
		{Owner: "a", Name: "Ann", Tasks: TaskCounts{Completed: 2, Done: 2, InProgress: 2, Overdue: 1}},
		// Bob: k5 completes March 25, in March but after asOf, so it is
		// overdue at asOf (due March 2); k6 is completed with no time.
		{Owner: "b", Name: "Bob", Tasks: TaskCounts{Completed: 1, Done: 1, Overdue: 1}},
		{Owner: "c", Name: "Cy"},
		// Unassigned: k8, completed in February.
		{Owner: "", Name: "unassigned", Tasks: TaskCounts{Done: 1}},
	}
	if len(got.Reps) != len(want) {
		t.Fatalf("TasksPerRep rows = %+v, want %+v", got.Reps, want)
	}
	for i := range want {
		if got.Reps[i] != want[i] {
			t.Errorf("TasksPerRep row %d = %+v, want %+v", i, got.Reps[i], want[i])
		}
	}
	team := TaskCounts{Completed: 3, Done: 4, InProgress: 2, Overdue: 2}
	if got.Team.Tasks != team || got.CompletedUndated != 1 || got.NoTime != 1 || got.CreatedAfter != 1 {
		t.Errorf("TasksPerRep team %+v, undated %d, no time %d, created after %d; "+
			"want %+v, 1 (k6), 1 (k9), 1 (k7)", got.Team.Tasks, got.CompletedUndated,
			got.NoTime, got.CreatedAfter, team)
	}
}

// TestTasksPerRep_states checks the task rules one task at a time.
func TestTasksPerRep_states(t *testing.T) {
	var zero time.Time
	tests := []struct {
		name           string
		due, completed time.Time
		status         sales.TaskStatus
		want           TaskCounts
	}{
		{"no due date", zero, zero, sales.TaskNotStarted, TaskCounts{InProgress: 1}},
		{"due long ago, no date", zero, zero, sales.TaskWaiting, TaskCounts{InProgress: 1}},
		{"due before asOf", mar(19, 9, 0), zero, sales.TaskInProgress, TaskCounts{Overdue: 1}},
		{"due later today", mar(20, 23, 0), zero, sales.TaskNotStarted, TaskCounts{InProgress: 1}},
		{"due exactly at asOf", asOf, zero, sales.TaskNotStarted, TaskCounts{InProgress: 1}},
		{"completed, due long ago", mar(2, 9, 0), mar(18, 9, 0), sales.TaskCompleted,
			TaskCounts{Completed: 1, Done: 1}},
		{"completed without a time", mar(2, 9, 0), zero, sales.TaskCompleted, TaskCounts{Done: 1}},
		{"completed after asOf", mar(2, 9, 0), mar(21, 9, 0), sales.TaskCompleted,
			TaskCounts{Completed: 1, Overdue: 1}},
	}
	for _, tt := range tests {
		recs := sales.Records{TimeZone: "America/New_York", Owners: []sales.Owner{{ID: "a", Name: "Ann"}},
			Activities: []sales.Activity{{ID: "k", Type: sales.ActivityTask, Owner: "a", Time: mar(1, 9, 0),
				TaskDue: tt.due, TaskCompleted: tt.completed, TaskStatus: tt.status}}}
		got, err := TasksPerRep(sales.MustDataset(recs), march, asOf)
		if err != nil || got.Reps[0].Tasks != tt.want {
			t.Errorf("TasksPerRep(%s) = %+v, %v, want %+v", tt.name, got.Reps[0].Tasks, err, tt.want)
		}
	}
}

func TestEffortPerDeal(t *testing.T) {
	got, err := EffortPerDeal(handDataset(), march, asOf)
	if err != nil {
		t.Fatalf("EffortPerDeal(March, March 20 12:00): %v", err)
	}
	want := []RepEffort{
		// Ann won d1 (c1, e1, m1, and Bob's e3: all count for Ann) and
		// d2 (no activity): 4 activities over 2 deals.
		{Owner: "a", Name: "Ann", Won: Effort{2, 4, sales.Rate{Num: 4, Den: 2}}},
		// Bob's d3 is open: c4 and m5 so far; m9 is planned after asOf.
		{Owner: "b", Name: "Bob", Open: Effort{1, 2, sales.Rate{Num: 2, Den: 1}}},
		// Cy's d8 is open with no activity (d4 is created after asOf).
		{Owner: "c", Name: "Cy", Open: Effort{1, 0, sales.Rate{Num: 0, Den: 1}}},
	}
	if len(got.Reps) != len(want) {
		t.Fatalf("EffortPerDeal rows = %+v, want %+v", got.Reps, want)
	}
	for i := range want {
		if got.Reps[i] != want[i] {
			t.Errorf("EffortPerDeal row %d = %+v, want %+v", i, got.Reps[i], want[i])
		}
	}
	if v, ok := got.Team.Won.PerDeal.Value(); !ok || v != 2 {
		t.Errorf("EffortPerDeal team won per deal = %v, %v, want 2", v, ok)
	}
	if v, ok := got.Team.Open.PerDeal.Value(); !ok || v != 1 {
		t.Errorf("EffortPerDeal team open per deal = %v, %v, want 1 (2 activities, 2 deals)", v, ok)
	}
	if got.UnknownStage != 1 || got.NoCloseDate != 1 || got.NotYetCreated != 1 {
		t.Errorf("EffortPerDeal unknown stage %d, no close date %d, not yet created %d, "+
			"want 1 (d6), 1 (d5), 1 (d4)", got.UnknownStage, got.NoCloseDate, got.NotYetCreated)
	}
}

// TestEffortPerDeal_undated checks that an activity with no time is not
// counted among an open deal's activities so far, since it cannot be told
// to have taken place by asOf, but is counted apart; a won deal counts it
// with all its activities.
func TestEffortPerDeal_undated(t *testing.T) {
	var zero time.Time
	recs := sales.Records{
		TimeZone:  "America/New_York",
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}},
		Pipelines: []sales.Pipeline{testkit.SalesPipeline},
		Deals: []sales.Deal{
			// open at asOf, created before it
			{ID: "open", Owner: "a", Pipeline: "sales", Stage: "qualify", Created: mar(1, 9, 0)},
			// won in March
			{ID: "won", Owner: "a", Pipeline: "sales", Stage: "won", Created: mar(1, 9, 0),
				CloseDate: mar(15, 9, 0)},
		},
		Activities: []sales.Activity{
			// open: before asOf (counts), after asOf (not yet), no time
			// (apart)
			{ID: "before", Type: sales.ActivityCall, Owner: "a", Time: mar(10, 9, 0),
				Deals: []sales.DealID{"open"}},
			{ID: "after", Type: sales.ActivityCall, Owner: "a", Time: mar(25, 9, 0),
				Deals: []sales.DealID{"open"}},
			{ID: "undated", Type: sales.ActivityNote, Owner: "a", Time: zero,
				Deals: []sales.DealID{"open", "won"}},
			// won: one dated activity, and the undated one above
			{ID: "w1", Type: sales.ActivityEmail, Owner: "a", Time: mar(12, 9, 0),
				Deals: []sales.DealID{"won"}},
		},
	}
	got, err := EffortPerDeal(sales.MustDataset(recs), march, asOf)
	if err != nil {
		t.Fatalf("EffortPerDeal: %v", err)
	}
	want := RepEffort{Owner: "a", Name: "Ann",
		Won:  Effort{1, 2, sales.Rate{Num: 2, Den: 1}},
		Open: Effort{1, 1, sales.Rate{Num: 1, Den: 1}}}
	if len(got.Reps) != 1 || got.Reps[0] != want {
		t.Fatalf("EffortPerDeal rows = %+v, want [%+v]", got.Reps, want)
	}
	if got.OpenNoTime != 1 {
		t.Errorf("EffortPerDeal OpenNoTime = %d, want 1 (undated, on the open deal)", got.OpenNoTime)
	}
}

func TestMeetingDurations(t *testing.T) {
	got, err := MeetingDurations(handDataset(), march)
	if err != nil {
		t.Fatalf("MeetingDurations(March): %v", err)
	}
	want := []RepMeetingTime{
		// Ann: m1 1h and m2 30m; m3 has no end; m4 has no outcome, so it
		// was not held.
		{Owner: "a", Name: "Ann", Held: 3, Duration: MeanDuration{Sum: 90 * time.Minute, N: 2}, NoEnd: 1},
		// Bob: m7 45m; m8 ends before it starts.
		{Owner: "b", Name: "Bob", Held: 2, Duration: MeanDuration{Sum: 45 * time.Minute, N: 1}, EndBeforeStart: 1},
		{Owner: "c", Name: "Cy"},
	}
	if len(got.Reps) != len(want) {
		t.Fatalf("MeetingDurations rows = %+v, want %+v", got.Reps, want)
	}
	for i := range want {
		if got.Reps[i] != want[i] {
			t.Errorf("MeetingDurations row %d = %+v, want %+v", i, got.Reps[i], want[i])
		}
	}
	if v, ok := got.Reps[0].Duration.Value(); !ok || v != 45*time.Minute {
		t.Errorf("MeetingDurations Ann's mean = %v, %v, want 45m", v, ok)
	}
	if _, ok := got.Reps[2].Duration.Value(); ok {
		t.Errorf("MeetingDurations Cy's mean has a value, want none")
	}
	if v, _ := got.Team.Duration.Value(); got.Team.Held != 5 || v != 45*time.Minute {
		t.Errorf("MeetingDurations team = %+v, want 5 held, mean 45m (2h15m over 3)", got.Team)
	}
}

func TestMeetingOutcomes(t *testing.T) {
	got, err := MeetingOutcomes(handDataset(), march)
	if err != nil {
		t.Fatalf("MeetingOutcomes(March): %v", err)
	}
	tests := []struct {
		row  int
		want MeetingCounts
	}{
		// Ann: m1 m2 m3 completed; m4 has no outcome: unknown, never
		// completed.
		{0, MeetingCounts{Completed: 3, Unknown: 1, Total: 4}},
		// Bob: m5 no-show, m6 canceled, m7 m8 completed, m9 scheduled.
		{1, MeetingCounts{Completed: 2, NoShow: 1, Canceled: 1, Scheduled: 1, Total: 5}},
		{2, MeetingCounts{}},
	}
	for _, tt := range tests {
		if c := got.Reps[tt.row].Counts; c != tt.want {
			t.Errorf("MeetingOutcomes(March) %s = %+v, want %+v", got.Reps[tt.row].Name, c, tt.want)
		}
	}
	if s := got.Reps[0].Shares; s.Completed != (sales.Rate{Num: 3, Den: 4}) ||
		s.Unknown != (sales.Rate{Num: 1, Den: 4}) || s.NoShow != (sales.Rate{Num: 0, Den: 4}) {
		t.Errorf("MeetingOutcomes(March) Ann's shares = %+v, want 3/4 completed, 1/4 unknown", s)
	}
	if _, ok := got.Reps[2].Shares.Completed.Value(); ok {
		t.Errorf("MeetingOutcomes(March) Cy's share has a value, want none (no meeting)")
	}
	if got.Team.Counts.Total != 9 || got.Team.Counts.Completed != 5 {
		t.Errorf("MeetingOutcomes(March) team = %+v, want 9 meetings, 5 completed", got.Team.Counts)
	}
}

func TestResponseTime(t *testing.T) {
	got, err := ResponseTime(handDataset(), march, asOf, ResponseOptions{})
	if err != nil {
		t.Fatalf("ResponseTime(March, March 20 12:00): %v", err)
	}
	h := time.Hour
	tests := []struct {
		row                     int
		contacts, reached, none int64
		mean, median            time.Duration
		bands                   ResponseBands
	}{
		// Ann: p1 reached by c1 after 1h (e2 is inbound: no response);
		// p2 only got e2; p8's meeting m9 is after asOf.
		{0, 3, 1, 2, h, h, ResponseBands{Within4h: 1}},
		// Bob: p3 created March 10 11:00; c6 is before that, c10 has no
		// owner; m5 on March 11 14:00 is 27h later.
		{1, 1, 1, 0, 27 * h, 27 * h, ResponseBands{Within3d: 1}},
		// Cy: p6 is created after asOf and p7 has no creation time.
		{2, 0, 0, 0, 0, 0, ResponseBands{}},
		// Unassigned: p5, reached after 1h by zed, whom the portal does
		// not list.
		{3, 1, 1, 0, h, h, ResponseBands{Within4h: 1}},
	}
	if len(got.Reps) != len(tests) {
		t.Fatalf("ResponseTime rows = %+v, want Ann, Bob, Cy, unassigned", got.Reps)
	}
	for _, tt := range tests {
		r := got.Reps[tt.row]
		mean, _ := r.Mean.Value()
		var med time.Duration
		if r.Median != nil {
			med = *r.Median
		}
		if r.Contacts != tt.contacts || r.Reached != tt.reached || r.NeverReached != tt.none ||
			mean != tt.mean || med != tt.median || r.Bands != tt.bands {
			t.Errorf("ResponseTime row %s = %+v (mean %v, median %v), want %+v", r.Name, r, mean, med, tt)
		}
	}
	if got.Reps[2].Median != nil {
		t.Errorf("ResponseTime Cy's median = %v, want none", *got.Reps[2].Median)
	}
	// Team: 1h, 27h and 1h: mean 29h/3 = 9h40m, median 1h.
	team := got.Team
	if m, _ := team.Mean.Value(); team.Contacts != 5 || team.NeverReached != 2 || m != 9*h+40*time.Minute ||
		team.Median == nil || *team.Median != h {
		t.Errorf("ResponseTime team = %+v, want 5 contacts, 2 never reached, mean 9h40m, median 1h", team)
	}
	if got.NoCreated != 1 || got.CreatedAfter != 1 || got.Unowned != 1 || got.OtherSource != 0 {
		t.Errorf("ResponseTime no created %d, created after %d, unowned %d, other source %d; "+
			"want 1 (p7), 1 (p6), 1 (c10), 0", got.NoCreated, got.CreatedAfter, got.Unowned, got.OtherSource)
	}

	web, err := ResponseTime(handDataset(), march, asOf, ResponseOptions{Sources: []string{"web"}})
	if err != nil {
		t.Fatalf("ResponseTime(web): %v", err)
	}
	if web.Team.Contacts != 1 || web.OtherSource != 4 {
		t.Errorf("ResponseTime(web) contacts %d, other source %d, want 1 (p1) and 4 (p2 p3 p5 p8)",
			web.Team.Contacts, web.OtherSource)
	}

	// Leaving out a source keeps the contacts with no source.
	for _, tt := range []struct {
		name           string
		o              ResponseOptions
		contacts, left int64
		reached        int64
	}{
		// p2 p3 p5 p8; p3 and p5 reached.
		{"all but web", ResponseOptions{ExcludeSources: []string{"web"}}, 4, 1, 2},
		// p1 only, reached by c1.
		{"all but no source", ResponseOptions{ExcludeSources: []string{""}}, 1, 4, 1},
		{"web but web", ResponseOptions{Sources: []string{"web"}, ExcludeSources: []string{"web"}}, 0, 5, 0},
	} {
		r, err := ResponseTime(handDataset(), march, asOf, tt.o)
		if err != nil || r.Team.Contacts != tt.contacts || r.OtherSource != tt.left ||
			r.Team.Reached != tt.reached || r.Team.Contacts+r.OtherSource != 5 {
			t.Errorf("ResponseTime(%s) contacts %d, other source %d, reached %d, %v; want %d, %d, %d",
				tt.name, r.Team.Contacts, r.OtherSource, r.Team.Reached, err, tt.contacts, tt.left, tt.reached)
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want time.Duration
	}{
		{[]time.Duration{5}, 5},
		{[]time.Duration{10, 1, 3, 2}, 2}, // (2 + 3) / 2, truncated: 2.5ns is 2ns
		{[]time.Duration{4 * time.Second, time.Second}, 2500 * time.Millisecond},
		{[]time.Duration{3, 1, 2}, 2},
	}
	for _, tt := range tests {
		in := append([]time.Duration(nil), tt.in...)
		if got := median(in); got == nil || *got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
	if got := median(nil); got != nil {
		t.Errorf("median(nil) = %v, want nil", *got)
	}
}

func TestMeanDuration_Value(t *testing.T) {
	tests := []struct {
		m    MeanDuration
		want time.Duration
		ok   bool
	}{
		{MeanDuration{}, 0, false},
		{MeanDuration{Sum: 10, N: 4}, 3, true}, // 2.5 rounds away from zero
		{MeanDuration{Sum: 10, N: 3}, 3, true}, // 3.33
		{MeanDuration{Sum: 11, N: 3}, 4, true}, // 3.67
		{MeanDuration{Sum: -10, N: 4}, -3, true},
		{MeanDuration{Sum: 30 * time.Minute, N: 1}, 30 * time.Minute, true},
	}
	for _, tt := range tests {
		if got, ok := tt.m.Value(); got != tt.want || ok != tt.ok {
			t.Errorf("%+v.Value() = %v, %v, want %v, %v", tt.m, got, ok, tt.want, tt.ok)
		}
	}
}

// TestBadArguments checks that every report rejects arguments no data can
// make right, and never panics on them.
func TestBadArguments(t *testing.T) {
	ds := handDataset()
	start := mar(1, 0, 0)
	bad := []sales.Period{{}, {Start: start}, {Start: start, End: start.AddDate(0, 0, -1)}}
	for _, p := range bad {
		calls := map[string]error{}
		_, calls["ActivitiesByType"] = ActivitiesByType(ds, p)
		_, calls["CallsPerRep"] = CallsPerRep(ds, p)
		_, calls["CallTimePerDay"] = CallTimePerDay(ds, p)
		_, calls["AverageCallTimePerDay"] = AverageCallTimePerDay(ds, p)
		_, calls["EmailsPerRep"] = EmailsPerRep(ds, sales.Calendar{}, sales.UnitDay, p)
		_, calls["TasksPerRep"] = TasksPerRep(ds, p, asOf)
		_, calls["EffortPerDeal"] = EffortPerDeal(ds, p, asOf)
		_, calls["MeetingDurations"] = MeetingDurations(ds, p)
		_, calls["MeetingOutcomes"] = MeetingOutcomes(ds, p)
		_, calls["ResponseTime"] = ResponseTime(ds, p, asOf, ResponseOptions{})
		for name, err := range calls {
			if err == nil {
				t.Errorf("%s(%v) succeeded, want an error", name, p)
			}
		}
	}
	var zero time.Time
	for name, err := range map[string]error{
		"TasksPerRep":          second(TasksPerRep(ds, march, zero)),
		"EffortPerDeal":        second(EffortPerDeal(ds, march, zero)),
		"ResponseTime":         second(ResponseTime(ds, march, zero, ResponseOptions{})),
		"EmailsPerRep(unit 0)": second(EmailsPerRep(ds, sales.Calendar{}, 0, march)),
		"EmailsPerRep(week start 9)": second(EmailsPerRep(ds, sales.Calendar{WeekStart: 9},
			sales.UnitWeek, march)),
	} {
		if err == nil {
			t.Errorf("%s succeeded, want an error", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// TestEmptyPeriod checks that an empty period counts nothing and still
// lists every owner.
func TestEmptyPeriod(t *testing.T) {
	ds := handDataset()
	p := sales.Period{Start: mar(5, 0, 0), End: mar(5, 0, 0)}
	r, err := ActivitiesByType(ds, p)
	if err != nil || r.Total.Total != 0 || len(r.Reps) != 3 {
		t.Errorf("ActivitiesByType(empty) = %+v, %v, want 3 empty rows", r, err)
	}
	c, err := CallTimePerDay(ds, p)
	if err != nil || c.Days.Len() != 0 || len(c.Reps) != 3 {
		t.Errorf("CallTimePerDay(empty) = %+v, %v, want no days and 3 rows", c, err)
	}
}
