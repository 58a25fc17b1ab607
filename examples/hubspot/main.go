// Command hubspot reads a HubSpot portal through HubSpot's CRM API, saves
// it to a snapshot file so that the reports can be rerun offline, and
// prints what it read and every report of the catalogue, as the dashboard
// prints them, seen from now over the current calendar year by month
// (-asof moves the instant; -reports=false prints the summary only).
//
// The access token (a private app's, or an OAuth access token) is read
// from the environment variable HUBSPOT_TOKEN, never from a flag, so that
// it stays out of shell histories and process lists:
//
//	HUBSPOT_TOKEN=pat-... go run ./examples/hubspot -snapshot portal.json
//	go run ./examples/dashboard -snapshot portal.json
//
// The private app needs the read scopes of the objects it reads:
// crm.objects.deals.read, crm.objects.contacts.read (which covers calls,
// emails, meetings, notes and tasks), crm.objects.companies.read,
// crm.objects.owners.read, crm.objects.line_items.read,
// crm.objects.products.read, and, for the optional parts,
// crm.objects.goals.read and settings.currencies.read.
//
// Progress goes to standard error; run it with -h for every flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
	_ "time/tzdata" // a portal's zone must load where the system has no zoneinfo

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/board"
	"github.com/salespilot/sales/internal/catalog"
	"github.com/salespilot/sales/kpi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv("HUBSPOT_TOKEN"), os.Stdout, os.Stderr); err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "hubspot: ") {
			msg = "hubspot: " + msg
		}
		fmt.Fprintln(os.Stderr, msg)
		os.Exit(1)
	}
}

// options are the program's flags.
type options struct {
	baseURL  string
	snapshot string
	archived bool
	timeZone string
	region   string
	rate     int
	quiet    bool
	reports  bool
	asOf     string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("hubspot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.baseURL, "base-url", hubspot.DefaultBaseURL, "the API's base URL")
	fs.StringVar(&o.snapshot, "snapshot", "hubspot-snapshot.json", "the snapshot file to write")
	fs.BoolVar(&o.archived, "archived", false, "also read archived (deleted) records")
	fs.StringVar(&o.timeZone, "tz", "", "the portal's time zone, instead of the account's")
	fs.StringVar(&o.region, "region-property", "", "a deal and company property holding regions")
	fs.IntVar(&o.rate, "rate", hubspot.DefaultRequestsPer10s, "requests per 10 seconds at most")
	fs.BoolVar(&o.quiet, "quiet", false, "print no progress")
	fs.BoolVar(&o.reports, "reports", true, "print every report after the summary")
	fs.StringVar(&o.asOf, "asof", "", "the instant reports look from, YYYY-MM-DD or RFC 3339 "+
		"(default now)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return o, nil
}

func run(ctx context.Context, args []string, token string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("set HUBSPOT_TOKEN to a private app's access token")
	}
	c, err := hubspot.NewClient(token, hubspot.WithBaseURL(o.baseURL),
		hubspot.WithRateLimit(o.rate, 10*time.Second))
	if err != nil {
		return err
	}
	opt := hubspot.ReadOptions{TimeZone: o.timeZone, IncludeArchived: o.archived,
		Properties: hubspot.PropertyNames{DealRegion: o.region, CompanyRegion: o.region}}
	if !o.quiet {
		opt.Progress = progress(stderr)
	}
	recs, rep, err := c.ReadPortal(ctx, opt)
	if err != nil {
		return err
	}
	if err := save(o.snapshot, recs); err != nil {
		return err
	}
	ds, err := sales.NewDataset(recs)
	if err != nil {
		return err
	}
	asOf := time.Now().In(ds.Location())
	if o.asOf != "" {
		if asOf, err = sales.ParseInstant(o.asOf, ds.Location()); err != nil {
			return err
		}
	}
	s := catalog.Params{AsOf: asOf, Unit: sales.UnitMonth, TopN: 5, Seed: 1, // the dashboard's default -seed
		Period: sales.Year(asOf.Add(-time.Nanosecond).Year(), ds.Location())}
	if err := summary(stdout, o.snapshot, ds, rep, s); err != nil {
		return err
	}
	if o.reports {
		board.WriteText(stdout, ds, s, catalog.Run(ds, s, 0))
	}
	return nil
}

// progress returns a callback that prints a line when a step starts and
// then every tenth page.
func progress(w io.Writer) func(hubspot.Progress) {
	last := ""
	return func(p hubspot.Progress) {
		if p.Step == last && p.Pages%10 != 0 {
			return
		}
		last = p.Step
		fmt.Fprintf(w, "  %-22s %7d read, %4d page(s), %5d request(s)\n", p.Step, p.Records,
			p.Pages, p.Requests)
	}
}

// save writes recs to path through a temporary file, so that a failed
// write leaves no half snapshot behind.
func save(path string, recs sales.Records) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := sales.WriteSnapshot(f, recs); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// summary prints what was read, what the mapping reported, and the
// results of s's period so far.
func summary(w io.Writer, path string, ds *sales.Dataset, rep hubspot.Report, s catalog.Params) error {
	recs := ds.Records
	fmt.Fprintf(w, "Portal %s (%s, %s): %d deals, %d contacts, %d companies, %d activities, "+
		"%d owners, %d pipelines, %d targets\n", rep.Portal, rep.TimeZone, rep.Currency,
		len(recs.Deals), len(recs.Contacts), len(recs.Companies), len(recs.Activities),
		len(recs.Owners), len(recs.Pipelines), len(recs.Targets))
	fmt.Fprintf(w, "  %d request(s), %d retried, %d rate-limit wait(s)\n", rep.HTTP.Requests,
		rep.HTTP.Retries, rep.HTTP.RateLimitWaits)
	lines := []struct {
		n    int
		what string
	}{
		{len(rep.Merged), "merged record(s) folded into their survivors"},
		{len(rep.UnknownStages), "deal(s) in a stage their pipeline does not list"},
		{len(rep.UnsureStages), "stage(s) closed but neither won nor lost"},
		{len(rep.NoPrimaryCompany), "record(s) with several companies and no primary one"},
		{len(rep.PrimaryNotRead), "record(s) whose primary company was not read (left without one)"},
		{len(rep.Issues), "value(s) that could not be read"},
		{rep.ArchivedSkipped, "archived record(s) left out"},
	}
	for _, l := range lines {
		if l.n > 0 {
			fmt.Fprintf(w, "  %d %s\n", l.n, l.what)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	if err := ds.Validate(); err != nil {
		fmt.Fprintf(w, "  %v\n", err)
	}
	res, err := kpi.ResultsPerRep(ds, s.Period.Until(s.AsOf))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s up to %s: %d deal(s) won, worth %s %s; %d lost\n",
		s.Period, s.AsOf.Format("2006-01-02 15:04 MST"), res.Team.Won.Count,
		res.Team.Won.Value.Decimal().StringFixed(2), res.Currency, res.Team.Lost.Count)
	fmt.Fprintf(w, "Snapshot written to %s. The reports again, with the dashboard's flags:\n"+
		"  go run ./examples/dashboard -snapshot %s -asof %s\n", path, path, s.AsOf.Format(time.RFC3339))
	return nil
}
