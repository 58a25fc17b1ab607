package alerts_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/alerts"
)

// day returns 09:00 on a day of 2024 in UTC.
func day(m time.Month, d int) time.Time { return time.Date(2024, m, d, 9, 0, 0, 0, time.UTC) }

// examplePortal is a small portal seen on September 30, 2024: two
// customers, three open deals and their tasks.
func examplePortal() *sales.Dataset {
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	deal := func(id sales.DealID, name string, owner sales.OwnerID, stage sales.StageID,
		co sales.CompanyID, created, closed time.Time, value string) sales.Deal {
		return sales.Deal{ID: id, Name: name, Owner: owner, Pipeline: "p", Stage: stage, Company: co,
			Created: created, CloseDate: closed, Amount: amount(value)}
	}
	task := func(id sales.ActivityID, subject string, owner sales.OwnerID, deal sales.DealID,
		created, due time.Time) sales.Activity {
		return sales.Activity{ID: id, Type: sales.ActivityTask, Subject: subject, Owner: owner,
			Time: created, TaskDue: due, TaskStatus: sales.TaskNotStarted, Deals: []sales.DealID{deal}}
	}
	var none time.Time
	return sales.MustDataset(sales.Records{
		Currency: "EUR",
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}, {ID: "bob", Name: "Bob"}},
		Pipelines: []sales.Pipeline{{ID: "p", Label: "Sales", Stages: []sales.Stage{
			{ID: "talk", Label: "Talking", Kind: sales.StageOpen, Probability: 0.3},
			{ID: "offer", Label: "Offer sent", Kind: sales.StageOpen, Probability: 0.6},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		}}},
		Companies: []sales.Company{
			{ID: "acme", Name: "Acme", Owner: "ann"},
			{ID: "bolt", Name: "Bolt", Owner: "bob"},
		},
		Deals: []sales.Deal{
			deal("1", "Acme licence", "ann", "won", "acme", day(time.January, 5),
				day(time.February, 10), "1200"),
			deal("2", "Acme support", "ann", "won", "acme", day(time.February, 5), day(time.March, 1), "300"),
			deal("3", "Bolt pilot", "bob", "won", "bolt", day(time.June, 1), day(time.August, 20), "900"),
			deal("4", "Bolt rollout", "bob", "offer", "bolt", day(time.August, 21), none, "5000"),
			deal("5", "Cargo trial", "ann", "talk", "", day(time.June, 1), none, "800"),
			deal("6", "Dune licence", "bob", "talk", "", day(time.September, 25), none, "400"),
		},
		Activities: []sales.Activity{
			{ID: "a1", Type: sales.ActivityCall, Owner: "bob", Time: day(time.August, 28),
				Deals: []sales.DealID{"4"}},
			task("t1", "Send the revised offer", "bob", "4", day(time.September, 2), day(time.September, 9)),
			task("t2", "Book the demo", "ann", "5", day(time.June, 3), day(time.June, 10)),
			task("t3", "Qualify", "bob", "6", day(time.September, 25), day(time.October, 2)),
		},
	})
}

var asOf = time.Date(2024, time.September, 30, 9, 0, 0, 0, time.UTC)

func ExampleChurnRisk() {
	r, err := alerts.ChurnRisk(examplePortal(), asOf, alerts.ChurnOptions{Months: 3})
	if err != nil {
		panic(err)
	}
	for _, c := range r.Companies {
		fmt.Printf("%s (%s): last order %s, %d months ago; lifetime %s %s over %d deals\n",
			c.Name, c.OwnerName, c.LastOrder.Format("2006-01-02"), c.MonthsSince,
			c.Lifetime.Value.Decimal(), r.Currency, c.Lifetime.Count)
	}
	fmt.Printf("%d of %d customers at risk\n", len(r.Companies), r.Customers)
	// Output:
	// Acme (Ann): last order 2024-03-01, 6 months ago; lifetime 1500 EUR over 2 deals
	// 1 of 2 customers at risk
}

func ExampleIdleDeals() {
	r, err := alerts.IdleDeals(examplePortal(), asOf, alerts.IdleOptions{Days: 14, Bands: []int{30, 90}})
	if err != nil {
		panic(err)
	}
	for _, d := range r.Deals {
		fmt.Printf("%s (%s, %s): idle %d days, band %s\n",
			d.Name, d.OwnerName, d.StageLabel, d.IdleDays, r.Bands[d.Band].Label)
	}
	for _, s := range r.ByStage {
		fmt.Printf("%s: %d idle deals worth %s\n", s.Label, s.Total.Count, s.Total.Value.Decimal())
	}
	// Output:
	// Cargo trial (Ann, Talking): idle 119 days, band 90+ days
	// Bolt rollout (Bob, Offer sent): idle 28 days, band 14-29 days
	// Talking: 1 idle deals worth 800
	// Offer sent: 1 idle deals worth 5000
}

func ExampleOverdueTasks() {
	r, err := alerts.OverdueTasks(examplePortal(), asOf)
	if err != nil {
		panic(err)
	}
	for _, t := range r.Tasks {
		fmt.Printf("%s: %q on %s, due %s, %d days overdue\n",
			t.OwnerName, t.Subject, t.DealName, t.Due.Format("Jan 2"), t.DaysOverdue)
	}
	// Output:
	// Ann: "Book the demo" on Cargo trial, due Jun 10, 112 days overdue
	// Bob: "Send the revised offer" on Bolt rollout, due Sep 9, 21 days overdue
}

func ExampleDealsWithoutPlannedTask() {
	r, err := alerts.DealsWithoutPlannedTask(examplePortal(), asOf)
	if err != nil {
		panic(err)
	}
	for _, d := range r.Deals {
		fmt.Printf("%s (%s): no next step, %d overdue tasks, idle %d days\n",
			d.Name, d.OwnerName, d.OverdueTasks, *d.IdleDays)
	}
	fmt.Printf("%d of %d open deals\n", len(r.Deals), r.Open)
	// Output:
	// Cargo trial (Ann): no next step, 1 overdue tasks, idle 119 days
	// Bolt rollout (Bob): no next step, 1 overdue tasks, idle 28 days
	// 2 of 3 open deals
}
