// Command dashboard computes every report of the catalogue on one portal
// and prints them, as text tables grouped as the catalogue groups them, or
// as one JSON object keyed by catalogue id.
//
// By default it runs on the built-in demo portal, as of the demo's own
// "today". Flags read other data:
//
//	go run ./examples/dashboard                      # the demo portal
//	go run ./examples/dashboard -json                # the same, as JSON
//	go run ./examples/dashboard -maven ../shared/data/maven-crm-sales-opportunities
//	go run ./examples/dashboard -asof 2026-06-30 -period 2026-Q2
//	go run ./examples/dashboard -snapshot portal.json  # a snapshot, as examples/hubspot saves
//	go run ./examples/dashboard -hubspot-export DIR    # HubSpot CSV exports and pipelines.json
//	go run ./examples/dashboard -tables DIR            # a table snapshot (see sales.ReadTables)
//
// Run it with -h for every flag.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/board"
	"github.com/salespilot/sales/internal/catalog"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "dashboard:", err)
		os.Exit(1)
	}
}

// options are the dashboard's flags.
type options struct {
	json      bool
	asOf      string
	period    string
	unit      string
	weekStart string
	seed      uint64
	deals     int
	maven     string
	snapshot  string
	save      string
	hsExport  string
	tables    string
	saveTabs  string
	proposal  string
	topN      int
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("dashboard", flag.ContinueOnError)
	fs.BoolVar(&o.json, "json", false, "print one JSON object keyed by catalogue id")
	fs.StringVar(&o.asOf, "asof", "", "the moment reports look from: YYYY-MM-DD (start of that day in "+
		"the portal's time zone) or RFC 3339; default: the demo's today, or just after the data's last day")
	fs.StringVar(&o.period, "period", "", "the span reports cover: 2024, 2024-Q1, 2024-03, 2024-03-05, "+
		"2024-W05, FY2025 or 2024-01-01..2024-04-01; default: the calendar year of asof")
	fs.StringVar(&o.unit, "unit", "month", "bucket of reports over time: day, week, month, quarter, year, fiscal-quarter, fiscal-year")
	fs.StringVar(&o.weekStart, "week-start", "monday", "first day of a week")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the demo portal and of simulations")
	fs.IntVar(&o.deals, "deals", 5000, "size of the demo portal, in deals")
	fs.StringVar(&o.maven, "maven", "", "read the Maven CRM data set from this folder instead of the demo")
	fs.StringVar(&o.snapshot, "snapshot", "", "read a snapshot file (see sales.ReadSnapshot) instead of the demo")
	fs.StringVar(&o.save, "save", "", "also write the portal's records to this snapshot file")
	fs.StringVar(&o.hsExport, "hubspot-export", "", "read a folder of HubSpot CSV exports with its "+
		"pipelines.json (and optional owners.json, account.json) instead of the demo")
	fs.StringVar(&o.tables, "tables", "", "read a table snapshot folder (see sales.ReadTables) "+
		"instead of the demo")
	fs.StringVar(&o.saveTabs, "save-tables", "", "also write the portal's records to this folder "+
		"as a table snapshot")
	fs.StringVar(&o.proposal, "proposal-stage", "", "stage id that counts as a proposal (R37)")
	fs.IntVar(&o.topN, "top", 5, "how many products and customers the top-N reports list")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	var sources []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "maven", "snapshot", "hubspot-export", "tables":
			sources = append(sources, "-"+f.Name)
			if f.Value.String() == "" {
				err = fmt.Errorf("-%s needs a path", f.Name)
			}
		}
	})
	if len(sources) > 1 {
		err = fmt.Errorf("%s each name a data source: give one", strings.Join(sources, " and "))
	}
	if err == nil {
		err = checkSizes(fs, o, sources)
	}
	return o, err
}

// checkSizes refuses sizes the reports cannot use, before any data is
// read: a demo of no deals, a demo size given with another data source
// (it would be ignored), and a negative top-N.
func checkSizes(fs *flag.FlagSet, o options, sources []string) error {
	dealsSet := false
	fs.Visit(func(f *flag.Flag) { dealsSet = dealsSet || f.Name == "deals" })
	switch {
	case o.deals < 1:
		return fmt.Errorf("-deals %d: the demo portal needs at least 1 deal", o.deals)
	case dealsSet && len(sources) > 0:
		return fmt.Errorf("-deals sizes the demo portal, which %s replaces", sources[0])
	case o.topN < 0:
		return fmt.Errorf("-top %d: not a count", o.topN)
	}
	return nil
}

