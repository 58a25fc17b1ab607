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
//     or before t; before the first visit, the first visit's. Once t is
//     past every instant the deal's records hold (the last visit's entry
//     and exit, and a closed deal's close date), the deal is in its
//     current stage, even where its history stops short of it.
//   - Without one, a deal open now was in its current stage; a deal closed
//     after t (by its close date) was open then, in a stage no record
//     tells: StageOpen and stage -1; any other closed deal was in its
//     current stage.
//
// At any t after every event of the deal, DealAt gives its current kind
// and stage. DealAtInstant is the same for an Instant.
func (d *Dataset) DealAt(i int, t time.Time) (kind StageKind, stage int, existed bool) {
	return d.DealAtInstant(i, InstantOf(t))
}

// DealAtInstant is DealAt for an instant given as an Instant. It reads
// only the Dataset's columns.
func (d *Dataset) DealAtInstant(i int, t Instant) (kind StageKind, stage int, existed bool) {
	c := &d.deal
	if created := c.Created[i]; created != NoInstant && created > t {
		return 0, -1, false
	}
	if c.Pipeline[i] < 0 {
		return 0, -1, true
	}
	if lo, hi := d.visits.span(i); lo < hi {
		return d.visitAt(i, int(lo), int(hi), t)
	}
	kind = c.Kind[i]
	switch {
	case kind == 0:
		return 0, -1, true
	case kind.Closed() && c.Close[i] != NoInstant && c.Close[i] > t:
		return StageOpen, -1, true
	}
	return kind, int(c.Stage[i]), true
}

// visitAt finds the visit of deal i, held in visits lo:hi, under way at t.
func (d *Dataset) visitAt(i, lo, hi int, t Instant) (StageKind, int, bool) {
	v := &d.visits
	last := hi - 1
	if v.entered[last] <= t && (v.stage[last] == d.deal.Stage[i] || d.lastEvent(i, last) <= t) {
		return d.current(i) // the current stage
	}
	at := lo
	for j := last; j > lo; j-- {
		if v.entered[j] <= t {
			at = j
			break
		}
	}
	s := v.stage[at]
	if s < 0 {
		return 0, -1, true
	}
	if k := d.Pipelines[d.deal.Pipeline[i]].Stages[s].Kind; k.valid() {
		return k, int(s), true
	}
	return 0, -1, true
}

// lastEvent returns the latest instant deal i's records hold, given the
// position of its last visit: that visit's entry or exit, or the close
// date of a closed deal, whichever is later.
func (d *Dataset) lastEvent(i, last int) Instant {
	v := &d.visits
	end := v.entered[last]
	if l := v.left[last]; l != NoInstant && l > end {
		end = l
	}
	if d.deal.Kind[i].Closed() {
		if c := d.deal.Close[i]; c != NoInstant && c > end {
			end = c
		}
	}
	return end
}

// current returns deal i's current kind and stage, as DealAt does.
func (d *Dataset) current(i int) (StageKind, int, bool) {
	if d.deal.Kind[i] == 0 {
		return 0, -1, true
	}
	return d.deal.Kind[i], int(d.deal.Stage[i]), true
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
	switch j := d.expectedClose(i, InstantOf(t)); j {
	case -1:
		return deal.CloseDate
	case -2:
		return time.Time{}
	default:
		return deal.CloseDateHistory[j].CloseDate
	}
}

// ExpectedCloseAtInstant is ExpectedCloseAt with the instants given as
// Instants; NoInstant means none.
func (d *Dataset) ExpectedCloseAtInstant(i int, t Instant) Instant {
	switch j := d.expectedClose(i, t); j {
	case -1:
		return d.deal.Close[i]
	case -2:
		return NoInstant
	default:
		return d.closes.date[int(d.closes.start[i])+j]
	}
}

// expectedClose returns which value ExpectedCloseAt gives: -1 for the
// deal's CloseDate, -2 for none, else the position of the change in the
// deal's close date history.
func (d *Dataset) expectedClose(i int, t Instant) int {
	open := d.deal.Kind[i] == StageOpen
	lo, hi := d.closes.span(i)
	n := int(hi - lo)
	switch {
	case n == 0 && open:
		return -1
	case n == 0:
		return -2
	case open && d.closes.at[hi-1] <= t:
		return -1
	}
	for j := n - 1; j > 0; j-- {
		if d.closes.at[int(lo)+j] <= t {
			return j
		}
	}
	return 0
}

// DealPipelineIndex returns the position in Pipelines of the i-th deal's
// pipeline, or -1 when its pipeline is not listed.
func (d *Dataset) DealPipelineIndex(i int) int { return int(d.deal.Pipeline[i]) }
