package sales_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

func ExampleWriteTables() {
	dir, err := os.MkdirTemp("", "portal")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	paris, _ := time.LoadLocation("Europe/Paris")
	recs := sales.Records{TimeZone: "Europe/Paris", Currency: "EUR",
		Deals: []sales.Deal{{ID: "d1", Name: `Acme, "renewal"`, Pipeline: "sales",
			Stage: "won", Amount: decimal.NewNullDecimal(decimal.RequireFromString("1250.50")),
			Created:  time.Date(2026, 3, 8, 9, 30, 0, 0, paris),
			Contacts: []sales.ContactID{"c1", "c2"}}}}
	if err := sales.WriteTables(dir, recs); err != nil {
		panic(err)
	}
	for _, name := range []string{"portal.csv", "deals.csv", "deal_contacts.csv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s:\n%s", name, b)
	}
	// Output:
	// portal.csv:
	// time_zone,currency,rates_base
	// Europe/Paris,EUR,
	// deals.csv:
	// id,name,owner,pipeline,stage,amount,currency,created,close_date,lost_reason,source,region,type,company
	// d1,"Acme, ""renewal""",,sales,won,1250.5,,2026-03-08T09:30:00+01:00,,,,,unknown,
	// deal_contacts.csv:
	// deal,position,contact
	// d1,0,c1
	// d1,1,c2
}

func ExampleReadTables() {
	dir, err := os.MkdirTemp("", "portal")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	utc := time.Date(2026, 3, 8, 8, 30, 0, 0, time.UTC)
	recs := sales.Records{TimeZone: "Europe/Paris",
		Owners: []sales.Owner{{ID: "o1", Name: "Ada"}},
		Deals:  []sales.Deal{{ID: "d1", Owner: "o1", Created: utc}}}
	if err := sales.WriteTables(dir, recs); err != nil {
		panic(err)
	}
	back, err := sales.ReadTables(dir)
	if err != nil {
		panic(err)
	}
	d := back.Deals[0]
	fmt.Println(back.Owners[0].Name, d.ID, d.Amount.Valid, d.Created)
	// Output: Ada d1 false 2026-03-08 09:30:00 +0100 CET
}
