package board

import (
	"fmt"
	"io"

	"github.com/salespilot/sales/portfolio"
)

func init() {
	register(
		report{id: "R41", text: textR41},
		report{id: "R42", text: textR42},
		report{id: "R43", text: textR43},
		report{id: "R44", text: textR44},
	)
}

func textR41(w io.Writer, e *env, res any) {
	r := res.(portfolio.ProductSales)
	fmt.Fprintf(w, "  line items of the %d deals won in %s, top %d products, values in %s\n",
		r.WonDeals, r.Period, r.Top, r.Currency)
	t := newTable("product", "lines", "quantity", "value", "share")
	for _, p := range append(r.TopProducts(), r.Other, r.Total) {
		name := p.Name
		if p == r.Other {
			name = fmt.Sprintf("other (%d products)", r.OtherProducts)
		}
		t.add(name, num(p.Lines), p.Quantity.Decimal().String(), total(p.Value), ratio(p.Share))
	}
	t.write(w)
	note(w, "lines in a currency with no rate (counted, no value): %d", r.Total.NoRate)
	note(w, "won deals without line items: %d", r.WithoutLines)
	note(w, "won deals without a close date (in no period): %d", r.NoCloseDate)
}

func textR42(w io.Writer, e *env, res any) {
	r := res.(portfolio.CustomerSplit)
	fmt.Fprintf(w, "  deals won per %s in %s: new business, existing customers, no company\n",
		r.Unit, r.Period)
	t := newTable(r.Unit.String(), "new", "value", "existing", "value", "no company", "value")
	row := func(label string, c portfolio.SplitCounts) {
		t.add(label, num(c.New.Count), total(c.New.Value), num(c.Existing.Count),
			total(c.Existing.Value), num(c.NoCompany.Count), total(c.NoCompany.Value))
	}
	for k, b := range r.Buckets.All() {
		row(e.Calendar.Label(r.Unit, b), r.Rows[k])
	}
	row("total", r.Total)
	t.write(w)
	fmt.Fprintf(w, "  classified by the deal's type: %d; by the company's earlier wins: %d\n",
		r.ByType, r.ByHistory)
	tallyNotes(w, "won deals", r.Total.Total)
}

func textR43(w io.Writer, e *env, res any) {
	r := res.(portfolio.RevenueGroups)
	fmt.Fprintf(w, "  value won in %s by %s, in %s\n", r.Period, r.By, r.Currency)
	t := newTable(r.By.String(), "deals", "value", "share")
	for _, g := range r.Groups {
		key := g.Key
		if key == "" {
			key = "(none)"
		}
		t.add(key, num(g.Won.Count), total(g.Won.Value), ratio(g.Share))
	}
	t.add("no company", num(r.NoCompany.Won.Count), total(r.NoCompany.Won.Value),
		ratio(r.NoCompany.Share))
	if r.UnlistedCompany.Won.Count > 0 {
		t.add("unlisted company", num(r.UnlistedCompany.Won.Count),
			total(r.UnlistedCompany.Won.Value), ratio(r.UnlistedCompany.Share))
	}
	t.add("total", num(r.Total.Won.Count), total(r.Total.Won.Value), ratio(r.Total.Share))
	t.write(w)
	tallyNotes(w, "won deals", r.Total.Won)
}

func textR44(w io.Writer, e *env, res any) {
	r := res.(portfolio.Concentration)
	fmt.Fprintf(w, "  value won in %s by company: the top %d bring %s of it\n",
		r.Period, r.Top, ratio(r.TopShare))
	t := newTable("customer", "deals", "value", "share")
	for _, c := range r.Companies[:min(r.Top, len(r.Companies))] {
		t.add(c.Name, num(c.Won.Count), total(c.Won.Value), ratio(c.Share))
	}
	t.add(fmt.Sprintf("rest (%d companies and no company)", r.RestCompanies), num(r.Rest.Count),
		total(r.Rest.Value), "")
	t.add("  of which no company", num(r.NoCompany.Count), total(r.NoCompany.Value), "")
	t.add("total", num(r.Total.Count), total(r.Total.Value), "")
	t.write(w)
	tallyNotes(w, "won deals", r.Total)
}
