package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

// loadedResult is what the comparison with the data loaded found.
type loadedResult struct {
	agreed    bool
	catalogue catalogueTimes
	reportNS  map[string][2]float64 // id -> library, duckdb median ns
}

// reportLine is one report's line of the comparison.
type reportLine struct {
	id       string
	library  time.Duration
	duckdb   time.Duration // 0 without a query
	rows     int
	verdict  string
	mismatch string
}

// compareLoaded loads the table snapshot in dir into both engines, then
// computes each report in both, timing each o.runs times, and compares
// their rows.
func compareLoaded(ctx context.Context, o options, dir string, w io.Writer) (loadedResult, error) {
	var res loadedResult
	start := time.Now()
	recs, err := sales.ReadTables(dir)
	if err != nil {
		return res, err
	}
	ds, err := sales.NewDataset(recs)
	if err != nil {
		return res, err
	}
	libLoad := time.Since(start)

	start = time.Now()
	db, err := openDuck(ctx)
	if err != nil {
		return res, err
	}
	defer db.Close()
	if err := db.load(ctx, dir); err != nil {
		return res, err
	}
	duckLoad := time.Since(start)
	p, err := params(o)
	if err != nil {
		return res, err
	}
	if err := db.setParams(ctx, p, p.ProposalStage); err != nil {
		return res, err
	}
	fmt.Fprintf(w, "loaded: the library in %v (ReadTables and NewDataset), DuckDB in %v (COPY)\n",
		libLoad.Round(time.Millisecond), duckLoad.Round(time.Millisecond))
	// The data is loaded: let Go's collector finish with the garbage of
	// loading, so that its mark of the whole heap, gigabytes at a million
	// deals, is not timed as part of the first reports.
	runtime.GC()

	runs := o.runs
	if o.check {
		runs = 1
	}
	res.agreed = true
	res.reportNS = map[string][2]float64{}
	var lines []reportLine
	var queried []string
	for _, r := range catalog.All() {
		if !r.Computed() || (o.only != nil && !o.only[r.ID]) {
			continue
		}
		line := reportLine{id: r.ID}
		var out any
		line.library, err = median(runs, func() error {
			var err error
			out, err = r.Compute(ds, p)
			return err
		})
		if err != nil {
			return res, fmt.Errorf("%s: the library: %w", r.ID, err)
		}
		q, hasQuery := query(r.ID)
		sp, hasSpec := specs[r.ID]
		switch {
		case !hasQuery:
			line.verdict = "no query"
		case !hasSpec:
			return res, fmt.Errorf("%s: sql/%s.sql has no rows spec to compare it with", r.ID, r.ID)
		default:
			queried = append(queried, r.ID)
			var got [][]any
			line.duckdb, err = median(runs, func() error {
				var err error
				got, err = db.rows(ctx, q)
				return err
			})
			if err != nil {
				return res, fmt.Errorf("%s: DuckDB: %w", r.ID, err)
			}
			want, err := sp.rows(out)
			if err != nil {
				return res, err
			}
			line.rows = len(want)
			if d := diff(want, got, sp.ordered); d != "" {
				line.verdict, line.mismatch = "DIFFERENT", d
				res.agreed = false
			} else {
				line.verdict = "equal"
			}
		}
		res.reportNS[r.ID] = [2]float64{float64(line.library), float64(line.duckdb)}
		lines = append(lines, line)
	}

	res.catalogue.library, err = median(runs, func() error {
		for id, out := range catalog.Run(ds, p, 0) {
			if out.Error != "" && (o.only == nil || o.only[id]) {
				return fmt.Errorf("%s: %s", id, out.Error)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.catalogue.duckdb, err = median(runs, func() error {
		for _, id := range queried {
			q, _ := query(id)
			if _, err := db.rows(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	printLoaded(w, lines, res, len(queried), o.check)
	return res, nil
}

// median runs f n times and returns the median of its times.
func median(n int, f func() error) (time.Duration, error) {
	times := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

func printLoaded(w io.Writer, lines []reportLine, res loadedResult, queried int, check bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "report\tlibrary ms\tDuckDB ms\tratio\trows\tresult\t")
	equal := 0
	for _, l := range lines {
		duck, ratio := "-", "-"
		if l.duckdb > 0 {
			duck = ms(l.duckdb)
			ratio = fmt.Sprintf("%.3f", float64(l.library)/float64(l.duckdb))
		}
		if l.verdict == "equal" {
			equal++
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t\n", l.id, ms(l.library), duck, ratio, l.rows,
			l.verdict)
	}
	tw.Flush()
	for _, l := range lines {
		if l.mismatch != "" {
			fmt.Fprintf(w, "%s differs: %s\n", l.id, indent(l.mismatch))
		}
	}
	fmt.Fprintf(w, "%d of %d reports with a query give equal results\n", equal, queried)
	if check {
		return
	}
	c := res.catalogue
	fmt.Fprintf(w, "whole catalogue, data loaded: the library %s ms (every report, on every core), "+
		"DuckDB %s ms (its %d queries, one after the other, each on every core): ratio %.3f\n",
		ms(c.library), ms(c.duckdb), queried, float64(c.library)/float64(c.duckdb))
}

func ms(d time.Duration) string {
	v := float64(d) / 1e6
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }
