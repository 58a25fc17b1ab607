package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/salespilot/sales"
)

func generate(t testing.TB, o Options) sales.Records {
	t.Helper()
	recs, err := Generate(o)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", o, err)
	}
	return recs
}

func marshal(t testing.TB, recs sales.Records) []byte {
	t.Helper()
	b, err := json.Marshal(recs)
	if err != nil {
		t.Fatalf("json.Marshal(records): %v", err)
	}
	return b
}

func TestGenerate_deterministic(t *testing.T) {
	o := Options{Seed: 42, Deals: 1000}
	first := marshal(t, generate(t, o))
	second := marshal(t, generate(t, o))
	if !bytes.Equal(first, second) {
		t.Errorf("Generate(%+v) twice gave different JSON (%d and %d bytes)",
			o, len(first), len(second))
	}
	other := marshal(t, generate(t, Options{Seed: 43, Deals: 1000}))
	if bytes.Equal(first, other) {
		t.Errorf("Generate with seeds 42 and 43 gave the same JSON")
	}
}

func TestGenerate_validates(t *testing.T) {
	for _, deals := range []int{200, 5000} {
		for seed := uint64(1); seed <= 5; seed++ {
			o := Options{Seed: seed, Deals: deals}
			t.Run(fmt.Sprintf("seed%d/deals%d", seed, deals), func(t *testing.T) {
				if err := sales.MustDataset(generate(t, o)).Validate(); err != nil {
					t.Errorf("Validate of Generate(%+v) = %v, want nil", o, err)
				}
			})
		}
	}
}

func TestGenerate_sizes(t *testing.T) {
	tests := []struct {
		o                           Options
		deals, contacts, activities int
		companies                   int
	}{
		{Options{}, 5000, 10_000, 50_000, 1250},
		{Options{Deals: 100}, 100, 200, 1000, 50},
		{Options{Deals: 1000, ActivitiesPerDeal: 4, ContactsPerDeal: 3}, 1000, 3000, 4000, 250},
		{Options{Deals: 1000, ActivitiesPerDeal: 0.5, ContactsPerDeal: 0.25}, 1000, 250, 500, 250},
	}
	for _, tt := range tests {
		recs := generate(t, tt.o)
		got := []int{len(recs.Deals), len(recs.Contacts), len(recs.Companies)}
		want := []int{tt.deals, tt.contacts, tt.companies}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Generate(%+v): deals, contacts, companies = %v, want %v", tt.o, got, want)
		}
		if n := len(recs.Activities); math.Abs(float64(n-tt.activities)) > 0.02*float64(tt.activities) {
			t.Errorf("Generate(%+v): %d activities, want about %d", tt.o, n, tt.activities)
		}
		if recs.TimeZone != TimeZone || len(recs.Products) != len(catalogue) {
			t.Errorf("Generate(%+v): time zone %q, %d products", tt.o, recs.TimeZone, len(recs.Products))
		}
	}
}

func TestGenerate_errors(t *testing.T) {
	zero := 0.0
	tests := []Options{
		{Deals: -1},
		{Deals: MaxDeals + 1},
		{ActivitiesPerDeal: -0.5},
		{ContactsPerDeal: -2},
		{ActivitiesPerDeal: MaxActivitiesPerDeal + 1},
		{ContactsPerDeal: zero / zero},
		{ActivitiesPerDeal: math.Inf(1)},
	}
	for _, o := range tests {
		if _, err := Generate(o); err == nil {
			t.Errorf("Generate(%+v) = nil error, want one", o)
		}
	}
}

func TestToday(t *testing.T) {
	want := time.Date(2026, time.November, 30, 22, 0, 0, 0, time.UTC) // EST is UTC-5
	if got := Today(); !got.Equal(want) || got.Location().String() != TimeZone {
		t.Errorf("Today() = %s in %s, want %s in %s", got, got.Location(), want, TimeZone)
	}
}

// TestGenerate_invariants checks, over several portals, rules the records
// keep beyond what Validate checks.
func TestGenerate_invariants(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		ds := sales.MustDataset(generate(t, Options{Seed: seed, Deals: 2000}))
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			checkDeals(t, ds)
			checkContacts(t, ds)
			checkActivities(t, ds)
			checkLineItems(t, ds)
		})
	}
}

// problems collects the failures of a check, and reports the first few
// and their count, so that a broken rule does not print thousands of lines.
type problems struct {
	t *testing.T
	n int
}

func (p *problems) errorf(format string, args ...any) {
	p.t.Helper()
	if p.n < 5 {
		p.t.Errorf(format, args...)
	}
	p.n++
}

func (p *problems) done() {
	p.t.Helper()
	if p.n > 5 {
		p.t.Errorf("… %d failures in all", p.n)
	}
}

