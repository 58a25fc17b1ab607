// Command beam computes the additive reports of the catalogue as an
// Apache Beam pipeline, over a portal's records spread over shard files,
// and writes them as one JSON object keyed by catalogue id, as
// examples/dashboard -json does.
//
// Each shard is read by a worker, which computes every additive report
// over its records (the library's partial results, see sales.Partial);
// a combiner merges the partial results with each result's Merge; the
// merged results are written as JSON. The reports that do not merge
// (medians, quantiles, alerts) are listed as unavailable: run
// examples/dashboard for them.
//
// By default it writes the demo portal's shards into a temporary folder
// and runs the pipeline on Beam's Prism runner, in this process:
//
//	go run .                                  # demo portal, 8 shards, JSON on stdout
//	go run . -deals 20000 -shards 16 -out reports.json
//	go run . -snapshot portal.json -write shards/   # write a portal's shards, and stop
//	go run . -input shards/ -asof 2026-06-30 -period 2026-Q2
//
// Beam's own flags choose another runner; see README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
	"github.com/salespilot/sales/internal/demo"
)

// options are the program's flags; Beam's flags (-runner and those of
// each runner) live beside them on the command line.
type options struct {
	seed     uint64
	deals    int
	snapshot string
	maven    string
	shards   int
	write    string
	input    string
	out      string
	verbose  bool
	report   Flags
}

func defineFlags(fs *flag.FlagSet) *options {
	o := &options{}
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the demo portal")
	fs.IntVar(&o.deals, "deals", 5000, "size of the demo portal, in deals")
	fs.StringVar(&o.snapshot, "snapshot", "",
		"read a snapshot file (see sales.ReadSnapshot) instead of the demo")
	fs.StringVar(&o.maven, "maven", "",
		"read the Maven CRM data set from this folder instead of the demo")
	fs.IntVar(&o.shards, "shards", 8, "how many shard files to spread the portal over")
	fs.StringVar(&o.write, "write", "",
		"write the portal's header and shards to this folder (or URL), and stop")
	fs.StringVar(&o.input, "input", "", "run on the header and shards in this folder "+
		"(or URL), written by -write; default: write the portal's shards to a temporary "+
		"folder and run on them")
	fs.StringVar(&o.out, "out", "", "write the JSON to this file (or URL); default: "+
		"standard output, for a runner in this process")
	fs.BoolVar(&o.verbose, "v", false, "let Beam log at level info")
	fs.StringVar(&o.report.AsOf, "asof", "", "the moment reports look from: YYYY-MM-DD "+
		"(start of that day in the portal's time zone) or RFC 3339; default: the demo's "+
		"today, or just after the data's last day")
	fs.StringVar(&o.report.Period, "period", "", "the span reports cover: 2024, 2024-Q1, "+
		"2024-03, 2024-03-05, 2024-W05, FY2025 or 2024-01-01..2024-04-01; default: the "+
		"calendar year of asof")
	fs.StringVar(&o.report.Unit, "unit", "month",
		"bucket of reports over time: day, week, month, quarter, year")
	fs.StringVar(&o.report.WeekStart, "week-start", "monday", "first day of a week")
	fs.IntVar(&o.report.Top, "top", 5, "how many products and customers the top-N reports list")
	fs.StringVar(&o.report.Proposal, "proposal-stage", "",
		"stage id that counts as a proposal (R37)")
	return o
}

