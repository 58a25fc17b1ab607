package kpi

import (
	"testing"

	"github.com/salespilot/sales"
)

// BenchmarkTargetReport_Merge merges R09 over a demo portal into itself:
// its cost grows with the rows (owners and teams), not with the deals.
func BenchmarkTargetReport_Merge(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, ds *sales.Dataset) {
		a, err := WonAgainstTarget(ds, sales.Year(2026, ds.Location()))
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			r := a
			if err := r.Merge(a); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRevenue_Merge merges R34 over a demo portal into itself: its
// cost grows with the months, not with the deals.
func BenchmarkRevenue_Merge(b *testing.B) {
	benchSizesRun(b, func(b *testing.B, ds *sales.Dataset) {
		a, err := RevenueAgainstTarget(ds, sales.Year(2026, ds.Location()), sales.Calendar{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			r := a
			if err := r.Merge(a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
