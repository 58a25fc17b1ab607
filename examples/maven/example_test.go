package maven_test

import (
	"fmt"
	"testing/fstest"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
)

// A tiny export: one pipeline row says GTXPro, one lost deal carries the
// data's 0, one open deal has no account and a US-style date, and one rep
// has no deal.
func ExampleLoadFS() {
	fsys := fstest.MapFS{
		"sales_teams.csv": {Data: []byte("sales_agent,manager,regional_office\n" +
			"Ann Lee,Max Boss,East\nCy Idle,Max Boss,West\n")},
		"accounts.csv": {Data: []byte("account,sector,office_location\n" +
			"Acme,technolgy,Philipines\n")},
		"products.csv": {Data: []byte("product,series,sales_price\nGTX Pro,GTX,4821\n")},
		"sales_pipeline.csv": {Data: []byte("opportunity_id,sales_agent,product,account," +
			"deal_stage,engage_date,close_date,close_value\n" +
			"A1,Ann Lee,GTXPro,Acme,Won,2017-01-02,2017-02-03,4514\n" +
			"A2,Ann Lee,GTX Pro,Acme,Lost,2017-01-05,2017-01-20,0\n" +
			"A3,Ann Lee,GTX Pro,,Engaging,1/9/2017,,\n")},
	}
	recs, sum, err := maven.LoadFS(fsys)
	if err != nil {
		fmt.Println(err)
		return
	}

	for _, d := range recs.Deals {
		amount := "no amount"
		if d.Amount.Valid {
			amount = d.Amount.Decimal.String() + " " + string(d.Currency)
		}
		fmt.Printf("%s %-14s %-8s %s  %s\n",
			d.ID, d.Name, d.Stage, d.Created.Format(time.DateOnly), amount)
	}
	c := recs.Companies[0]
	fmt.Printf("%s: %s, %s\n", c.Name, c.Industry, c.Country)
	fmt.Println("names normalised:", sum.ProductsNormalised)
	fmt.Println("lost 0 read as no amount:", sum.LostZeroAsNoAmount)
	fmt.Println("reps without deals:", sum.AgentsWithoutDeals)
	// Output:
	// A1 Acme — GTX Pro won      2017-01-02  4514 USD
	// A2 Acme — GTX Pro lost     2017-01-05  no amount
	// A3 GTX Pro        engaging 2017-01-09  no amount
	// Acme: technology, Philippines
	// names normalised: 1
	// lost 0 read as no amount: 1
	// reps without deals: [Cy Idle]
}

// Load the files, look at what the mapping could not use, then let the
// model's validation name what is still missing.
func ExampleLoad() {
	recs, sum, err := maven.Load("testdata/small")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rejected values:", len(sum.Rejected))
	fmt.Println("deals without a creation date:", sum.DealsWithoutCreated)

	if err := sales.MustDataset(recs).Validate(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// rejected values: 0
	// deals without a creation date: 1
	// sales: 1 problem(s) in the records; deal "P1": created: missing
}
