package alerts

import (
	"math"
	"testing"
	"time"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// Expected values are worked out by hand from handPortal, seen from
// asOf, July 15, 2024 at 10:00 in New York; the comments name the records
// behind each figure.

func TestChurnRisk(t *testing.T) {
	for _, months := range []int{0, 6} { // 0 is the default, 6
		got, err := ChurnRisk(handDataset(), asOf, ChurnOptions{Months: months})
		if err != nil {
			t.Fatalf("ChurnRisk(months %d): %v", months, err)
		}
		// Six months before asOf is January 15 at 10:00. co2's last order
		// (w3) is exactly then: not more than six months ago. co6's (w6,
		// January 31) is later. co5's only won deal closes after asOf.
		want := []struct {
			company     sales.CompanyID
			ownerName   string
			lastDeal    sales.DealID
			months      int
			count       int64
			value       string
			noAmount    int64
			lastOrderNY time.Time
		}{
			// co3: December 31 to July 15 is 6 whole months; w4 has no amount.
			{"co3", "unassigned", "w4", 6, 1, "0", 1, ny(2023, time.December, 31, 9, 0, 0)},
			// co1: January 15 09:00 to July 15 10:00 is 6 months; w1 and w2.
			{"co1", "Ann", "w1", 6, 2, "150", 0, ny(2024, time.January, 15, 9, 0, 0)},
			// co7: same day as co1, after it by id; its owner is not listed.
			{"co7", "zed", "w7", 6, 1, "20", 0, ny(2024, time.January, 15, 9, 0, 0)},
		}
		if len(got.Companies) != len(want) {
			t.Fatalf("ChurnRisk(months %d) = %+v, want co3, co1, co7", months, got.Companies)
		}
		for i, w := range want {
			c := got.Companies[i]
			if c.Company != w.company || c.OwnerName != w.ownerName || c.LastDeal != w.lastDeal ||
				c.MonthsSince != w.months || c.Lifetime.Count != w.count ||
				c.Lifetime.NoAmount != w.noAmount || !c.LastOrder.Equal(w.lastOrderNY) {
				t.Errorf("ChurnRisk(months %d) row %d = %+v, want %+v", months, i, c, w)
			}
			EqualMoney(t, "ChurnRisk lifetime value of "+string(w.company),
				c.Lifetime.Value.Decimal(), D(w.value))
		}
		// Customers: co1, co2, co3, co6, co7. i6 (co4) is won with no close
		// date; w8 has no company.
		if got.Customers != 5 || got.NoCloseDate != 1 || got.NoCompany != 1 || got.Months != 6 {
			t.Errorf("ChurnRisk(months %d) customers %d, no close date %d, no company %d, months %d; "+
				"want 5, 1, 1, 6", months, got.Customers, got.NoCloseDate, got.NoCompany, got.Months)
		}
	}
}

// A company listed with the empty id is not the company of the deals that
// name none: they make nobody a customer and count in NoCompany.
func TestChurnRisk_emptyCompanyID(t *testing.T) {
	won := func(id sales.DealID, co sales.CompanyID, closed time.Time) sales.Deal {
		return sales.Deal{ID: id, Pipeline: "sales", Stage: "won", Company: co,
			Created: ny(2023, time.January, 1, 9, 0, 0), CloseDate: closed, Amount: Amount("10")}
	}
	ds := sales.MustDataset(sales.Records{
		TimeZone:  "America/New_York",
		Currency:  "USD",
		Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{{ID: "", Name: "Nameless"}, {ID: "co1", Name: "Acme"}},
		Deals: []sales.Deal{
			// n1 names no company and closed a year before asOf; c1 is
			// co1's only order, as old.
			won("n1", "", ny(2023, time.July, 1, 9, 0, 0)),
			won("c1", "co1", ny(2023, time.July, 1, 9, 0, 0)),
		},
	})
	got, err := ChurnRisk(ds, asOf, ChurnOptions{})
	if err != nil {
		t.Fatalf("ChurnRisk: %v", err)
	}
	// Only co1 is a customer, and at risk: July 1 2023 09:00 to July 15
	// 2024 10:00 is 12 whole months. n1 counts in NoCompany.
	if len(got.Companies) != 1 || got.Companies[0].Company != "co1" ||
		got.Companies[0].MonthsSince != 12 {
		t.Fatalf("ChurnRisk companies = %+v, want co1 only, 12 months", got.Companies)
	}
	if got.Customers != 1 || got.NoCompany != 1 || got.NoCloseDate != 0 {
		t.Errorf("ChurnRisk customers %d, no company %d, no close date %d; want 1, 1, 0",
			got.Customers, got.NoCompany, got.NoCloseDate)
	}
}

func TestIdleDeals(t *testing.T) {
	got, err := IdleDeals(handDataset(), asOf, IdleOptions{})
	if err != nil {
		t.Fatalf("IdleDeals: %v", err)
	}
	want := []struct {
		deal  sales.DealID
		days  int
		band  int
		since time.Time
	}{
		// i1: last activity a2, April 1 10:00 (t1 was created before it):
		// 105 days, 90 and more.
		{"i1", 105, 3, ny(2024, time.April, 1, 10, 0, 0)},
		// i9: a6 on May 20 10:00: 56 days.
		{"i9", 56, 1, ny(2024, time.May, 20, 10, 0, 0)},
		// i4: a4 on June 10 10:00 (a5 is planned after asOf): 35 days.
		{"i4", 35, 1, ny(2024, time.June, 10, 10, 0, 0)},
		// i3: a3 one second before July 1 10:00: 14 days and a second.
		// i2, created July 1 10:00, is exactly 14 days old: not listed.
		{"i3", 14, 0, ny(2024, time.July, 1, 9, 59, 59)},
	}
	if len(got.Deals) != len(want) {
		t.Fatalf("IdleDeals = %+v, want i1, i9, i4, i3", got.Deals)
	}
	for i, w := range want {
		d := got.Deals[i]
		if d.Deal != w.deal || d.IdleDays != w.days || d.Band != w.band || !d.Since.Equal(w.since) ||
			!d.LastActivity.Equal(w.since) {
			t.Errorf("IdleDeals row %d = %+v, want %+v", i, d, w)
		}
	}
	if i1 := got.Deals[0]; i1.OwnerName != "Ann" || i1.StageLabel != "Qualify" || !i1.Value.Valid ||
		!i1.Value.Decimal.Equal(D("1000")) || got.Deals[1].Value.Valid {
		t.Errorf("IdleDeals i1 = %+v, want Ann, Qualify, 1000; i9 without value", i1)
	}
	bands := []string{"14-29 days", "30-59 days", "60-89 days", "90+ days"}
	for k, b := range got.Bands {
		if b.Label != bands[k] || (b.To == nil) != (k == 3) {
			t.Errorf("IdleDeals band %d = %+v, want %s", k, b, bands[k])
		}
	}
	// By stage: Qualify i1 (90+); Propose i3 (14-29), i4 (30-59);
	// Negotiate i9 (30-59).
	stages := [][]int64{{0, 0, 0, 1}, {1, 1, 0, 0}, {0, 1, 0, 0}}
	if len(got.ByStage) != 3 {
		t.Fatalf("IdleDeals by stage = %+v, want the three open stages", got.ByStage)
	}
	for s, counts := range stages {
		for b, n := range counts {
			if c := got.ByStage[s].Bands[b].Count; c != n {
				t.Errorf("IdleDeals %s band %d = %d, want %d", got.ByStage[s].Label, b, c, n)
			}
		}
	}
	for b, n := range []int64{1, 2, 0, 1} {
		if got.ByBand[b].Count != n {
			t.Errorf("IdleDeals by band %d = %d, want %d", b, got.ByBand[b].Count, n)
		}
	}
	EqualMoney(t, "IdleDeals total value", got.Total.Value.Decimal(), D("1700"))
	// Open at asOf: i1 i2 i3 i4 i5 i9, and w5, won since on August 1 with
	// no stage history, so in a stage no record tells (i7 is created later,
	// i8's stage is unknown). i5 has neither creation date nor activity.
	if got.Total.Count != 4 || got.Total.NoAmount != 1 || got.Open != 7 || got.NoDate != 1 ||
		got.UnknownStage != 1 || got.StageUnknownThen != 1 {
		t.Errorf("IdleDeals total %+v, open %d, no date %d, unknown stage %d, stage unknown then %d; "+
			"want 4 deals (1 without amount), 7, 1, 1, 1", got.Total, got.Open, got.NoDate,
			got.UnknownStage, got.StageUnknownThen)
	}
}

func TestIdleDeals_options(t *testing.T) {
	ds := handDataset()
	tests := []struct {
		o     IdleOptions
		deals []sales.DealID
		bands []string
	}{
		// Above 40 days: i1 (105) and i9 (56); bands from 40, then 60, 90.
		{IdleOptions{Days: 40}, []sales.DealID{"i1", "i9"}, []string{"40-59 days", "60-89 days", "90+ days"}},
		// One band from 7 days; i2 (14 days exactly) is now idle too.
		{IdleOptions{Days: 7, Bands: []int{7}}, []sales.DealID{"i1", "i9", "i4", "i3", "i2"},
			[]string{"7+ days"}},
		// Bands below the threshold are dropped.
		{IdleOptions{Days: 50, Bands: []int{10, 100}}, []sales.DealID{"i1", "i9"},
			[]string{"50-99 days", "100+ days"}},
	}
	for _, tt := range tests {
		got, err := IdleDeals(ds, asOf, tt.o)
		if err != nil {
			t.Fatalf("IdleDeals(%+v): %v", tt.o, err)
		}
		var deals []sales.DealID
		for _, d := range got.Deals {
			deals = append(deals, d.Deal)
		}
		var bands []string
		for _, b := range got.Bands {
			bands = append(bands, b.Label)
		}
		if !equal(deals, tt.deals) || !equal(bands, tt.bands) {
			t.Errorf("IdleDeals(%+v) = %v in %v, want %v in %v", tt.o, deals, bands, tt.deals, tt.bands)
		}
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOverdueTasks(t *testing.T) {
	got, err := OverdueTasks(handDataset(), asOf)
	if err != nil {
		t.Fatalf("OverdueTasks: %v", err)
	}
	// t3 is due later on asOf's day, t4 has no due date, t5 is completed,
	// t6 is marked completed with no time, t9 completed early, t10 due
	// later: none is overdue.
	want := []struct {
		task  sales.ActivityID
		owner string
		days  int
	}{
		{"t7", "unassigned", 10}, // due July 5 09:00
		{"t1", "Ann", 5},         // due July 10 09:00
		{"t8", "Bob", 5},         // due July 10 09:00 too: after t1 by id
		{"t2", "Bob", 0},         // due at 08:00 on asOf's day
	}
	if len(got.Tasks) != len(want) {
		t.Fatalf("OverdueTasks = %+v, want t7, t1, t8, t2", got.Tasks)
	}
	for i, w := range want {
		k := got.Tasks[i]
		if k.Task != w.task || k.OwnerName != w.owner || k.DaysOverdue != w.days {
			t.Errorf("OverdueTasks row %d = %+v, want %+v", i, k, w)
		}
	}
	if t1 := got.Tasks[1]; t1.Deal != "i1" || t1.DealName != "Deal i1" || t1.CompanyName != "Acme" ||
		t1.ContactName != "Pat" || t1.Subject != "Task t1" || !t1.Due.Equal(jul(10, 9, 0)) {
		t.Errorf("OverdueTasks t1 = %+v, want about Deal i1, Acme, Pat", t1)
	}
	if got.NoTime != 0 {
		t.Errorf("OverdueTasks no time = %d, want 0", got.NoTime)
	}
}

// A task with no creation time is in no state at asOf: it is not listed,
// even with a due date long past, and it is counted in NoTime.
func TestOverdueTasks_noTime(t *testing.T) {
	recs := handPortal()
	recs.Activities = append(recs.Activities, sales.Activity{ID: "t11", Type: sales.ActivityTask,
		Owner: "a", Subject: "Task t11", TaskDue: jul(1, 9, 0), TaskStatus: sales.TaskNotStarted,
		Deals: []sales.DealID{"i1"}})
	got, err := OverdueTasks(sales.MustDataset(recs), asOf)
	if err != nil {
		t.Fatalf("OverdueTasks: %v", err)
	}
	// The rows of TestOverdueTasks, and t11 apart.
	var ids []sales.ActivityID
	for _, k := range got.Tasks {
		ids = append(ids, k.Task)
	}
	if !equal(ids, []sales.ActivityID{"t7", "t1", "t8", "t2"}) || got.NoTime != 1 {
		t.Errorf("OverdueTasks = %v, no time %d; want t7 t1 t8 t2, and 1 (t11)", ids, got.NoTime)
	}
}

func TestDealsWithoutPlannedTask(t *testing.T) {
	got, err := DealsWithoutPlannedTask(handDataset(), asOf)
	if err != nil {
		t.Fatalf("DealsWithoutPlannedTask: %v", err)
	}
	// i2 has t3, due later on asOf's day, and i9 has t10, due July 30:
	// both planned.
	want := []struct {
		deal             sales.DealID
		days             int // -1 for none
		overdue, undated int64
	}{
		{"w5", 561, 0, 0}, // won on August 1, open at asOf since its creation
		{"i1", 105, 1, 0}, // t1 is overdue: no plan
		{"i4", 35, 0, 0},  // t9 is completed: no plan
		{"i3", 14, 0, 1},  // t4 has no due date: no plan
		{"i5", -1, 0, 0},  // no date at all: last
	}
	if len(got.Deals) != len(want) {
		t.Fatalf("DealsWithoutPlannedTask = %+v, want w5, i1, i4, i3, i5", got.Deals)
	}
	for i, w := range want {
		d := got.Deals[i]
		days := -1
		if d.IdleDays != nil {
			days = *d.IdleDays
		}
		if d.Deal != w.deal || days != w.days || d.OverdueTasks != w.overdue || d.UndatedTasks != w.undated {
			t.Errorf("DealsWithoutPlannedTask row %d = %+v (idle %d), want %+v", i, d, days, w)
		}
	}
	if got.Open != 7 || got.UnknownStage != 1 {
		t.Errorf("DealsWithoutPlannedTask open %d, unknown stage %d, want 7 (w5 included) and 1", got.Open, got.UnknownStage)
	}
	for _, d := range got.Deals {
		if d.UntimedTasks != 0 {
			t.Errorf("DealsWithoutPlannedTask %s: %d untimed tasks, want 0", d.Deal, d.UntimedTasks)
		}
	}
}

// A task with no creation time, even one due after asOf, is no plan: the
// deal is listed all the same, with the task counted in UntimedTasks.
func TestDealsWithoutPlannedTask_untimed(t *testing.T) {
	recs := handPortal()
	recs.Activities = append(recs.Activities, sales.Activity{ID: "t12", Type: sales.ActivityTask,
		Owner: "a", Subject: "Task t12", TaskDue: jul(30, 9, 0), TaskStatus: sales.TaskNotStarted,
		Deals: []sales.DealID{"i4"}})
	got, err := DealsWithoutPlannedTask(sales.MustDataset(recs), asOf)
	if err != nil {
		t.Fatalf("DealsWithoutPlannedTask: %v", err)
	}
	// The rows of TestDealsWithoutPlannedTask; i4's last activity is still
	// a4 on June 10, 35 days before asOf.
	var ids []sales.DealID
	for _, d := range got.Deals {
		ids = append(ids, d.Deal)
		want := int64(0)
		if d.Deal == "i4" {
			want = 1
		}
		if d.UntimedTasks != want || (d.Deal == "i4" && (d.IdleDays == nil || *d.IdleDays != 35)) {
			t.Errorf("DealsWithoutPlannedTask %s = %+v, want %d untimed task", d.Deal, d, want)
		}
	}
	if !equal(ids, []sales.DealID{"w5", "i1", "i4", "i3", "i5"}) {
		t.Errorf("DealsWithoutPlannedTask = %v, want w5 i1 i4 i3 i5", ids)
	}
}

func TestBadArguments(t *testing.T) {
	ds := handDataset()
	var zero time.Time
	for name, err := range map[string]error{
		"ChurnRisk(zero asOf)":     second(ChurnRisk(ds, zero, ChurnOptions{})),
		"ChurnRisk(months -1)":     second(ChurnRisk(ds, asOf, ChurnOptions{Months: -1})),
		"IdleDeals(zero asOf)":     second(IdleDeals(ds, zero, IdleOptions{})),
		"IdleDeals(days -3)":       second(IdleDeals(ds, asOf, IdleOptions{Days: -3})),
		"IdleDeals(bands 30, 14)":  second(IdleDeals(ds, asOf, IdleOptions{Bands: []int{30, 14}})),
		"IdleDeals(bands 0)":       second(IdleDeals(ds, asOf, IdleOptions{Bands: []int{0, 10}})),
		"IdleDeals(bands 14, 14)":  second(IdleDeals(ds, asOf, IdleOptions{Bands: []int{14, 14}})),
		"OverdueTasks(zero asOf)":  second(OverdueTasks(ds, zero)),
		"DealsWithout…(zero asOf)": second(DealsWithoutPlannedTask(ds, zero)),
	} {
		if err == nil {
			t.Errorf("%s succeeded, want an error", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// Thresholds far longer than any history are no error and list nothing,
// up to the largest int: the calendar arithmetic must not wrap around.
func TestHugeThresholds(t *testing.T) {
	ds := handDataset()
	for _, months := range []int{120_000, math.MaxInt32, math.MaxInt} { // 10,000 years and more
		got, err := ChurnRisk(ds, asOf, ChurnOptions{Months: months})
		if err != nil {
			t.Fatalf("ChurnRisk(months %d): %v", months, err)
		}
		// The five customers of TestChurnRisk, none silent that long.
		if len(got.Companies) != 0 || got.Customers != 5 || got.Months != months {
			t.Errorf("ChurnRisk(months %d) = %d at risk of %d customers, months %d; want 0 of 5, %d",
				months, len(got.Companies), got.Customers, got.Months, months)
		}
	}
	for _, days := range []int{3_650_000, math.MaxInt32, math.MaxInt} {
		got, err := IdleDeals(ds, asOf, IdleOptions{Days: days})
		if err != nil {
			t.Fatalf("IdleDeals(days %d): %v", days, err)
		}
		// Every band edge is below the threshold: one band, from it.
		if len(got.Deals) != 0 || got.Total.Count != 0 || got.Open != 7 || len(got.Bands) != 1 ||
			got.Bands[0].From != days || got.Bands[0].To != nil {
			t.Errorf("IdleDeals(days %d) = %d deals of %d open, bands %+v; want 0 of 7, one from %d",
				days, len(got.Deals), got.Open, got.Bands, days)
		}
	}
	// The largest band edge there is: an upper band nothing reaches.
	got, err := IdleDeals(ds, asOf, IdleOptions{Bands: []int{30, math.MaxInt}})
	if err != nil {
		t.Fatalf("IdleDeals(bands 30, max): %v", err)
	}
	if len(got.Bands) != 3 || len(got.Deals) != 4 || got.ByBand[2].Count != 0 || got.ByBand[1].Count != 3 {
		t.Errorf("IdleDeals(bands 30, max) = bands %+v, by band %+v; want 3 bands, i1 i9 i4 in 30+",
			got.Bands, got.ByBand)
	}
}

func TestWholeMonths(t *testing.T) {
	tests := []struct {
		from, to time.Time
		want     int
	}{
		{ny(2024, time.January, 31, 9, 0, 0), ny(2024, time.February, 29, 9, 0, 0), 0},
		{ny(2024, time.January, 31, 9, 0, 0), ny(2024, time.March, 31, 9, 0, 0), 2},
		{ny(2024, time.January, 31, 9, 0, 0), ny(2024, time.March, 30, 9, 0, 0), 1},
		{ny(2024, time.January, 15, 10, 0, 0), ny(2024, time.July, 15, 10, 0, 0), 6},
		{ny(2024, time.January, 15, 10, 0, 0), ny(2024, time.July, 15, 9, 59, 59), 5},
		{ny(2024, time.July, 15, 10, 0, 0), ny(2024, time.January, 15, 10, 0, 0), -6},
		{ny(2023, time.December, 31, 9, 0, 0), ny(2024, time.July, 15, 10, 0, 0), 6},
		// 23:30 on January 31 in New York is February 1 in UTC: the
		// location counts.
		{ny(2024, time.January, 31, 23, 30, 0), ny(2024, time.February, 29, 23, 30, 0), 0},
	}
	for _, tt := range tests {
		if got := wholeMonths(tt.from, tt.to, newYork); got != tt.want {
			t.Errorf("wholeMonths(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
	if got := wholeMonths(ny(2024, time.January, 31, 23, 30, 0), ny(2024, time.February, 29, 23, 30, 0),
		time.UTC); got != 1 {
		t.Errorf("wholeMonths in UTC (February 1 04:30 to March 1 04:30) = %d, want 1", got)
	}
}

func TestWholeDays(t *testing.T) {
	tests := []struct {
		from, to time.Time
		want     int
	}{
		// Across the start of daylight saving (March 10, 23 hours).
		{ny(2024, time.March, 9, 12, 0, 0), ny(2024, time.March, 11, 12, 0, 0), 2},
		{ny(2024, time.March, 9, 12, 0, 0), ny(2024, time.March, 11, 11, 59, 0), 1},
		// Across its end (November 3, 25 hours).
		{ny(2024, time.November, 2, 12, 0, 0), ny(2024, time.November, 4, 12, 0, 0), 2},
		{ny(2024, time.July, 15, 8, 0, 0), ny(2024, time.July, 15, 10, 0, 0), 0},
		{ny(2024, time.July, 15, 10, 0, 0), ny(2024, time.July, 1, 10, 0, 0), -14},
	}
	for _, tt := range tests {
		if got := wholeDays(tt.from, tt.to, newYork); got != tt.want {
			t.Errorf("wholeDays(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// at returns the cutoff at the wall-clock time of t in New York.
func at(t time.Time) cutoff {
	y, m, d, clock := sinceClock(t, newYork)
	return newCutoff(y, m, d, clock, newYork)
}

func TestMonthsBefore(t *testing.T) {
	tests := []struct {
		t    time.Time
		n    int
		want time.Time
	}{
		{ny(2024, time.March, 31, 10, 0, 0), 1, ny(2024, time.February, 29, 10, 0, 0)},
		{ny(2024, time.May, 31, 10, 0, 0), 3, ny(2024, time.February, 29, 10, 0, 0)},
		{ny(2024, time.January, 15, 10, 0, 0), 2, ny(2023, time.November, 15, 10, 0, 0)},
		{ny(2024, time.July, 15, 10, 0, 0), 6, ny(2024, time.January, 15, 10, 0, 0)},
	}
	for _, tt := range tests {
		if got := monthsBefore(tt.t, tt.n, newYork); got != at(tt.want) {
			t.Errorf("monthsBefore(%s, %d) = %+v, want %+v", tt.t, tt.n, got, at(tt.want))
		}
	}
	got := daysBefore(ny(2024, time.March, 11, 12, 0, 0), 2, newYork)
	if got != at(ny(2024, time.March, 9, 12, 0, 0)) {
		t.Errorf("daysBefore(March 11 12:00, 2) = %+v, want March 9 12:00 (47 hours before)", got)
	}
}

// TestCutoffBefore checks that a cutoff is read on the wall clock, also
// where a daylight-saving change skips or repeats its time of day: in New
// York 02:30 on March 10, 2024 never happened, and 01:30 on November 3
// happened twice.
func TestCutoffBefore(t *testing.T) {
	skipped := daysBefore(ny(2024, time.March, 24, 2, 30, 0), 14, newYork)     // March 10, 02:30
	repeated := daysBefore(ny(2024, time.November, 17, 1, 30, 0), 14, newYork) // November 3, 01:30
	firstOneThirty := time.Date(2024, time.November, 3, 5, 30, 0, 0, time.UTC)
	tests := []struct {
		c    cutoff
		t    time.Time
		want bool
	}{
		{skipped, ny(2024, time.March, 10, 1, 45, 0), true},                     // EST, on the clock before 02:30
		{skipped, ny(2024, time.March, 10, 1, 59, 59), true},                    // the last second before the change
		{skipped, time.Date(2024, time.March, 10, 7, 0, 0, 0, time.UTC), false}, // 03:00 EDT
		{skipped, ny(2024, time.March, 9, 23, 0, 0), true},
		{skipped, ny(2024, time.March, 11, 0, 0, 0), false},
		{repeated, ny(2024, time.November, 3, 1, 29, 0), true},
		{repeated, firstOneThirty, false},                  // 01:30 EDT: on the clock, exactly then
		{repeated, firstOneThirty.Add(time.Hour), false},   // 01:30 EST
		{repeated, firstOneThirty.Add(-time.Second), true}, // 01:29:59 EDT
		{repeated, ny(2024, time.October, 20, 1, 30, 0), true},
	}
	for _, tt := range tests {
		if got := tt.c.before(sales.InstantOf(tt.t), func() time.Time { return tt.t }); got != tt.want {
			t.Errorf("cutoff %+v before(%s) = %v, want %v", tt.c, tt.t.In(newYork), got, tt.want)
		}
	}
}

// TestIdleAndChurn_skippedHour checks R46 and R45 where the cutoff's time
// of day is one that a daylight-saving change skipped.
func TestIdleAndChurn_skippedHour(t *testing.T) {
	// asOf is March 24, 2024 at 02:30 EDT; 14 days before on the clock is
	// March 10 at 02:30, which New York skipped. A last touch at 01:45 EST
	// that day is 14 days and 45 minutes ago on the clock: idle.
	asOf := ny(2024, time.March, 24, 2, 30, 0)
	touch := ny(2024, time.March, 10, 1, 45, 0)
	ds := sales.MustDataset(sales.Records{
		TimeZone:  "America/New_York",
		Currency:  "USD",
		Pipelines: []sales.Pipeline{SalesPipeline},
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}},
		Deals: []sales.Deal{{ID: "d1", Owner: "a", Pipeline: "sales", Stage: "qualify",
			Created: ny(2024, time.January, 2, 9, 0, 0)}},
		Activities: []sales.Activity{{ID: "n1", Type: sales.ActivityNote, Owner: "a", Time: touch,
			Deals: []sales.DealID{"d1"}}},
	})
	idle, err := IdleDeals(ds, asOf, IdleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(idle.Deals) != 1 || idle.Deals[0].IdleDays != 14 {
		t.Errorf("IdleDeals = %+v, want d1, idle 14 days", idle.Deals)
	}

	// Six months before September 10, 2024 at 02:30 EDT is March 10 at
	// 02:30 on the clock: a deal won at 01:45 EST that day is more than
	// six months ago.
	won := sales.MustDataset(sales.Records{
		TimeZone:  "America/New_York",
		Currency:  "USD",
		Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{{ID: "co1", Name: "Acme"}},
		Deals: []sales.Deal{{ID: "w1", Pipeline: "sales", Stage: "won", Company: "co1",
			Created: ny(2024, time.January, 2, 9, 0, 0), CloseDate: touch, Amount: Amount("10")}},
	})
	churn, err := ChurnRisk(won, ny(2024, time.September, 10, 2, 30, 0), ChurnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(churn.Companies) != 1 || churn.Companies[0].MonthsSince != 6 {
		t.Errorf("ChurnRisk = %+v, want co1, 6 months", churn.Companies)
	}
}
