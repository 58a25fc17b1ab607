package funnel

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// ProposalRow is one owner's proposals: the deals that entered the
// proposal stage in the period and in the previous period.
type ProposalRow struct {
	Owner    sales.OwnerID `json:"owner"`
	Name     string        `json:"name"`
	Current  sales.Tally   `json:"current"`
	Previous sales.Tally   `json:"previous"`
	// Change is (Current.Count − Previous.Count) / Previous.Count: 0.25
	// for a quarter more proposals; no value when the previous period
	// has none.
	Change sales.Rate `json:"change"`
}

// ProposalReport is R37 of the catalogue: the deals that entered the
// proposal stage in a period, beside the previous period, per owner.
type ProposalReport struct {
	// Stage is the proposal stage, and Pipelines the pipelines that have
	// a stage of that id.
	Stage     sales.StageID      `json:"stage"`
	Pipelines []sales.PipelineID `json:"pipelines"`
	// Period is the period asked for and Previous the one before it, of
	// the same calendar length (sales.Period.Previous).
	Period   sales.Period   `json:"period"`
	Previous sales.Period   `json:"previous"`
	Currency sales.Currency `json:"currency"`
	// Reps has a row for every owner of the portal, in the order of owner
	// ids, with unassigned deals in a last row of their own.
	Reps []ProposalRow `json:"reps"`
	Team ProposalRow   `json:"team"`
	// NoHistory counts deals of those pipelines with no stage history:
	// whether and when they entered the stage is unknown. BadVisits counts
	// visits to the stage with no entry time. UnknownPipeline counts deals
	// whose pipeline the portal does not list: whether that pipeline has
	// the stage is unknown. None of these is in a row.
	NoHistory       int64 `json:"no_history"`
	BadVisits       int64 `json:"bad_visits"`
	UnknownPipeline int64 `json:"unknown_pipeline"`
}

// Proposals counts, per owner, the deals that entered the proposal stage
// in p, and those that entered it in the previous period of the same
// calendar length, p.Previous() (both half-open). This is R37 of the
// catalogue.
//
// The proposal stage is the caller's: stage is a stage id, matched in
// every pipeline that has a stage of that id (two pipelines may share
// one). A deal entered the stage in a period when its stage history has a
// visit to the stage entered in the period; a deal that entered it twice
// in a period counts once there, and a deal that skipped the stage never
// entered it. Values are the deals' amounts in the home currency; deals
// without an amount, or whose currency has no rate, count in Count and are
// counted apart in NoAmount and NoRate. Deals of those pipelines without a
// stage history, and deals whose pipeline the portal does not list, are
// counted in NoHistory and UnknownPipeline, whatever the period.
//
// Results over two halves of a portal merge with Merge. Proposals fails
// when p is not a valid period or no pipeline has the stage.
func Proposals(ds *sales.Dataset, p sales.Period, stage sales.StageID) (ProposalReport, error) {
	if err := checkPeriod(p); err != nil {
		return ProposalReport{}, fmt.Errorf("funnel: proposals: %w", err)
	}
	r := ProposalReport{Stage: stage, Period: p, Previous: p.Previous(), Currency: ds.Currency()}
	has := make([]int32, len(ds.Pipelines)) // the stage's position, -1 when absent
	for i := range ds.Pipelines {
		s, ok := ds.Pipelines[i].StageIndex(stage)
		has[i] = int32(s)
		if ok {
			r.Pipelines = append(r.Pipelines, ds.Pipelines[i].ID)
		}
	}
	if len(r.Pipelines) == 0 {
		return ProposalReport{}, fmt.Errorf("funnel: proposals: no pipeline has stage %q", stage)
	}
	t := byowner.New[ProposalRow](ds)
	spans := [2]sales.Span{sales.SpanOf(r.Period), sales.SpanOf(r.Previous)}
	for i, pi := range ds.DealColumns().Pipeline {
		switch {
		case pi < 0:
			r.UnknownPipeline++
			continue
		case has[pi] < 0:
			continue
		}
		v := ds.DealVisits(i)
		if v.Len() == 0 {
			r.NoHistory++
			continue
		}
		cur, prev := r.entered(v, has[pi], spans)
		if cur {
			t.Deal(i).Current.AddDeal(ds, i)
		}
		if prev {
			t.Deal(i).Previous.AddDeal(ds, i)
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *ProposalRow) ProposalRow {
		v.Owner, v.Name = id, name
		v.setChange()
		return *v
	})
	r.setTeam()
	return r, nil
}

// entered reports whether a deal whose visits are v entered the stage (at
// position stage of its pipeline) in the period, spans[0], and in the
// previous one, spans[1], counting the visits to it that have no entry
// time.
func (r *ProposalReport) entered(v sales.Visits, stage int32,
	spans [2]sales.Span) (cur, prev bool) {
	for j, s := range v.Stage {
		switch at := v.Entered[j]; {
		case s != stage:
		case at == sales.NoInstant:
			r.BadVisits++
		case spans[0].Contains(at):
			cur = true
		case spans[1].Contains(at):
			prev = true
		}
	}
	return cur, prev
}

func (row *ProposalRow) setChange() {
	row.Change = sales.Rate{Num: row.Current.Count - row.Previous.Count, Den: row.Previous.Count}
}

// setTeam adds up the rows into Team.
func (r *ProposalReport) setTeam() {
	r.Team = ProposalRow{Name: "team"}
	for _, row := range r.Reps {
		r.Team.Current.Merge(row.Current)
		r.Team.Previous.Merge(row.Previous)
	}
	r.Team.setChange()
}

// Merge adds the proposals of o, computed over other deals of the same
// portal for the same period and stage, to r. It fails when these or the
// currencies differ.
func (r *ProposalReport) Merge(o ProposalReport) error {
	if !samePeriod(r.Period, o.Period) || r.Stage != o.Stage || r.Currency != o.Currency {
		return fmt.Errorf("funnel: merge proposals: stage %q in %s and %q in %s differ",
			r.Stage, r.Period, o.Stage, o.Period)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *ProposalRow) sales.OwnerID { return x.Owner },
		func(dst, src *ProposalRow) {
			dst.Current.Merge(src.Current)
			dst.Previous.Merge(src.Previous)
			dst.setChange()
		})
	r.setTeam()
	r.NoHistory += o.NoHistory
	r.BadVisits += o.BadVisits
	r.UnknownPipeline += o.UnknownPipeline
	return nil
}
