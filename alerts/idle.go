package alerts

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// DefaultIdleDays is the time without activity after which an open deal
// is listed when IdleOptions.Days is 0.
const DefaultIdleDays = 14

// defaultIdleBands are the lower edges, in days, of the age bands R46
// groups deals by when IdleOptions.Bands is empty.
var defaultIdleBands = [...]int{14, 30, 60, 90}

// IdleOptions sets R46's threshold and age bands.
type IdleOptions struct {
	// Days lists an open deal whose last activity (else its creation) is
	// more than this many calendar days before asOf. 0 means
	// DefaultIdleDays; a negative value is an error. Any larger value is
	// accepted: one that reaches back past the year 1678, the earliest
	// instant a Dataset keeps, lists nothing.
	Days int
	// Bands are the lower edges, in days, of the age bands, strictly
	// increasing and positive. The first band starts at Days; edges at or
	// below Days are dropped, and the last band has no upper edge. Empty
	// means 14, 30, 60 and 90 days.
	Bands []int
}

// Band is one age band of R46: deals idle for at least From days and
// fewer than To. To is null for the last band, which has no upper edge.
type Band struct {
	From  int    `json:"from_days"`
	To    *int   `json:"to_days"`
	Label string `json:"label"`
}

// IdleDeal is one deal without recent activity.
type IdleDeal struct {
	DealRef
	// Value is the deal's amount in the home currency; null when it has
	// none or its currency has no rate.
	Value decimal.NullDecimal `json:"value"`
	// LastActivity is the time of the deal's last activity at or before
	// asOf; zero (left out of JSON) when it has none. Since is
	// LastActivity, else the deal's creation.
	LastActivity time.Time `json:"last_activity,omitzero"`
	Since        time.Time `json:"since"`
	// IdleDays is the number of whole calendar days from Since to asOf.
	IdleDays int `json:"idle_days"`
	// Band is the index in IdleReport.Bands of the band IdleDays falls in.
	Band int `json:"band"`
}

// StageIdle is the idle deals of one open stage, by age band.
type StageIdle struct {
	Pipeline      sales.PipelineID `json:"pipeline"`
	PipelineLabel string           `json:"pipeline_label"`
	Stage         sales.StageID    `json:"stage"`
	Label         string           `json:"label"`
	// Bands is aligned with IdleReport.Bands.
	Bands []sales.Tally `json:"bands"`
	Total sales.Tally   `json:"total"`
}

// IdleReport is R46 of the catalogue: open deals without recent activity,
// grouped by stage and by age band.
type IdleReport struct {
	AsOf     time.Time      `json:"as_of"`
	Days     int            `json:"days"`
	Currency sales.Currency `json:"currency"`
	Bands    []Band         `json:"bands"`
	// Deals are the idle deals, the longest idle first.
	Deals []IdleDeal `json:"deals"`
	// ByStage has a row for every open stage of every pipeline, in the
	// portal's and the pipeline's order, even with no idle deal.
	ByStage []StageIdle `json:"by_stage"`
	// ByBand adds up ByStage, band by band; Total adds up every band.
	ByBand []sales.Tally `json:"by_band"`
	Total  sales.Tally   `json:"total"`
	// Open counts the deals open at AsOf, idle or not.
	Open int64 `json:"open"`
	// NoDate counts open deals with neither an activity nor a creation
	// date, whose idleness cannot be told. UnknownStage counts deals
	// whose stage is not in their pipeline.
	NoDate       int64 `json:"no_date"`
	UnknownStage int64 `json:"unknown_stage"`
	// StageUnknownThen counts deals open at AsOf whose stage then no record
	// tells (closed since, with no stage history): they cannot be placed
	// in the table and are not listed.
	StageUnknownThen int64 `json:"stage_unknown_then"`
}

// IdleDeals lists the deals open at asOf whose last activity at or before
// asOf (else their creation) is more than o.Days calendar days old, and
// groups them by stage and by age band. This is R46 of the catalogue.
//
// A deal's activities are those associated with it, of every type and
// whoever did them; a meeting planned after asOf is not activity yet. A
// deal is listed when that last activity comes, on the wall clock of
// asOf's location, before the same time of day o.Days days before asOf;
// so a daylight-saving change between them, or one that skips that time
// of day, changes nothing. IdleDays counts whole calendar days from it to
// asOf. The bands start at o.Days
// and then at each edge of o.Bands above it: with the defaults, 14–29,
// 30–59, 60–89 and 90 days or more.
//
// Rows come longest idle first (earliest Since), ties by deal id. Values
// are in the home currency; the tallies count deals without a value
// apart. Open deals with no date at all and deals in an unknown stage are
// counted apart.
//
// IdleDeals fails when asOf is zero, o.Days is negative, or o.Bands is
// not strictly increasing and positive.
func IdleDeals(ds *sales.Dataset, asOf time.Time, o IdleOptions) (IdleReport, error) {
	o, err := o.withDefaults()
	if err == nil {
		err = checkAsOf(asOf)
	}
	if err != nil {
		return IdleReport{}, fmt.Errorf("alerts: idle deals: %w", err)
	}
	loc := asOf.Location()
	cutoff := daysBefore(asOf, o.Days, loc)
	edges := bandEdges(o)
	r := IdleReport{AsOf: asOf, Days: o.Days, Currency: ds.Currency(), Bands: bands(edges)}
	stages, slot := stageTable(ds, len(edges))
	c, at := ds.DealColumns(), sales.InstantOf(asOf)
	var idle []idleDeal
	for i, kind := range c.Kind {
		if kind == 0 {
			r.UnknownStage++
			continue
		}
		stage, open := openAt(ds, i, at)
		if !open {
			continue
		}
		r.Open++
		if stage < 0 {
			r.StageUnknownThen++
			continue
		}
		touch := lastTouch(ds, i, at)
		since := c.Created[i]
		if touch >= 0 {
			since = ds.ActivityColumns().Time[touch]
		}
		if since == sales.NoInstant {
			r.NoDate++
			continue
		}
		x := idleDeal{deal: int32(i), stage: int32(stage), touch: int32(touch), since: since,
			id: string(ds.Deals[i].ID)}
		if !cutoff.before(since, func() time.Time { return x.sinceTime(ds) }) {
			continue
		}
		x.days = wholeDays(x.sinceTime(ds), asOf, loc)
		x.band = bandOf(edges, x.days)
		idle = append(idle, x)
		stages[slot(i, stage)].Bands[x.band].AddDeal(ds, i)
	}
	r.Deals = idleRows(ds, idle)
	r.finish(stages)
	return r, nil
}

