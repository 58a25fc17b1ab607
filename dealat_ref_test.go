package sales_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
)

// refDealAt is DealAt as its documentation states it, on the records and
// time.Time, with none of the Dataset's columns: the oracle for
// DealAtInstant.
func refDealAt(ds *sales.Dataset, i int, t time.Time) (sales.StageKind, int, bool) {
	deal := &ds.Deals[i]
	if !deal.Created.IsZero() && deal.Created.After(t) {
		return 0, -1, false
	}
	p := ds.DealPipeline(i)
	if p == nil {
		return 0, -1, true
	}
	if h := deal.StageHistory; len(h) > 0 {
		last := len(h) - 1
		if !h[last].Entered.After(t) && (h[last].Stage == deal.Stage || !refLastEvent(ds, i).After(t)) {
			if ds.DealKind(i) == 0 {
				return 0, -1, true
			}
			s, _ := ds.DealStage(i)
			return ds.DealKind(i), s, true
		}
		v := 0
		for j := last; j > 0; j-- {
			if !h[j].Entered.After(t) {
				v = j
				break
			}
		}
		s, ok := p.StageIndex(h[v].Stage)
		if !ok {
			return 0, -1, true
		}
		if k := p.Stages[s].Kind; k < sales.StageOpen || k > sales.StageLost {
			return 0, -1, true
		}
		return p.Stages[s].Kind, s, true
	}
	kind := ds.DealKind(i)
	switch {
	case kind == 0:
		return 0, -1, true
	case kind.Closed() && !deal.CloseDate.IsZero() && deal.CloseDate.After(t):
		return sales.StageOpen, -1, true
	}
	s, _ := ds.DealStage(i)
	return kind, s, true
}

// refLastEvent is the latest instant a deal with a stage history holds:
// its last visit's entry and exit, and its close date once closed.
func refLastEvent(ds *sales.Dataset, i int) time.Time {
	d := &ds.Deals[i]
	v := d.StageHistory[len(d.StageHistory)-1]
	end := v.Entered
	if v.Left.After(end) {
		end = v.Left
	}
	if ds.DealKind(i).Closed() && d.CloseDate.After(end) {
		end = d.CloseDate
	}
	return end
}

