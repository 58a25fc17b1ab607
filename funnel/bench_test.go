package funnel_test

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// benchYear is the demo's last full year.
func benchYear() sales.Period { return sales.Year(2025, demo.Location()) }

// bench runs f over each size of portal, reporting allocations.
func bench(b *testing.B, f func(ds *sales.Dataset) error) { benchkit.Run(b, f) }

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