// idleDeal is an idle deal before it becomes a row of the report: its
// position, the position of its stage and of its last activity (-1 for
// none), since when it is idle, for how many days and in which band.
type idleDeal struct {
	deal, stage, touch int32
	since              sales.Instant
	id                 string // the deal's, to sort by
	days, band         int
}

// sinceTime returns since as the record holds it: the time of the last
// activity, else the deal's creation.
func (x *idleDeal) sinceTime(ds *sales.Dataset) time.Time {
	if x.touch >= 0 {
		return ds.Activities[x.touch].Time
	}
	return ds.Deals[x.deal].Created
}

// idleRows sorts the idle deals, the longest idle first (then by deal id),
// and returns their rows.
func idleRows(ds *sales.Dataset, idle []idleDeal) []IdleDeal {
	slices.SortFunc(idle, func(a, b idleDeal) int {
		return cmp.Or(cmp.Compare(a.since, b.since), cmp.Compare(a.id, b.id),
			cmp.Compare(a.deal, b.deal))
	})
	rows := make([]IdleDeal, len(idle))
	for k := range idle {
		x, i := &idle[k], int(idle[k].deal)
		rows[k] = IdleDeal{DealRef: dealRef(ds, i, int(x.stage)), Value: dealValue(ds, i),
			LastActivity: touchTime(ds, int(x.touch)), Since: x.sinceTime(ds), IdleDays: x.days,
			Band: x.band}
	}
	return rows
}

// withDefaults returns o with its zero fields set, or an error.
func (o IdleOptions) withDefaults() (IdleOptions, error) {
	if o.Days < 0 {
		return o, fmt.Errorf("days %d is negative", o.Days)
	}
	if o.Days == 0 {
		o.Days = DefaultIdleDays
	}
	if len(o.Bands) == 0 {
		o.Bands = defaultIdleBands[:]
	}
	for k, b := range o.Bands {
		if b <= 0 || (k > 0 && b <= o.Bands[k-1]) {
			return o, fmt.Errorf("bands %v are not strictly increasing and positive", o.Bands)
		}
	}
	return o, nil
}

// bandEdges returns the lower edges of the bands: o.Days, then the edges
// of o.Bands above it.
func bandEdges(o IdleOptions) []int {
	edges := []int{o.Days}
	for _, b := range o.Bands {
		if b > o.Days {
			edges = append(edges, b)
		}
	}
	return edges
}

func bands(edges []int) []Band {
	out := make([]Band, len(edges))
	for k, from := range edges {
		out[k] = Band{From: from, Label: strconv.Itoa(from) + "+ days"}
		if k+1 < len(edges) {
			to := edges[k+1]
			out[k].To = &to
			out[k].Label = strconv.Itoa(from) + "-" + strconv.Itoa(to-1) + " days"
		}
	}
	return out
}

// bandOf returns the index of the band that holds days.
func bandOf(edges []int, days int) int {
	k := 0
	for k+1 < len(edges) && days >= edges[k+1] {
		k++
	}
	return k
}

// stageTable returns a row for every open stage of every pipeline, and a
// function that finds the row of the i-th deal in stage position s.
func stageTable(ds *sales.Dataset, nBands int) ([]StageIdle, func(i, s int) int) {
	var rows []StageIdle
	first := make([]int, len(ds.Pipelines)) // row of each pipeline's stage 0
	cols := make([][]int, len(ds.Pipelines))
	for p := range ds.Pipelines {
		pl := &ds.Pipelines[p]
		first[p] = len(rows)
		cols[p] = make([]int, len(pl.Stages))
		for s, st := range pl.Stages {
			cols[p][s] = -1
			if st.Kind == sales.StageOpen {
				cols[p][s] = len(rows)
				rows = append(rows, StageIdle{Pipeline: pl.ID, PipelineLabel: pl.Label,
					Stage: st.ID, Label: st.Label, Bands: make([]sales.Tally, nBands)})
			}
		}
	}
	return rows, func(i, s int) int { return cols[ds.DealPipelineIndex(i)][s] }
}

// finish adds up the stage rows.
func (r *IdleReport) finish(stages []StageIdle) {
	r.ByBand = make([]sales.Tally, len(r.Bands))
	for k := range stages {
		for b, t := range stages[k].Bands {
			stages[k].Total.Merge(t)
			r.ByBand[b].Merge(t)
		}
		r.Total.Merge(stages[k].Total)
	}
	r.ByStage = stages
}
