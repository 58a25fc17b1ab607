package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/salespilot/sales"
)

// need is a kind of data a report cannot do without.
type need int

const (
	needActivities need = iota + 1
	needStageHistory
	needContacts
	needLineItems
	needTargets
	needCloseDateHistory
	needCompanies
)

var needText = map[need]string{
	needActivities:       "activities",
	needStageHistory:     "deal stage history",
	needContacts:         "contacts",
	needLineItems:        "line items",
	needTargets:          "targets",
	needCloseDateHistory: "history of expected close dates",
	needCompanies:        "companies",
}

// env is what every report runs on.
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

// has reports whether the dataset holds data of kind n.
func (e *env) has(n need) bool {
	ds := e.ds
	switch n {
	case needActivities:
		return len(ds.Activities) > 0
	case needContacts:
		return len(ds.Contacts) > 0
	case needLineItems:
		return len(ds.LineItems) > 0
	case needTargets:
		return len(ds.Targets) > 0
	case needCompanies:
		return len(ds.Companies) > 0
	case needStageHistory:
		for i := range ds.Deals {
			if len(ds.Deals[i].StageHistory) > 0 {
				return true
			}
		}
	case needCloseDateHistory:
		for i := range ds.Deals {
			if len(ds.Deals[i].CloseDateHistory) > 0 {
				return true
			}
		}
	}
	return false
}

// report is one catalogue report as the dashboard runs it.
type report struct {
	id    string
	needs []need
	// sameAs names the report whose result this one shares.
	sameAs string
	run    func(e *env) (any, error)
	text   func(w io.Writer, e *env, result any)
}

var reports = map[string]report{}

// register adds reports to the dashboard. It panics on an id the catalogue
// does not have, or one registered twice: both are mistakes in this
// program, found the first time it runs.
func register(rs ...report) {
	for _, r := range rs {
		if _, ok := titles[r.id]; !ok {
			panic("dashboard: report " + r.id + " is not in the catalogue")
		}
		if _, dup := reports[r.id]; dup {
			panic("dashboard: report " + r.id + " registered twice")
		}
		reports[r.id] = r
	}
}

// alias registers id as the same computation as another report.
func alias(id, of string) report { return report{id: id, sameAs: of} }

// outcome is what the dashboard has to say about one report.
type outcome struct {
	Title       string `json:"title"`
	Result      any    `json:"result,omitempty"`
	SameAs      string `json:"same_as,omitempty"`
	Unavailable string `json:"unavailable,omitempty"`
	Error       string `json:"error,omitempty"`
}

// runAll runs every catalogue report on e.
func runAll(e *env) map[string]outcome {
	out := make(map[string]outcome, len(titles))
	for id, title := range titles {
		out[id] = runOne(e, id, title)
	}
	return out
}

func runOne(e *env, id, title string) outcome {
	o := outcome{Title: title}
	r, ok := reports[id]
	switch {
	case !ok:
		o.Unavailable = "not yet available in this library"
		return o
	case r.sameAs != "":
		o.SameAs = r.sameAs
		return o
	}
	var missing []string
	for _, n := range r.needs {
		if !e.has(n) {
			missing = append(missing, needText[n])
		}
	}
	if len(missing) > 0 {
		o.Unavailable = "the data has no " + strings.Join(missing, ", no ")
		return o
	}
	res, err := r.run(e)
	if err != nil {
		o.Error = err.Error()
		return o
	}
	o.Result = res
	return o
}

// writeText prints every outcome as text, grouped as the catalogue groups
// reports.
func writeText(w io.Writer, e *env, outs map[string]outcome) {
	for _, g := range catalogue {
		fmt.Fprintf(w, "\n%s\n%s\n", g.title, strings.Repeat("=", len(g.title)))
		for _, id := range g.ids {
			o := outs[id]
			fmt.Fprintf(w, "\n%s  %s\n", id, o.Title)
			switch {
			case o.SameAs != "":
				fmt.Fprintf(w, "  same computation as %s (%s)\n", o.SameAs, titles[o.SameAs])
			case o.Unavailable != "":
				fmt.Fprintf(w, "  not available: %s\n", o.Unavailable)
			case o.Error != "":
				fmt.Fprintf(w, "  error: %s\n", o.Error)
			default:
				reports[id].text(w, e, o.Result)
			}
		}
	}
}

// availableIDs lists the ids the dashboard can compute, sorted.
func availableIDs() []string {
	ids := make([]string, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
