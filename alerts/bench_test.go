package alerts

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// bench runs f over the demo portal of every size, as of the demo's
// Today.
func bench(b *testing.B, f func(ds *sales.Dataset) error) { benchkit.Run(b, f) }

func BenchmarkChurnRisk(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := ChurnRisk(ds, demo.Today(), ChurnOptions{})
		return err
	})
}

func BenchmarkIdleDeals(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := IdleDeals(ds, demo.Today(), IdleOptions{})
		return err
	})
}

func BenchmarkOverdueTasks(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := OverdueTasks(ds, demo.Today())
		return err
	})
}

func BenchmarkDealsWithoutPlannedTask(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		_, err := DealsWithoutPlannedTask(ds, demo.Today())
		return err
	})
}

// TestAllocations checks that the alerts allocate per row listed, not per
// record: a portal ten times larger lists more rows, so it may cost a few
// more allocations as the tables grow, not ten times as many.
func TestAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("generates two demo portals")
	}
	var ds [2]*sales.Dataset
	for k, n := range []int{300, 3000} {
		recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
		if err != nil {
			t.Fatal(err)
		}
		ds[k] = sales.MustDataset(recs)
	}
	at := demo.Today()
	reports := map[string]func(ds *sales.Dataset){
		"ChurnRisk":               func(ds *sales.Dataset) { _, _ = ChurnRisk(ds, at, ChurnOptions{}) },
		"IdleDeals":               func(ds *sales.Dataset) { _, _ = IdleDeals(ds, at, IdleOptions{}) },
		"OverdueTasks":            func(ds *sales.Dataset) { _, _ = OverdueTasks(ds, at) },
		"DealsWithoutPlannedTask": func(ds *sales.Dataset) { _, _ = DealsWithoutPlannedTask(ds, at) },
	}
	for name, f := range reports {
		a := testing.AllocsPerRun(3, func() { f(ds[0]) })
		b := testing.AllocsPerRun(3, func() { f(ds[1]) })
		if b > 2*a+20 {
			t.Errorf("%s allocates %v times on 300 deals and %v on 3000, want about as many", name, a, b)
		}
	}
}
