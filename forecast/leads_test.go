package forecast_test

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
)

// leadPortal holds the contacts of the lead reports' tests, seen from
// asOf (Wednesday 13 March 2024, noon). This week runs from Monday 11
// March, last week from Monday 4 March; the same point of last week is
// Wednesday 6 March, noon.
func leadPortal() sales.Records {
	at := func(d, h int) time.Time { return time.Date(2024, time.March, d, h, 0, 0, 0, time.UTC) }
	reached := func(pairs ...any) sales.LifecycleDates {
		var r sales.LifecycleDates
		for i := 0; i < len(pairs); i += 2 {
			r.Set(pairs[i].(sales.LifecycleStage), pairs[i+1].(time.Time))
		}
		return r
	}
	const (
		lead = sales.LifecycleLead
		mql  = sales.LifecycleMarketingQualified
		sql  = sales.LifecycleSalesQualified
		opp  = sales.LifecycleOpportunity
	)
	return sales.Records{Contacts: []sales.Contact{
		// c1: Monday this week, a lead.
		{ID: "c1", Created: at(11, 9), Lifecycle: lead, LeadStatus: "NEW",
			Reached: reached(lead, at(11, 9))},
		// c2: Tuesday this week, marketing-qualified on Wednesday morning.
		{ID: "c2", Created: at(12, 10), Lifecycle: mql, LeadStatus: "OPEN",
			Reached: reached(lead, at(12, 10), mql, at(13, 8))},
		// c3: Wednesday afternoon, after asOf: not yet there.
		{ID: "c3", Created: at(13, 15), Lifecycle: lead, Reached: reached(lead, at(13, 15))},
		// c4: Monday last week; sales-qualified only after asOf, so a lead then.
		{ID: "c4", Created: at(4, 10), Lifecycle: sql, LeadStatus: "IN_PROGRESS",
			Reached: reached(lead, at(4, 10), sql, at(14, 9))},
		// c5: Wednesday last week, before noon; a subscriber.
		{ID: "c5", Created: at(6, 11), Lifecycle: sales.LifecycleSubscriber,
			Reached: reached(sales.LifecycleSubscriber, at(6, 11))},
		// c6: Wednesday last week, after noon; an opportunity with no dates.
		{ID: "c6", Created: at(6, 13), Lifecycle: opp},
		// c7: February, a customer.
		{ID: "c7", Created: day(2, 1), Lifecycle: sales.LifecycleCustomer,
			Reached: reached(lead, day(2, 1), sales.LifecycleCustomer, day(2, 20))},
		// c8: February, a lead with no dates.
		{ID: "c8", Created: day(2, 10), Lifecycle: lead, LeadStatus: "NEW"},
		// c9: Sunday last week, moved to "other" at once.
		{ID: "c9", Created: at(10, 23), Lifecycle: sales.LifecycleOther,
			Reached: reached(lead, at(10, 23), sales.LifecycleOther, at(10, 23))},
		// c10: no creation date; marketing-qualified, no dates.
		{ID: "c10", Lifecycle: mql, LeadStatus: "OPEN"},
		// c11: January, marketing-qualified by its dates; now sales-qualified
		// without a date, which does not count.
		{ID: "c11", Created: day(1, 15), Lifecycle: sql,
			Reached: reached(lead, day(1, 15), mql, day(1, 20))},
	}}
}

