package forecast_test

import (
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// renewPipeline has an open stage of probability 0 and one whose
// probability is not a number, to show how weighting treats both.
var renewPipeline = sales.Pipeline{
	ID: "renew", Label: "Renewals",
	Stages: []sales.Stage{
		{ID: "up", Label: "Up", Kind: sales.StageOpen, Probability: 0.6},
		{ID: "hold", Label: "On hold", Kind: sales.StageOpen, Probability: 0},
		{ID: "odd", Label: "Odd", Kind: sales.StageOpen, Probability: math.NaN()},
		{ID: "done", Label: "Renewed", Kind: sales.StageWon, Probability: 1},
		{ID: "gone", Label: "Not renewed", Kind: sales.StageLost, Probability: 0},
	},
}

// day returns midnight UTC of a day of 2024.
func day(m time.Month, d int) time.Time { return Date(2024, m, d, nil) }

// asOf is the instant the hand-worked tests look from: Wednesday
// 2024-03-13 at noon UTC. Its week runs from Monday 11 to Monday 18 March.
var asOf = time.Date(2024, time.March, 13, 12, 0, 0, 0, time.UTC)

// smallPortal is the portal the hand-worked tests share. Each deal's part
// in the expected values is said next to it; probabilities are those of
// testkit.SalesPipeline (qualify 0.2, propose 0.5, negotiate 0.8) and
// renewPipeline.
func smallPortal() sales.Records {
	visit := func(s sales.StageID, in, out time.Time) sales.StageVisit {
		return sales.StageVisit{Stage: s, Entered: in, Left: out}
	}
	change := func(at, to time.Time) sales.CloseDateChange {
		return sales.CloseDateChange{At: at, CloseDate: to}
	}
	return sales.Records{
		Currency:  "USD",
		Rates:     sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{"EUR": D("1.1")}},
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}, {ID: "c", Name: "Cy"}},
		Pipelines: []sales.Pipeline{SalesPipeline, renewPipeline},
		Deals: []sales.Deal{
			// d1: Ann, qualify, 1000, due Thursday of asOf's week; weighted 200.
			{ID: "d1", Owner: "a", Pipeline: "sales", Stage: "qualify", Amount: Amount("1000"),
				Created: day(2, 1), CloseDate: day(3, 14),
				StageHistory: []sales.StageVisit{visit("qualify", day(2, 1), time.Time{})}},
			// d2: Ann, negotiate, 500, due Monday of the week (before asOf); weighted 400.
			// It was in propose on 15 February, expected 28 February then; it
			// slipped once, by 12 days, into March.
			{ID: "d2", Owner: "a", Pipeline: "sales", Stage: "negotiate", Amount: Amount("500"),
				Created: day(1, 15), CloseDate: day(3, 11),
				StageHistory: []sales.StageVisit{
					visit("qualify", day(1, 15), day(2, 1)), visit("propose", day(2, 1), day(3, 1)),
					visit("negotiate", day(3, 1), time.Time{})},
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 15), day(2, 28)), change(day(2, 20), day(3, 11))}},
			// d3: Bob, propose, 200 EUR = 220 USD, due next week; weighted 110.
			// First expected in April, it was brought forward.
			{ID: "d3", Owner: "b", Pipeline: "sales", Stage: "propose", Amount: Amount("200"),
				Currency: "EUR", Created: day(2, 20), CloseDate: day(3, 20),
				CloseDateHistory: []sales.CloseDateChange{
					change(day(2, 20), day(4, 2)), change(day(3, 1), day(3, 20))}},
			// d4: Bob, negotiate, no amount, due this week.
			{ID: "d4", Owner: "b", Pipeline: "sales", Stage: "negotiate",
				Created: day(3, 1), CloseDate: day(3, 15)},
			// d5: unassigned, propose, 300, due 10 April; weighted 150. The move
			// from 30 March to 10 April was made after asOf.
			{ID: "d5", Pipeline: "sales", Stage: "propose", Amount: Amount("300"),
				Created: day(1, 20), CloseDate: day(4, 10),
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 20), day(3, 30)), change(day(3, 20), day(4, 10))}},
			// d6: Ann, on hold (probability 0), 800, due this week; weighted 0.
			{ID: "d6", Owner: "a", Pipeline: "renew", Stage: "hold", Amount: Amount("800"),
				Created: day(2, 10), CloseDate: day(3, 12)},
			// d7: Cy, a stage whose probability is NaN, 100, due this week.
			{ID: "d7", Owner: "c", Pipeline: "renew", Stage: "odd", Amount: Amount("100"),
				Created: day(2, 10), CloseDate: day(3, 14)},
			// d8: Bob, a stage the pipeline does not list, 50.
			{ID: "d8", Owner: "b", Pipeline: "sales", Stage: "ghost", Amount: Amount("50"),
				Created: day(2, 10), CloseDate: day(3, 30)},
			// d9: Ann, qualify, 40 GBP (no rate), due on asOf's day.
			{ID: "d9", Owner: "a", Pipeline: "sales", Stage: "qualify", Amount: Amount("40"),
				Currency: "GBP", Created: day(3, 4), CloseDate: day(3, 13)},
			// d10: Ann, created after asOf.
			{ID: "d10", Owner: "a", Pipeline: "sales", Stage: "qualify", Amount: Amount("100"),
				Created: day(3, 20), CloseDate: day(3, 25)},
			// d11: Bob, propose, 600, no expected close date (cleared on 1 February); weighted 300.
			{ID: "d11", Owner: "b", Pipeline: "sales", Stage: "propose", Amount: Amount("600"),
				Created: day(1, 25),
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 25), day(3, 5)), change(day(2, 1), time.Time{})}},
			// d12: Bob, negotiate, 250, overdue since 20 February; weighted 200.
			// Its history starts on 20 February; its date went from 20 January
			// to 5 February, back to 25 January, then to 20 February: two moves
			// later, 31 days in all.
			{ID: "d12", Owner: "b", Pipeline: "sales", Stage: "negotiate", Amount: Amount("250"),
				Created: day(1, 5), CloseDate: day(2, 20),
				StageHistory: []sales.StageVisit{visit("negotiate", day(2, 20), time.Time{})},
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 5), day(1, 20)), change(day(1, 18), day(2, 5)),
					change(day(2, 3), day(1, 25)), change(day(2, 10), day(2, 20))}},
			// d20: Ann, won 1000 on 4 February after qualify and propose; a 30-day
			// cycle; expected 31 January, so it slipped by 4 days.
			{ID: "d20", Owner: "a", Pipeline: "sales", Stage: "won", Amount: Amount("1000"),
				Created: day(1, 5), CloseDate: day(2, 4),
				StageHistory: []sales.StageVisit{
					visit("qualify", day(1, 5), day(1, 20)), visit("propose", day(1, 20), day(2, 4)),
					visit("won", day(2, 4), time.Time{})},
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 5), day(1, 31)), change(day(2, 4), day(2, 4))}},
			// d21: Ann, lost 300 on 10 February from qualify, earlier than the 15
			// February expected.
			{ID: "d21", Owner: "a", Pipeline: "sales", Stage: "lost", Amount: Amount("300"),
				Created: day(1, 10), CloseDate: day(2, 10),
				StageHistory: []sales.StageVisit{
					visit("qualify", day(1, 10), day(2, 10)), visit("lost", day(2, 10), time.Time{})},
				CloseDateHistory: []sales.CloseDateChange{
					change(day(1, 10), day(2, 15)), change(day(2, 10), day(2, 10))}},
			// d22: Bob, won 400 on 2 March, a 30-day cycle; no history.
			{ID: "d22", Owner: "b", Pipeline: "sales", Stage: "won", Amount: Amount("400"),
				Created: day(2, 1), CloseDate: day(3, 2)},
			// d23: Bob, won without an amount on 5 March, a 64-day cycle; no history.
			{ID: "d23", Owner: "b", Pipeline: "sales", Stage: "won",
				Created: day(1, 1), CloseDate: day(3, 5)},
		},
		Targets: []sales.Target{
			{Period: sales.Month(2024, time.March, nil), Metric: sales.TargetWonValue, Value: D("2000")},
			{Owner: "a", Period: sales.Month(2024, time.March, nil), Metric: sales.TargetWonValue,
				Value: D("1500")},
			{Owner: "b", Period: sales.Month(2024, time.March, nil), Metric: sales.TargetWonValue,
				Value: D("300")},
		},
	}
}

// tallyIs fails the test unless t counts n deals worth value, with the
// given numbers without amount and without rate.
func tallyIs(t *testing.T, call string, got sales.Tally, n int64, value string,
	noAmount, noRate int64) {
	t.Helper()
	if got.Count != n || got.NoAmount != noAmount || got.NoRate != noRate ||
		!got.Value.Decimal().Equal(D(value)) {
		t.Errorf("%s = %d deals worth %s (%d without amount, %d without rate), "+
			"want %d worth %s (%d, %d)", call, got.Count, got.Value.Decimal(), got.NoAmount,
			got.NoRate, n, value, noAmount, noRate)
	}
}

// cellIs fails the test unless c holds n deals worth value, weighted to
// weighted.
func cellIs(t *testing.T, call string, c sales.Tally, w sales.Total, n int64, value, weighted string) {
	t.Helper()
	if c.Count != n || !c.Value.Decimal().Equal(D(value)) || !w.Decimal().Equal(D(weighted)) {
		t.Errorf("%s = %d deals worth %s weighted %s, want %d worth %s weighted %s",
			call, c.Count, c.Value.Decimal(), w.Decimal(), n, value, weighted)
	}
}
