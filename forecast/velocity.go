package forecast

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
	"github.com/salespilot/sales/kpi"
)

// Cycle is the sales cycle of a set of won deals: close − create, in days
// of 24 hours.
type Cycle struct {
	// Deals counts the deals measured; Days adds up their cycles.
	Deals int64   `json:"deals"`
	Days  float64 `json:"days"`
	// Mean is Days ÷ Deals, null when no deal was measured.
	Mean *float64 `json:"mean"`
	// Unmeasured counts won deals left out: no creation date, or a close
	// before the creation.
	Unmeasured int64 `json:"unmeasured"`
	seconds    int64
}

// VelocityRow is one owner's sales velocity with each of its factors.
type VelocityRow struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Open counts the deals open at AsOf.
	Open int64 `json:"open"`
	// Won and Lost tally the deals closed in the lookback period; WinRate
	// is won over closed, by count.
	Won     sales.Tally `json:"won"`
	Lost    sales.Tally `json:"lost"`
	WinRate sales.Rate  `json:"win_rate"`
	// AverageWon is the mean value of the won deals that have one,
	// rounded half away from zero to two places; null when none has.
	AverageWon *decimal.Decimal `json:"average_won"`
	// Cycle is the sales cycle of the won deals.
	Cycle Cycle `json:"cycle"`
	// PerDay is Open × WinRate × AverageWon ÷ Cycle.Mean: the value the
	// pipeline turns into won business per day, in the home currency,
	// rounded half away from zero to two places. It is null when a factor
	// has no value or the mean cycle is 0.
	PerDay *decimal.Decimal `json:"per_day"`
}

