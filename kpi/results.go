package kpi

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// RepResult is one owner's row of RepResults.
type RepResult struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Won and Lost tally the owner's deals won and lost in the period.
	Won  sales.Tally `json:"won"`
	Lost sales.Tally `json:"lost"`
	// WinRate is Won.Count / (Won.Count + Lost.Count); it has no value
	// for an owner with no deal closed in the period.
	WinRate sales.Rate `json:"win_rate"`
}

// RepResults is what each rep closed in a period: catalogue reports R10
// (results per rep, volume and value; also R20), R11 (deals won per rep
// beside deals lost and the win rate; also R16).
type RepResults struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Reps has a row for every owner of the portal, in the order of owner
	// ids, with unassigned deals in a last row of their own.
	Reps []RepResult `json:"reps"`
	// Team adds up every row. Its win rate is pooled over the deals,
	// never the mean of the reps' rates.
	Team RepResult `json:"team"`
	// NoCloseDate counts closed deals with no close date, which fall in
	// no period. UnknownStage counts deals whose stage is not in their
	// pipeline, which are neither open, won nor lost.
	NoCloseDate  int64 `json:"no_close_date"`
	UnknownStage int64 `json:"unknown_stage"`
}

// ResultsPerRep counts, per owner, the deals won and lost in p (by close
// date, p half-open) with their values in the home currency, and the win
// rate by count. This is R10, R11, R16 and R20 of the catalogue.
//
// A deal belongs to its owner; deals without one go to the unassigned row.
// Won and lost come from the stage's kind, never its label. A deal without
// an amount counts in Won.Count and adds nothing to Won.Value (counted in
// NoAmount), as does a deal whose currency has no rate (NoRate). Closed
// deals without a close date and deals in an unknown stage are counted in
// NoCloseDate and UnknownStage.
//
// Results over two halves of a portal merge into the result over the whole
// with Merge. ResultsPerRep fails only when p is not a valid period.
func ResultsPerRep(ds *sales.Dataset, p sales.Period) (RepResults, error) {
	if err := checkPeriod(p); err != nil {
		return RepResults{}, fmt.Errorf("kpi: results per rep: %w", err)
	}
	r := RepResults{Period: p, Currency: ds.Currency()}
	t := byowner.New[RepResult](ds)
	c := ds.DealColumns()
	span := sales.SpanOf(p)
	for i, kind := range c.Kind {
		switch {
		case kind == 0:
			r.UnknownStage++
			continue
		case !kind.Closed():
			continue
		case c.Close[i] == sales.NoInstant:
			r.NoCloseDate++
			continue
		case !span.Contains(c.Close[i]):
			continue
		}
		row := t.Deal(i)
		if kind == sales.StageWon {
			row.Won.AddDeal(ds, i)
		} else {
			row.Lost.AddDeal(ds, i)
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *RepResult) RepResult {
		v.Owner, v.Name = id, name
		v.WinRate = winRate(v.Won, v.Lost)
		return *v
	})
	r.Team = teamResult(r.Reps)
	return r, nil
}

// Merge adds the results of o, computed over other deals of the same
// portal for the same period, to r. It fails when the periods or the
// currencies differ.
func (r *RepResults) Merge(o RepResults) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency {
		return fmt.Errorf("kpi: merge results per rep: period %s in %q and %s in %q differ",
			r.Period, r.Currency, o.Period, o.Currency)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepResult) sales.OwnerID { return x.Owner },
		func(dst, src *RepResult) {
			dst.Won.Merge(src.Won)
			dst.Lost.Merge(src.Lost)
			dst.WinRate = winRate(dst.Won, dst.Lost)
		})
	r.Team = teamResult(r.Reps)
	r.NoCloseDate += o.NoCloseDate
	r.UnknownStage += o.UnknownStage
	return nil
}

func teamResult(reps []RepResult) RepResult {
	team := RepResult{Name: "team"}
	for i := range reps {
		team.Won.Merge(reps[i].Won)
		team.Lost.Merge(reps[i].Lost)
	}
	team.WinRate = winRate(team.Won, team.Lost)
	return team
}

func winRate(won, lost sales.Tally) sales.Rate {
	return sales.Rate{Num: won.Count, Den: won.Count + lost.Count}
}
