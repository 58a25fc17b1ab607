package portfolio_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/portfolio"
)

// benchSizes are the numbers of deals of the demo portals benchmarks run
// on.
var benchSizes = []int{1000, 10_000}

var (
	benchMu      sync.Mutex
	benchPortals = map[int]*sales.Dataset{}
)

// benchPortal returns the demo portal of n deals, generated once.
func benchPortal(b *testing.B, n int) *sales.Dataset {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if ds, ok := benchPortals[n]; ok {
		return ds
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatalf("demo.Generate(%d deals): %v", n, err)
	}
	ds := sales.MustDataset(recs)
	benchPortals[n] = ds
	return ds
}

// bench runs report over the demo portal of each size, for 2026.
func bench(b *testing.B, report func(ds *sales.Dataset, p sales.Period) error) {
	year := sales.Year(2026, demo.Location())
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := report(ds, year); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTopProducts(b *testing.B) {
	bench(b, func(ds *sales.Dataset, p sales.Period) error {
		_, err := portfolio.TopProducts(ds, p, 5)
		return err
	})
}

func BenchmarkNewVsExisting(b *testing.B) {
	bench(b, func(ds *sales.Dataset, p sales.Period) error {
		_, err := portfolio.NewVsExisting(ds, p, sales.Calendar{}, sales.UnitMonth)
		return err
	})
}

func BenchmarkRevenueByType(b *testing.B) {
	bench(b, func(ds *sales.Dataset, p sales.Period) error {
		_, err := portfolio.RevenueByType(ds, p, portfolio.ByCompanyType)
		return err
	})
}

func BenchmarkTopCustomers(b *testing.B) {
	bench(b, func(ds *sales.Dataset, p sales.Period) error {
		_, err := portfolio.TopCustomers(ds, p, 5)
		return err
	})
}
