// Package catalog lists every report of the catalogue with how to compute
// it, so that the programs that compute them all (the dashboard, the
// benchmarks, the side-by-side comparison with SQL) share one list.
package catalog

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/salespilot/sales"
)

// Params are the arguments every report takes its own from.
type Params struct {
	AsOf     time.Time
	Period   sales.Period
	Unit     sales.Unit
	Calendar sales.Calendar
	// Seed seeds the simulations (B02).
	Seed uint64
	// ProposalStage is the stage that counts as a proposal (R37); empty
	// means the demo portal's, when the portal has it.
	ProposalStage sales.StageID
	// TopN is how many products and customers the top-N reports list.
	TopN int
}

// Report is one report of the catalogue.
type Report struct {
	ID    string
	Title string
	// Needs lists the kinds of data the report cannot do without.
	Needs []Need
	// SameAs names the report whose computation this one is, for the ids
	// the catalogue lists as equal.
	SameAs string

	key string // reports with one key share one computation
	run func(ds *sales.Dataset, p Params) (any, error)
}

// Computed reports whether the library computes the report itself, rather
// than through the report it is the same as.
func (r Report) Computed() bool { return r.run != nil }

// Compute computes the report alone on ds. A report that is the same as
// another (SameAs) has no computation of its own: Compute returns an
// error naming the one to compute instead.
func (r Report) Compute(ds *sales.Dataset, p Params) (any, error) {
	if r.run == nil {
		return nil, fmt.Errorf("%s is computed as %s", r.ID, r.SameAs)
	}
	return safeRun(r, ds, p)
}

// Outcome is what came of one report: its result, the report it is the
// same as, why it is unavailable on the data, or the error it failed with.
type Outcome struct {
	Title       string `json:"title"`
	Result      any    `json:"result,omitempty"`
	SameAs      string `json:"same_as,omitempty"`
	Unavailable string `json:"unavailable,omitempty"`
	Error       string `json:"error,omitempty"`
}

// Run computes every report of the catalogue on ds, spreading the work
// over workers goroutines (GOMAXPROCS when workers is 0 or less). Reports
// that share a computation run it once. Each report is pure, so the
// outcome is the same whatever the number of workers.
func Run(ds *sales.Dataset, p Params, workers int) map[string]Outcome {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	has := Available(ds)
	out := make(map[string]Outcome, len(reports))
	jobs := map[string][]string{} // computation key -> ids
	var order []string
	for _, r := range reports {
		o := Outcome{Title: r.Title, SameAs: r.SameAs}
		if missing := has.missing(r.Needs); missing != "" {
			o.Unavailable = "the data has no " + missing
		} else if r.run != nil {
			if _, seen := jobs[r.key]; !seen {
				order = append(order, r.key)
			}
			jobs[r.key] = append(jobs[r.key], r.ID)
		}
		out[r.ID] = o
	}
	results := compute(ds, p, order, jobs, workers)
	for key, ids := range jobs {
		for _, id := range ids {
			o := out[id]
			var u unavailable
			if err := results[key].err; errors.As(err, &u) {
				o.Unavailable = string(u)
			} else if err != nil {
				o.Error = err.Error()
			} else {
				o.Result = results[key].value
			}
			out[id] = o
		}
	}
	return out
}

// unavailable is the error of a report that the data cannot support for
// a reason its needs do not name; it says what is lacking, as in "the
// data has no ...".
type unavailable string

func (u unavailable) Error() string { return string(u) }

type computed struct {
	value any
	err   error
}

// compute runs each distinct computation once, on workers goroutines.
func compute(ds *sales.Dataset, p Params, order []string, jobs map[string][]string,
	workers int) map[string]computed {
	results := make(map[string]computed, len(order))
	var mu sync.Mutex
	queue := make(chan string)
	var wg sync.WaitGroup
	for range min(workers, len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for key := range queue {
				r := byID[jobs[key][0]]
				v, err := safeRun(r, ds, p)
				mu.Lock()
				results[key] = computed{v, err}
				mu.Unlock()
			}
		}()
	}
	for _, key := range order {
		queue <- key
	}
	close(queue)
	wg.Wait()
	return results
}

// safeRun runs one report, turning a panic, which would be a bug in the
// library, into an error naming the report, so that one bug does not
// take every other report down with it.
func safeRun(r Report, ds *sales.Dataset, p Params) (v any, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%s panicked: %v", r.ID, x)
		}
	}()
	return r.run(ds, p)
}

// All returns every report in the catalogue's order.
func All() []Report { return append([]Report(nil), reports...) }

// ByID returns the report with the given id.
func ByID(id string) (Report, bool) {
	r, ok := byID[id]
	return r, ok
}

// Group is a heading of the catalogue and the ids under it.
type Group struct {
	Title string
	IDs   []string
}

// Groups returns the catalogue's headings in order.
func Groups() []Group { return append([]Group(nil), groups...) }
