package catalog

import (
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/alerts"
	"github.com/salespilot/sales/forecast"
	"github.com/salespilot/sales/funnel"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/kpi"
	"github.com/salespilot/sales/portfolio"
)

// Settings of the reports that Params has no field for: the thresholds a
// sales manager starts from.
const (
	// ChurnMonths is R45's silence before a customer is at risk.
	ChurnMonths = 6
	// IdleDays is R46's days without activity before a deal is listed.
	IdleDays = 14
	// HorizonBuckets is how many buckets (of Params.Unit) B01 and B05
	// spread expected close dates over, from the bucket that holds their
	// instant.
	HorizonBuckets = 6
	// Trials is how many trials B02 plays, seeded by Params.Seed.
	Trials = 10_000
	// VelocityMonths is how far back before AsOf B03 looks for closed
	// deals.
	VelocityMonths = 12
	// PastMonths is how long before AsOf B05 looks when the period does
	// not start before AsOf; otherwise B05 looks at the period's start.
	PastMonths = 3
)

// IdleBands are R46's age bands, in days.
var IdleBands = []int{14, 30, 60, 90}

// TimeInStageOptions are R29's options: the stage a deal is in at AsOf
// does not count.
var TimeInStageOptions = funnel.TimeOptions{CountOpen: false}

var (
	acts     = []Need{NeedActivities}
	contacts = []Need{NeedContacts}
	history  = []Need{NeedStageHistory}
)

