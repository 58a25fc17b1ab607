package portfolio_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/portfolio"
)

// examplePortal is a year of a small shop: Acme bought in 2023 and twice
// in 2024, Bolt became a customer in 2024, and one sale had no company.
func examplePortal() *sales.Dataset {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	won := func(id sales.DealID, co sales.CompanyID, closed time.Time, value string) sales.Deal {
		return sales.Deal{ID: id, Pipeline: "p", Stage: "won", Company: co, Amount: amount(value),
			Created: closed.AddDate(0, -1, 0), CloseDate: closed}
	}
	line := func(deal sales.DealID, product sales.ProductID, qty, value string) sales.LineItem {
		return sales.LineItem{ID: sales.LineItemID("li-" + string(deal) + string(product)),
			Deal: deal, Product: product, Quantity: decimal.RequireFromString(qty),
			Amount: amount(value)}
	}
	return sales.MustDataset(sales.Records{
		Currency: "USD",
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		}}},
		Companies: []sales.Company{
			{ID: "acme", Name: "Acme", Type: "CUSTOMER", Industry: "Retail"},
			{ID: "bolt", Name: "Bolt", Type: "CUSTOMER", Industry: "Software"},
		},
		Products: []sales.Product{{ID: "lic", Name: "Licence"}, {ID: "srv", Name: "Services"},
			{ID: "trn", Name: "Training"}},
		Deals: []sales.Deal{
			won("1", "acme", at(2023, time.November, 10), "1000"),
			won("2", "acme", at(2024, time.February, 5), "3000"),
			won("3", "bolt", at(2024, time.March, 20), "5000"),
			won("4", "acme", at(2024, time.May, 2), "1500"),
			won("5", "", at(2024, time.May, 30), "500"),
		},
		LineItems: []sales.LineItem{
			line("2", "lic", "3", "3000"),
			line("3", "lic", "4", "4000"), line("3", "srv", "2", "1000"),
			line("4", "trn", "1", "1500"),
			line("5", "srv", "1", "500"),
		},
	})
}

// firstHalf is January to June 2024.
var firstHalf = sales.Period{
	Start: time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2024, time.July, 1, 0, 0, 0, 0, time.UTC),
}

func ExampleTopProducts() {
	r, err := portfolio.TopProducts(examplePortal(), firstHalf, 2)
	if err != nil {
		panic(err)
	}
	for _, p := range r.TopProducts() {
		share, _ := p.Share.Value()
		fmt.Printf("%-8s %s units, %s (%s)\n", p.Name, p.Quantity.Decimal(), p.Value.Decimal(), share)
	}
	fmt.Printf("other    %s units, %s\n", r.Other.Quantity.Decimal(), r.Other.Value.Decimal())
	// Output:
	// Licence  7 units, 7000 (0.7)
	// Services 3 units, 1500 (0.15)
	// other    1 units, 1500
}

func ExampleNewVsExisting() {
	r, err := portfolio.NewVsExisting(examplePortal(), firstHalf, sales.Calendar{}, sales.UnitQuarter)
	if err != nil {
		panic(err)
	}
	for k, q := range r.Rows {
		fmt.Printf("Q%d: new %s, existing %s, no company %s\n", k+1,
			q.New.Value.Decimal(), q.Existing.Value.Decimal(), q.NoCompany.Value.Decimal())
	}
	// Output:
	// Q1: new 5000, existing 3000, no company 0
	// Q2: new 0, existing 1500, no company 500
}

func ExampleRevenueByType() {
	r, err := portfolio.RevenueByType(examplePortal(), firstHalf, portfolio.ByIndustry)
	if err != nil {
		panic(err)
	}
	for _, g := range r.Groups {
		fmt.Printf("%-8s %s\n", g.Key, g.Won.Value.Decimal())
	}
	fmt.Printf("%-8s %s\n", "none", r.NoCompany.Won.Value.Decimal())
	// Output:
	// Software 5000
	// Retail   4500
	// none     500
}

func ExampleTopCustomers() {
	r, err := portfolio.TopCustomers(examplePortal(), firstHalf, 1)
	if err != nil {
		panic(err)
	}
	share, _ := r.TopShare.Value()
	fmt.Printf("best customer: %s, %s of %s (%s)\n", r.Companies[0].Name,
		r.TopN.Value.Decimal(), r.Total.Value.Decimal(), share)
	fmt.Printf("rest: %s, of which %s without a company\n", r.Rest.Value.Decimal(),
		r.NoCompany.Value.Decimal())
	// Output:
	// best customer: Bolt, 5000 of 10000 (0.5)
	// rest: 5000, of which 500 without a company
}

// Example_merge computes the best customers over two halves of the deals,
// as two machines would, and merges the results: the same as over the
// whole.
func Example_merge() {
	ds := examplePortal()
	first, second := ds.Records, ds.Records
	first.Deals, second.Deals = ds.Deals[:3], ds.Deals[3:]

	a, err := portfolio.TopCustomers(sales.MustDataset(first), firstHalf, 1)
	if err != nil {
		panic(err)
	}
	b, err := portfolio.TopCustomers(sales.MustDataset(second), firstHalf, 1)
	if err != nil {
		panic(err)
	}
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	for _, c := range a.Companies {
		fmt.Printf("%s: %d deal(s), %s\n", c.Name, c.Won.Count, c.Won.Value.Decimal())
	}
	// Output:
	// Bolt: 1 deal(s), 5000
	// Acme: 2 deal(s), 4500
}
