package sales

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"
)

// read reads every table: portal.csv first, for the location times are put
// in, then the parent tables, sized from their line counts, then the link
// tables, matched with their parents as they are parsed.
func (rd *tableReader) read() (Records, error) {
	lines := rd.count(tPortal)
	portal := newParentSink(rd, tPortal, lines[tPortal], decodePortal)
	rd.feed(rd.files[tPortal], portal)
	p, err := onePortalRow(portal.rows())
	if err != nil {
		rd.fail(tPortal, 0, err)
	}
	if rd.canceled.Load() {
		return Records{}, nil
	}
	rd.conf.loc = portalLocation(p.tz)

	lines = rd.count(tRates, tOwners, tStages, tProducts, tTargets, tDeals, tContacts,
		tCompanies, tActivities, tLineItems)
	if rd.canceled.Load() {
		return Records{}, nil
	}
	// The biggest table first: a collection its allocation starts does not
	// scan the tables allocated while it marks, and leaves a heap goal high
	// enough for no other collection to start while the tables fill.
	activities := newParentSink(rd, tActivities, lines[tActivities], decodeActivity).hashed()
	contacts := newParentSink(rd, tContacts, lines[tContacts], decodeContact)
	deals := newParentSink(rd, tDeals, lines[tDeals], decodeDeal).hashed()
	companies := newParentSink(rd, tCompanies, lines[tCompanies], decodeCompany)
	lineItems := newParentSink(rd, tLineItems, lines[tLineItems], decodeLineItem)
	rates := newParentSink(rd, tRates, lines[tRates], decodeRate)
	owners := newParentSink(rd, tOwners, lines[tOwners], decodeOwner)
	stages := newParentSink(rd, tStages, lines[tStages], decodeStage)
	products := newParentSink(rd, tProducts, lines[tProducts], decodeProduct)
	targets := newParentSink(rd, tTargets, lines[tTargets], decodeTarget)
	links := rd.linkSinks(deals, activities)

	sinks := [numTables]tableSink{tRates: rates, tOwners: owners, tStages: stages,
		tProducts: products, tTargets: targets, tDeals: deals, tContacts: contacts,
		tCompanies: companies, tActivities: activities, tLineItems: lineItems}
	for t, s := range links {
		sinks[t] = s
	}
	for t := tRates; t < numTables; t++ {
		rd.feed(rd.files[t], sinks[t])
	}
	for _, s := range links {
		s.wait()
	}

	r := Records{TimeZone: p.tz, Currency: p.currency, Owners: owners.rows(),
		Deals: deals.rows(), Contacts: contacts.rows(), Companies: companies.rows(),
		Activities: activities.rows(), Products: products.rows(), LineItems: lineItems.rows(),
		Targets: targets.rows()}
	if rd.canceled.Load() {
		return Records{}, nil
	}
	r.Rates.Base = p.base
	if r.Rates.ToBase, err = rateMap(rates.rows()); err != nil {
		rd.fail(tRates, 0, err)
		return Records{}, nil
	}
	if r.Pipelines, err = pipelines(stages.rows()); err != nil {
		rd.fail(tStages, 0, err)
		return Records{}, nil
	}
	return r, nil
}

// waiter is a link sink.
type waiter interface {
	tableSink
	wait()
}

func (rd *tableReader) linkSinks(deals *parentSink[Deal],
	activities *parentSink[Activity]) map[tableID]waiter {
	dealID := func(d *Deal) string { return string(d.ID) }
	actID := func(a *Activity) string { return string(a.ID) }
	return map[tableID]waiter{
		tDealContacts: newLinkSink(rd, tDealContacts, deals, dealID,
			func(d *Deal, v []ContactID) { d.Contacts = v },
			func(d *decoder, f [][]byte) ContactID { return ContactID(d.str(f[2])) }),
		tDealStageHistory: newLinkSink(rd, tDealStageHistory, deals, dealID,
			func(d *Deal, v []StageVisit) { d.StageHistory = v }, decodeVisit),
		tDealCloseDateHistory: newLinkSink(rd, tDealCloseDateHistory, deals, dealID,
			func(d *Deal, v []CloseDateChange) { d.CloseDateHistory = v },
			func(d *decoder, f [][]byte) CloseDateChange {
				return CloseDateChange{At: d.time(2, f[2]), CloseDate: d.time(3, f[3])}
			}),
		tActivityDeals: newLinkSink(rd, tActivityDeals, activities, actID,
			func(a *Activity, v []DealID) { a.Deals = v },
			func(d *decoder, f [][]byte) DealID { return DealID(d.str(f[2])) }),
		tActivityContacts: newLinkSink(rd, tActivityContacts, activities, actID,
			func(a *Activity, v []ContactID) { a.Contacts = v },
			func(d *decoder, f [][]byte) ContactID { return ContactID(d.str(f[2])) }),
		tActivityCompanies: newLinkSink(rd, tActivityCompanies, activities, actID,
			func(a *Activity, v []CompanyID) { a.Companies = v },
			func(d *decoder, f [][]byte) CompanyID { return CompanyID(d.text(2, f[2])) }),
	}
}