// reports is the catalogue in its order. Reports that the catalogue lists
// as the same computation, and views of one computation (R06–R08, R10 and
// R11, R13 and R14), share a key.
var reports = []Report{
	{ID: "R01", Title: "Activities by type", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.ActivitiesByType(ds, p.Period)
		}},
	{ID: "R02", Title: "Calls and outcomes per rep", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.CallsPerRep(ds, p.Period)
		}},
	{ID: "R03", Title: "Emails per rep over time", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.EmailsPerRep(ds, p.Calendar, p.Unit, p.Period)
		}},
	{ID: "R04", Title: "Call time per rep per day", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.CallTimePerDay(ds, p.Period)
		}},
	{ID: "R05", Title: "Average call time per day", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.AverageCallTimePerDay(ds, p.Period)
		}},
	{ID: "R06", Title: "Tasks completed per rep", Needs: acts, key: "tasks", run: tasks},
	{ID: "R07", Title: "Tasks in progress per rep", Needs: acts, key: "tasks", run: tasks},
	{ID: "R08", Title: "Tasks overdue per rep", Needs: acts, key: "tasks", run: tasks},
	{ID: "R09", Title: "Deals won against target",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.WonAgainstTarget(ds, p.Period)
		}},
	{ID: "R10", Title: "Results per rep, volume and value", key: "results", run: results},
	{ID: "R11", Title: "Deals won per rep", key: "results", run: results},
	{ID: "R12", Title: "Open deals by stage per rep",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.OpenDealsByStage(ds, p.AsOf)
		}},
	{ID: "R13", Title: "Activities per won deal per rep", Needs: acts, key: "effort", run: effort},
	{ID: "R14", Title: "Activities per deal before conversion per rep", Needs: acts, key: "effort",
		run: effort},
	{ID: "R15", Title: "Conversion rate per rep",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return funnel.ConversionPerRep(ds, p.Period)
		}},
	{ID: "R16", Title: "Deals won per rep", SameAs: "R11"},
	{ID: "R17", Title: "Open deals by stage per rep", SameAs: "R12"},
	{ID: "R18", Title: "Average meeting duration per rep", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.MeetingDurations(ds, p.Period)
		}},
	{ID: "R19", Title: "Meetings held vs no-show vs canceled per rep", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.MeetingOutcomes(ds, p.Period)
		}},
	{ID: "R20", Title: "Results per rep, volume and value", SameAs: "R10"},
	{ID: "R21", Title: "Deals to close this week per rep",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.ClosingThisWeek(ds, p.AsOf, p.Calendar)
		}},
	{ID: "R22", Title: "Average won deal amount",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.AverageWonAmount(ds, p.Period)
		}},
	{ID: "R23", Title: "Sales cycle of won deals",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.SalesCycle(ds, p.Period, sales.StageWon)
		}},
	{ID: "R24", Title: "Sales cycle of lost deals",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.SalesCycle(ds, p.Period, sales.StageLost)
		}},
	{ID: "R25", Title: "Active leads by stage", Needs: contacts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.ActiveLeads(ds, p.AsOf, forecast.LeadOptions{ByStatus: true})
		}},
	{ID: "R26", Title: "Open deals by stage", run: func(ds *sales.Dataset, p Params) (any, error) {
		return kpi.OpenStageTotals(ds, p.AsOf)
	}},
	{ID: "R27", Title: "New leads vs last week", Needs: contacts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.NewLeads(ds, p.AsOf, p.Calendar)
		}},
	{ID: "R28", Title: "Leads created by stage over time", Needs: contacts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.LeadsCreated(ds, p.AsOf, p.Period, p.Calendar, p.Unit)
		}},
	{ID: "R29", Title: "Average time in each deal stage", Needs: history,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return funnel.TimeInStage(ds, p.Period, p.AsOf, TimeInStageOptions)
		}},
	{ID: "R30", Title: "Pipeline conversion funnel",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return funnel.Conversion(ds, p.Period)
		}},
	{ID: "R31", Title: "Won deals by region over time",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.WonByRegion(ds, p.Period, p.Unit, p.Calendar)
		}},
	{ID: "R32", Title: "Leads by source", Needs: contacts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return funnel.LeadsBySource(ds, p.Period)
		}},
	{ID: "R33", Title: "Deals by source", run: func(ds *sales.Dataset, p Params) (any, error) {
		return funnel.DealsBySource(ds, p.Period)
	}},
	{ID: "R34", Title: "Revenue vs target vs last year",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			// The year holding the period, up to its end or to asOf,
			// whichever comes first.
			year := p.Calendar.Bucket(sales.UnitFiscalYear, p.Period.Start)
			span := sales.Period{Start: year.Start, End: p.Period.End}.Until(p.AsOf)
			return kpi.RevenueAgainstTarget(ds, span, p.Calendar)
		}},
	{ID: "R35", Title: "Lost deals by reason", run: func(ds *sales.Dataset, p Params) (any, error) {
		return kpi.LostByReason(ds, p.Period)
	}},
	{ID: "R36", Title: "New opportunities over time",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.NewDeals(ds, p.Period, p.Unit, p.Calendar)
		}},
	{ID: "R37", Title: "Proposals vs previous period", Needs: history, run: proposals},
	{ID: "R38", Title: "Average basket vs previous period",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return kpi.AverageBasket(ds, p.Period, p.Unit, p.Calendar)
		}},
	{ID: "R39", Title: "MQL-to-customer funnel", Needs: contacts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return funnel.MQLToCustomer(ds, p.Period)
		}},
	{ID: "R40", Title: "Response time to inbound contacts",
		Needs: []Need{NeedContacts, NeedActivities},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return activity.ResponseTime(ds, p.Period, p.AsOf, activity.ResponseOptions{})
		}},
	{ID: "R41", Title: "Best-selling products", Needs: []Need{NeedLineItems},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return portfolio.TopProducts(ds, p.Period, p.TopN)
		}},
	{ID: "R42", Title: "Sales to new vs existing customers",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return portfolio.NewVsExisting(ds, p.Period, p.Calendar, p.Unit)
		}},
	{ID: "R43", Title: "Revenue by customer type", Needs: []Need{NeedCompanies},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return portfolio.RevenueByType(ds, p.Period, grouping(ds))
		}},
	{ID: "R44", Title: "Revenue share of the best customers", Needs: []Need{NeedCompanies},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return portfolio.TopCustomers(ds, p.Period, p.TopN)
		}},
	{ID: "R45", Title: "Churn risk", Needs: []Need{NeedCompanies},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return alerts.ChurnRisk(ds, p.AsOf, alerts.ChurnOptions{Months: ChurnMonths})
		}},
	{ID: "R46", Title: "Deals without activity", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return alerts.IdleDeals(ds, p.AsOf, alerts.IdleOptions{Days: IdleDays, Bands: IdleBands})
		}},
	{ID: "R47", Title: "Overdue tasks", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return alerts.OverdueTasks(ds, p.AsOf)
		}},
	{ID: "R48", Title: "Deals without a planned task", Needs: acts,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return alerts.DealsWithoutPlannedTask(ds, p.AsOf)
		}},
	{ID: "B01", Title: "Weighted pipeline", run: func(ds *sales.Dataset, p Params) (any, error) {
		return forecast.Weighted(ds, p.AsOf, Horizon(p, p.AsOf))
	}},
	{ID: "B02", Title: "Forecast with uncertainty",
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.Simulate(ds, p.AsOf, p.Period, forecast.SimOptions{Seed: p.Seed, Trials: Trials})
		}},
	{ID: "B03", Title: "Sales velocity", run: func(ds *sales.Dataset, p Params) (any, error) {
		lookback := sales.Period{Start: p.AsOf.AddDate(0, -VelocityMonths, 0), End: p.AsOf}
		return forecast.SalesVelocity(ds, p.AsOf, lookback)
	}},
	{ID: "B04", Title: "Pipeline coverage", Needs: []Need{NeedTargets},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.PipelineCoverage(ds, p.AsOf, p.Period)
		}},
	{ID: "B05", Title: "Pipeline as of any date", Needs: history,
		run: func(ds *sales.Dataset, p Params) (any, error) {
			at := PastInstant(p)
			return forecast.PipelineAsOf(ds, at, Horizon(p, at))
		}},
	{ID: "B06", Title: "Slipped deals", Needs: []Need{NeedCloseDateHistory},
		run: func(ds *sales.Dataset, p Params) (any, error) {
			return forecast.SlippedDeals(ds, p.AsOf, p.Period, p.Calendar, p.Unit)
		}},
}

