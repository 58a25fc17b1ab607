package funnel

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/days"
)

// BUG(funnel): TimeInStage takes stage histories as they are: two visits
// that overlap, which sales.Validate reports, both count in full, as does
// a visit entered before the deal was created, so a deal's time in its
// stages can then exceed its age.

// TimeOptions says how TimeInStage counts. The zero value counts closed
// visits only.
type TimeOptions struct {
	// CountOpen counts a visit the deal has not left at asOf up to asOf.
	// Without it such a visit adds nothing, and the deal counts in the
	// stage's Open instead.
	CountOpen bool `json:"count_open"`
}

// StageTime is the time deals spent in one open stage.
type StageTime struct {
	Stage sales.StageID `json:"stage"`
	Label string        `json:"label"`
	// Deals counts the deals with time counted in the stage, Visits their
	// visits to it: a deal that came back to the stage counts once in
	// Deals and once per visit in Visits.
	Deals  int64 `json:"deals"`
	Visits int64 `json:"visits"`
	// TotalMillis adds up the time of those visits in milliseconds, each
	// deal's time in the stage cut to the whole millisecond.
	TotalMillis int64 `json:"total_millis"`
	// MeanDays is TotalMillis over Deals, in days of 24 hours: the mean
	// time a deal spent in the stage. It is null when Deals is 0.
	MeanDays *float64 `json:"mean_days"`
	// Open counts the deals in the stage at asOf whose current visit was
	// not counted (TimeOptions.CountOpen unset).
	Open int64 `json:"open"`
}

// PipelineTimes is the time in each open stage of one pipeline.
type PipelineTimes struct {
	Pipeline sales.PipelineID `json:"pipeline"`
	Label    string           `json:"label"`
	// Stages lists the pipeline's open stages in pipeline order.
	Stages []StageTime `json:"stages"`
}

// StageTimes is R29 of the catalogue: per stage, the mean time deals spent
// in it, from their stage histories.
type StageTimes struct {
	Period    sales.Period    `json:"period"`
	AsOf      time.Time       `json:"as_of"`
	Options   TimeOptions     `json:"options"`
	Pipelines []PipelineTimes `json:"pipelines"`
	// NoCreated counts deals with no creation date and NotYetCreated
	// those created in the period but after AsOf: in no cohort.
	NoCreated     int64 `json:"no_created"`
	NotYetCreated int64 `json:"not_yet_created"`
	// UnknownPipeline counts deals of the cohort whose pipeline is not
	// listed, and NoHistory those with no stage history: neither has a
	// known time in any stage.
	UnknownPipeline int64 `json:"unknown_pipeline"`
	NoHistory       int64 `json:"no_history"`
	// BadVisits counts visits of the cohort that cannot be timed: no
	// entry time, left before entered, or a stage the pipeline does not
	// have. They add nothing.
	BadVisits int64 `json:"bad_visits"`
}

// TimeInStage measures, for each open stage of each pipeline, the mean
// time the deals created in p (p half-open) spent in it by asOf, in days.
// This is R29 of the catalogue.
//
// A deal's time in a stage adds up all its visits to the stage, read from
// its stage history: a deal that came back to a stage counts each stay,
// and counts once in the stage's mean. A stage the deal skipped adds
// nothing and the deal is not in that stage's mean. Only open stages are
// timed: a won or lost stage is where a deal stays.
//
// Time is seen from asOf: visits entered after asOf are ignored, and a
// visit not left by asOf (no Left, or Left after asOf) is open. An open
// visit counts up to asOf when o.CountOpen is set; otherwise it adds
// nothing and the deal counts in the stage's Open. Visits are taken as
// the history gives them: overlapping visits, which sales.Validate
// reports, both count.
//
// Deals created after asOf, deals without history or whose pipeline is
// unknown, and visits that cannot be timed are counted apart (see
// StageTimes). Results over two halves of a portal merge with Merge.
// TimeInStage fails when p is not a valid period or asOf is zero. Its time
// is linear in the deals and their visits.
func TimeInStage(ds *sales.Dataset, p sales.Period, asOf time.Time,
	o TimeOptions) (StageTimes, error) {
	if err := checkPeriod(p); err != nil {
		return StageTimes{}, fmt.Errorf("funnel: time in stage: %w", err)
	}
	if err := checkAsOf(asOf); err != nil {
		return StageTimes{}, fmt.Errorf("funnel: time in stage: %w", err)
	}
	r := StageTimes{Period: p, AsOf: asOf, Options: o}
	acc := make([][]stageAcc, len(ds.Pipelines))
	most := 0
	for i := range ds.Pipelines {
		acc[i] = make([]stageAcc, len(ds.Pipelines[i].Stages))
		most = max(most, len(ds.Pipelines[i].Stages))
	}
	st := newStays(most)
	c := ds.DealColumns()
	span, at := sales.SpanOf(p), sales.InstantOf(asOf)
	for i, created := range c.Created {
		if !r.inCohort(created, span, at) {
			continue
		}
		switch pi, v := c.Pipeline[i], ds.DealVisits(i); {
		case pi < 0:
			r.UnknownPipeline++
		case v.Len() == 0:
			r.NoHistory++
		default:
			st.measure(&ds.Pipelines[pi], v, ds, i, at, asOf, o)
			r.BadVisits += st.bad
			st.addTo(acc[pi])
		}
	}
	r.Pipelines = make([]PipelineTimes, len(ds.Pipelines))
	for i := range ds.Pipelines {
		r.Pipelines[i] = pipelineTimes(&ds.Pipelines[i], acc[i])
	}
	return r, nil
}

