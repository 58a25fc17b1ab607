package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/kpi"
	"github.com/salespilot/sales/portfolio"
)

// split is the kind of record the shards of a report split: each shard
// computes the report over its own records of that kind and the header's
// shared records.
type split int

const (
	// splitDeals: the shard's deals, their line items, and every activity
	// about them (copies included).
	splitDeals split = iota
	// splitActivities: the shard's activities, copies left out.
	splitActivities
	// splitContacts: the shard's contacts.
	splitContacts
)

// need is a kind of data a report cannot do without; a report whose data
// the portal lacks is shown as unavailable, as on the dashboard.
type need int

const (
	needActivities need = iota + 1
	needStageHistory
	needContacts
	needLineItems
	needCompanies
	needCloseDateHistory
)

var needText = map[need]string{
	needActivities:       "activities",
	needStageHistory:     "deal stage history",
	needContacts:         "contacts",
	needLineItems:        "line items",
	needCompanies:        "companies",
	needCloseDateHistory: "history of expected close dates",
}

// report is one additive report: the catalogue ids its result serves
// (the first names it), the records its shards split, the data it needs,
// how to run it, merge two of its results and read one from JSON.
type report struct {
	ids    []string
	split  split
	needs  []need
	run    func(*sales.Dataset, *params) (any, error)
	merge  func(a, b any) (any, error)
	decode func([]byte) (any, error)
}

func (r *report) name() string { return r.ids[0] }

// additive describes a report whose result R merges with merge.
func additive[R any](ids string, s split, needs []need,
	run func(*sales.Dataset, *params) (R, error), merge func(*R, R) error) report {
	return report{
		ids: strings.Fields(ids), split: s, needs: needs,
		run: func(ds *sales.Dataset, p *params) (any, error) {
			r, err := run(ds, p)
			if err != nil {
				return nil, err
			}
			return r, nil
		},
		merge: func(a, b any) (any, error) {
			x, ok := a.(R)
			y, ok2 := b.(R)
			if !ok || !ok2 {
				return nil, fmt.Errorf("merge %T and %T", a, b)
			}
			err := merge(&x, y)
			return x, err
		},
		decode: func(b []byte) (any, error) {
			var r R
			err := json.Unmarshal(b, &r)
			return r, err
		},
	}
}

// aliases are the catalogue ids that are the same computation as another.
var aliases = map[string]string{"R16": "R11", "R17": "R12", "R20": "R10"}

// derived are the reports computed from another's merged result: R05 is
// the average of R04's days, which do not add up over shards.
var derived = map[string]struct {
	from string
	of   func(any) any
}{
	"R05": {"R04", func(r any) any { return r.(activity.CallTimeReport).Average() }},
}

var (
	acts      = []need{needActivities}
	contacts  = []need{needContacts}
	histories = []need{needStageHistory}
)