// refExpectedClose is ExpectedCloseAt on the records alone.
func refExpectedClose(ds *sales.Dataset, i int, t time.Time) time.Time {
	deal := &ds.Deals[i]
	open := ds.DealKind(i) == sales.StageOpen
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

// probeTimes returns the instants worth asking a deal about: each of its
// events, a nanosecond either side, and times far before and after.
func probeTimes(d *sales.Deal) []time.Time {
	events := []time.Time{d.Created, d.CloseDate,
		time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, v := range d.StageHistory {
		events = append(events, v.Entered, v.Left)
	}
	for _, ch := range d.CloseDateHistory {
		events = append(events, ch.At, ch.CloseDate)
	}
	var out []time.Time
	for _, e := range events {
		if !e.IsZero() {
			out = append(out, e.Add(-1), e, e.Add(1))
		}
	}
	return out
}

// checkDealAt compares DealAt, DealAtInstant, ExpectedCloseAt and
// ExpectedCloseAtInstant with the oracles at every probe of every deal.
func checkDealAt(ds *sales.Dataset) error {
	for i := range ds.Deals {
		for _, t := range probeTimes(&ds.Deals[i]) {
			wk, ws, we := refDealAt(ds, i, t)
			gk, gs, ge := ds.DealAt(i, t)
			ik, is, ie := ds.DealAtInstant(i, sales.InstantOf(t))
			if gk != wk || gs != ws || ge != we || ik != wk || is != ws || ie != we {
				return fmt.Errorf("deal %s at %v: DealAt = %v %d %v, DealAtInstant = %v %d %v, "+
					"want %v %d %v", ds.Deals[i].ID, t, gk, gs, ge, ik, is, ie, wk, ws, we)
			}
			want := refExpectedClose(ds, i, t)
			got := ds.ExpectedCloseAt(i, t)
			at := ds.ExpectedCloseAtInstant(i, sales.InstantOf(t))
			if !got.Equal(want) || at != sales.InstantOf(want) {
				return fmt.Errorf("deal %s at %v: ExpectedCloseAt = %v (instant %d), want %v",
					ds.Deals[i].ID, t, got, at, want)
			}
		}
	}
	return nil
}

// checkTaskStates compares TaskStateAt with Activity.StateAt.
func checkTaskStates(ds *sales.Dataset) error {
	for i := range ds.Activities {
		a := &ds.Activities[i]
		probes := []time.Time{a.Time, a.TaskDue, a.TaskCompleted,
			time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
		for _, p := range probes {
			for _, t := range []time.Time{p.Add(-1), p, p.Add(1)} {
				if got, want := ds.TaskStateAt(i, sales.InstantOf(t)), a.StateAt(t); got != want {
					return fmt.Errorf("activity %s: TaskStateAt(%v) = %v, want %v", a.ID, t, got, want)
				}
			}
		}
	}
	return nil
}

// appendOnce appends k unless it is last already: an activity that names
// a record twice is associated with it once.
func appendOnce(list []int32, k int32) []int32 {
	if n := len(list); n > 0 && list[n-1] == k {
		return list
	}
	return append(list, k)
}

// checkAdjacency compares the Dataset's look-ups of associations with
// ones built naively from the ids.
func checkAdjacency(ds *sales.Dataset) error {
	deals := make([][]int32, len(ds.Deals))
	contacts := make([][]int32, len(ds.Contacts))
	companies := make([][]int32, len(ds.Companies))
	for k := range ds.Activities {
		a := &ds.Activities[k]
		for _, id := range a.Deals {
			if i, ok := ds.DealIndex(id); ok {
				deals[i] = appendOnce(deals[i], int32(k))
			}
		}
		for _, id := range a.Contacts {
			if i, ok := ds.ContactIndex(id); ok {
				contacts[i] = appendOnce(contacts[i], int32(k))
			}
		}
		for _, id := range a.Companies {
			if i, ok := ds.CompanyIndex(id); ok {
				companies[i] = appendOnce(companies[i], int32(k))
			}
		}
	}
	for i := range deals {
		if got := ds.DealActivities(i); !slices.Equal(got, deals[i]) {
			return fmt.Errorf("DealActivities(%d) = %v, want %v", i, got, deals[i])
		}
	}
	for i := range contacts {
		if got := ds.ContactActivities(i); !slices.Equal(got, contacts[i]) {
			return fmt.Errorf("ContactActivities(%d) = %v, want %v", i, got, contacts[i])
		}
	}
	for i := range companies {
		if got := ds.CompanyActivities(i); !slices.Equal(got, companies[i]) {
			return fmt.Errorf("CompanyActivities(%d) = %v, want %v", i, got, companies[i])
		}
	}
	return nil
}

func TestDealAtInstant_oracle(t *testing.T) {
	edge := sales.MustDataset(edgeRecords())
	for name, check := range map[string]func(*sales.Dataset) error{
		"deal states": checkDealAt, "task states": checkTaskStates, "associations": checkAdjacency,
	} {
		if err := check(edge); err != nil {
			t.Errorf("edge portal, %s: %v", name, err)
		}
		properties := columnProperties(t)
		properties.Property(name+" agree with the records", prop.ForAll(
			func(pc portalCase) string { return errText(check(pc.dataset())) }, genPortal()))
		properties.TestingRun(t)
	}
}

// TestDealAt_historyStopsShort: a won deal whose stage history ends in an
// open stage was in that stage until it closed, and is won from its close
// date on; one whose last visit was left without a next is in its current
// stage once that visit is over.
func TestDealAt_historyStopsShort(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, time.January, d, 9, 0, 0, 0, time.UTC) }
	r := sales.Records{
		TimeZone: "UTC", Currency: "EUR",
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "a", Kind: sales.StageOpen, Probability: 0.2},
			{ID: "b", Kind: sales.StageOpen, Probability: 0.6},
			{ID: "w", Kind: sales.StageWon, Probability: 1},
		}}},
		Deals: []sales.Deal{
			{ID: "won", Pipeline: "p", Stage: "w", Created: day(1), CloseDate: day(20),
				StageHistory: []sales.StageVisit{{Stage: "a", Entered: day(1)}}},
			{ID: "moved", Pipeline: "p", Stage: "b", Created: day(1),
				StageHistory: []sales.StageVisit{{Stage: "a", Entered: day(1), Left: day(5)}}},
		},
	}
	ds := sales.MustDataset(r)
	for _, c := range []struct {
		deal  int
		at    time.Time
		kind  sales.StageKind
		stage int
	}{
		{0, day(2), sales.StageOpen, 0},
		{0, day(20).Add(-time.Second), sales.StageOpen, 0},
		{0, day(20), sales.StageWon, 2},
		{0, day(31), sales.StageWon, 2},
		{1, day(4), sales.StageOpen, 0},
		{1, day(5), sales.StageOpen, 1},
		{1, day(9), sales.StageOpen, 1},
	} {
		kind, stage, existed := ds.DealAt(c.deal, c.at)
		if kind != c.kind || stage != c.stage || !existed {
			t.Errorf("%s at %v: %v, stage %d, existed %v; want %v, stage %d", ds.Deals[c.deal].ID,
				c.at, kind, stage, existed, c.kind, c.stage)
		}
	}
}
