package maven

import (
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// pipelineColumns are the columns of sales_pipeline.csv the mapping reads.
var pipelineColumns = []string{
	"opportunity_id", "sales_agent", "product", "account",
	"deal_stage", "engage_date", "close_date", "close_value",
}

// readPipeline maps each row of sales_pipeline.csv to a deal and its line
// item.
func (l *loader) readPipeline(fsys fs.FS) error {
	return readTable(fsys, pipelineFile, &l.sum.Pipeline, &l.sum, pipelineColumns, func(t *table) {
		id := sales.DealID(t.get("opportunity_id"))
		if id == "" {
			t.rejectRow("empty opportunity_id")
			return
		}
		if line, dup := l.deals[id]; dup {
			t.rejectRow(fmt.Sprintf("opportunity_id already used on line %d", line))
			return
		}
		l.deals[id] = t.line("opportunity_id")
		l.addDeal(t, id)
		t.loaded()
	})
}

// addDeal maps the current row into a deal and, when it names a product,
// a line item.
func (l *loader) addDeal(t *table, id sales.DealID) {
	d := sales.Deal{ID: id, Pipeline: PipelineID, Currency: usd}
	d.Owner, d.Region = l.owner(t.get("sales_agent"))
	d.Stage = l.stage(t)
	d.Company = l.company(t)
	d.Created = l.date(t, "engage_date")
	if d.Created.IsZero() {
		l.sum.DealsWithoutCreated++
	}
	l.closing(t, &d)
	d.StageHistory = engagedHistory(&d)

	product := t.get("product")
	if product == "" {
		l.sum.DealsWithoutProduct++
		d.Name = string(d.Company)
		l.recs.Deals = append(l.recs.Deals, d)
		return
	}
	li := l.lineItem(&d, product)
	d.Name = dealName(d.Company, li)
	l.recs.Deals = append(l.recs.Deals, d)
	l.recs.LineItems = append(l.recs.LineItems, li)
}

// stage maps deal_stage to a stage id; a value outside the four stages is
// rejected and the deal gets no stage.
func (l *loader) stage(t *table) sales.StageID {
	s, ok := stageOf[strings.ToLower(t.get("deal_stage"))]
	if !ok {
		t.reject("deal_stage", "not one of Prospecting, Engaging, Won, Lost")
		return ""
	}
	if s == StageProspecting || s == StageEngaging {
		l.sum.OpenDeals++
	}
	return s
}

// company returns the deal's company id, counting empty and unknown
// accounts.
func (l *loader) company(t *table) sales.CompanyID {
	id := sales.CompanyID(t.get("account"))
	switch {
	case id == "":
		l.sum.DealsWithoutAccount++
	case !l.companies[id]:
		l.sum.UnknownAccounts++
	}
	return id
}

// date reads a date column; empty is the zero time, and a value that is
// not a date is rejected and read as empty.
func (l *loader) date(t *table, col string) time.Time {
	s := t.get(col)
	if s == "" {
		return time.Time{}
	}
	d, err := parseDate(s)
	if err != nil {
		t.reject(col, err.Error())
	}
	return d
}

// closing sets the close date and the amount of a won or lost deal. On any
// other deal close_date and close_value are not used, and a value found
// there is rejected.
func (l *loader) closing(t *table, d *sales.Deal) {
	switch d.Stage {
	case StageWon:
		d.CloseDate = l.date(t, "close_date")
		d.Amount = l.wonAmount(t)
	case StageLost:
		d.CloseDate = l.date(t, "close_date")
		l.lostAmount(t)
	default:
		for _, col := range []string{"close_date", "close_value"} {
			if t.get(col) != "" {
				t.reject(col, "not used: the deal is neither won nor lost")
			}
		}
	}
}

// wonAmount reads a won deal's close_value; empty or unreadable means no
// amount.
func (l *loader) wonAmount(t *table) decimal.NullDecimal {
	s := t.get("close_value")
	if s == "" {
		l.sum.WonWithoutAmount++
		return decimal.NullDecimal{}
	}
	v, err := parseAmount(s)
	if err != nil {
		l.sum.WonWithoutAmount++
		t.reject("close_value", err.Error())
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(v)
}

// lostAmount checks a lost deal's close_value, which is never its amount:
// 0 is the data's placeholder and is counted, anything else is rejected.
func (l *loader) lostAmount(t *table) {
	s := t.get("close_value")
	if s == "" {
		return
	}
	v, err := parseAmount(s)
	switch {
	case err != nil:
		t.reject("close_value", err.Error())
	case v.IsZero():
		l.sum.LostZeroAsNoAmount++
	default:
		t.reject("close_value", "not used: a lost deal has no amount")
	}
}

// lineItem returns the deal's one line item for the product named in the
// row.
func (l *loader) lineItem(d *sales.Deal, product string) sales.LineItem {
	li := sales.LineItem{
		ID:       sales.LineItemID("li-" + string(d.ID)),
		Deal:     d.ID,
		Quantity: decimal.NewFromInt(1),
		Amount:   d.Amount,
		Currency: usd,
	}
	p := l.product(product)
	if p == nil {
		li.Name = product
		return li
	}
	li.Product = p.ID
	li.UnitPrice = p.Price.Decimal
	return li
}

// dealName joins the account and the product, as the catalogue names it
// when it knows it.
func dealName(company sales.CompanyID, li sales.LineItem) string {
	product := li.Name
	if li.Product != "" {
		product = string(li.Product)
	}
	if company == "" {
		return product
	}
	return string(company) + " — " + product
}

// engagedHistory returns the part of the i-th deal's stage history that
// the data states: engage_date is when the deal entered Engaging
// (data_dictionary.csv), and a won or lost deal left Engaging for its
// closed stage at close_date. A deal in Prospecting, or without an engage
// date, has none; so has a closed deal without a close date, or closed
// before it engaged, which validation reports.
func engagedHistory(d *sales.Deal) []sales.StageVisit {
	switch {
	case d.Created.IsZero() || d.Stage == StageProspecting || d.Stage == "":
		return nil
	case d.Stage == StageEngaging:
		return []sales.StageVisit{{Stage: StageEngaging, Entered: d.Created}}
	case d.CloseDate.IsZero() || d.CloseDate.Before(d.Created):
		return nil
	}
	return []sales.StageVisit{
		{Stage: StageEngaging, Entered: d.Created, Left: d.CloseDate},
		{Stage: d.Stage, Entered: d.CloseDate},
	}
}