// count returns the line feeds of each of the given files, counted in
// parallel.
func (rd *tableReader) count(ids ...tableID) [numTables]int {
	var totals [numTables]atomic.Int64
	var wg sync.WaitGroup
	for _, t := range ids {
		rd.countLines(rd.files[t], &totals[t], &wg)
	}
	wg.Wait()
	var out [numTables]int
	for t := range totals {
		out[t] = int(totals[t].Load())
	}
	return out
}

type portalRow struct {
	tz       string
	currency Currency
	base     Currency
}

func decodePortal(d *decoder, f [][]byte, x *portalRow) {
	*x = portalRow{tz: d.str(f[0]), currency: Currency(d.str(f[1])), base: Currency(d.str(f[2]))}
}

func onePortalRow(rows []portalRow) (portalRow, error) {
	if len(rows) != 1 {
		return portalRow{}, fmt.Errorf("%d rows, want exactly 1", len(rows))
	}
	return rows[0], nil
}

// portalLocation returns the location times are put in: UTC for the empty
// name, nil (fixed offsets) for "Local" and unknown names.
func portalLocation(tz string) *time.Location {
	if tz == "Local" {
		return nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil
	}
	return loc
}

type rateRow struct {
	line     int
	currency Currency
	toBase   decimal.Decimal
}

func decodeRate(d *decoder, f [][]byte, x *rateRow) {
	*x = rateRow{line: d.rows.line, currency: Currency(d.str(f[0])), toBase: d.decimal(1, f[1])}
}

func rateMap(rows []rateRow) (map[Currency]decimal.Decimal, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	m := make(map[Currency]decimal.Decimal, len(rows))
	for _, r := range rows {
		if _, dup := m[r.currency]; dup {
			return nil, fmt.Errorf("line %d: currency %q has a rate already", r.line, r.currency)
		}
		m[r.currency] = r.toBase
	}
	return m, nil
}

func decodeOwner(d *decoder, f [][]byte, x *Owner) {
	*x = Owner{ID: OwnerID(d.text(0, f[0])), Name: d.str(f[1]), Email: d.str(f[2]),
		Team: d.text(3, f[3]), Archived: d.bool(4, f[4])}
}

// stageRow is a row of stages.csv: one stage of a pipeline, or a pipeline
// with no stage when pos is -1.
type stageRow struct {
	line     int
	pipeline PipelineID
	label    string
	pos      int64
	stage    Stage
}

func decodeStage(d *decoder, f [][]byte, x *stageRow) {
	*x = stageRow{line: d.rows.line, pipeline: PipelineID(d.text(0, f[0])),
		label: d.text(1, f[1]), pos: -1}
	if len(f[2]) == 0 {
		for col := 3; col < len(f); col++ {
			if len(f[col]) > 0 {
				d.fail(col, f[col], errors.New("a stage column of a row without position "+
					"(a pipeline with no stage) is not empty"))
			}
		}
		return
	}
	x.pos = int64(d.position(2, f[2]))
	x.stage = Stage{ID: StageID(d.text(3, f[3])), Label: d.text(4, f[4]),
		Kind:        enumOf[StageKind](d, 5, f[5], stageKindNames, "stage kind"),
		Probability: d.float(6, f[6])}
}

// pipelines groups the rows of stages.csv into pipelines: position 0 (or
// no position) starts a pipeline, and each following row continues it.
func pipelines(rows []stageRow) ([]Pipeline, error) {
	out := []Pipeline{}
	open := false // the last pipeline takes more stages
	for _, r := range rows {
		switch {
		case r.pos <= 0:
			out = append(out, Pipeline{ID: r.pipeline, Label: r.label})
			open = r.pos == 0
			if open {
				out[len(out)-1].Stages = []Stage{r.stage}
			}
			continue
		case !open:
			return nil, fmt.Errorf("line %d: position %d where 0 was expected", r.line, r.pos)
		}
		p := &out[len(out)-1]
		switch {
		case r.pipeline != p.ID:
			return nil, fmt.Errorf("line %d: pipeline %q at position %d, in the stages of %q",
				r.line, r.pipeline, r.pos, p.ID)
		case r.label != p.Label:
			return nil, fmt.Errorf("line %d: pipeline_label %q, where the pipeline's first row "+
				"gives %q", r.line, r.label, p.Label)
		case int(r.pos) != len(p.Stages):
			return nil, fmt.Errorf("line %d: position %d where %d was expected", r.line, r.pos,
				len(p.Stages))
		}
		p.Stages = append(p.Stages, r.stage)
	}
	return out, nil
}

