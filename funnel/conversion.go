package funnel

import (
	"fmt"
	"slices"

	"github.com/salespilot/sales"
)

// BUG(funnel): A lost deal without stage history is taken to have reached
// the first open stage of its pipeline only, as nothing in its records
// says how far it got; data sets without history (such as exports that
// keep the current stage alone) thus show fewer deals past the first stage
// than there were. Conversion counts these deals in LostWithoutHistory.

// Step is one stage of a funnel: how many deals of the cohort reached it,
// and the conversions to it.
type Step struct {
	Stage sales.StageID   `json:"stage"`
	Label string          `json:"label"`
	Kind  sales.StageKind `json:"kind"`
	// Reached counts the deals that reached the stage: for an open stage,
	// the deals that were in it or in a later stage; for the won step,
	// the deals won.
	Reached int64 `json:"reached"`
	// Step is Reached over the previous step's Reached, and for the first
	// step over the deals created. Cumulative is Reached over the deals
	// created, so that it is the product of the steps' conversions up to
	// this one: a deal lost before it reached the first stage lowers every
	// cumulative conversion, as it lowers the first step's.
	Step       sales.Rate `json:"step"`
	Cumulative sales.Rate `json:"cumulative"`
}

// Counts is one funnel: of the deals created in the period in one
// pipeline, how many reached each stage.
type Counts struct {
	// Created counts the deals of the cohort.
	Created int64 `json:"created"`
	// Steps lists the pipeline's open stages in pipeline order, then a
	// last step for the deals won, named after the pipeline's first won
	// stage. Reached never grows from one step to the next.
	Steps []Step `json:"steps"`
	// Open, Won and Lost split the cohort by where each deal is now.
	Open int64 `json:"open"`
	Won  int64 `json:"won"`
	Lost int64 `json:"lost"`
	// WinRate is Won / (Won + Lost): no value while nothing is closed.
	WinRate sales.Rate `json:"win_rate"`
}

// PipelineFunnel is the funnel of one pipeline.
type PipelineFunnel struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Label    string           `json:"label"`
	Counts
}

// Apart counts the deals a funnel could not follow as the others.
type Apart struct {
	// NoCreated counts deals with no creation date, which are in no
	// cohort.
	NoCreated int64 `json:"no_created"`
	// UnknownStage counts deals created in the period whose stage is not
	// in their pipeline, or whose pipeline is unknown: they are in no
	// funnel.
	UnknownStage int64 `json:"unknown_stage"`
	// UnknownVisits counts visits in the stage histories of the cohort to
	// stages their pipeline does not have: they are ignored.
	UnknownVisits int64 `json:"unknown_visits"`
	// LostWithoutHistory counts lost deals of the cohort that have no
	// stage history: they are taken to have reached the first open stage
	// only.
	LostWithoutHistory int64 `json:"lost_without_history"`
}

func (a *Apart) add(o Apart) {
	a.NoCreated += o.NoCreated
	a.UnknownStage += o.UnknownStage
	a.UnknownVisits += o.UnknownVisits
	a.LostWithoutHistory += o.LostWithoutHistory
}

// Funnel is R30 of the catalogue: the pipeline conversion funnel of the
// deals created in a period, one per pipeline.
type Funnel struct {
	Period    sales.Period     `json:"period"`
	Pipelines []PipelineFunnel `json:"pipelines"`
	Apart
}

// Conversion counts, of the deals created in p (p half-open), how many
// reached each stage of their pipeline, with the step and cumulative
// conversions, and how many were won. This is R30 of the catalogue.
//
// Each pipeline has its own funnel, its open stages in pipeline order,
// then the won step. How far a deal got is the furthest open stage, in
// pipeline order, among the stages of its history and its current stage:
//
//   - a deal reached a stage when it reached that stage or a later one,
//     so a deal that skipped a stage has passed it, and one that went
//     back and forward again counts once per stage;
//   - a deal that is won now, or whose history visits a won stage, has
//     passed every open stage; it counts in the won step when its current
//     stage is won;
//   - a lost deal got as far as the furthest open stage its history
//     visits before or after the loss; one lost from the start (its
//     history holds only the lost stage) reached no stage;
//   - a deal without history is where its current stage says: an open
//     deal reached its stage, a won deal every stage, and a lost deal is
//     taken to have reached the first open stage only, the least a deal
//     that entered the pipeline did (counted in LostWithoutHistory).
//
// Visits to stages the pipeline does not have are ignored and counted in
// UnknownVisits; deals with no creation date, or created in the period in
// a stage their pipeline does not list, are counted in NoCreated and
// UnknownStage. Deals are followed to their current stage, whenever they
// moved: the funnel of a past period keeps filling as its deals progress.
//
// Results over two halves of a portal merge with Merge. Conversion fails
// only when p is not a valid period. Its time is linear in the deals and
// their visits.
func Conversion(ds *sales.Dataset, p sales.Period) (Funnel, error) {
	per, err := ConversionPerRep(ds, p)
	if err != nil {
		return Funnel{}, fmt.Errorf("funnel: conversion: %w", err)
	}
	f := Funnel{Period: p, Apart: per.Apart, Pipelines: make([]PipelineFunnel, len(per.Pipelines))}
	for i, rp := range per.Pipelines {
		f.Pipelines[i] = PipelineFunnel{Pipeline: rp.Pipeline, Label: rp.Label, Counts: rp.Team}
	}
	return f, nil
}

