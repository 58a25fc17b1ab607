package funnel

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// RepFunnel is one owner's funnel in one pipeline.
type RepFunnel struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	Counts
}

// RepPipeline is the funnels of one pipeline, per owner.
type RepPipeline struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Label    string           `json:"label"`
	// Reps has a row for every owner of the portal, in the order of owner
	// ids, with unassigned deals in a last row of their own.
	Reps []RepFunnel `json:"reps"`
	// Team adds up the rows: its rates are pooled over the deals, never
	// the mean of the reps' rates. It is the pipeline's funnel of R30.
	Team Counts `json:"team"`
}

// RepConversion is R15 of the catalogue: per owner, the stage funnel of
// the deals created in a period, one per pipeline.
type RepConversion struct {
	Period    sales.Period  `json:"period"`
	Pipelines []RepPipeline `json:"pipelines"`
	Apart
}

// ConversionPerRep counts, per pipeline and per owner, of the deals
// created in p (p half-open), how many reached each stage, with the step
// and cumulative conversions, how many were won and the win rate. This is
// R15 of the catalogue: the funnel of Conversion (R30), whose
// documentation says how far a deal is taken to have got, split by the
// deal's owner.
//
// Every owner the portal lists has a row in every pipeline, even with no
// deal: a rep whose deals are all open has a win rate with no value.
// Unassigned deals have a row of their own. Conversions of Team are pooled
// over the deals.
//
// Results over two halves of a portal merge with Merge.
// ConversionPerRep fails only when p is not a valid period.
func ConversionPerRep(ds *sales.Dataset, p sales.Period) (RepConversion, error) {
	if err := checkPeriod(p); err != nil {
		return RepConversion{}, fmt.Errorf("funnel: conversion per rep: %w", err)
	}
	r := RepConversion{Period: p}
	layouts := make([]layout, len(ds.Pipelines))
	tables := make([]*byowner.Table[progress], len(ds.Pipelines))
	for i := range ds.Pipelines {
		layouts[i] = newLayout(&ds.Pipelines[i])
		tables[i] = byowner.New[progress](ds)
	}
	c := ds.DealColumns()
	span := sales.SpanOf(p)
	for i, created := range c.Created {
		switch {
		case created == sales.NoInstant:
			r.NoCreated++
			continue
		case !span.Contains(created):
			continue
		}
		kind := c.Kind[i]
		if kind == 0 {
			r.UnknownStage++
			continue
		}
		pi := c.Pipeline[i]
		l := &layouts[pi]
		f := l.furthest(ds.DealVisits(i).Stage, int(c.Stage[i]), kind, &r.Apart)
		tables[pi].Deal(i).add(f, kind, l.open)
	}
	r.Pipelines = make([]RepPipeline, len(ds.Pipelines))
	for i := range ds.Pipelines {
		r.Pipelines[i] = repPipeline(&layouts[i], tables[i])
	}
	return r, nil
}

func repPipeline(l *layout, t *byowner.Table[progress]) RepPipeline {
	rp := RepPipeline{Pipeline: l.pipe.ID, Label: l.pipe.Label}
	rp.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, pr *progress) RepFunnel {
		return RepFunnel{Owner: id, Name: name, Counts: l.counts(pr)}
	})
	rp.Team = l.counts(&progress{})
	for _, rep := range rp.Reps {
		rp.Team = rp.Team.plus(rep.Counts)
	}
	return rp
}

// Merge adds the funnels of o, computed over other deals of the same
// portal for the same period, to r. It fails when the periods or the
// pipelines differ.
func (r *RepConversion) Merge(o RepConversion) error {
	if !samePeriod(r.Period, o.Period) || len(r.Pipelines) != len(o.Pipelines) {
		return fmt.Errorf("funnel: merge conversion per rep: period %s and %s differ",
			r.Period, o.Period)
	}
	for i := range r.Pipelines {
		a, b := &r.Pipelines[i], &o.Pipelines[i]
		if a.Pipeline != b.Pipeline || len(a.Team.Steps) != len(b.Team.Steps) {
			return fmt.Errorf("funnel: merge conversion per rep: pipeline %q and %q differ",
				a.Pipeline, b.Pipeline)
		}
		a.Reps = byowner.Merge(a.Reps, b.Reps,
			func(x *RepFunnel) sales.OwnerID { return x.Owner },
			func(dst, src *RepFunnel) { dst.Counts = dst.Counts.plus(src.Counts) })
		a.Team = a.Team.plus(b.Team)
	}
	r.Apart.add(o.Apart)
	return nil
}
