package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/portfolio"
)

// Settings of the reports that the program has no flag for, the same as
// examples/dashboard's.
const (
	// horizonBuckets is how many buckets (of -unit) B01 and B05 spread
	// expected close dates over, from the bucket that holds their instant.
	horizonBuckets = 6
	// pastMonths is how long before asof B05 looks when the period does
	// not start before asof; otherwise B05 looks at the period's start.
	pastMonths = 3
)

// Flags are the report flags, as the user gave them; they mean what the
// dashboard's flags of the same names mean.
type Flags struct {
	AsOf, Period, Unit, WeekStart string
	Top                           int
	Proposal                      string
}

// Settings are the arguments of the reports, resolved from the flags and
// the portal's header. Beam hands a DoFn's fields to its workers as JSON,
// which keeps a time's instant but not its location: times travel as RFC
// 3339 text and are read back in TimeZone.
type Settings struct {
	TimeZone   string
	AsOf       string
	Start, End string
	Unit       string
	WeekStart  string // a weekday's name
	Top        int
	// Proposal is the stage R37 counts, empty when there is none.
	Proposal string
	// Grouping is how R43 groups companies.
	Grouping string
}

// params are the arguments of the reports as the reports take them.
type params struct {
	loc      *time.Location
	asOf     time.Time
	period   sales.Period
	unit     sales.Unit
	cal      sales.Calendar
	top      int
	proposal sales.StageID
	grouping portfolio.Grouping
}

// resolve reads the flags f against the portal's header h: the defaults
// are the header's asOf and the calendar year before it, as on the
// dashboard.
func resolve(f Flags, h Header) (Settings, error) {
	loc, err := time.LoadLocation(h.Shared.TimeZone)
	if err != nil {
		return Settings{}, fmt.Errorf("time zone %q: %w", h.Shared.TimeZone, err)
	}
	p := params{loc: loc, asOf: h.AsOf.In(loc), top: f.Top}
	if f.AsOf != "" {
		if p.asOf, err = sales.ParseInstant(f.AsOf, loc); err != nil {
			return Settings{}, err
		}
	}
	if p.asOf.IsZero() {
		return Settings{}, errors.New("the data holds no date to take asof from: give -asof")
	}
	if p.cal.WeekStart, err = parseWeekStart(f.WeekStart); err != nil {
		return Settings{}, err
	}
	if p.unit, err = sales.ParseUnit(f.Unit); err != nil {
		return Settings{}, err
	}
	p.period = sales.Year(p.asOf.Add(-time.Nanosecond).In(loc).Year(), loc)
	if f.Period != "" {
		if p.period, err = sales.ParsePeriod(f.Period, p.cal, loc); err != nil {
			return Settings{}, err
		}
	}
	p.proposal = sales.StageID(f.Proposal)
	if p.proposal == "" && hasStage(h.Shared.Pipelines, demo.ProposalStage) {
		p.proposal = demo.ProposalStage
	}
	p.grouping = grouping(h.Shared.Companies)
	return p.settings(), nil
}

// settings writes p as Settings.
func (p *params) settings() Settings {
	return Settings{
		TimeZone: p.loc.String(), AsOf: p.asOf.Format(time.RFC3339Nano),
		Start: p.period.Start.Format(time.RFC3339Nano), End: p.period.End.Format(time.RFC3339Nano),
		Unit: p.unit.String(), WeekStart: p.cal.WeekStart.Weekday().String(), Top: p.top,
		Proposal: string(p.proposal), Grouping: p.grouping.String(),
	}
}

// params reads s back.
func (s Settings) params() (*params, error) {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return nil, err
	}
	p := &params{loc: loc, top: s.Top, proposal: sales.StageID(s.Proposal)}
	instant := func(v string) (time.Time, error) {
		t, err := time.Parse(time.RFC3339Nano, v)
		return t.In(loc), err
	}
	var errs [3]error
	p.asOf, errs[0] = instant(s.AsOf)
	p.period.Start, errs[1] = instant(s.Start)
	p.period.End, errs[2] = instant(s.End)
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	if p.unit, err = sales.ParseUnit(s.Unit); err != nil {
		return nil, err
	}
	if p.cal.WeekStart, err = parseWeekStart(s.WeekStart); err != nil {
		return nil, err
	}
	if err := p.grouping.UnmarshalText([]byte(s.Grouping)); err != nil {
		return nil, err
	}
	return p, nil
}

// horizon is horizonBuckets buckets of the unit from the one holding t.
func (p *params) horizon(t time.Time) sales.Period {
	start := p.cal.Bucket(p.unit, t).Start
	end := start
	for range horizonBuckets {
		end = p.cal.Bucket(p.unit, end).End
	}
	return sales.Period{Start: start, End: end}
}

// pastInstant is the moment B05 rebuilds the pipeline at.
func (p *params) pastInstant() time.Time {
	if p.period.Start.Before(p.asOf) {
		return p.period.Start
	}
	return p.asOf.AddDate(0, -pastMonths, 0)
}

// parseWeekStart reads a weekday's name, in any case.
func parseWeekStart(s string) (sales.WeekStart, error) {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.EqualFold(d.String(), s) {
			return sales.WeekStartOf(d), nil
		}
	}
	return 0, fmt.Errorf("week start %q is not a weekday", s)
}

// hasStage reports whether a pipeline has the stage.
func hasStage(pipelines []sales.Pipeline, id sales.StageID) bool {
	for i := range pipelines {
		if _, ok := pipelines[i].StageIndex(id); ok {
			return true
		}
	}
	return false
}

// grouping groups R43 by company type when a company has one, else by
// industry.
func grouping(companies []sales.Company) portfolio.Grouping {
	for i := range companies {
		if companies[i].Type != "" {
			return portfolio.ByCompanyType
		}
	}
	return portfolio.ByIndustry
}