// The years -asof and -period may fall in. Reports count days and months
// between dates as integers of nanoseconds, which hold about 292 years
// either side of 1970, so dates far outside the data would give figures
// that mean nothing; a year outside this range is refused as a typo.
const (
	minYear = 1000
	maxYear = 9000
)

// maxBuckets is the most buckets the dashboard cuts a period into: the
// reports over time print a row per bucket and per owner. maxDays bounds
// the period itself, as call time per day (R04) cuts it into days whatever
// the unit.
const (
	maxBuckets = 10_000
	maxDays    = 36_525
)

// bucketsAbout is about how many buckets of u cover p, from its length in
// days: within a bucket or two of the true count.
func bucketsAbout(u sales.Unit, p sales.Period) int64 {
	days := float64(p.End.Unix()-p.Start.Unix()) / 86400 // Unix seconds never overflow here
	if days < 0 {
		return 0
	}
	per := map[sales.Unit]float64{sales.UnitDay: 1, sales.UnitWeek: 7, sales.UnitMonth: 30.44,
		sales.UnitQuarter: 91.31, sales.UnitFiscalQuarter: 91.31}[u]
	if per == 0 {
		per = 365.25 // years, fiscal or not
	}
	return int64(math.Ceil(days / per))
}

// checkYear refuses an instant outside minYear..maxYear, naming the flag.
func checkYear(flagName string, t time.Time) error {
	if y := t.Year(); y < minYear || y > maxYear {
		return fmt.Errorf("-%s: year %d outside %d..%d", flagName, y, minYear, maxYear)
	}
	return nil
}

func run(args []string, w io.Writer) error {
	o, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	src, err := load(o)
	if err != nil {
		return err
	}
	ds, err := sales.NewDataset(src.records)
	if err != nil {
		return err
	}
	e, err := newEnv(o, ds, src)
	if err != nil {
		return err
	}
	// Files are written only once every flag has been accepted.
	if o.save != "" {
		if err := saveSnapshot(o.save, src.records); err != nil {
			return err
		}
	}
	if o.saveTabs != "" {
		if err := sales.WriteTables(o.saveTabs, src.records); err != nil {
			return err
		}
	}
	if n := wonAfter(ds, e); n > 0 {
		src.notes = append(src.notes, fmt.Sprintf("%d deal(s) won at or after the as-of instant and "+
			"within the period count in the reports of the period (R09-R11, R22, R23, R31, "+
			"R41-R44...); R34 stops at the as-of instant, to compare the year so far with "+
			"the same span a year earlier", n))
	}
	outs := catalog.Run(ds, e, 0)
	problems := ds.Validate()
	if o.json {
		return writeJSON(w, ds, e, src, problems, outs)
	}
	writeHeader(w, ds, e, src, problems)
	board.WriteText(w, ds, e, outs)
	return nil
}