// VelocityReport is B03 of the catalogue: sales velocity per owner and for
// the team, with every factor.
type VelocityReport struct {
	AsOf     time.Time      `json:"as_of"`
	Lookback sales.Period   `json:"lookback"`
	Currency sales.Currency `json:"currency"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last. Team pools the deals of every row: its factors
	// are the team's, and its velocity is not the sum of the reps'.
	Reps []VelocityRow `json:"reps"`
	Team VelocityRow   `json:"team"`
	// UnknownStage counts deals whose stage is not in their pipeline;
	// NoCloseDate closed deals without a close date, in no lookback.
	UnknownStage int64 `json:"unknown_stage"`
	NoCloseDate  int64 `json:"no_close_date"`
}

// SalesVelocity computes, per owner and for the team, how much value the
// pipeline turns into won business per day. This is B03 of the catalogue:
//
//	velocity = open deals × win rate × average won value ÷ average cycle
//
// Open deals are those open at asOf as sales.Dataset.DealAt places them
// (created at or before asOf, in an open stage then, a stage no record
// tells included), as the package documentation says. The other factors come from the deals closed in lookback,
// as kpi.ResultsPerRep counts them: the win rate is won over won and
// lost, by count; the average won value is over the won deals that have a
// value in the home currency (the others are counted in Won.NoAmount and
// Won.NoRate); the cycle is the mean of close − create over the won deals,
// in days of 24 hours. A factor over nothing has no value, and neither has
// the velocity then.
//
// SalesVelocity does not merge: it is a product of averages. It fails on a
// zero asOf and an invalid lookback.
func SalesVelocity(ds *sales.Dataset, asOf time.Time,
	lookback sales.Period) (VelocityReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return VelocityReport{}, fmt.Errorf("forecast: sales velocity: %w", err)
	}
	if err := checkPeriod(lookback); err != nil {
		return VelocityReport{}, fmt.Errorf("forecast: sales velocity: lookback: %w", err)
	}
	res, err := kpi.ResultsPerRep(ds, lookback)
	if err != nil {
		return VelocityReport{}, fmt.Errorf("forecast: sales velocity: %w", err)
	}
	r := VelocityReport{AsOf: asOf, Lookback: lookback, Currency: ds.Currency(),
		UnknownStage: res.UnknownStage, NoCloseDate: res.NoCloseDate}
	t := byowner.New[VelocityRow](ds)
	c := ds.DealColumns()
	at, span := sales.InstantOf(asOf), sales.SpanOf(lookback)
	for i, kind := range c.Kind {
		if then, _, existed := ds.DealAtInstant(i, at); existed && then == sales.StageOpen {
			t.Deal(i).Open++
		}
		if kind == sales.StageWon && span.Contains(c.Close[i]) {
			t.Deal(i).Cycle.add(ds, i)
		}
	}
	rows := byowner.Rows(t, func(id sales.OwnerID, name string, v *VelocityRow) VelocityRow {
		v.Owner, v.Name = id, name
		return *v
	})
	r.Reps = byowner.Merge(rows, results(res.Reps),
		func(x *VelocityRow) sales.OwnerID { return x.Owner },
		func(dst, src *VelocityRow) { dst.Won, dst.Lost = src.Won, src.Lost })
	for i := range r.Reps {
		r.Reps[i].finish()
	}
	r.Team = velocityTeam(r.Reps)
	return r, nil
}

// results turns kpi's rows into velocity rows with only Won and Lost set.
func results(reps []kpi.RepResult) []VelocityRow {
	out := make([]VelocityRow, len(reps))
	for i, x := range reps {
		out[i] = VelocityRow{Owner: x.Owner, Name: x.Name, Won: x.Won, Lost: x.Lost}
	}
	return out
}

// add measures the cycle of the i-th deal, from its creation to its close
// date.
func (c *Cycle) add(ds *sales.Dataset, i int) {
	cols := ds.DealColumns()
	created, closed := cols.Created[i], cols.Close[i]
	if created == sales.NoInstant || closed < created {
		c.Unmeasured++
		return
	}
	c.Deals++
	d := closed.Sub(created)
	if created.Clamped() || closed.Clamped() {
		d = ds.Deals[i].CloseDate.Sub(ds.Deals[i].Created)
	}
	c.seconds += int64(d / time.Second)
}

// merge adds the deals of o to c.
func (c *Cycle) merge(o Cycle) {
	c.Deals += o.Deals
	c.seconds += o.seconds
	c.Unmeasured += o.Unmeasured
}

// finish sets Days and Mean from the seconds added up.
func (c *Cycle) finish() {
	c.Days = float64(c.seconds) / secondsPerDay
	c.Mean = nil
	if c.Deals > 0 {
		m := c.Days / float64(c.Deals)
		c.Mean = &m
	}
}

const secondsPerDay = 24 * 60 * 60

// finish sets the row's rates, averages and velocity from its counts.
func (v *VelocityRow) finish() {
	v.WinRate = sales.Rate{Num: v.Won.Count, Den: v.Won.Count + v.Lost.Count}
	v.Cycle.finish()
	v.AverageWon, v.PerDay = nil, nil
	if a, ok := v.Won.Average(); ok {
		v.AverageWon = &a
	}
	valued := v.Won.Valued()
	if v.WinRate.Den == 0 || valued <= 0 || v.Cycle.seconds <= 0 {
		return
	}
	// open × (won ÷ closed) × (value ÷ valued) ÷ (seconds ÷ deals ÷ 86400),
	// as one fraction so that nothing is rounded before the end.
	num := v.Won.Value.Decimal().Mul(decimal.NewFromInt(v.Open * v.Won.Count)).
		Mul(decimal.NewFromInt(v.Cycle.Deals * secondsPerDay))
	den := decimal.NewFromInt(v.WinRate.Den * valued).Mul(decimal.NewFromInt(v.Cycle.seconds))
	perDay := num.DivRound(den, 2)
	v.PerDay = &perDay
}

// velocityTeam pools the rows into the team's.
func velocityTeam(rows []VelocityRow) VelocityRow {
	team := VelocityRow{Name: "team"}
	for i := range rows {
		team.Open += rows[i].Open
		team.Won.Merge(rows[i].Won)
		team.Lost.Merge(rows[i].Lost)
		team.Cycle.merge(rows[i].Cycle)
	}
	team.finish()
	return team
}
