// Command bench measures the library against DuckDB on the same portal:
// it generates a demo portal of a given size, writes it as a table
// snapshot (one CSV file per table, see sales.WriteTables), loads those
// files into DuckDB and into the library, runs every report of the
// catalogue that SQL can express in both, and prints per report and for
// the whole catalogue each engine's time, their ratio and whether the two
// results are equal.
//
//	go run .                         # 100,000 deals
//	go run . -deals 1000000 -runs 3
//	go run . -sizes 100000,1000000   # and how time grows between the two
//	go run . -deals 2000 -check      # only whether the engines agree
//
// The queries are in sql/, one file per report id, over the tables of
// sql/schema.sql; they read the reports' parameters (the as-of instant,
// the period, the bucket unit) as DuckDB variables set by setParams.
//
// Two comparisons are made. With the data loaded: each engine has read
// the files already, and only the reports are timed. End to end: a fresh
// process per engine reads the files and computes every report, timed
// from the first read to the last result, and its peak resident memory is
// read from the operating system.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
	"github.com/salespilot/sales/internal/demo"
)

// options are the program's flags.
type options struct {
	deals int
	sizes []int
	seed  uint64
	runs  int
	dir   string
	only  map[string]bool
	check bool
	keep  bool
	child string
	// The reports' parameters, as the dashboard's flags of the same names
	// give them; params turns them into catalog.Params.
	asOf, period, unit, weekStart string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var sizes, only string
	fs.IntVar(&o.deals, "deals", 100_000, "deals in the demo portal")
	fs.StringVar(&sizes, "sizes", "", "comma-separated portal sizes to run one after the other, "+
		"with the growth in time between the first and the last (replaces -deals)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the demo portal")
	fs.IntVar(&o.runs, "runs", 3, "runs of each measurement; the median is shown")
	fs.StringVar(&o.dir, "dir", "", "folder for the table snapshot (default: a temporary one, "+
		"removed at the end)")
	fs.StringVar(&only, "only", "", "comma-separated report ids to compare (default: all)")
	fs.BoolVar(&o.check, "check", false, "compare the results once, with no timings; "+
		"exit 1 when they differ")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary table snapshot")
	fs.StringVar(&o.child, "child", "", "internal: run one engine end to end on -dir "+
		"(library or duckdb)")
	fs.StringVar(&o.asOf, "asof", "", "the instant reports look from, YYYY-MM-DD or RFC 3339 "+
		"(default: the demo's today)")
	fs.StringVar(&o.period, "period", "2026", "the period reports cover, as the dashboard's -period")
	fs.StringVar(&o.unit, "unit", "month", "the bucket of reports over time: day, week, month, "+
		"quarter or year")
	fs.StringVar(&o.weekStart, "week-start", "monday", "the first day of a week")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if sizes != "" {
		for _, f := range strings.Split(sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 || n > demo.MaxDeals {
				return o, fmt.Errorf("-sizes: %q is not a deal count in 1..%d", f, demo.MaxDeals)
			}
			o.sizes = append(o.sizes, n)
		}
	} else {
		if o.deals < 1 || o.deals > demo.MaxDeals {
			return o, fmt.Errorf("-deals %d outside 1..%d", o.deals, demo.MaxDeals)
		}
		o.sizes = []int{o.deals}
	}
	if o.runs < 1 {
		return o, fmt.Errorf("-runs %d: at least 1", o.runs)
	}
	if only != "" {
		o.only = map[string]bool{}
		for _, id := range strings.Split(only, ",") {
			id = strings.ToUpper(strings.TrimSpace(id))
			if _, ok := catalog.ByID(id); !ok {
				return o, fmt.Errorf("-only: %q is no report of the catalogue", id)
			}
			o.only[id] = true
		}
	}
	if o.child != "" && o.child != "library" && o.child != "duckdb" {
		return o, fmt.Errorf("-child %q: library or duckdb", o.child)
	}
	if o.child != "" && o.dir == "" {
		return o, errors.New("-child needs -dir")
	}
	if _, err := params(o); err != nil {
		return o, err
	}
	return o, nil
}

// paramFlags returns the flags that give a child process the same
// parameters.
func (o options) paramFlags() []string {
	return []string{"-asof", o.asOf, "-period", o.period, "-unit", o.unit, "-week-start", o.weekStart}
}

