package sales_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
	"github.com/salespilot/sales/portfolio"
)

// The tests of this file check what a sharded run of the additive reports
// relies on, for every one of them: a result survives a trip through
// encoding/json unchanged, and the results over the shards of a portal,
// each sent through JSON as an engine such as Apache Beam sends it, merge
// in any order into the result over the whole portal.

// splitKind is the kind of record an additive report's shards split.
type splitKind int

const (
	splitDeals      splitKind = iota // deals, their line items with them
	splitActivities                  // activities
	splitContacts                    // contacts
)

func (k splitKind) String() string {
	return [...]string{"deals", "activities", "contacts"}[k]
}

// reportArgs are the arguments every additive report is run with.
type reportArgs struct {
	period sales.Period
	asOf   time.Time
	unit   sales.Unit
	cal    sales.Calendar
	top    int
}

// horizon is six buckets of the args' unit from the one holding t.
func (a reportArgs) horizon(t time.Time) forecast.Horizon {
	start := a.cal.Bucket(a.unit, t).Start
	end := start
	for range 6 {
		end = a.cal.Bucket(a.unit, end).End
	}
	return forecast.Horizon{Period: sales.Period{Start: start, End: end}, Unit: a.unit,
		Calendar: a.cal}
}

// additiveReport is one additive report under test: its catalogue ids,
// the records its shards split, and a check of its round trip and merge.
type additiveReport struct {
	ids   string
	split splitKind
	check func(a reportArgs, whole *sales.Dataset, shards []*sales.Dataset) error
}

func additive[R any](ids string, split splitKind, run func(*sales.Dataset, reportArgs) (R, error),
	merge func(*R, R) error) additiveReport {
	return additiveReport{ids: ids, split: split,
		check: func(a reportArgs, whole *sales.Dataset, shards []*sales.Dataset) error {
			return checkAdditive(a, whole, shards, run, merge)
		}}
}

// additiveReports lists every report whose result has a Merge method.
var additiveReports = []additiveReport{
	// kpi
	additive("R09", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.TargetReport, error) {
			return kpi.WonAgainstTarget(ds, a.period)
		}, (*kpi.TargetReport).Merge),
	additive("R10 R11 R16 R20", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.RepResults, error) {
			return kpi.ResultsPerRep(ds, a.period)
		}, (*kpi.RepResults).Merge),
	additive("R12 R17", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.OpenDeals, error) {
			return kpi.OpenDealsByStage(ds, a.asOf)
		}, (*kpi.OpenDeals).Merge),
	additive("R26", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.OpenStages, error) {
			return kpi.OpenStageTotals(ds, a.asOf)
		}, (*kpi.OpenStages).Merge),
	additive("R31", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.RegionSeries, error) {
			return kpi.WonByRegion(ds, a.period, a.unit, a.cal)
		}, (*kpi.RegionSeries).Merge),
	additive("R34", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.Revenue, error) {
			return kpi.RevenueAgainstTarget(ds, a.period, a.cal)
		}, (*kpi.Revenue).Merge),
	additive("R35", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.LostReasons, error) {
			return kpi.LostByReason(ds, a.period)
		}, (*kpi.LostReasons).Merge),
	additive("R36", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.NewDealSeries, error) {
			return kpi.NewDeals(ds, a.period, a.unit, a.cal)
		}, (*kpi.NewDealSeries).Merge),
	additive("R38", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (kpi.BasketSeries, error) {
			return kpi.AverageBasket(ds, a.period, a.unit, a.cal)
		}, (*kpi.BasketSeries).Merge),

	// funnel
	additive("R15", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.RepConversion, error) {
			return funnel.ConversionPerRep(ds, a.period)
		}, (*funnel.RepConversion).Merge),
	additive("R29", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.StageTimes, error) {
			return funnel.TimeInStage(ds, a.period, a.asOf, funnel.TimeOptions{})
		}, (*funnel.StageTimes).Merge),
	additive("R29 (open visits counted)", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.StageTimes, error) {
			return funnel.TimeInStage(ds, a.period, a.asOf, funnel.TimeOptions{CountOpen: true})
		}, (*funnel.StageTimes).Merge),
	additive("R30", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.Funnel, error) {
			return funnel.Conversion(ds, a.period)
		}, (*funnel.Funnel).Merge),
	additive("R32", splitContacts,
		func(ds *sales.Dataset, a reportArgs) (funnel.LeadSources, error) {
			return funnel.LeadsBySource(ds, a.period)
		}, (*funnel.LeadSources).Merge),
	additive("R33", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.DealSources, error) {
			return funnel.DealsBySource(ds, a.period)
		}, (*funnel.DealSources).Merge),
	additive("R37", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (funnel.ProposalReport, error) {
			return funnel.Proposals(ds, a.period, demo.ProposalStage)
		}, (*funnel.ProposalReport).Merge),

	// activity
	additive("R01", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.TypeReport, error) {
			return activity.ActivitiesByType(ds, a.period)
		}, (*activity.TypeReport).Merge),
	additive("R02", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.CallReport, error) {
			return activity.CallsPerRep(ds, a.period)
		}, (*activity.CallReport).Merge),
	additive("R03", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.EmailReport, error) {
			return activity.EmailsPerRep(ds, a.cal, a.unit, a.period)
		}, (*activity.EmailReport).Merge),
	additive("R04 R05", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.CallTimeReport, error) {
			return activity.CallTimePerDay(ds, a.period)
		}, (*activity.CallTimeReport).Merge),
	additive("R06 R07 R08", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.TaskReport, error) {
			return activity.TasksPerRep(ds, a.period, a.asOf)
		}, (*activity.TaskReport).Merge),
	additive("R13 R14", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (activity.EffortReport, error) {
			return activity.EffortPerDeal(ds, a.period, a.asOf)
		}, (*activity.EffortReport).Merge),
	additive("R18", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.MeetingTimeReport, error) {
			return activity.MeetingDurations(ds, a.period)
		}, (*activity.MeetingTimeReport).Merge),
	additive("R19", splitActivities,
		func(ds *sales.Dataset, a reportArgs) (activity.MeetingReport, error) {
			return activity.MeetingOutcomes(ds, a.period)
		}, (*activity.MeetingReport).Merge),

	// forecast
	additive("R21", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (forecast.WeekClosing, error) {
			return forecast.ClosingThisWeek(ds, a.asOf, a.cal)
		}, (*forecast.WeekClosing).Merge),
	additive("R25", splitContacts,
		func(ds *sales.Dataset, a reportArgs) (forecast.LeadStages, error) {
			return forecast.ActiveLeads(ds, a.asOf, forecast.LeadOptions{ByStatus: true})
		}, (*forecast.LeadStages).Merge),
	additive("R27", splitContacts,
		func(ds *sales.Dataset, a reportArgs) (forecast.NewLeadWeek, error) {
			return forecast.NewLeads(ds, a.asOf, a.cal)
		}, (*forecast.NewLeadWeek).Merge),
	additive("R28", splitContacts,
		func(ds *sales.Dataset, a reportArgs) (forecast.CreatedByStage, error) {
			return forecast.LeadsCreated(ds, a.asOf, a.period, a.cal, a.unit)
		}, (*forecast.CreatedByStage).Merge),
	additive("B01", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (forecast.WeightedPipeline, error) {
			return forecast.Weighted(ds, a.asOf, a.horizon(a.asOf))
		}, (*forecast.WeightedPipeline).Merge),
	additive("B05", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (forecast.PastPipeline, error) {
			at := a.period.Start
			return forecast.PipelineAsOf(ds, at, a.horizon(at))
		}, (*forecast.PastPipeline).Merge),
	additive("B06", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (forecast.Slippage, error) {
			return forecast.SlippedDeals(ds, a.asOf, a.period, a.cal, a.unit)
		}, (*forecast.Slippage).Merge),

	// portfolio
	additive("R41", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (portfolio.ProductSales, error) {
			return portfolio.TopProducts(ds, a.period, a.top)
		}, (*portfolio.ProductSales).Merge),
	additive("R42", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (portfolio.CustomerSplit, error) {
			return portfolio.NewVsExisting(ds, a.period, a.cal, a.unit)
		}, (*portfolio.CustomerSplit).Merge),
	additive("R43", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (portfolio.RevenueGroups, error) {
			return portfolio.RevenueByType(ds, a.period, portfolio.ByIndustry)
		}, (*portfolio.RevenueGroups).Merge),
	additive("R43 (by company type)", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (portfolio.RevenueGroups, error) {
			return portfolio.RevenueByType(ds, a.period, portfolio.ByCompanyType)
		}, (*portfolio.RevenueGroups).Merge),
	additive("R44", splitDeals,
		func(ds *sales.Dataset, a reportArgs) (portfolio.Concentration, error) {
			return portfolio.TopCustomers(ds, a.period, a.top)
		}, (*portfolio.Concentration).Merge),
}

