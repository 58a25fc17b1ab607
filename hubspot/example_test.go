package hubspot_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/fakehub"
)

// examplePortal is a small portal for the examples: one pipeline, two
// reps, a deal won on 31 March in Phoenix.
func examplePortal() sales.Records {
	phoenix, _ := time.LoadLocation("America/Phoenix")
	return sales.Records{
		TimeZone: "America/Phoenix", Currency: "USD",
		Owners: []sales.Owner{{ID: "11", Name: "Ann Lee", Email: "ann@example.com"},
			{ID: "12", Name: "Bob Stone", Email: "bob@example.com", Archived: true}},
		Pipelines: []sales.Pipeline{{ID: "default", Label: "Sales", Stages: []sales.Stage{
			{ID: "open", Label: "Open", Kind: sales.StageOpen, Probability: 0.5},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		}}},
		Deals: []sales.Deal{{ID: "1", Name: "Acme", Owner: "11", Pipeline: "default", Stage: "won",
			Amount:    decimal.NewNullDecimal(decimal.RequireFromString("1500")),
			Created:   time.Date(2024, 3, 1, 9, 0, 0, 0, phoenix),
			CloseDate: time.Date(2024, 3, 31, 18, 9, 0, 0, phoenix)}},
	}
}

// ExampleClient_ReadPortal reads a portal (here a local fake of HubSpot)
// and shows that a close date picked on 31 March in a UTC−7 portal stays
// in March.
func ExampleClient_ReadPortal() {
	srv := fakehub.New(examplePortal(), fakehub.Options{})
	defer srv.Close()

	c, err := hubspot.NewClient("pat-na1-example", hubspot.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	recs, rep, err := c.ReadPortal(context.Background(), hubspot.ReadOptions{})
	if err != nil {
		panic(err)
	}
	d := recs.Deals[0]
	fmt.Println(rep.TimeZone, rep.Currency, len(recs.Owners), "owners")
	fmt.Println(d.Name, d.Amount.Decimal, d.CloseDate.UTC().Format(time.RFC3339),
		d.CloseDate.Format("2 January"))
	// Output:
	// America/Phoenix USD 2 owners
	// Acme 1500 2024-04-01T01:09:00Z 31 March
}

// ExampleReadExport reads a folder of HubSpot's CSV exports with the
// pipeline catalogue they need.
func ExampleReadExport() {
	catalogue := []sales.Pipeline{{ID: "default", Label: "Sales Pipeline", Stages: []sales.Stage{
		{ID: "contractsent", Label: "Contract Sent", Kind: sales.StageOpen, Probability: 0.9},
		{ID: "closedwon", Label: "Closed Won", Kind: sales.StageWon, Probability: 1},
		{ID: "closedlost", Label: "Closed Lost", Kind: sales.StageLost},
	}}, {ID: "7301845", Label: "Renewals", Stages: []sales.Stage{
		{ID: "30124474", Label: "Closed Won", Kind: sales.StageWon, Probability: 1},
	}}}
	recs, rep, err := hubspot.ReadExport(os.DirFS("testdata/export"), hubspot.ExportOptions{
		Pipelines: catalogue, Currency: "USD"})
	if err != nil {
		panic(err)
	}
	for _, d := range recs.Deals[:2] {
		fmt.Println(d.ID, d.Pipeline, d.Stage, d.Owner)
	}
	for _, r := range rep.Rejected {
		if r.Column == "Amount" {
			fmt.Println(r)
		}
	}
	// Output:
	// 101 default closedwon Ann Lee
	// 102 7301845 30124474 Bob Stone
	// deals.csv:5: Amount "12.5.0": not a number
}

// ExampleParsePipelines reads a pipeline catalogue saved from HubSpot's
// pipelines API; won and lost come from the stages' metadata.
func ExampleParsePipelines() {
	ps, rep, err := hubspot.ParsePipelines(strings.NewReader(`{"results":[{"id":"default",
		"label":"Sales","stages":[
		{"id":"a","label":"Closed won","displayOrder":1,"metadata":{"isClosed":"false","probability":"0.8"}},
		{"id":"b","label":"Signed","displayOrder":2,"metadata":{"isClosed":"true","probability":"1.0"}},
		{"id":"c","label":"On hold","displayOrder":3,"metadata":{"isClosed":"true","probability":"0.5"}}]}]}`))
	if err != nil {
		panic(err)
	}
	for _, s := range ps[0].Stages {
		fmt.Printf("%s %q %v\n", s.ID, s.Label, s.Kind)
	}
	fmt.Println(len(rep.UnsureStages), "stage neither open, won nor lost")
	// Output:
	// a "Closed won" open
	// b "Signed" won
	// c "On hold" stage_kind(0)
	// 1 stage neither open, won nor lost
}
