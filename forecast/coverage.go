package forecast

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
	"github.com/salespilot/sales/kpi"
)

// CoverageRow is one owner's (or the team's) pipeline coverage.
type CoverageRow struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Due is the open deals expected to close in the period, with their
	// value weighted by stage probability.
	Due Cell `json:"due"`
	// WonSoFar tallies the deals won in the period up to asOf.
	WonSoFar sales.Tally `json:"won_so_far"`
	// Target is the won-value target, null when there is none; Remaining
	// is Target − WonSoFar.Value, null without a target, 0 or less once
	// the target is met.
	Target    *decimal.Decimal `json:"target"`
	Remaining *decimal.Decimal `json:"remaining"`
	TargetMet bool             `json:"target_met"`
	// Coverage is Due.Weighted ÷ Remaining: 1 means the weighted pipeline
	// due in the period exactly fills what remains. It has no value
	// without a target and once the target is met.
	Coverage sales.Ratio `json:"coverage"`
}

// CoverageReport is B04 of the catalogue: the weighted value of the open
// deals due in a period against what remains of the period's target.
type CoverageReport struct {
	AsOf     time.Time      `json:"as_of"`
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Level says which targets Team is measured against, as in
	// kpi.WonAgainstTarget.
	Level kpi.TargetLevel `json:"level"`
	Team  CoverageRow     `json:"team"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last, each against the owner's own targets.
	Reps []CoverageRow `json:"reps"`
	// UnknownStage tallies the deals whose stage at AsOf cannot be told,
	// as in WeightedPipeline; BadProbability the due deals whose
	// probability is not a number in [0, 1] (in Due.Open, not weighted);
	// NotYetCreated counts the deals created after AsOf.
	UnknownStage   sales.Tally `json:"unknown_stage"`
	BadProbability sales.Tally `json:"bad_probability"`
	NotYetCreated  int64       `json:"not_yet_created"`
}

// PipelineCoverage measures, for the team and per owner, the weighted
// value of the deals open at asOf and expected to close in p, against the
// part of p's won-value target not yet reached. This is B04 of the
// catalogue:
//
//	coverage = Σ value × probability of the open deals due in p
//	           ÷ (target − value won in p up to asOf)
//
// Open deals and their weighting are as in Weighted; a deal is due in p
// when its expected close date lies in p, overdue deals of p included.
// The targets are those kpi.WonAgainstTarget counts for p: the team's at
// the widest level p holds, each owner's own. Coverage has no value for a
// row without a target and for one whose target is met (Remaining ≤ 0):
// there is nothing left to cover.
//
// PipelineCoverage does not merge: it is a ratio to a target. It fails on
// a zero asOf and an invalid period.
func PipelineCoverage(ds *sales.Dataset, asOf time.Time, p sales.Period) (CoverageReport, error) {
	if err := checkAsOf(asOf); err != nil {
		return CoverageReport{}, fmt.Errorf("forecast: pipeline coverage: %w", err)
	}
	if err := checkPeriod(p); err != nil {
		return CoverageReport{}, fmt.Errorf("forecast: pipeline coverage: %w", err)
	}
	targets, err := kpi.WonAgainstTarget(ds, p)
	if err != nil {
		return CoverageReport{}, fmt.Errorf("forecast: pipeline coverage: %w", err)
	}
	r := CoverageReport{AsOf: asOf, Period: p, Currency: ds.Currency(), Level: targets.Level}
	owner := func(x *CoverageRow) sales.OwnerID { return x.Owner }
	rows := byowner.Merge(r.due(ds), r.won(ds), owner,
		func(dst, src *CoverageRow) { dst.WonSoFar = src.WonSoFar })
	rows = byowner.Merge(rows, targetRows(targets.Reps), owner,
		func(dst, src *CoverageRow) { dst.Target = src.Target })
	r.Team = CoverageRow{Name: "team", Target: targets.Team.ValueTarget}
	for i := range rows {
		rows[i].finish()
		r.Team.Due.Merge(rows[i].Due)
		r.Team.WonSoFar.Merge(rows[i].WonSoFar)
	}
	r.Team.finish()
	r.Reps = rows
	return r, nil
}

// due returns each owner's deals open at asOf and due in the period.
func (r *CoverageReport) due(ds *sales.Dataset) []CoverageRow {
	g := newGrid(ds, Horizon{Period: r.Period, Unit: sales.UnitYear})
	at, span := sales.InstantOf(r.AsOf), sales.SpanOf(r.Period)
	for i := range ds.Deals {
		switch slot, expected, st := g.st.openAt(ds, i, at); {
		case st == standUnknown:
			r.UnknownStage.AddDeal(ds, i)
		case st == standNotYet:
			r.NotYetCreated++
		case st == standOpen && span.Contains(expected):
			g.add(i, slot, expected)
		}
	}
	stages := make([]slotSum, g.st.len())
	rows := g.weightedRows(stages, &r.BadProbability)
	out := make([]CoverageRow, len(rows))
	for k, row := range rows {
		out[k] = CoverageRow{Owner: row.Owner, Name: row.Name, Due: row.Total}
	}
	return out
}

// won returns each owner's deals won in the period up to asOf.
func (r *CoverageReport) won(ds *sales.Dataset) []CoverageRow {
	t := byowner.New[sales.Tally](ds)
	c := ds.DealColumns()
	at, span := sales.InstantOf(r.AsOf), sales.SpanOf(r.Period)
	for i, kind := range c.Kind {
		if closed := c.Close[i]; kind == sales.StageWon && span.Contains(closed) && closed <= at {
			t.Deal(i).AddDeal(ds, i)
		}
	}
	return byowner.Rows(t, func(id sales.OwnerID, name string, v *sales.Tally) CoverageRow {
		return CoverageRow{Owner: id, Name: name, WonSoFar: *v}
	})
}

// targetRows returns the owners' value targets as rows.
func targetRows(reps []kpi.RepGoal) []CoverageRow {
	out := make([]CoverageRow, len(reps))
	for i, g := range reps {
		out[i] = CoverageRow{Owner: g.Owner, Name: g.Name, Target: g.ValueTarget}
	}
	return out
}

// finish sets what remains of the target and the coverage.
func (c *CoverageRow) finish() {
	c.Remaining, c.TargetMet = nil, false
	c.Coverage = sales.Ratio{Num: c.Due.Weighted.Decimal(), Den: decimal.Zero}
	if c.Target == nil {
		return
	}
	left := c.Target.Sub(c.WonSoFar.Value.Decimal())
	c.Remaining = &left
	if left.Sign() <= 0 {
		c.TargetMet = true
		return
	}
	c.Coverage.Den = left
}
