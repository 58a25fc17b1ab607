package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
	"github.com/salespilot/sales/internal/catalog"
	"github.com/salespilot/sales/internal/demo"
)

// source is a portal's records with what the dashboard says about them.
type source struct {
	name    string
	records sales.Records
	// asOf is the default moment of the reports.
	asOf  time.Time
	notes []string
}

func load(o options) (source, error) {
	switch {
	case o.maven != "":
		return loadMaven(o.maven)
	case o.snapshot != "":
		return loadSnapshot(o.snapshot)
	case o.hsExport != "":
		return loadHubSpotExport(o.hsExport)
	case o.tables != "":
		return loadTables(o.tables)
	default:
		return loadDemo(o)
	}
}

func loadDemo(o options) (source, error) {
	recs, err := demo.Generate(demo.Options{Seed: o.seed, Deals: o.deals})
	if err != nil {
		return source{}, err
	}
	return source{
		name:    fmt.Sprintf("demo portal (seed %d, %d deals)", o.seed, len(recs.Deals)),
		records: recs,
		asOf:    demo.Today(),
	}, nil
}

func loadMaven(dir string) (source, error) {
	recs, sum, err := maven.Load(dir)
	if err != nil {
		return source{}, fmt.Errorf("%w (in folder %s)", err, dir)
	}
	s := source{name: "Maven CRM sales opportunities, " + dir, records: recs}
	s.notes = mavenNotes(sum)
	return s, nil
}

// mavenNotes says what the mapping of the Maven data set did and what the
// data set cannot show.
func mavenNotes(s maven.Summary) []string {
	notes := []string{
		fmt.Sprintf("mapping: %d deals read, %d open, %d without a creation date "+
			"(Prospecting rows carry no date), %d lost deals' 0 read as no amount, "+
			"%d product names normalised, %d deals without an account, %d values rejected",
			s.Pipeline.Loaded, s.OpenDeals, s.DealsWithoutCreated, s.LostZeroAsNoAmount,
			s.ProductsNormalised, s.DealsWithoutAccount, len(s.Rejected)),
		"the data set has no activities, no contacts and no targets: reports that need them " +
			"say so below; its stage history is only what engage_date and close_date state " +
			"(Engaging from the first, the closed stage from the second)",
	}
	if n := len(s.Rejected); n > 0 {
		notes = append(notes, fmt.Sprintf("%d value(s) rejected; first: %s", n, s.Rejected[0]))
	}
	if s.UnknownProducts > 0 {
		notes = append(notes, fmt.Sprintf("deals whose product is in no catalogue of "+
			"products.csv (kept as a product of their own): %d", s.UnknownProducts))
	}
	if len(s.AgentsNotInTeams) > 0 {
		notes = append(notes, fmt.Sprintf("reps not in sales_teams.csv (no team): %s",
			strings.Join(s.AgentsNotInTeams, ", ")))
	}
	if len(s.AgentsWithoutDeals) > 0 {
		notes = append(notes, fmt.Sprintf("reps without deals: %s",
			strings.Join(s.AgentsWithoutDeals, ", ")))
	}
	return notes
}

// afterLastDay returns the start of the day after the last date the
// records hold (creation dates, close dates of closed deals, activities
// other than meetings, which may be planned ahead), in the portal's time
// zone: the moment a data set that stopped then is seen from.
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

// wonAfter counts the deals won at or after e.AsOf and before the end of
// e.Period: the reports of the period count them, R34 does not.
func wonAfter(ds *sales.Dataset, e catalog.Params) int {
	n := 0
	for i := range ds.Deals {
		c := ds.Deals[i].CloseDate
		if ds.DealKind(i) == sales.StageWon && !c.Before(e.AsOf) && e.Period.Contains(c) {
			n++
		}
	}
	return n
}

// saveSnapshot writes the records to the file at path as a snapshot,
// replacing it only once the whole snapshot is written.
func saveSnapshot(path string, r sales.Records) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	w := bufio.NewWriter(tmp)
	if err := sales.WriteSnapshot(w, r); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