// checkAdditive runs a report over the whole portal and over each shard,
// and checks that every result round-trips through JSON, and that the
// shards' decoded results merged in order, and in reverse order, equal the
// whole.
func checkAdditive[R any](a reportArgs, whole *sales.Dataset, shards []*sales.Dataset,
	run func(*sales.Dataset, reportArgs) (R, error), merge func(*R, R) error) error {
	want, err := run(whole, a)
	if err != nil {
		return fmt.Errorf("over the whole portal: %w", err)
	}
	wantJSON, err := roundTrip(want)
	if err != nil {
		return err
	}
	parts := make([][]byte, len(shards))
	for k, ds := range shards {
		r, err := run(ds, a)
		if err != nil {
			return fmt.Errorf("over shard %d: %w", k, err)
		}
		if parts[k], err = roundTrip(r); err != nil {
			return fmt.Errorf("shard %d: %w", k, err)
		}
	}
	for _, order := range []mergeOrder{inOrder, reversed, pairwise} {
		got, err := mergeDecoded(parts, order, merge)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, wantJSON) {
			return fmt.Errorf("shards merged %s differ from the whole:\n"+
				"merged %s\nwhole  %s", order, got, wantJSON)
		}
	}
	return nil
}

// mergeOrder is an order in which the results of shards are merged: an
// engine merges them in whatever order they arrive, and in a tree.
type mergeOrder int

const (
	inOrder  mergeOrder = iota // first to last
	reversed                   // last to first
	pairwise                   // neighbours in pairs, then the pairs, as a tree
)

func (o mergeOrder) String() string {
	return [...]string{"first to last", "last to first", "pairwise"}[o]
}

// roundTrip marshals v, decodes it into a new value of its type, marshals
// that again and returns the JSON, or an error when the two differ.
func roundTrip[R any](v R) ([]byte, error) {
	first, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("json.Marshal: %w", err)
	}
	var back R
	if err := json.Unmarshal(first, &back); err != nil {
		return nil, fmt.Errorf("json.Unmarshal(%.200s): %w", first, err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		return nil, fmt.Errorf("json.Marshal of the decoded value: %w", err)
	}
	if !bytes.Equal(first, again) {
		return nil, fmt.Errorf("JSON round trip changed the result:\nbefore %s\nafter  %s",
			first, again)
	}
	return first, nil
}

// mergeDecoded decodes each part's JSON and merges them in the given
// order, returning the merged result's JSON.
func mergeDecoded[R any](parts [][]byte, order mergeOrder,
	merge func(*R, R) error) ([]byte, error) {
	decoded := make([]R, len(parts))
	for k, b := range parts {
		if err := json.Unmarshal(b, &decoded[k]); err != nil {
			return nil, fmt.Errorf("json.Unmarshal of shard %d: %w", k, err)
		}
	}
	if order == reversed {
		slices.Reverse(decoded)
	}
	for len(decoded) > 1 {
		var next []R
		for k := 0; k < len(decoded); k += 2 {
			if k+1 == len(decoded) {
				next = append(next, decoded[k])
				break
			}
			if err := merge(&decoded[k], decoded[k+1]); err != nil {
				return nil, fmt.Errorf("Merge of shard %d (%s): %w", k+1, order, err)
			}
			next = append(next, decoded[k])
			if order != pairwise {
				next = append(next, decoded[k+2:]...)
				break
			}
		}
		decoded = next
	}
	return json.Marshal(decoded[0])
}

