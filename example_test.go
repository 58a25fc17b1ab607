package sales_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

func exampleRecords() sales.Records {
	t0 := time.Date(2024, time.April, 2, 10, 0, 0, 0, time.UTC)
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	return sales.Records{
		Currency: "USD",
		Rates:    sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{"EUR": decimal.RequireFromString("1.08")}},
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}},
		Pipelines: []sales.Pipeline{{ID: "p", Label: "Sales", Stages: []sales.Stage{
			{ID: "open", Label: "Open", Kind: sales.StageOpen, Probability: 0.4},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		}}},
		Deals: []sales.Deal{
			{ID: "1", Owner: "ann", Pipeline: "p", Stage: "won", Amount: amount("1000"),
				Currency: "EUR", Created: t0, CloseDate: t0.AddDate(0, 0, 20)},
			{ID: "2", Owner: "ann", Pipeline: "p", Stage: "open", Created: t0},
			{ID: "3", Owner: "ann", Pipeline: "p", Stage: "won", Amount: amount("250"),
				Created: t0, CloseDate: t0.AddDate(0, 0, 9)},
		},
		Activities: []sales.Activity{
			{ID: "a1", Type: sales.ActivityCall, Owner: "ann", Time: t0, Deals: []sales.DealID{"1", "2"}},
		},
	}
}

func ExampleNewDataset() {
	ds, err := sales.NewDataset(exampleRecords())
	if err != nil {
		panic(err)
	}
	for i, d := range ds.Deals {
		v, state := ds.DealValue(i)
		fmt.Printf("deal %s: %s, value %s (%s), %d activities\n",
			d.ID, ds.DealKind(i), v.StringFixed(2), state, len(ds.DealActivities(i)))
	}
	// Output:
	// deal 1: won, value 1080.00 (ok), 1 activities
	// deal 2: open, value 0.00 (missing), 1 activities
	// deal 3: won, value 250.00 (ok), 0 activities
}

func ExampleDataset_Validate() {
	r := exampleRecords()
	r.Deals[0].CloseDate = r.Deals[0].Created.Add(-time.Hour)
	r.Deals[1].Stage = "gone"
	r.Activities[0].Time = time.Time{}
	err := sales.MustDataset(r).Validate()

	var verr *sales.ValidationError
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Println(p.Kind, p.ID, p.Field, "-", p.Message)
		}
	}
	// Output:
	// deal 1 close_date - 2024-04-02T09:00:00Z is before created 2024-04-02T10:00:00Z
	// deal 2 stage - stage "gone" is not in pipeline "p"
	// activity a1 time - missing
}

func ExampleTally() {
	ds := sales.MustDataset(exampleRecords())
	var won sales.Tally
	for i := range ds.Deals {
		if ds.DealKind(i) == sales.StageWon {
			won.AddDeal(ds, i)
		}
	}
	avg, _ := won.Average()
	fmt.Printf("%d won for %s, average %s\n", won.Count, won.Value.Decimal(), avg)
	// Output:
	// 2 won for 1330, average 665
}

func ExampleRates_Convert() {
	rates := sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{
		"EUR": decimal.RequireFromString("1.08"),
	}}
	v, _ := rates.Convert(decimal.NewFromInt(100), "EUR", "USD")
	fmt.Println(v)
	_, err := rates.Convert(decimal.NewFromInt(100), "JPY", "USD")
	fmt.Println(err)
	// Output:
	// 108
	// sales: no exchange rate from "JPY" to "USD"
}

func ExampleRate() {
	r := sales.Rate{Num: 2, Den: 3}
	v, ok := r.Value()
	fmt.Printf("%.4f %v\n", v, ok)
	_, ok = sales.Rate{}.Value()
	fmt.Println(ok)
	// Output:
	// 0.6667 true
	// false
}
