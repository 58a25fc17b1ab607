// Package board prints the catalogue's reports as the dashboard shows
// them: as text tables, grouped as the catalogue groups them, each headed
// by its id and title. The dashboard and the HubSpot reader both print
// with it.
package board

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

// Settings are the arguments every report takes its own from.
type Settings struct {
	AsOf     time.Time
	Period   sales.Period
	Unit     sales.Unit
	Calendar sales.Calendar
	Seed     uint64
	// ProposalStage is the stage that counts as a proposal (R37); TopN
	// how many products and customers the top-N reports list.
	ProposalStage sales.StageID
	TopN          int
}

// Run computes every report of the catalogue on ds, on every core.
func Run(ds *sales.Dataset, s Settings) map[string]catalog.Outcome {
	return catalog.Run(ds, newEnv(ds, s).params(), 0)
}

// WriteText prints the outcomes of Run as text, grouped as the catalogue
// groups reports.
func WriteText(w io.Writer, ds *sales.Dataset, s Settings, outs map[string]catalog.Outcome) {
	writeText(w, newEnv(ds, s), outs)
}

func newEnv(ds *sales.Dataset, s Settings) *env {
	return &env{ds: ds, asOf: s.AsOf, period: s.Period, unit: s.Unit, calendar: s.Calendar,
		seed: s.Seed, proposalStage: s.ProposalStage, topN: s.TopN}
}

// env is what every report runs on and is printed with.
type env struct {
	ds       *sales.Dataset
	asOf     time.Time
	period   sales.Period
	unit     sales.Unit
	calendar sales.Calendar
	seed     uint64
	// options of single reports
	proposalStage sales.StageID
	topN          int
}

// params returns the arguments the catalogue computes reports with.
func (e *env) params() catalog.Params {
	return catalog.Params{AsOf: e.asOf, Period: e.period, Unit: e.unit, Calendar: e.calendar,
		Seed: e.seed, ProposalStage: e.proposalStage, TopN: e.topN}
}

// report says how the dashboard prints one catalogue report as text.
type report struct {
	id   string
	text func(w io.Writer, e *env, result any)
}

var texts = map[string]func(io.Writer, *env, any){}

// register adds text renderings to the dashboard. It panics on an id the
// catalogue does not have, or one registered twice: both are mistakes in
// this program, found the first time it runs.
func register(rs ...report) {
	for _, r := range rs {
		if _, ok := catalog.ByID(r.id); !ok {
			panic("dashboard: report " + r.id + " is not in the catalogue")
		}
		if _, dup := texts[r.id]; dup {
			panic("dashboard: report " + r.id + " registered twice")
		}
		texts[r.id] = r.text
	}
}

// writeText prints every outcome as text, grouped as the catalogue groups
// reports.
func writeText(w io.Writer, e *env, outs map[string]catalog.Outcome) {
	for _, g := range catalog.Groups() {
		fmt.Fprintf(w, "\n%s\n%s\n", g.Title, strings.Repeat("=", len(g.Title)))
		for _, id := range g.IDs {
			o := outs[id]
			fmt.Fprintf(w, "\n%s  %s\n", id, o.Title)
			text, ok := texts[id]
			switch {
			case o.SameAs != "":
				fmt.Fprintf(w, "  same computation as %s (%s)\n", o.SameAs, outs[o.SameAs].Title)
			case o.Unavailable != "":
				fmt.Fprintf(w, "  not available: %s\n", o.Unavailable)
			case o.Error != "":
				fmt.Fprintf(w, "  error: %s\n", o.Error)
			case !ok:
				fmt.Fprintf(w, "  (no text form; see -json)\n")
			default:
				text(w, e, o.Result)
			}
		}
	}
}