// shardRecords spreads the records of one kind over n shards, record i in
// shard of(i); every shard keeps the other records whole. Line items
// follow their deal; a line item whose deal is absent goes to shard 0.
func shardRecords(r sales.Records, kind splitKind, n int, of func(i int) int) []sales.Records {
	out := make([]sales.Records, n)
	for k := range out {
		out[k] = r
		switch kind {
		case splitDeals:
			out[k].Deals, out[k].LineItems = nil, nil
		case splitActivities:
			out[k].Activities = nil
		case splitContacts:
			out[k].Contacts = nil
		}
	}
	switch kind {
	case splitDeals:
		shardOf := make(map[sales.DealID]int, len(r.Deals))
		for i, d := range r.Deals {
			k := of(i)
			shardOf[d.ID] = k
			out[k].Deals = append(out[k].Deals, d)
		}
		for _, li := range r.LineItems {
			k := shardOf[li.Deal]
			out[k].LineItems = append(out[k].LineItems, li)
		}
	case splitActivities:
		for i, x := range r.Activities {
			out[of(i)].Activities = append(out[of(i)].Activities, x)
		}
	case splitContacts:
		for i, c := range r.Contacts {
			out[of(i)].Contacts = append(out[of(i)].Contacts, c)
		}
	}
	return out
}

// shardCase is a portal, how many shards it is spread over, and the
// arguments the reports run with.
type shardCase struct {
	Seed   uint64
	Deals  int
	Shards int
	Split  uint64
	Unit   sales.Unit
	// Quarter runs the reports over the demo's last quarter rather than
	// its year, which keeps the daily tables short.
	Quarter bool
}

func (c shardCase) String() string {
	return fmt.Sprintf("demo seed %d, %d deals, %d shards (split seed %d), by %s",
		c.Seed, c.Deals, c.Shards, c.Split, c.Unit)
}

func (c shardCase) args() reportArgs {
	loc := demo.Location()
	p := sales.Year(2026, loc)
	if c.Quarter {
		p = sales.Quarter(2026, 4, loc)
	}
	return reportArgs{period: p, asOf: demo.Today(), unit: c.Unit, cal: sales.Calendar{}, top: 3}
}

// assign draws a shard for each record; shard n-1 is left empty when the
// split seed is odd, since an engine may hand a worker nothing.
func (c shardCase) assign() func(i int) int {
	rnd := rand.New(rand.NewPCG(c.Split, 7))
	n := c.Shards
	if c.Split%2 == 1 && n > 1 {
		n--
	}
	memo := map[int]int{}
	return func(i int) int {
		k, ok := memo[i]
		if !ok {
			k = rnd.IntN(n)
			memo[i] = k
		}
		return k
	}
}

// checkShards checks every additive report on recs spread as c says.
func checkShards(t *testing.T, c shardCase, recs sales.Records) error {
	whole, err := sales.NewDataset(recs)
	if err != nil {
		t.Fatalf("NewDataset(%s): %v", c, err)
	}
	var views [3][]*sales.Dataset
	for kind := splitDeals; kind <= splitContacts; kind++ {
		for _, r := range shardRecords(recs, kind, c.Shards, c.assign()) {
			ds, err := sales.NewDataset(r)
			if err != nil {
				t.Fatalf("NewDataset of a shard of %s: %v", c, err)
			}
			views[kind] = append(views[kind], ds)
		}
	}
	for _, rep := range additiveReports {
		if err := rep.check(c.args(), whole, views[rep.split]); err != nil {
			return fmt.Errorf("%s over shards of the %s: %w", rep.ids, rep.split, err)
		}
	}
	return nil
}