// Merge adds the funnel of o, computed over other deals of the same portal
// for the same period, to f. It fails when the periods or the pipelines
// differ.
func (f *Funnel) Merge(o Funnel) error {
	if !samePeriod(f.Period, o.Period) || len(f.Pipelines) != len(o.Pipelines) {
		return fmt.Errorf("funnel: merge conversion: period %s and %s differ", f.Period, o.Period)
	}
	for i := range f.Pipelines {
		a, b := &f.Pipelines[i], &o.Pipelines[i]
		if a.Pipeline != b.Pipeline || len(a.Steps) != len(b.Steps) {
			return fmt.Errorf("funnel: merge conversion: pipeline %q and %q differ",
				a.Pipeline, b.Pipeline)
		}
		a.Counts = a.Counts.plus(b.Counts)
	}
	f.Apart.add(o.Apart)
	return nil
}

// plus returns the counts of c and o added up, with their rates. Neither
// is modified.
func (c Counts) plus(o Counts) Counts {
	out := c
	out.Steps = slices.Clone(c.Steps)
	for k := range out.Steps {
		out.Steps[k].Reached += o.Steps[k].Reached
	}
	out.Created += o.Created
	out.Open += o.Open
	out.Won += o.Won
	out.Lost += o.Lost
	out.setRates()
	return out
}

// setRates sets the conversions and the win rate from the counts.
func (c *Counts) setRates() {
	prev := c.Created
	for k := range c.Steps {
		s := &c.Steps[k]
		s.Step = sales.Rate{Num: s.Reached, Den: prev}
		s.Cumulative = sales.Rate{Num: s.Reached, Den: c.Created}
		prev = s.Reached
	}
	c.WinRate = sales.Rate{Num: c.Won, Den: c.Won + c.Lost}
}

// layout is how a funnel reads one pipeline.
type layout struct {
	pipe *sales.Pipeline
	col  []int // column of each stage among the open stages, -1 if closed
	open int   // number of open stages
}

func newLayout(p *sales.Pipeline) layout {
	l := layout{pipe: p, col: make([]int, len(p.Stages))}
	for s, st := range p.Stages {
		l.col[s] = -1
		if st.Kind == sales.StageOpen {
			l.col[s] = l.open
			l.open++
		}
	}
	return l
}

// steps returns the funnel's steps with no count: the open stages, then
// the won step.
func (l *layout) steps() []Step {
	out := make([]Step, 0, l.open+1)
	won := Step{Label: "Won", Kind: sales.StageWon}
	for _, st := range l.pipe.Stages {
		switch {
		case st.Kind == sales.StageOpen:
			out = append(out, Step{Stage: st.ID, Label: st.Label, Kind: st.Kind})
		case st.Kind == sales.StageWon && won.Stage == "":
			won.Stage, won.Label = st.ID, st.Label
		}
	}
	return append(out, won)
}

// furthest returns the furthest open column a deal reached, -1 for none,
// given the stage positions of its visits (-1 for a stage its pipeline
// does not have) and the position and kind of its current stage.
func (l *layout) furthest(visits []int32, stage int, kind sales.StageKind, a *Apart) int {
	f := -1
	for _, s := range visits {
		switch {
		case s < 0:
			a.UnknownVisits++
		case l.col[s] >= 0:
			f = max(f, l.col[s])
		case l.pipe.Stages[s].Kind == sales.StageWon:
			f = l.open - 1
		}
	}
	switch {
	case kind == sales.StageOpen:
		f = max(f, l.col[stage])
	case kind == sales.StageWon:
		f = l.open - 1
	case len(visits) == 0 && l.open > 0:
		a.LostWithoutHistory++
		f = 0
	}
	return f
}

// progress is what a funnel counts for one owner in one pipeline.
type progress struct {
	created, open, won, lost int64
	reach                    []int64 // reach[f+1]: deals whose furthest column is f
}

func (pr *progress) add(f int, kind sales.StageKind, open int) {
	if pr.reach == nil {
		pr.reach = make([]int64, open+1)
	}
	pr.created++
	pr.reach[f+1]++
	switch kind {
	case sales.StageOpen:
		pr.open++
	case sales.StageWon:
		pr.won++
	default:
		pr.lost++
	}
}

// counts turns an owner's progress into a funnel.
func (l *layout) counts(pr *progress) Counts {
	c := Counts{Created: pr.created, Open: pr.open, Won: pr.won, Lost: pr.lost, Steps: l.steps()}
	if pr.reach != nil {
		var run int64
		for k := l.open - 1; k >= 0; k-- {
			run += pr.reach[k+1]
			c.Steps[k].Reached = run
		}
	}
	c.Steps[l.open].Reached = pr.won
	c.setRates()
	return c
}