func decodeProduct(d *decoder, f [][]byte, x *Product) {
	*x = Product{ID: ProductID(d.text(0, f[0])), Name: d.text(1, f[1]), SKU: d.text(2, f[2]),
		Price: d.nullDecimal(3, f[3]), Currency: Currency(d.text(4, f[4]))}
}

func decodeTarget(d *decoder, f [][]byte, x *Target) {
	*x = Target{ID: TargetID(d.str(f[0])), Owner: OwnerID(d.text(1, f[1])), Team: d.text(2, f[2]),
		Period: Period{Start: d.time(3, f[3]), End: d.time(4, f[4])},
		Metric: enumOf[TargetMetric](d, 5, f[5], targetMetricNames, "target metric"),
		Value:  d.decimal(6, f[6])}
}

func decodeDeal(d *decoder, f [][]byte, x *Deal) {
	x.ID = DealID(d.str(f[0]))
	x.Name = d.str(f[1])
	x.Owner = OwnerID(d.text(2, f[2]))
	x.Pipeline = PipelineID(d.text(3, f[3]))
	x.Stage = StageID(d.text(4, f[4]))
	x.Amount = d.nullDecimal(5, f[5])
	x.Currency = Currency(d.text(6, f[6]))
	x.Created = d.time(7, f[7])
	x.CloseDate = d.time(8, f[8])
	x.LostReason = d.text(9, f[9])
	x.Source = d.text(10, f[10])
	x.Region = d.text(11, f[11])
	x.Type = enumOf[DealType](d, 12, f[12], dealTypeNames, "deal type")
	x.Company = CompanyID(d.text(13, f[13]))
}

func decodeContact(d *decoder, f [][]byte, x *Contact) {
	x.ID = ContactID(d.str(f[0]))
	x.Name = d.str(f[1])
	x.Owner = OwnerID(d.text(2, f[2]))
	x.Created = d.time(3, f[3])
	x.Lifecycle = enumOf[LifecycleStage](d, 4, f[4], lifecycleNames, "lifecycle stage")
	x.LeadStatus = d.text(5, f[5])
	x.Source = d.text(6, f[6])
	x.Company = CompanyID(d.text(7, f[7]))
	x.Reached.Subscriber = d.time(8, f[8])
	x.Reached.Lead = d.time(9, f[9])
	x.Reached.MarketingQualified = d.time(10, f[10])
	x.Reached.SalesQualified = d.time(11, f[11])
	x.Reached.Opportunity = d.time(12, f[12])
	x.Reached.Customer = d.time(13, f[13])
	x.Reached.Evangelist = d.time(14, f[14])
	x.Reached.Other = d.time(15, f[15])
}

func decodeCompany(d *decoder, f [][]byte, x *Company) {
	*x = Company{ID: CompanyID(d.str(f[0])), Name: d.str(f[1]), Type: d.text(2, f[2]),
		Industry: d.text(3, f[3]), Country: d.text(4, f[4]), Region: d.text(5, f[5]),
		Owner: OwnerID(d.text(6, f[6])), Created: d.time(7, f[7])}
}

func decodeActivity(d *decoder, f [][]byte, x *Activity) {
	x.ID = ActivityID(d.str(f[0]))
	x.Type = enumOf[ActivityType](d, 1, f[1], activityTypeNames, "activity type")
	x.Owner = OwnerID(d.text(2, f[2]))
	x.Time = d.time(3, f[3])
	x.Subject = d.text(4, f[4])
	x.Direction = enumOf[Direction](d, 5, f[5], directionNames, "direction")
	x.Duration = d.duration(6, f[6])
	x.CallOutcome = enumOf[CallOutcome](d, 7, f[7], callOutcomeNames, "call outcome")
	x.MeetingEnd = d.time(8, f[8])
	x.MeetingOutcome = enumOf[MeetingOutcome](d, 9, f[9], meetingOutcomeNames, "meeting outcome")
	x.TaskStatus = enumOf[TaskStatus](d, 10, f[10], taskStatusNames, "task status")
	x.TaskDue = d.time(11, f[11])
	x.TaskCompleted = d.time(12, f[12])
}

func decodeLineItem(d *decoder, f [][]byte, x *LineItem) {
	*x = LineItem{ID: LineItemID(d.str(f[0])), Deal: DealID(d.str(f[1])),
		Product: ProductID(d.text(2, f[2])), Name: d.text(3, f[3]),
		Quantity: d.decimal(4, f[4]), UnitPrice: d.decimal(5, f[5]),
		Amount: d.nullDecimal(6, f[6]), Currency: Currency(d.text(7, f[7]))}
}

func decodeVisit(d *decoder, f [][]byte) StageVisit {
	return StageVisit{Stage: StageID(d.text(2, f[2])), Entered: d.time(3, f[3]),
		Left: d.time(4, f[4])}
}