func main() {
	o := defineFlags(flag.CommandLine)
	flag.Parse()
	if !o.verbose {
		beamlog.LogLevel = "warn"
	}
	beam.Init() // a worker that a runner starts from this program goes no further
	if err := run(context.Background(), o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

// run writes the shards the options ask for, runs the pipeline on them
// and copies the JSON to stdout when no -out file was named.
func run(ctx context.Context, o *options, stdout, stderr io.Writer) error {
	if err := o.check(); err != nil {
		return err
	}
	input := o.input
	if input == "" {
		dir := o.write
		if dir == "" {
			tmp, err := os.MkdirTemp("", "sales-shards-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		}
		if err := writePortal(ctx, o, dir, stderr); err != nil {
			return err
		}
		if o.write != "" {
			return nil
		}
		input = dir
	}
	return runPipeline(ctx, o, input, stdout)
}

// check rejects options that contradict each other.
func (o *options) check() error {
	var sources []string
	if o.snapshot != "" {
		sources = append(sources, "-snapshot")
	}
	if o.maven != "" {
		sources = append(sources, "-maven")
	}
	if o.input != "" {
		sources = append(sources, "-input")
	}
	switch {
	case len(sources) > 1:
		return fmt.Errorf("%s each name a data source: give one", strings.Join(sources, " and "))
	case o.input != "" && o.write != "":
		return errors.New("-input reads shards and -write writes them: give one")
	case o.shards < 1:
		return fmt.Errorf("-shards %d: want at least 1", o.shards)
	}
	return nil
}

// writePortal loads the portal the options name and writes its shards to
// dir.
func writePortal(ctx context.Context, o *options, dir string, stderr io.Writer) error {
	recs, h, err := load(o)
	if err != nil {
		return err
	}
	lines, err := writeShards(ctx, dir, recs, h, o.shards)
	if err != nil {
		return fmt.Errorf("write shards to %s: %w", dir, err)
	}
	if o.write != "" {
		fmt.Fprintf(stderr, "wrote %s: %d shards of %v records, and %s\n",
			dir, len(lines), lines, headerName)
	}
	return nil
}

// load reads the portal the options name, with its header's source and
// asOf.
func load(o *options) (sales.Records, Header, error) {
	switch {
	case o.snapshot != "":
		f, err := os.Open(o.snapshot)
		if err != nil {
			return sales.Records{}, Header{}, err
		}
		defer f.Close()
		recs, err := sales.ReadSnapshot(f)
		if err != nil {
			return sales.Records{}, Header{}, err
		}
		return withLastDay(recs, "snapshot "+o.snapshot)
	case o.maven != "":
		recs, _, err := maven.Load(o.maven)
		if err != nil {
			return sales.Records{}, Header{}, err
		}
		return withLastDay(recs, "Maven CRM sales opportunities, "+o.maven)
	}
	recs, err := demo.Generate(demo.Options{Seed: o.seed, Deals: o.deals})
	if err != nil {
		return sales.Records{}, Header{}, err
	}
	h := Header{Source: fmt.Sprintf("demo portal (seed %d, %d deals)", o.seed, len(recs.Deals)),
		AsOf: demo.Today()}
	return recs, h, nil
}

// withLastDay returns the records with a header whose asOf is just after
// the data's last day, as the dashboard takes it.
func withLastDay(recs sales.Records, source string) (sales.Records, Header, error) {
	ds, err := sales.NewDataset(recs)
	if err != nil {
		return sales.Records{}, Header{}, err
	}
	return recs, Header{Source: source, AsOf: afterLastDay(ds)}, nil
}

// afterLastDay returns the start of the day after the last date the
// records hold (creation dates, close dates of closed deals, activities
// other than meetings, which may be planned ahead), or the zero time.
func afterLastDay(ds *sales.Dataset) time.Time {
	var last time.Time
	see := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	for i := range ds.Deals {
		see(ds.Deals[i].Created)
		if ds.DealKind(i).Closed() {
			see(ds.Deals[i].CloseDate)
		}
	}
	for i := range ds.Contacts {
		see(ds.Contacts[i].Created)
	}
	for i := range ds.Activities {
		if ds.Activities[i].Type != sales.ActivityMeeting {
			see(ds.Activities[i].Time)
		}
	}
	if last.IsZero() {
		return last
	}
	l := last.In(ds.Location())
	return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, ds.Location())
}

// runPipeline runs the pipeline on the shards in input.
func runPipeline(ctx context.Context, o *options, input string, stdout io.Writer) error {
	h, err := readHeader(ctx, input)
	if err != nil {
		return fmt.Errorf("%s: %w", input, err)
	}
	st, err := resolve(o.report, h)
	if err != nil {
		return err
	}
	out := o.out
	if out == "" {
		if !localRunner() {
			return errors.New("a runner outside this process needs -out")
		}
		tmp, err := os.MkdirTemp("", "sales-reports-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = filepath.Join(tmp, "reports.json")
	}

	p, s := beam.NewPipelineWithRoot()
	build(s, input, out, st)
	if err := beamx.Run(ctx, p); err != nil {
		return err
	}
	if o.out != "" {
		return nil
	}
	f, err := os.Open(out)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(stdout, f)
	return err
}

// localRunner reports whether the runner Beam's -runner flag names runs
// in this process, where a local temporary file is reachable.
func localRunner() bool {
	f := flag.Lookup("runner")
	if f == nil {
		return true
	}
	switch f.Value.String() {
	case "", "prism", "direct":
		return true
	}
	return false
}