func main() {
	o, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	if o.child != "" {
		err = runChild(ctx, o, os.Stdout)
	} else {
		var ok bool
		ok, err = run(ctx, o, os.Stdout)
		if err == nil && !ok {
			fmt.Fprintln(os.Stderr, "bench: the engines' results differ")
			os.Exit(1)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// params are the reports' parameters on the demo portal: by default the
// dashboard's there, as of the demo's Today, over the year 2026, by month,
// weeks from Monday; -asof, -period, -unit and -week-start change them as
// the dashboard's flags do. The top-N reports list five, and R37's
// proposal stage is the demo's.
func params(o options) (catalog.Params, error) {
	o.period, o.unit, o.weekStart = cmp.Or(o.period, "2026"), cmp.Or(o.unit, "month"),
		cmp.Or(o.weekStart, "monday")
	loc := demo.Location()
	p := catalog.Params{AsOf: demo.Today(), Seed: 1, ProposalStage: demo.ProposalStage, TopN: 5}
	var err error
	if o.asOf != "" {
		if p.AsOf, err = sales.ParseInstant(o.asOf, loc); err != nil {
			return p, err
		}
	}
	if p.Unit, err = sales.ParseUnit(o.unit); err != nil {
		return p, err
	}
	if p.Unit > sales.UnitYear {
		return p, fmt.Errorf("-unit %s: the queries know calendar units only", o.unit)
	}
	found := false
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), o.weekStart) {
			p.Calendar.WeekStart, found = sales.WeekStartOf(d), true
		}
	}
	if !found {
		return p, fmt.Errorf("-week-start %q is not a weekday", o.weekStart)
	}
	if p.Period, err = sales.ParsePeriod(o.period, p.Calendar, loc); err != nil {
		return p, err
	}
	return p, nil
}

// run measures every size of o and reports whether the engines agreed on
// every report at every size.
func run(ctx context.Context, o options, w io.Writer) (bool, error) {
	agreed := true
	var sizes []sizeResult
	for _, n := range o.sizes {
		res, err := runSize(ctx, o, n, w)
		if err != nil {
			return false, err
		}
		agreed = agreed && res.agreed
		sizes = append(sizes, res)
	}
	if len(sizes) > 1 && !o.check {
		printGrowth(w, sizes)
	}
	return agreed, nil
}

// sizeResult is what one size measured.
type sizeResult struct {
	deals    int
	agreed   bool
	loaded   catalogueTimes
	e2e      [2]childResult // library, duckdb
	reportNS map[string][2]float64
}

// catalogueTimes are the whole catalogue's times with the data loaded.
type catalogueTimes struct{ library, duckdb time.Duration }

// runSize generates the portal of n deals, writes its table snapshot and
// compares the engines on it.
func runSize(ctx context.Context, o options, n int, w io.Writer) (sizeResult, error) {
	res := sizeResult{deals: n}
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sales-bench-")
		if err != nil {
			return res, err
		}
		dir = tmp
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
	} else if len(o.sizes) > 1 {
		dir = filepath.Join(dir, strconv.Itoa(n))
	}
	start := time.Now()
	recs, err := demo.Generate(demo.Options{Seed: o.seed, Deals: n})
	if err != nil {
		return res, err
	}
	if err := sales.WriteTables(dir, recs); err != nil {
		return res, err
	}
	recs = sales.Records{}
	size, err := folderSize(dir)
	if err != nil {
		return res, err
	}
	fmt.Fprintf(w, "== %d deals (seed %d): table snapshot of %s in %s, made in %v\n",
		n, o.seed, bytesText(size), dir, time.Since(start).Round(time.Millisecond))

	cmp, err := compareLoaded(ctx, o, dir, w)
	if err != nil {
		return res, err
	}
	res.agreed, res.loaded, res.reportNS = cmp.agreed, cmp.catalogue, cmp.reportNS
	if o.check {
		return res, nil
	}
	// Give the loaded engines' memory back before the processes that
	// measure theirs start: at a million deals each engine holds gigabytes.
	debug.FreeOSMemory()
	for i, engine := range []string{"library", "duckdb"} {
		r, err := runChildren(ctx, o, dir, engine)
		if err != nil {
			return res, err
		}
		res.e2e[i] = r
	}
	printEndToEnd(w, res)
	return res, nil
}

// folderSize adds up the sizes of the files in dir.
func folderSize(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return 0, err
		}
		total += info.Size()
	}
	return total, nil
}

// bytesText writes a size in MiB or GiB.
func bytesText(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
