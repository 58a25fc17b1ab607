// Package board prints the catalogue's reports as the dashboard shows
// them: as text tables, grouped as the catalogue groups them, each headed
// by its id and title. The dashboard and the HubSpot reader both print
// with it.
package board

import (
	"fmt"
	"io"
	"strings"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

// WriteText prints the outcomes of catalog.Run over ds with p as text,
// grouped as the catalogue groups reports.
func WriteText(w io.Writer, ds *sales.Dataset, p catalog.Params, outs map[string]catalog.Outcome) {
	writeText(w, &env{ds: ds, Params: p}, outs)
}

// env is what every report runs on and is printed with.
type env struct {
	ds *sales.Dataset
	catalog.Params
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
