package board

import (
	"fmt"
	"io"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales/alerts"
)

// alertRows is how many rows of each alert table the text shows; -json
// has them all. The thresholds are the catalogue's (internal/catalog).
const alertRows = 10

func init() {
	register(
		report{id: "R45", text: textR45},
		report{id: "R46", text: textR46},
		report{id: "R47", text: textR47},
		report{id: "R48", text: textR48},
	)
}

func textR45(w io.Writer, e *env, res any) {
	r := res.(alerts.ChurnReport)
	fmt.Fprintf(w, "  %d of %d customers have not ordered for more than %d months at %s; "+
		"values in %s\n", len(r.Companies), r.Customers, r.Months, activityStamp(r.AsOf), r.Currency)
	t := newTable("company", "owner", "last order", "months", "won deals", "lifetime value")
	for _, c := range r.Companies[:min(alertRows, len(r.Companies))] {
		t.add(c.Name, c.OwnerName, day(c.LastOrder), strconv.Itoa(c.MonthsSince),
			num(c.Lifetime.Count), total(c.Lifetime.Value))
	}
	alertWrite(w, t, len(r.Companies))
	note(w, "won deals with no close date (date no order): %d", r.NoCloseDate)
	note(w, "won deals with no known company (make nobody a customer): %d", r.NoCompany)
}

func textR46(w io.Writer, e *env, res any) {
	r := res.(alerts.IdleReport)
	fmt.Fprintf(w, "  %d of %d open deals without activity for more than %d days at %s\n",
		len(r.Deals), r.Open, r.Days, activityStamp(r.AsOf))
	header := []string{"stage"}
	for _, b := range r.Bands {
		header = append(header, b.Label)
	}
	t := newTable(append(header, "deals", "value")...)
	for _, s := range r.ByStage {
		cells := []string{s.PipelineLabel + " / " + s.Label}
		for _, b := range s.Bands {
			cells = append(cells, num(b.Count))
		}
		t.add(append(cells, num(s.Total.Count), total(s.Total.Value))...)
	}
	cells := []string{"all stages"}
	for _, b := range r.ByBand {
		cells = append(cells, num(b.Count))
	}
	t.add(append(cells, num(r.Total.Count), total(r.Total.Value))...)
	t.write(w)
	fmt.Fprintln(w)

	t = newTable("deal", "owner", "stage", "value", "idle since", "days")
	for _, d := range r.Deals[:min(alertRows, len(r.Deals))] {
		t.add(d.Name, d.OwnerName, d.StageLabel, alertValue(d.Value), day(d.Since),
			strconv.Itoa(d.IdleDays))
	}
	alertWrite(w, t, len(r.Deals))
	tallyNotes(w, "idle deals", r.Total)
	note(w, "open deals with neither an activity nor a creation date: %d", r.NoDate)
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
	note(w, "deals open then in a stage no record tells (closed since, no history): %d", r.StageUnknownThen)
}

func textR47(w io.Writer, e *env, res any) {
	r := res.(alerts.OverdueReport)
	fmt.Fprintf(w, "  %d tasks overdue at %s\n", len(r.Tasks), activityStamp(r.AsOf))
	t := newTable("task", "owner", "due", "days", "about")
	for _, k := range r.Tasks[:min(alertRows, len(r.Tasks))] {
		about := k.DealName
		if about == "" {
			about = k.CompanyName
		}
		if about == "" {
			about = k.ContactName
		}
		t.add(k.Subject, k.OwnerName, day(k.Due), strconv.Itoa(k.DaysOverdue), about)
	}
	alertWrite(w, t, len(r.Tasks))
	note(w, "tasks with no creation time (in no state): %d", r.NoTime)
}

func textR48(w io.Writer, e *env, res any) {
	r := res.(alerts.UnplannedReport)
	fmt.Fprintf(w, "  %d of %d open deals have no task due at or after %s\n",
		len(r.Deals), r.Open, activityStamp(r.AsOf))
	t := newTable("deal", "owner", "stage", "value", "idle since", "days", "overdue", "undated")
	for _, d := range r.Deals[:min(alertRows, len(r.Deals))] {
		days := "-"
		if d.IdleDays != nil {
			days = strconv.Itoa(*d.IdleDays)
		}
		t.add(d.Name, d.OwnerName, d.StageLabel, alertValue(d.Value), day(d.Since), days,
			num(d.OverdueTasks), num(d.UndatedTasks))
	}
	alertWrite(w, t, len(r.Deals))
	var untimed int64
	for _, d := range r.Deals {
		untimed += d.UntimedTasks
	}
	note(w, "tasks of those deals with no creation time (no plan): %d", untimed)
	note(w, "deals in a stage their pipeline does not list: %d", r.UnknownStage)
}

func alertValue(v decimal.NullDecimal) string {
	if !v.Valid {
		return "-"
	}
	return money(v.Decimal)
}

// alertWrite prints the first rows of an alert table of n rows, and says
// how many it left out; nothing when the table is empty.
func alertWrite(w io.Writer, t *table, n int) {
	if n == 0 {
		return
	}
	t.write(w)
	if n > alertRows {
		fmt.Fprintf(w, "  ... and %d more (all of them with -json)\n", n-alertRows)
	}
}
