package sales_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// canonical returns r's JSON with every time moved to the portal's
// location (UTC when it names none this machine knows) and nil and empty
// lists alike: the form in which ReadTables(WriteTables(r)) equals r.
func canonical(t testing.TB, r sales.Records) string {
	t.Helper()
	c := copyRecords(r)
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil || c.TimeZone == "Local" {
		loc = time.UTC
	}
	eachTime(&c, func(t *time.Time) {
		if !t.IsZero() {
			*t = t.In(loc)
		}
	})
	emptyAsNil(&c)
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("json.Marshal(records) = %v", err)
	}
	return string(b)
}

// copyRecords copies r deep enough for eachTime and emptyAsNil to change
// the copy only.
func copyRecords(r sales.Records) sales.Records {
	c := r
	c.Pipelines = slices.Clone(r.Pipelines)
	c.Deals = slices.Clone(r.Deals)
	for i := range c.Deals {
		c.Deals[i].StageHistory = slices.Clone(c.Deals[i].StageHistory)
		c.Deals[i].CloseDateHistory = slices.Clone(c.Deals[i].CloseDateHistory)
	}
	c.Contacts = slices.Clone(r.Contacts)
	c.Companies = slices.Clone(r.Companies)
	c.Activities = slices.Clone(r.Activities)
	c.Targets = slices.Clone(r.Targets)
	return c
}

// eachTime calls f on every time of r.
func eachTime(r *sales.Records, f func(*time.Time)) {
	for i := range r.Deals {
		d := &r.Deals[i]
		f(&d.Created)
		f(&d.CloseDate)
		for k := range d.StageHistory {
			f(&d.StageHistory[k].Entered)
			f(&d.StageHistory[k].Left)
		}
		for k := range d.CloseDateHistory {
			f(&d.CloseDateHistory[k].At)
			f(&d.CloseDateHistory[k].CloseDate)
		}
	}
	for i := range r.Contacts {
		c := &r.Contacts[i]
		f(&c.Created)
		for s := sales.LifecycleSubscriber; s <= sales.LifecycleOther; s++ {
			t := c.Reached.Get(s)
			f(&t)
			c.Reached.Set(s, t)
		}
	}
	for i := range r.Companies {
		f(&r.Companies[i].Created)
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		f(&a.Time)
		f(&a.MeetingEnd)
		f(&a.TaskDue)
		f(&a.TaskCompleted)
	}
	for i := range r.Targets {
		f(&r.Targets[i].Period.Start)
		f(&r.Targets[i].Period.End)
	}
}

func emptyAsNil(r *sales.Records) {
	nilIfEmpty(&r.Owners)
	nilIfEmpty(&r.Pipelines)
	nilIfEmpty(&r.Deals)
	nilIfEmpty(&r.Contacts)
	nilIfEmpty(&r.Companies)
	nilIfEmpty(&r.Activities)
	nilIfEmpty(&r.Products)
	nilIfEmpty(&r.LineItems)
	nilIfEmpty(&r.Targets)
	for i := range r.Pipelines {
		nilIfEmpty(&r.Pipelines[i].Stages)
	}
	if len(r.Rates.ToBase) == 0 {
		r.Rates.ToBase = nil
	}
}

func nilIfEmpty[T any](s *[]T) {
	if len(*s) == 0 {
		*s = nil
	}
}

// roundTrip writes r to a temporary folder and reads it back.
func tablesRoundTrip(t testing.TB, r sales.Records) sales.Records {
	t.Helper()
	dir := t.TempDir()
	if err := sales.WriteTables(dir, r); err != nil {
		t.Fatalf("WriteTables = %v, want nil", err)
	}
	back, err := sales.ReadTables(dir)
	if err != nil {
		t.Fatalf("ReadTables(WriteTables(r)) = %v, want nil", err)
	}
	return back
}

func TestTablesRoundTrip_demo(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 7, Deals: 300})
	if err != nil {
		t.Fatal(err)
	}
	back := tablesRoundTrip(t, recs)
	if want, got := canonical(t, recs), canonical(t, back); want != got {
		t.Errorf("ReadTables(WriteTables(demo)) differs from demo:\n%s", firstDiff(want, got))
	}
}

// firstDiff shows where two long texts start to differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "want …" + a[from:min(len(a), i+200)] + "\n got …" + b[from:min(len(b), i+200)]
}