func checkDeals(t *testing.T, ds *sales.Dataset) {
	p := &problems{t: t}
	defer p.done()
	now := Today()
	for i := range ds.Deals {
		x := &ds.Deals[i]
		h := x.StageHistory
		if len(h) == 0 || !h[0].Entered.Equal(x.Created) {
			p.errorf("deal %s: history does not start at creation", x.ID)
			continue
		}
		for j := range h {
			if h[j].Entered.After(now) {
				p.errorf("deal %s: visit %d entered after Today", x.ID, j)
			}
			if j > 0 && !h[j-1].Left.Equal(h[j].Entered) {
				p.errorf("deal %s: visit %d does not start where visit %d ends", x.ID, j, j-1)
			}
		}
		if n := len(x.Contacts); n < 1 || n > 3 {
			p.errorf("deal %s: %d contacts, want 1 to 3", x.ID, n)
		}
		for _, k := range ds.DealActivities(i) {
			if a := &ds.Activities[k]; a.Time.Before(x.Created) {
				p.errorf("deal %s: activity %s at %s, before the deal", x.ID, a.ID, a.Time)
			}
		}
		last := h[len(h)-1]
		if !last.Left.IsZero() || last.Stage != x.Stage {
			p.errorf("deal %s: last visit %+v, stage %s", x.ID, last, x.Stage)
		}
		checkCloseDates(p, ds, i, last.Entered)
	}
}

func checkCloseDates(p *problems, ds *sales.Dataset, i int, entered time.Time) {
	x := &ds.Deals[i]
	c := x.CloseDateHistory
	switch {
	case ds.DealKind(i).Closed() && !x.CloseDate.Equal(entered):
		p.errorf("deal %s: close date %s, closed at %s", x.ID, x.CloseDate, entered)
	case x.CloseDate.IsZero() && len(c) > 0:
		p.errorf("deal %s: close date history without a close date", x.ID)
	case !x.CloseDate.IsZero() && len(c) == 0:
		p.errorf("deal %s: close date without history", x.ID)
	case len(c) > 0 && !c[len(c)-1].CloseDate.Equal(x.CloseDate):
		p.errorf("deal %s: last close date %s, want %s", x.ID, c[len(c)-1].CloseDate, x.CloseDate)
	case len(c) > 0 && c[len(c)-1].At.After(Today()):
		p.errorf("deal %s: close date changed after Today", x.ID)
	}
}

func checkContacts(t *testing.T, ds *sales.Dataset) {
	p := &problems{t: t}
	defer p.done()
	now := Today()
	for i := range ds.Contacts {
		c := &ds.Contacts[i]
		if c.Created.After(now) {
			p.errorf("contact %s created after Today", c.ID)
		}
		prev := c.Created
		for s := sales.LifecycleSubscriber; s <= sales.LifecycleEvangelist; s++ {
			at := c.Reached.Get(s)
			if at.IsZero() {
				continue
			}
			if at.Before(prev) || at.After(now) {
				p.errorf("contact %s reached %s at %s, out of order", c.ID, s, at)
			}
			prev = at
		}
		if c.Lifecycle != sales.LifecycleOther && c.LifecycleAt(now) != c.Lifecycle {
			p.errorf("contact %s: lifecycle %s, dates say %s", c.ID, c.Lifecycle, c.LifecycleAt(now))
		}
	}
}

func checkActivities(t *testing.T, ds *sales.Dataset) {
	p := &problems{t: t}
	defer p.done()
	now := Today()
	for i := range ds.Activities {
		a := &ds.Activities[i]
		scheduled := a.Type == sales.ActivityMeeting && a.MeetingOutcome == sales.MeetingScheduled
		if a.Time.After(now) && !scheduled {
			p.errorf("activity %s (%s) at %s, after Today", a.ID, a.Type, a.Time)
		}
		if a.Type != sales.ActivityTask {
			continue
		}
		done := a.TaskStatus == sales.TaskCompleted
		if done == a.TaskCompleted.IsZero() || a.TaskCompleted.After(now) {
			p.errorf("task %s: status %s, completed %s", a.ID, a.TaskStatus, a.TaskCompleted)
		}
		if !a.TaskDue.IsZero() && a.TaskDue.Before(a.Time) {
			p.errorf("task %s: due %s before its creation %s", a.ID, a.TaskDue, a.Time)
		}
	}
}

func checkLineItems(t *testing.T, ds *sales.Dataset) {
	p := &problems{t: t}
	defer p.done()
	for i := range ds.Deals {
		x := &ds.Deals[i]
		var sum sales.Total
		for _, k := range ds.DealLineItems(i) {
			li := &ds.LineItems[k]
			if !li.Amount.Decimal.Equal(li.Quantity.Mul(li.UnitPrice)) || li.Currency != x.Currency {
				p.errorf("line %s: %s × %s = %s %s on a deal in %q", li.ID, li.Quantity,
					li.UnitPrice, li.Amount.Decimal, li.Currency, x.Currency)
			}
			sum.Add(li.Value())
		}
		lines := len(ds.DealLineItems(i)) > 0
		if lines && x.Amount.Valid && !sum.Decimal().Equal(x.Amount.Decimal) {
			p.errorf("deal %s: lines add up to %s, amount %s", x.ID, sum.Decimal(), x.Amount.Decimal)
		}
	}
}
