package sales

import "time"

// DealAt says where the i-th deal stood at instant t, from its stage
// history: whether it existed yet, the kind of the stage it was in, and
// that stage's position in its pipeline's Stages (-1 when it cannot be
// told). It is how reports look at the pipeline as of a past date.
//
// The rules, in order:
//
//   - A deal created after t did not exist: existed is false. A deal with
//     no creation date is taken to have existed.
//   - A deal whose pipeline is unknown, or whose stage then is not in its
//     pipeline, existed in no known stage: kind 0 and stage -1.
//   - With a stage history, the stage is that of the last visit entered at
//     or before t; before the first visit, the first visit's.
//   - Without one, a deal open now was in its current stage; a deal closed
//     after t (by its close date) was open then, in a stage no record
//     tells: StageOpen and stage -1; any other closed deal was in its
//     current stage.
//
// At any t after every event of the deal, DealAt gives its current kind
// and stage.
func (d *Dataset) DealAt(i int, t time.Time) (kind StageKind, stage int, existed bool) {
	deal := &d.Deals[i]
	if !deal.Created.IsZero() && deal.Created.After(t) {
		return 0, -1, false
	}
	p := d.dealPipeline[i]
	if p < 0 {
		return 0, -1, true
	}
	if h := deal.StageHistory; len(h) > 0 {
		return d.stageInHistory(i, &d.Pipelines[p], h, t)
	}
	kind = d.DealKind(i)
	switch {
	case kind == 0:
		return 0, -1, true
	case kind.Closed() && !deal.CloseDate.IsZero() && deal.CloseDate.After(t):
		return StageOpen, -1, true
	}
	return kind, int(d.dealStage[i]), true
}

// stageInHistory finds the visit of h under way at t.
func (d *Dataset) stageInHistory(i int, p *Pipeline, h []StageVisit, t time.Time) (StageKind, int, bool) {
	last := len(h) - 1
	if !h[last].Entered.After(t) && h[last].Stage == d.Deals[i].Stage {
		return d.DealKind(i), int(d.dealStage[i]), true // the current stage
	}
	v := 0
	for j := last; j > 0; j-- {
		if !h[j].Entered.After(t) {
			v = j
			break
		}
	}
	s, ok := p.StageIndex(h[v].Stage)
	if !ok || !p.Stages[s].Kind.valid() {
		return 0, -1, true
	}
	return p.Stages[s].Kind, s, true
}

// ExpectedCloseAt returns the date the i-th deal was expected to close, as
// it stood at instant t: the value its close date history held at t (its
// first value when the history starts after t). A deal open now, seen
// after the last change its history records, or without a history, has
// its CloseDate. A deal without a history that has closed since has no
// expected date then: its CloseDate is when it closed, not what was
// expected. The zero time means none.
func (d *Dataset) ExpectedCloseAt(i int, t time.Time) time.Time {
	deal := &d.Deals[i]
	open := d.DealKind(i) == StageOpen
	h := deal.CloseDateHistory
	switch {
	case len(h) == 0 && open:
		return deal.CloseDate
	case len(h) == 0:
		return time.Time{}
	case open && !h[len(h)-1].At.After(t):
		return deal.CloseDate
	}
	v := 0
	for j := len(h) - 1; j > 0; j-- {
		if !h[j].At.After(t) {
			v = j
			break
		}
	}
	return h[v].CloseDate
}

// DealPipelineIndex returns the position in Pipelines of the i-th deal's
// pipeline, or -1 when its pipeline is not listed.
func (d *Dataset) DealPipelineIndex(i int) int { return int(d.dealPipeline[i]) }
