package portfolio_test

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/portfolio"
)

// bench runs report over the demo portal of each size, for 2026.
func bench(b *testing.B, report func(ds *sales.Dataset, p sales.Period) error) {
	benchkit.Run(b, func(ds *sales.Dataset) error { return report(ds, benchkit.Year) })
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