func newEnv(o options, ds *sales.Dataset, src source) (catalog.Params, error) {
	ws, err := parseWeekStart(o.weekStart)
	if err != nil {
		return catalog.Params{}, err
	}
	unit, err := sales.ParseUnit(o.unit)
	if err != nil {
		return catalog.Params{}, err
	}
	e := catalog.Params{Unit: unit, Calendar: sales.Calendar{WeekStart: ws}, Seed: o.seed,
		ProposalStage: sales.StageID(o.proposal), TopN: o.topN}
	loc := ds.Location()
	e.AsOf = src.asOf
	if e.AsOf.IsZero() {
		e.AsOf = afterLastDay(ds)
	}
	if o.asOf != "" {
		if e.AsOf, err = sales.ParseInstant(o.asOf, loc); err != nil {
			return e, err
		}
	}
	switch {
	case e.AsOf.IsZero() && o.asOf != "":
		return e, fmt.Errorf("asof %q is the zero time", o.asOf)
	case e.AsOf.IsZero():
		return e, errors.New("the data holds no date to take asof from: give -asof")
	}
	if err := checkYear("asof", e.AsOf); err != nil {
		return e, err
	}
	e.Period = sales.Year(e.AsOf.Add(-time.Nanosecond).In(loc).Year(), loc)
	if o.period != "" {
		if e.Period, err = sales.ParsePeriod(o.period, e.Calendar, loc); err != nil {
			return e, err
		}
		if !e.Period.End.After(e.Period.Start) {
			return e, fmt.Errorf("-period %s is empty: it ends where it starts", o.period)
		}
	}
	// The default period too: the year before an -asof of 1000-01-01 is
	// 999.
	name := "period"
	if o.period == "" {
		name = "period (not given: the default, from -asof)"
	}
	if err := checkYear(name, e.Period.Start); err != nil {
		return e, err
	}
	if err := checkYear(name, e.Period.End.Add(-time.Nanosecond)); err != nil {
		return e, err
	}
	if days := bucketsAbout(sales.UnitDay, e.Period); days > maxDays {
		return e, fmt.Errorf("-period %s is about %d days long, more than the %d (a century) "+
			"the reports by day can show", e.Period, days, maxDays)
	}
	if n := bucketsAbout(e.Unit, e.Period); n > maxBuckets {
		return e, fmt.Errorf("-period %s by %s makes about %d buckets, more than the %d "+
			"a table can show: choose a larger -unit or a shorter -period", e.Period, e.Unit, n,
			maxBuckets)
	}
	return e, nil
}

func parseWeekStart(s string) (sales.WeekStart, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if equalFold(d.String(), s) {
			return sales.WeekStartOf(d), nil
		}
	}
	return 0, fmt.Errorf("week start %q is not a weekday", s)
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

func writeHeader(w io.Writer, ds *sales.Dataset, e catalog.Params, src source, problems error) {
	fmt.Fprintf(w, "Sales dashboard: %s\n", src.name)
	fmt.Fprintf(w, "  %d deals, %d contacts, %d companies, %d activities, %d owners, %d pipelines\n",
		len(ds.Deals), len(ds.Contacts), len(ds.Companies), len(ds.Activities),
		len(ds.Owners), len(ds.Pipelines))
	fmt.Fprintf(w, "  as of %s; period %s; buckets by %s; time zone %s; values in %s\n",
		e.AsOf.Format("2006-01-02 15:04 MST"), e.Period, e.Unit, ds.Location(), ds.Currency())
	for _, n := range src.notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	var verr *sales.ValidationError
	if errors.As(problems, &verr) {
		fmt.Fprintf(w, "  validation: %d problem(s) in the records; each report notes the records "+
			"it could not use. First:\n", len(verr.Problems))
		for i, p := range verr.Problems {
			if i == 5 {
				break
			}
			fmt.Fprintf(w, "    %s\n", p.Error())
		}
	}
}

// meta is the JSON object that describes the run.
type meta struct {
	Source    string          `json:"source"`
	AsOf      time.Time       `json:"as_of"`
	Period    sales.Period    `json:"period"`
	Unit      sales.Unit      `json:"unit"`
	TimeZone  string          `json:"time_zone"`
	Currency  sales.Currency  `json:"currency"`
	Notes     []string        `json:"notes,omitempty"`
	Problems  int             `json:"problems"`
	FirstOnes []sales.Problem `json:"first_problems,omitempty"`
}

func writeJSON(w io.Writer, ds *sales.Dataset, e catalog.Params, src source, problems error,
	outs map[string]catalog.Outcome) error {
	m := meta{Source: src.name, AsOf: e.AsOf, Period: e.Period, Unit: e.Unit,
		TimeZone: ds.Location().String(), Currency: ds.Currency(), Notes: src.notes}
	var verr *sales.ValidationError
	if errors.As(problems, &verr) {
		m.Problems = len(verr.Problems)
		m.FirstOnes = verr.Problems[:min(20, len(verr.Problems))]
	}
	doc := make(map[string]any, len(outs)+1)
	for id, o := range outs {
		doc[id] = o
	}
	doc["meta"] = m
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