// reports lists every additive report of the catalogue, with the
// arguments the dashboard gives it.
var reports = []report{
	// kpi
	additive("R09", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.TargetReport, error) {
			return kpi.WonAgainstTarget(ds, p.period)
		}, (*kpi.TargetReport).Merge),
	additive("R10 R11", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.RepResults, error) {
			return kpi.ResultsPerRep(ds, p.period)
		}, (*kpi.RepResults).Merge),
	additive("R12", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.OpenDeals, error) {
			return kpi.OpenDealsByStage(ds, p.asOf)
		}, (*kpi.OpenDeals).Merge),
	additive("R26", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.OpenStages, error) {
			return kpi.OpenStageTotals(ds, p.asOf)
		}, (*kpi.OpenStages).Merge),
	additive("R31", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.RegionSeries, error) {
			return kpi.WonByRegion(ds, p.period, p.unit, p.cal)
		}, (*kpi.RegionSeries).Merge),
	additive("R34", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.Revenue, error) {
			year := p.cal.Bucket(sales.UnitFiscalYear, p.period.Start)
			span := sales.Period{Start: year.Start, End: p.period.End}.Until(p.asOf)
			return kpi.RevenueAgainstTarget(ds, span, p.cal)
		}, (*kpi.Revenue).Merge),
	additive("R35", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.LostReasons, error) {
			return kpi.LostByReason(ds, p.period)
		}, (*kpi.LostReasons).Merge),
	additive("R36", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.NewDealSeries, error) {
			return kpi.NewDeals(ds, p.period, p.unit, p.cal)
		}, (*kpi.NewDealSeries).Merge),
	additive("R38", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (kpi.BasketSeries, error) {
			return kpi.AverageBasket(ds, p.period, p.unit, p.cal)
		}, (*kpi.BasketSeries).Merge),

	// funnel
	additive("R15", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (funnel.RepConversion, error) {
			return funnel.ConversionPerRep(ds, p.period)
		}, (*funnel.RepConversion).Merge),
	additive("R29", splitDeals, histories,
		func(ds *sales.Dataset, p *params) (funnel.StageTimes, error) {
			return funnel.TimeInStage(ds, p.period, p.asOf, funnel.TimeOptions{CountOpen: false})
		}, (*funnel.StageTimes).Merge),
	additive("R30", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (funnel.Funnel, error) {
			return funnel.Conversion(ds, p.period)
		}, (*funnel.Funnel).Merge),
	additive("R32", splitContacts, contacts,
		func(ds *sales.Dataset, p *params) (funnel.LeadSources, error) {
			return funnel.LeadsBySource(ds, p.period)
		}, (*funnel.LeadSources).Merge),
	additive("R33", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (funnel.DealSources, error) {
			return funnel.DealsBySource(ds, p.period)
		}, (*funnel.DealSources).Merge),
	additive("R37", splitDeals, histories, runR37, (*funnel.ProposalReport).Merge),

	// activity
	additive("R01", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.TypeReport, error) {
			return activity.ActivitiesByType(ds, p.period)
		}, (*activity.TypeReport).Merge),
	additive("R02", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.CallReport, error) {
			return activity.CallsPerRep(ds, p.period)
		}, (*activity.CallReport).Merge),
	additive("R03", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.EmailReport, error) {
			return activity.EmailsPerRep(ds, p.cal, p.unit, p.period)
		}, (*activity.EmailReport).Merge),
	additive("R04", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.CallTimeReport, error) {
			return activity.CallTimePerDay(ds, p.period)
		}, (*activity.CallTimeReport).Merge),
	additive("R06 R07 R08", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.TaskReport, error) {
			return activity.TasksPerRep(ds, p.period, p.asOf)
		}, (*activity.TaskReport).Merge),
	additive("R13 R14", splitDeals, acts,
		func(ds *sales.Dataset, p *params) (activity.EffortReport, error) {
			return activity.EffortPerDeal(ds, p.period, p.asOf)
		}, (*activity.EffortReport).Merge),
	additive("R18", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.MeetingTimeReport, error) {
			return activity.MeetingDurations(ds, p.period)
		}, (*activity.MeetingTimeReport).Merge),
	additive("R19", splitActivities, acts,
		func(ds *sales.Dataset, p *params) (activity.MeetingReport, error) {
			return activity.MeetingOutcomes(ds, p.period)
		}, (*activity.MeetingReport).Merge),

	// forecast
	additive("R21", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (forecast.WeekClosing, error) {
			return forecast.ClosingThisWeek(ds, p.asOf, p.cal)
		}, (*forecast.WeekClosing).Merge),
	additive("R25", splitContacts, contacts,
		func(ds *sales.Dataset, p *params) (forecast.LeadStages, error) {
			return forecast.ActiveLeads(ds, p.asOf, forecast.LeadOptions{ByStatus: true})
		}, (*forecast.LeadStages).Merge),
	additive("R27", splitContacts, contacts,
		func(ds *sales.Dataset, p *params) (forecast.NewLeadWeek, error) {
			return forecast.NewLeads(ds, p.asOf, p.cal)
		}, (*forecast.NewLeadWeek).Merge),
	additive("R28", splitContacts, contacts,
		func(ds *sales.Dataset, p *params) (forecast.CreatedByStage, error) {
			return forecast.LeadsCreated(ds, p.asOf, p.period, p.cal, p.unit)
		}, (*forecast.CreatedByStage).Merge),
	additive("B01", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (forecast.WeightedPipeline, error) {
			return forecast.Weighted(ds, p.asOf, p.forecastHorizon(p.asOf))
		}, (*forecast.WeightedPipeline).Merge),
	additive("B05", splitDeals, histories,
		func(ds *sales.Dataset, p *params) (forecast.PastPipeline, error) {
			at := p.pastInstant()
			return forecast.PipelineAsOf(ds, at, p.forecastHorizon(at))
		}, (*forecast.PastPipeline).Merge),
	additive("B06", splitDeals, []need{needCloseDateHistory},
		func(ds *sales.Dataset, p *params) (forecast.Slippage, error) {
			return forecast.SlippedDeals(ds, p.asOf, p.period, p.cal, p.unit)
		}, (*forecast.Slippage).Merge),

	// portfolio
	additive("R41", splitDeals, []need{needLineItems},
		func(ds *sales.Dataset, p *params) (portfolio.ProductSales, error) {
			return portfolio.TopProducts(ds, p.period, p.top)
		}, (*portfolio.ProductSales).Merge),
	additive("R42", splitDeals, nil,
		func(ds *sales.Dataset, p *params) (portfolio.CustomerSplit, error) {
			return portfolio.NewVsExisting(ds, p.period, p.cal, p.unit)
		}, (*portfolio.CustomerSplit).Merge),
	additive("R43", splitDeals, []need{needCompanies},
		func(ds *sales.Dataset, p *params) (portfolio.RevenueGroups, error) {
			return portfolio.RevenueByType(ds, p.period, p.grouping)
		}, (*portfolio.RevenueGroups).Merge),
	additive("R44", splitDeals, []need{needCompanies},
		func(ds *sales.Dataset, p *params) (portfolio.Concentration, error) {
			return portfolio.TopCustomers(ds, p.period, p.top)
		}, (*portfolio.Concentration).Merge),
}

// noProposal says why R37 is unavailable when no stage is named as the
// proposal stage, in the dashboard's words.
const noProposal = "no stage is named as the proposal stage: name one (-proposal-stage)"

// runR37 counts proposals at the stage the settings name; with none, it
// fails with noProposal, which the output shows as the dashboard does.
func runR37(ds *sales.Dataset, p *params) (funnel.ProposalReport, error) {
	if p.proposal == "" {
		return funnel.ProposalReport{}, errors.New(noProposal)
	}
	return funnel.Proposals(ds, p.period, p.proposal)
}

// forecastHorizon is the horizon of B01 and B05 from t.
func (p *params) forecastHorizon(t time.Time) forecast.Horizon {
	return forecast.Horizon{Period: p.horizon(t), Unit: p.unit, Calendar: p.cal}
}

// byName finds a report by the name of its result.
var byName = func() map[string]*report {
	m := make(map[string]*report, len(reports))
	for i := range reports {
		m[reports[i].name()] = &reports[i]
	}
	return m
}()
