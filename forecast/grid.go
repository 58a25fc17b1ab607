package forecast

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// Horizon says how a report buckets expected close dates: Period cut into
// buckets of Unit by Calendar, in the period's location.
type Horizon struct {
	Period   sales.Period
	Unit     sales.Unit
	Calendar sales.Calendar
}

// check rejects a horizon no report can bucket by.
func (h Horizon) check() error {
	if err := checkPeriod(h.Period); err != nil {
		return err
	}
	return checkBuckets(h.Calendar, h.Unit)
}

// Columns of a grid after its buckets.
const (
	colEarlier = iota // expected close before the horizon
	colLater          // at or after its end
	colNoDate         // no expected close date
	extraCols
)

// grid adds up open deals per owner, expected-close column and stage. It
// is the core that B01, R21, B04 and B05 share: each decides which deals
// are open, in which stage and with which expected close date, and the
// grid keeps one tally per owner × column × stage, so that weighting costs
// one multiplication per stage and cell, not one per deal.
type grid struct {
	ds      *sales.Dataset
	st      stageTable
	h       Horizon
	buckets sales.Buckets
	bounds  sales.Bounds
	start   sales.Instant // the horizon's start
	cols    int
	rows    *byowner.Table[[]slotSum]
}

func newGrid(ds *sales.Dataset, h Horizon) *grid {
	b := h.Calendar.Buckets(h.Unit, h.Period)
	return &grid{
		ds: ds, st: newStageTable(ds), h: h, buckets: b, bounds: b.Bounds(),
		start: sales.InstantOf(h.Period.Start), cols: b.Len() + extraCols,
		rows: byowner.New[[]slotSum](ds),
	}
}

// col returns the column of an expected close date.
func (g *grid) col(close sales.Instant) int {
	nb := g.buckets.Len()
	switch {
	case close == sales.NoInstant:
		return nb + colNoDate
	case close < g.start:
		return nb + colEarlier
	}
	if b := g.bounds.Index(close); b >= 0 {
		return b
	}
	return nb + colLater
}

// add counts deal i, open in the stage of slot and expected to close at
// close.
func (g *grid) add(i, slot int, close sales.Instant) {
	row := g.rows.Deal(i)
	if *row == nil {
		*row = make([]slotSum, g.cols*g.st.len())
	}
	(*row)[g.col(close)*g.st.len()+slot].add(g.ds, i)
}

// Cell is a set of open deals: how many, their value, and their value
// weighted by their stages' probabilities.
type Cell struct {
	Open     sales.Tally `json:"open"`
	Weighted sales.Total `json:"weighted"`
}

// Merge adds the deals of o to c.
func (c *Cell) Merge(o Cell) {
	c.Open.Merge(o.Open)
	c.Weighted.AddTotal(o.Weighted)
}

// cell sums the stage sums of one column of a row into a Cell. It adds
// each stage's deals to stages, and the deals of stages whose probability
// is not valid to bad.
func (g *grid) cell(row []slotSum, col int, stages []slotSum, bad *sales.Tally) Cell {
	var out Cell
	var w weightSum
	n := g.st.len()
	for slot := range n {
		s := &row[col*n+slot]
		if s.t.Count == 0 {
			continue
		}
		out.Open.Merge(s.t)
		stages[slot].merge(s)
		if !g.st.valid[slot] {
			bad.Merge(s.t)
			continue
		}
		w.add(&g.st, slot, s)
	}
	out.Weighted = w.total()
	return out
}

// WeightedRow is one owner's open deals by expected close date.
type WeightedRow struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Buckets is aligned with the report's Buckets: the deals expected to
	// close in each.
	Buckets []Cell `json:"buckets"`
	// Earlier holds the deals expected to close before the horizon
	// starts: the overdue deals when it starts at asOf. Later holds those
	// expected at or after its end, NoCloseDate those with no expected
	// close date.
	Earlier     Cell `json:"earlier"`
	Later       Cell `json:"later"`
	NoCloseDate Cell `json:"no_close_date"`
	// Total adds up every column: all the owner's open deals.
	Total Cell `json:"total"`
}

// column returns the cell of column c.
func (r *WeightedRow) column(c int) *Cell {
	nb := len(r.Buckets)
	switch c - nb {
	case colEarlier:
		return &r.Earlier
	case colLater:
		return &r.Later
	case colNoDate:
		return &r.NoCloseDate
	}
	return &r.Buckets[c]
}

// merge adds the row o to r, copying r's buckets first so that rows shared
// with another result are never changed.
func (r *WeightedRow) merge(o *WeightedRow) {
	r.Buckets = append([]Cell(nil), r.Buckets...)
	for c := range len(r.Buckets) + extraCols {
		r.column(c).Merge(*o.column(c))
	}
	r.Total.Merge(o.Total)
}

// weightedRows builds one WeightedRow per owner from the grid, adding each stage's
// share to stages and the deals of stages without a valid probability to
// bad.
func (g *grid) weightedRows(stages []slotSum, bad *sales.Tally) []WeightedRow {
	nb := g.buckets.Len()
	return byowner.Rows(g.rows, func(id sales.OwnerID, name string, v *[]slotSum) WeightedRow {
		row := WeightedRow{Owner: id, Name: name, Buckets: make([]Cell, nb)}
		if *v == nil {
			return row
		}
		for c := range g.cols {
			cell := g.cell(*v, c, stages, bad)
			*row.column(c) = cell
			row.Total.Merge(cell)
		}
		return row
	})
}

// teamRow adds up the rows.
func teamRow(rows []WeightedRow, nb int) WeightedRow {
	team := WeightedRow{Name: "team", Buckets: make([]Cell, nb)}
	for i := range rows {
		team.merge(&rows[i])
	}
	return team
}

// openStages returns one entry per open stage of every pipeline, in the
// portal's order, from the per-slot sums.
func (g *grid) openStages(sums []slotSum) []StageWeight {
	out := []StageWeight{}
	for p := range g.ds.Pipelines {
		pl := &g.ds.Pipelines[p]
		for s := range pl.Stages {
			st := &pl.Stages[s]
			if st.Kind != sales.StageOpen {
				continue
			}
			slot := g.st.first[p] + s
			cell := Cell{Open: sums[slot].t}
			if g.st.valid[slot] {
				var w weightSum
				w.add(&g.st, slot, &sums[slot])
				cell.Weighted = w.total()
			}
			out = append(out, StageWeight{
				Pipeline: pl.ID, Stage: st.ID, Label: st.Label,
				Probability: Probability(st.Probability), Cell: cell,
			})
		}
	}
	return out
}

// StageWeight is the open deals of one stage and their weighted value.
type StageWeight struct {
	Pipeline    sales.PipelineID `json:"pipeline"`
	Stage       sales.StageID    `json:"stage"`
	Label       string           `json:"label"`
	Probability Probability      `json:"probability"`
	Cell
}

// sameStages reports whether two stage lists name the same stages.
func sameStages(a, b []StageWeight) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d and %d open stages", len(a), len(b))
	}
	for i := range a {
		if a[i].Pipeline != b[i].Pipeline || a[i].Stage != b[i].Stage {
			return fmt.Errorf("stage %q of %q and %q of %q differ",
				a[i].Stage, a[i].Pipeline, b[i].Stage, b[i].Pipeline)
		}
	}
	return nil
}
