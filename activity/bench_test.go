package activity

import (
	"fmt"
	"sync"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// benchSizes are the demo portals' sizes in deals; each has ten
// activities per deal.
var benchSizes = []int{1000, 10_000}

var benchPortals sync.Map // size -> *sales.Dataset

// benchPortal returns the demo portal of n deals, generated once.
func benchPortal(b *testing.B, n int) *sales.Dataset {
	if ds, ok := benchPortals.Load(n); ok {
		return ds.(*sales.Dataset)
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	benchPortals.Store(n, ds)
	return ds
}

// benchYear is the demo's last full year, and benchAsOf its Today.
var (
	benchYear = sales.Year(2026, demo.Location())
	benchAsOf = demo.Today()
)

// bench runs f over the demo portal of every size.
func bench(b *testing.B, f func(ds *sales.Dataset) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := f(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkActivitiesByType(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := ActivitiesByType(ds, benchYear)
		return err
	})
}

func BenchmarkCallsPerRep(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := CallsPerRep(ds, benchYear)
		return err
	})
}

func BenchmarkEmailsPerRep(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := EmailsPerRep(ds, sales.Calendar{}, sales.UnitWeek, benchYear)
		return err
	})
}

func BenchmarkCallTimePerDay(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := CallTimePerDay(ds, benchYear)
		return err
	})
}

func BenchmarkAverageCallTimePerDay(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := AverageCallTimePerDay(ds, benchYear)
		return err
	})
}

func BenchmarkTasksPerRep(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := TasksPerRep(ds, benchYear, benchAsOf)
		return err
	})
}

func BenchmarkEffortPerDeal(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := EffortPerDeal(ds, benchYear, benchAsOf)
		return err
	})
}

func BenchmarkMeetingDurations(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := MeetingDurations(ds, benchYear)
		return err
	})
}

func BenchmarkMeetingOutcomes(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := MeetingOutcomes(ds, benchYear)
		return err
	})
}

func BenchmarkResponseTime(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := ResponseTime(ds, benchYear, benchAsOf, ResponseOptions{})
		return err
	})
}

// TestAllocations checks that the reports' allocations do not grow with
// the number of records: a portal ten times larger may cost a few more
// allocations (a slice that grows, an unlisted owner), not ten times as
// many.
func TestAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("generates two demo portals")
	}
	small, err := demo.Generate(demo.Options{Seed: 1, Deals: 300})
	if err != nil {
		t.Fatal(err)
	}
	large, err := demo.Generate(demo.Options{Seed: 1, Deals: 3000})
	if err != nil {
		t.Fatal(err)
	}
	dsSmall, dsLarge := sales.MustDataset(small), sales.MustDataset(large)
	reports := map[string]func(ds *sales.Dataset){
		"ActivitiesByType": func(ds *sales.Dataset) { _, _ = ActivitiesByType(ds, benchYear) },
		"CallsPerRep":      func(ds *sales.Dataset) { _, _ = CallsPerRep(ds, benchYear) },
		"EmailsPerRep": func(ds *sales.Dataset) {
			_, _ = EmailsPerRep(ds, sales.Calendar{}, sales.UnitMonth, benchYear)
		},
		"CallTimePerDay":   func(ds *sales.Dataset) { _, _ = CallTimePerDay(ds, benchYear) },
		"TasksPerRep":      func(ds *sales.Dataset) { _, _ = TasksPerRep(ds, benchYear, benchAsOf) },
		"EffortPerDeal":    func(ds *sales.Dataset) { _, _ = EffortPerDeal(ds, benchYear, benchAsOf) },
		"MeetingDurations": func(ds *sales.Dataset) { _, _ = MeetingDurations(ds, benchYear) },
		"MeetingOutcomes":  func(ds *sales.Dataset) { _, _ = MeetingOutcomes(ds, benchYear) },
		"ResponseTime": func(ds *sales.Dataset) {
			_, _ = ResponseTime(ds, benchYear, benchAsOf, ResponseOptions{})
		},
	}
	for name, f := range reports {
		a := testing.AllocsPerRun(3, func() { f(dsSmall) })
		b := testing.AllocsPerRun(3, func() { f(dsLarge) })
		if b > 2*a+20 {
			t.Errorf("%s allocates %v times on 300 deals and %v on 3000, want about as many", name, a, b)
		}
	}
}
