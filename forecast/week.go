package forecast

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// ClosingRow is one owner's deals expected to close in the week: how
// many, their value, and their value weighted by stage probability.
type ClosingRow struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	Cell
}

// WeekClosing is R21 of the catalogue: the deals open at AsOf whose
// expected close date falls in Week, the week that holds AsOf.
type WeekClosing struct {
	AsOf     time.Time      `json:"as_of"`
	Week     sales.Period   `json:"week"`
	Currency sales.Currency `json:"currency"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last. Team adds them up.
	Reps []ClosingRow `json:"reps"`
	Team ClosingRow   `json:"team"`
	// UnknownStage tallies the deals whose stage at AsOf cannot be told,
	// as in WeightedPipeline, whatever their expected close date;
	// BadProbability the week's deals whose stage's probability is not a
	// number in [0, 1] (counted in Open, not weighted). NotYetCreated
	// counts the deals created after AsOf, NoCloseDate the open deals
	// without an expected close date, in no week.
	UnknownStage   sales.Tally `json:"unknown_stage"`
	BadProbability sales.Tally `json:"bad_probability"`
	NotYetCreated  int64       `json:"not_yet_created"`
	NoCloseDate    int64       `json:"no_close_date"`
}

// ClosingThisWeek lists, per owner, the deals open at asOf whose expected
// close date falls in the week that holds asOf: count, value and weighted
// value (value × the stage's probability, as Weighted computes it). This
// is R21 of the catalogue.
//
// The week is c.Week(asOf): it starts on c's first weekday and is cut in
// asOf's location, so pass asOf in the portal's location
// (sales.Dataset.Location). It holds the whole week, so a deal expected
// earlier in the week, before asOf, still counts: it is due this week and
// not yet closed. A deal is open as in Weighted; open deals without an
// expected close date are in no week and counted in NoCloseDate.
//
// Results over two halves of a portal's deals merge with Merge.
// ClosingThisWeek fails on a zero asOf and on an invalid calendar.
func ClosingThisWeek(ds *sales.Dataset, asOf time.Time, c sales.Calendar) (WeekClosing, error) {
	if err := checkAsOf(asOf); err != nil {
		return WeekClosing{}, fmt.Errorf("forecast: closing this week: %w", err)
	}
	if err := c.Validate(); err != nil {
		return WeekClosing{}, fmt.Errorf("forecast: closing this week: %w", err)
	}
	week := c.Week(asOf)
	r := WeekClosing{AsOf: asOf, Week: week, Currency: ds.Currency()}
	g := newGrid(ds, Horizon{Period: week, Unit: sales.UnitWeek, Calendar: c})
	at, span := sales.InstantOf(asOf), sales.SpanOf(week)
	for i := range ds.Deals {
		switch slot, expected, st := g.st.openAt(ds, i, at); {
		case st == standUnknown:
			r.UnknownStage.AddDeal(ds, i)
		case st == standNotYet:
			r.NotYetCreated++
		case st != standOpen:
		case expected == sales.NoInstant:
			r.NoCloseDate++
		case span.Contains(expected):
			g.add(i, slot, expected)
		}
	}
	stages := make([]slotSum, g.st.len())
	rows := g.weightedRows(stages, &r.BadProbability)
	r.Reps = make([]ClosingRow, len(rows))
	for k, row := range rows {
		r.Reps[k] = ClosingRow{Owner: row.Owner, Name: row.Name, Cell: row.Total}
	}
	r.Team = closingTeam(r.Reps)
	return r, nil
}

func closingTeam(rows []ClosingRow) ClosingRow {
	team := ClosingRow{Name: "team"}
	for _, row := range rows {
		team.Cell.Merge(row.Cell)
	}
	return team
}

// Merge adds the deals of o, computed over other deals of the same portal
// at the same asOf and week, to r. It fails when asOf, the week or the
// currency differ.
func (r *WeekClosing) Merge(o WeekClosing) error {
	if !r.AsOf.Equal(o.AsOf) || !samePeriod(r.Week, o.Week) || r.Currency != o.Currency {
		return fmt.Errorf("forecast: merge closing this week: week %s in %q and %s in %q differ",
			r.Week, r.Currency, o.Week, o.Currency)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *ClosingRow) sales.OwnerID { return x.Owner },
		func(dst, src *ClosingRow) { dst.Cell.Merge(src.Cell) })
	r.Team = closingTeam(r.Reps)
	r.UnknownStage.Merge(o.UnknownStage)
	r.BadProbability.Merge(o.BadProbability)
	r.NotYetCreated += o.NotYetCreated
	r.NoCloseDate += o.NoCloseDate
	return nil
}