// TestAdditive_property: over random demo portals spread over random
// shards, every additive report's results round-trip through JSON and
// merge, in either order, into the result over the whole portal.
func TestAdditive_property(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(20261205)
	params.MinSuccessfulTests = 6
	t.Logf("gopter seed %d", params.Seed())
	props := gopter.NewProperties(params)
	cases := gopter.CombineGens(gen.UInt64Range(1, 1<<20), gen.IntRange(80, 240),
		gen.IntRange(2, 5), gen.UInt64(), gen.OneConstOf(sales.UnitWeek, sales.UnitMonth,
			sales.UnitQuarter)).Map(func(v []any) shardCase {
		return shardCase{Seed: v[0].(uint64), Deals: v[1].(int), Shards: v[2].(int),
			Split: v[3].(uint64), Unit: v[4].(sales.Unit)}
	})
	props.Property("additive reports survive JSON and merge into the whole", prop.ForAll(
		func(c shardCase) (bool, error) {
			recs, err := demo.Generate(demo.Options{Seed: c.Seed, Deals: c.Deals})
			if err != nil {
				return false, err
			}
			if err := checkShards(t, c, recs); err != nil {
				return false, err
			}
			return true, nil
		}, cases))
	props.TestingRun(t)
}

// TestAdditive_edgePortals runs the same checks on portals made of the
// awkward cases: records the reports cannot use, no records at all but the
// pipelines, every deal and activity unassigned, one shard only, and many
// shards of a small portal.
func TestAdditive_edgePortals(t *testing.T) {
	full, err := demo.Generate(demo.Options{Seed: 3, Deals: 40})
	if err != nil {
		t.Fatal(err)
	}
	empty := sales.Records{TimeZone: full.TimeZone, Currency: full.Currency,
		Pipelines: full.Pipelines}
	unassigned := full
	unassigned.Deals = append([]sales.Deal(nil), full.Deals...)
	for i := range unassigned.Deals {
		unassigned.Deals[i].Owner = ""
	}
	unassigned.Activities = append([]sales.Activity(nil), full.Activities...)
	for i := range unassigned.Activities {
		unassigned.Activities[i].Owner = ""
	}
	defects := withDefects(full)
	for _, tc := range []struct {
		name string
		recs sales.Records
		c    shardCase
	}{
		{"defects", defects, shardCase{Shards: 5, Split: 6, Unit: sales.UnitMonth}},
		{"empty portal", empty, shardCase{Shards: 3, Split: 2, Unit: sales.UnitMonth}},
		{"unassigned", unassigned, shardCase{Shards: 4, Split: 4, Unit: sales.UnitWeek,
			Quarter: true}},
		{"one shard", full, shardCase{Shards: 1, Split: 5, Unit: sales.UnitMonth}},
		{"many shards", full, shardCase{Shards: 12, Split: 8, Unit: sales.UnitMonth,
			Quarter: true}},
	} {
		if err := checkShards(t, tc.c, tc.recs); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// withDefects returns a copy of r in which some records have what the
// reports count apart: owners the portal does not list, stages their
// pipeline lacks, no amount, a currency without a rate, no dates.
func withDefects(r sales.Records) sales.Records {
	out := r
	out.Deals = append([]sales.Deal(nil), r.Deals...)
	for i := range out.Deals {
		d := &out.Deals[i]
		switch i % 7 {
		case 0:
			d.Owner = "ghost"
		case 1:
			d.Stage = "gone"
		case 2:
			d.Amount = decimal.NullDecimal{}
		case 3:
			d.Currency = "XXX"
		case 4:
			d.CloseDate = time.Time{}
		case 5:
			d.Created = time.Time{}
		}
	}
	out.Activities = append([]sales.Activity(nil), r.Activities...)
	for i := range out.Activities {
		a := &out.Activities[i]
		switch i % 5 {
		case 0:
			a.Owner = "ghost"
		case 1:
			a.Time = time.Time{}
		case 2:
			a.Type = 0
		}
	}
	out.Contacts = append([]sales.Contact(nil), r.Contacts...)
	for i := range out.Contacts {
		c := &out.Contacts[i]
		switch i % 4 {
		case 0:
			c.Owner = "ghost"
		case 1:
			c.Created = time.Time{}
		case 2:
			c.Source, c.LeadStatus = "", ""
		}
	}
	return out
}