// inCohort reports whether d was created in the period by asOf, counting
// the deals that were not.
func (r *StageTimes) inCohort(created sales.Instant, p sales.Span, asOf sales.Instant) bool {
	switch {
	case created == sales.NoInstant:
		r.NoCreated++
	case !p.Contains(created):
	case created > asOf:
		r.NotYetCreated++
	default:
		return true
	}
	return false
}

// stageAcc adds up one stage's times.
type stageAcc struct {
	deals, visits, millis, open int64
}

// stays holds one deal's time in each stage of its pipeline while it is
// measured; it is reused from deal to deal.
type stays struct {
	time    []time.Duration
	visits  []int64
	open    []bool
	touched []int // stages with a visit or an open stay
	bad     int64
}

func newStays(n int) *stays {
	return &stays{time: make([]time.Duration, n), visits: make([]int64, n),
		open: make([]bool, n), touched: make([]int, 0, n)}
}

// measure reads v, the visits of the i-th deal of ds, to the open stages
// of p, as seen at asOf (asOfTime as an Instant).
func (st *stays) measure(p *sales.Pipeline, v sales.Visits, ds *sales.Dataset, i int,
	asOf sales.Instant, asOfTime time.Time, o TimeOptions) {
	for _, s := range st.touched {
		st.time[s], st.visits[s], st.open[s] = 0, 0, false
	}
	st.touched, st.bad = st.touched[:0], 0
	for j, s := range v.Stage {
		entered, left := v.Entered[j], v.Left[j]
		switch {
		case s < 0 || entered == sales.NoInstant || (left != sales.NoInstant && left < entered):
			st.bad++
			continue
		case entered > asOf || p.Stages[s].Kind != sales.StageOpen:
			continue
		}
		if st.visits[s] == 0 && !st.open[s] {
			st.touched = append(st.touched, int(s))
		}
		atAsOf := left == sales.NoInstant || left > asOf
		if atAsOf {
			if !o.CountOpen {
				st.open[s] = true
				continue
			}
			left = asOf
		}
		if left.Clamped() || entered.Clamped() {
			// The instants do not hold these times: read the record's.
			visit := &ds.Deals[i].StageHistory[j]
			leftTime := visit.Left
			if atAsOf {
				leftTime = asOfTime
			}
			st.time[s] += leftTime.Sub(visit.Entered)
		} else {
			st.time[s] += left.Sub(entered)
		}
		st.visits[s]++
	}
}

// addTo adds the deal just measured to the stages' sums.
func (st *stays) addTo(acc []stageAcc) {
	for _, s := range st.touched {
		a := &acc[s]
		if st.visits[s] > 0 {
			a.deals++
			a.visits += st.visits[s]
			a.millis += st.time[s].Milliseconds()
		}
		if st.open[s] {
			a.open++
		}
	}
}

func pipelineTimes(p *sales.Pipeline, acc []stageAcc) PipelineTimes {
	out := PipelineTimes{Pipeline: p.ID, Label: p.Label}
	for s, st := range p.Stages {
		if st.Kind != sales.StageOpen {
			continue
		}
		a := acc[s]
		out.Stages = append(out.Stages, stageTime(StageTime{Stage: st.ID, Label: st.Label,
			Deals: a.deals, Visits: a.visits, TotalMillis: a.millis, Open: a.open}))
	}
	return out
}

// stageTime sets t's mean from its sums.
func stageTime(t StageTime) StageTime {
	t.MeanDays = nil
	if t.Deals > 0 {
		m := days.FromMillis(t.TotalMillis) / float64(t.Deals)
		t.MeanDays = &m
	}
	return t
}

// Merge adds the times of o, computed over other deals of the same portal
// for the same period, asOf and options, to r. It fails when these or the
// pipelines differ.
func (r *StageTimes) Merge(o StageTimes) error {
	if !samePeriod(r.Period, o.Period) || !r.AsOf.Equal(o.AsOf) || r.Options != o.Options ||
		len(r.Pipelines) != len(o.Pipelines) {
		return fmt.Errorf("funnel: merge time in stage: period %s as of %s and %s as of %s differ",
			r.Period, r.AsOf, o.Period, o.AsOf)
	}
	for i := range r.Pipelines {
		a, b := &r.Pipelines[i], &o.Pipelines[i]
		if a.Pipeline != b.Pipeline || len(a.Stages) != len(b.Stages) {
			return fmt.Errorf("funnel: merge time in stage: pipeline %q and %q differ",
				a.Pipeline, b.Pipeline)
		}
		stages := make([]StageTime, len(a.Stages))
		for k, s := range a.Stages {
			t := b.Stages[k]
			s.Deals, s.Visits = s.Deals+t.Deals, s.Visits+t.Visits
			s.TotalMillis, s.Open = s.TotalMillis+t.TotalMillis, s.Open+t.Open
			stages[k] = stageTime(s)
		}
		a.Stages = stages
	}
	r.NoCreated += o.NoCreated
	r.NotYetCreated += o.NotYetCreated
	r.UnknownPipeline += o.UnknownPipeline
	r.NoHistory += o.NoHistory
	r.BadVisits += o.BadVisits
	return nil
}
