package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

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

// runAll computes every catalogue report on e, on every core.
func runAll(e *env) map[string]catalog.Outcome {
	return catalog.Run(e.ds, e.params(), 0)
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
