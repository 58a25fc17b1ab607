package activity

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// benchYear is the demo's last full year, and benchAsOf its Today.
var (
	benchYear = benchkit.Year
	benchAsOf = benchkit.AsOf
)

// bench runs f over the demo portal of every size.
func bench(b *testing.B, f func(ds *sales.Dataset) error) { benchkit.Run(b, f) }

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