func TestActiveLeads(t *testing.T) {
	ds := sales.MustDataset(leadPortal())
	got, err := forecast.ActiveLeads(ds, asOf, forecast.LeadOptions{ByStatus: true})
	if err != nil {
		t.Fatalf("ActiveLeads: %v", err)
	}
	// Leads: c1, c4, c8. Marketing-qualified: c2, c10, c11. Sales-qualified:
	// none. Opportunity: c6. c6, c8 and c10 have no dates; c3 is not yet
	// created.
	tests := []struct {
		stage    sales.LifecycleStage
		count    int64
		statuses []forecast.StatusCount
	}{
		{sales.LifecycleLead, 3,
			[]forecast.StatusCount{{Status: "IN_PROGRESS", Count: 1}, {Status: "NEW", Count: 2}}},
		{sales.LifecycleMarketingQualified, 3,
			[]forecast.StatusCount{{Status: "OPEN", Count: 2}, {Status: "", Count: 1}}},
		{sales.LifecycleSalesQualified, 0, []forecast.StatusCount{}},
		{sales.LifecycleOpportunity, 1, []forecast.StatusCount{{Status: "", Count: 1}}},
	}
	for i, tt := range tests {
		s := got.Stages[i]
		if s.Stage != tt.stage || s.Count != tt.count || !sameStatuses(s.Statuses, tt.statuses) {
			t.Errorf("ActiveLeads: stage %d = %+v, want %s %d %+v", i, s, tt.stage, tt.count, tt.statuses)
		}
	}
	if got.Total != 7 || got.Assumed != 3 || got.NotYetCreated != 1 {
		t.Errorf("ActiveLeads: total %d, assumed %d, not yet created %d; want 7, 3, 1",
			got.Total, got.Assumed, got.NotYetCreated)
	}

	plain, err := forecast.ActiveLeads(ds, asOf, forecast.LeadOptions{})
	if err != nil {
		t.Fatalf("ActiveLeads: %v", err)
	}
	if plain.Total != 7 || plain.Stages[0].Statuses != nil {
		t.Errorf("ActiveLeads without statuses: total %d, statuses %v; want 7 and none",
			plain.Total, plain.Stages[0].Statuses)
	}
	if _, err := forecast.ActiveLeads(ds, time.Time{}, forecast.LeadOptions{}); err == nil {
		t.Errorf("ActiveLeads(zero asOf) succeeded, want an error")
	}
}

