package funnel_test

import (
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/internal/demo"
)

// benchSizes are the demo portal sizes, in deals, of the benchmarks.
var benchSizes = []int{1000, 10_000}

var benchPortals = map[int]*sales.Dataset{}

// benchPortal returns the demo portal of n deals, generated once.
func benchPortal(b *testing.B, n int) *sales.Dataset {
	if ds, ok := benchPortals[n]; ok {
		return ds
	}
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
	if err != nil {
		b.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	benchPortals[n] = ds
	return ds
}

// benchYear is the demo's last full year.
func benchYear() sales.Period { return sales.Year(2025, demo.Location()) }

// bench runs f over each size of portal, reporting allocations.
func bench(b *testing.B, f func(ds *sales.Dataset) error) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := benchPortal(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := f(ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func errOf[T any](_ T, err error) error { return err }

func BenchmarkConversion(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(funnel.Conversion(ds, benchYear())) })
}

func BenchmarkConversionPerRep(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(funnel.ConversionPerRep(ds, benchYear())) })
}

func BenchmarkTimeInStage(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		o := funnel.TimeOptions{CountOpen: true}
		return errOf(funnel.TimeInStage(ds, benchYear(), demo.Today(), o))
	})
}

func BenchmarkLeadsBySource(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(funnel.LeadsBySource(ds, benchYear())) })
}

func BenchmarkDealsBySource(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(funnel.DealsBySource(ds, benchYear())) })
}

func BenchmarkProposals(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error {
		return errOf(funnel.Proposals(ds, benchYear(), demo.ProposalStage))
	})
}

func BenchmarkMQLToCustomer(b *testing.B) {
	bench(b, func(ds *sales.Dataset) error { return errOf(funnel.MQLToCustomer(ds, benchYear())) })
}