var groups = []Group{
	{"Operational: activity and calls", []string{
		"R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08"}},
	{"Operational: conversion", []string{"R09", "R10", "R11", "R12"}},
	{"Strategic: individual performance", []string{
		"R13", "R14", "R15", "R16", "R17", "R18", "R19", "R20"}},
	{"Strategic: projection", []string{"R21", "R22", "R23", "R24", "R25", "R26", "R27", "R28", "R29"}},
	{"Strategic: global performance", []string{
		"R30", "R31", "R32", "R33", "R34", "R35", "R36", "R37", "R38", "R39", "R40"}},
	{"Strategic: customer portfolio", []string{"R41", "R42", "R43", "R44"}},
	{"Monitoring and alerts", []string{"R45", "R46", "R47", "R48"}},
	{"Beyond the catalogue", []string{"B01", "B02", "B03", "B04", "B05", "B06"}},
}

var byID = func() map[string]Report {
	m := make(map[string]Report, len(reports))
	for i := range reports {
		if reports[i].key == "" {
			reports[i].key = reports[i].ID
		}
		m[reports[i].ID] = reports[i]
	}
	return m
}()

func tasks(ds *sales.Dataset, p Params) (any, error) {
	return activity.TasksPerRep(ds, p.Period, p.AsOf)
}

func results(ds *sales.Dataset, p Params) (any, error) { return kpi.ResultsPerRep(ds, p.Period) }

func effort(ds *sales.Dataset, p Params) (any, error) {
	return activity.EffortPerDeal(ds, p.Period, p.AsOf)
}

func proposals(ds *sales.Dataset, p Params) (any, error) {
	stage := p.ProposalStage
	if stage == "" {
		stage = demo.ProposalStage
		if !hasStage(ds, stage) {
			return nil, unavailable("no stage is named as the proposal stage: name one (-proposal-stage)")
		}
	}
	return funnel.Proposals(ds, p.Period, stage)
}

func hasStage(ds *sales.Dataset, stage sales.StageID) bool {
	for i := range ds.Pipelines {
		if _, ok := ds.Pipelines[i].StageIndex(stage); ok {
			return true
		}
	}
	return false
}

// grouping is R43's: by company type when any company has one, else by
// industry.
func grouping(ds *sales.Dataset) portfolio.Grouping {
	for i := range ds.Companies {
		if ds.Companies[i].Type != "" {
			return portfolio.ByCompanyType
		}
	}
	return portfolio.ByIndustry
}

// Horizon is the span B01 and B05 spread expected close dates over seen
// from t: HorizonBuckets buckets of p.Unit from the one that holds t.
func Horizon(p Params, t time.Time) forecast.Horizon {
	start := p.Calendar.Bucket(p.Unit, t).Start
	end := start
	for range HorizonBuckets {
		end = p.Calendar.Bucket(p.Unit, end).End
	}
	return forecast.Horizon{Period: sales.Period{Start: start, End: end}, Unit: p.Unit,
		Calendar: p.Calendar}
}

// PastInstant is the instant B05 looks back to: the period's start when it
// is before AsOf, else PastMonths before AsOf.
func PastInstant(p Params) time.Time {
	if p.Period.Start.Before(p.AsOf) {
		return p.Period.Start
	}
	return p.AsOf.AddDate(0, -PastMonths, 0)
}
