package main

import (
	"github.com/salespilot/sales"
	"github.com/salespilot/sales/portfolio"
)

// The rows of the portfolio reports, in the columns of their queries.
// Every ranked list keeps its rank as a column, so that the order (and
// with it the top N) is compared although the rows are sorted first.

// pfCount is a row of width cells that holds one count of a report in
// its fifth column, after its kind.
func pfCount(kind string, width int, n int64) []any {
	cells := make([]any, width)
	cells[0], cells[4] = kind, n
	return Row(cells...)
}

// pfTally lays out a tally as count, value, no amount, no rate.
func pfTally(t sales.Tally) []any {
	return []any{t.Count, t.Value, t.NoAmount, t.NoRate}
}

func init() {
	// R41: kind, rank, product, name, lines, quantity, value, no_rate,
	// share; then the counts, each in the lines column.
	register("R41", false, func(r portfolio.ProductSales) [][]any {
		var out [][]any
		line := func(kind string, rank any, pl portfolio.ProductLine) {
			var product any
			if kind == "product" {
				product = pl.Product
			}
			out = append(out, Row(kind, rank, product, pl.Name, pl.Lines, pl.Quantity, pl.Value,
				pl.NoRate, pl.Share))
		}
		for i, pl := range r.Products {
			line("product", i+1, pl)
		}
		line("other", nil, r.Other)
		line("total", nil, r.Total)
		for _, c := range []struct {
			kind string
			n    int64
		}{
			{"won_deals", r.WonDeals}, {"without_lines", r.WithoutLines},
			{"other_products", int64(r.OtherProducts)}, {"no_close_date", r.NoCloseDate},
			{"unknown_stage", r.UnknownStage},
		} {
			out = append(out, pfCount(c.kind, 9, c.n))
		}
		return out
	})
}

func init() {
	// R42: kind, bucket, key, at, count, value, no_amount, no_rate. One
	// row per bucket and split (new, existing, no_company, total), the
	// period's totals, each company's first win, the pending deals, then
	// the counts.
	register("R42", false, func(r portfolio.CustomerSplit) [][]any {
		var out [][]any
		split := func(kind string, bucket any, s portfolio.SplitCounts) {
			for _, x := range []struct {
				key string
				t   sales.Tally
			}{{"new", s.New}, {"existing", s.Existing}, {"no_company", s.NoCompany},
				{"total", s.Total}} {
				out = append(out, Row(append([]any{kind, bucket, x.key, nil}, pfTally(x.t)...)...))
			}
		}
		for k, row := range r.Rows {
			split("bucket", r.Buckets.Period(k).Start, row)
		}
		split("total", nil, r.Total)
		for _, f := range r.FirstWins {
			out = append(out, Row("first_win", nil, f.Company, f.At, nil, nil, nil, nil))
		}
		for _, p := range r.Pending {
			out = append(out, Row(append([]any{"pending", r.Buckets.Period(p.Bucket).Start,
				p.Company, p.At}, pfTally(p.Deals)...)...))
		}
		for _, c := range []struct {
			kind string
			n    int64
		}{
			{"by_type", r.ByType}, {"by_history", r.ByHistory},
			{"no_close_date", r.NoCloseDate}, {"unknown_stage", r.UnknownStage},
		} {
			out = append(out, pfCount(c.kind, 8, c.n))
		}
		return out
	})
}

func init() {
	// R43: kind, rank, key, count, value, no_amount, no_rate, share: the
	// groups ranked, no_company, unlisted_company and total; then the
	// grouping in the key column, and the counts.
	register("R43", false, func(r portfolio.RevenueGroups) [][]any {
		var out [][]any
		group := func(kind string, rank any, g portfolio.RevenueGroup) {
			out = append(out, Row(append(append([]any{kind, rank, g.Key}, pfTally(g.Won)...),
				g.Share)...))
		}
		for i, g := range r.Groups {
			group("group", i+1, g)
		}
		group("no_company", nil, r.NoCompany)
		group("unlisted_company", nil, r.UnlistedCompany)
		group("total", nil, r.Total)
		out = append(out, Row("by", nil, r.By.String(), nil, nil, nil, nil, nil))
		out = append(out, Row("no_close_date", nil, nil, r.NoCloseDate, nil, nil, nil, nil))
		out = append(out, Row("unknown_stage", nil, nil, r.UnknownStage, nil, nil, nil, nil))
		return out
	})
}

func init() {
	// R44: kind, rank, company, name, count, value, no_amount, no_rate,
	// share: the companies ranked, then top_n (with the top share), rest,
	// no_company and total, then the counts.
	register("R44", false, func(r portfolio.Concentration) [][]any {
		var out [][]any
		tally := func(kind string, t sales.Tally, share any) {
			out = append(out, Row(append(append([]any{kind, nil, nil, nil}, pfTally(t)...),
				share)...))
		}
		for i, c := range r.Companies {
			out = append(out, Row(append(append([]any{"company", i + 1, c.Company, c.Name},
				pfTally(c.Won)...), c.Share)...))
		}
		tally("top_n", r.TopN, r.TopShare)
		tally("rest", r.Rest, nil)
		tally("no_company", r.NoCompany, nil)
		tally("total", r.Total, nil)
		out = append(out, pfCount("rest_companies", 9, int64(r.RestCompanies)))
		out = append(out, pfCount("no_close_date", 9, r.NoCloseDate))
		out = append(out, pfCount("unknown_stage", 9, r.UnknownStage))
		return out
	})
}
