package demo_test

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

func ExampleGenerate() {
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: 500})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(recs.Deals), "deals,", len(recs.Contacts), "contacts,",
		len(recs.Activities), "activities")
	fmt.Println("time zone", recs.TimeZone, "currency", recs.Currency)
	fmt.Println("problems:", sales.MustDataset(recs).Validate())
	// Output:
	// 500 deals, 1000 contacts, 5000 activities
	// time zone America/New_York currency USD
	// problems: <nil>
}

func ExampleGenerate_error() {
	_, err := demo.Generate(demo.Options{Deals: -10})
	fmt.Println(err)
	// Output:
	// demo: generate: deals -10 outside 0..10000000
}

func ExampleToday() {
	fmt.Println(demo.Today())
	fmt.Println(demo.Today().UTC())
	// Output:
	// 2026-11-30 17:00:00 -0500 EST
	// 2026-11-30 22:00:00 +0000 UTC
}