func sameStatuses(a, b []forecast.StatusCount) bool {
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

func TestNewLeads(t *testing.T) {
	ds := sales.MustDataset(leadPortal())
	got, err := forecast.NewLeads(ds, asOf, sales.Calendar{})
	if err != nil {
		t.Fatalf("NewLeads: %v", err)
	}
	// This week: c1 on Monday, c2 on Tuesday; c3 comes after asOf. Last
	// week: c4 on Monday, c5 and c6 on Wednesday, c9 on Sunday; by
	// Wednesday noon only c4 and c5. Change: (2 − 2) / 2 = 0.
	tests := []struct {
		weekday       string
		created, last int64
		future        bool
	}{
		{"Monday", 1, 1, false}, {"Tuesday", 1, 0, false}, {"Wednesday", 0, 2, false},
		{"Thursday", 0, 0, true}, {"Friday", 0, 0, true}, {"Saturday", 0, 0, true},
		{"Sunday", 0, 1, true},
	}
	if len(got.Days) != len(tests) {
		t.Fatalf("NewLeads: %d days, want 7", len(got.Days))
	}
	for i, tt := range tests {
		d := got.Days[i]
		if d.Weekday != tt.weekday || d.Created != tt.created || d.LastWeek != tt.last ||
			d.Future != tt.future {
			t.Errorf("NewLeads: day %d = %+v, want %s %d %d future %v", i, d, tt.weekday, tt.created,
				tt.last, tt.future)
		}
	}
	if got.ThisWeek != 2 || got.LastWeekToDate != 2 || got.LastWeekTotal != 4 || got.NoCreated != 1 {
		t.Errorf("NewLeads: this week %d, last week to date %d, in all %d, no date %d; want 2, 2, 4, 1",
			got.ThisWeek, got.LastWeekToDate, got.LastWeekTotal, got.NoCreated)
	}
	if v, ok := got.Change.Value(); !ok || !v.IsZero() {
		t.Errorf("NewLeads: change %v %v, want 0", v, ok)
	}
	if !got.LastWeek.Start.Equal(day(3, 4)) {
		t.Errorf("NewLeads: last week %s, want from 2024-03-04", got.LastWeek)
	}
}

func TestNewLeads_quietLastWeek(t *testing.T) {
	recs := leadPortal()
	recs.Contacts = recs.Contacts[:2] // c1 and c2 only
	got, err := forecast.NewLeads(sales.MustDataset(recs), asOf, sales.Calendar{})
	if err != nil {
		t.Fatalf("NewLeads: %v", err)
	}
	if _, ok := got.Change.Value(); ok || got.ThisWeek != 2 {
		t.Errorf("NewLeads with nothing last week: change %+v, this week %d; want no value and 2",
			got.Change, got.ThisWeek)
	}
}

func TestNewLeads_daylightSaving(t *testing.T) {
	// In New York the clocks went forward on Sunday 10 March 2024: last
	// week is still seven days, from Monday 4 March at midnight.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	got, err := forecast.NewLeads(sales.MustDataset(sales.Records{}), asOf.In(ny), sales.Calendar{})
	if err != nil {
		t.Fatalf("NewLeads: %v", err)
	}
	want := time.Date(2024, time.March, 4, 0, 0, 0, 0, ny)
	if !got.LastWeek.Start.Equal(want) || len(got.Days) != 7 || got.LastWeek.Duration() != 167*time.Hour {
		t.Errorf("NewLeads in New York: last week %s (%s), %d days; want from %s, 167h, 7 days",
			got.LastWeek, got.LastWeek.Duration(), len(got.Days), want)
	}
}

func TestLeadsCreated(t *testing.T) {
	ds := sales.MustDataset(leadPortal())
	march := sales.Month(2024, time.March, nil)
	got, err := forecast.LeadsCreated(ds, asOf, march, sales.Calendar{}, sales.UnitWeek)
	if err != nil {
		t.Fatalf("LeadsCreated: %v", err)
	}
	// Weeks of March: 1–4 (clipped), 4–11, 11–18, 18–25, 25 March–1 April.
	// Week of the 4th: c4 (lead at asOf), c5 (subscriber), c6 (opportunity,
	// assumed), c9 (other). Week of the 11th: c1 (lead), c2 (MQL); c3 is
	// after asOf.
	want := map[int]map[sales.LifecycleStage]int64{
		1: {sales.LifecycleLead: 1, sales.LifecycleSubscriber: 1, sales.LifecycleOpportunity: 1,
			sales.LifecycleOther: 1},
		2: {sales.LifecycleLead: 1, sales.LifecycleMarketingQualified: 1},
	}
	if len(got.Rows) != 5 {
		t.Fatalf("LeadsCreated: %d weeks, want 5", len(got.Rows))
	}
	for k, row := range got.Rows {
		var total int64
		for s, n := range row.ByStage {
			if w := want[k][sales.LifecycleStage(s)]; n != w {
				t.Errorf("LeadsCreated: week %d, %s = %d, want %d", k, sales.LifecycleStage(s), n, w)
			}
			total += want[k][sales.LifecycleStage(s)]
		}
		if row.Total != total {
			t.Errorf("LeadsCreated: week %d total %d, want %d", k, row.Total, total)
		}
	}
	if got.Total.Total != 6 || got.Assumed != 1 || got.NotYetCreated != 1 || got.NoCreated != 1 {
		t.Errorf("LeadsCreated: total %d, assumed %d, not yet %d, no date %d; want 6, 1, 1, 1",
			got.Total.Total, got.Assumed, got.NotYetCreated, got.NoCreated)
	}
	if _, err := forecast.LeadsCreated(ds, asOf, march, sales.Calendar{}, 0); err == nil {
		t.Errorf("LeadsCreated(unit 0) succeeded, want an error")
	}
	_, err = forecast.LeadsCreated(ds, asOf, sales.Period{}, sales.Calendar{}, sales.UnitDay)
	if err == nil {
		t.Errorf("LeadsCreated(zero period) succeeded, want an error")
	}
}
