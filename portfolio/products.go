package portfolio

import (
	"cmp"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// BUG(portfolio): TopProducts converts each product's lines once per
// currency. Into a home currency other than the rates' base currency a
// conversion is rounded to eight decimal places, so the merge of two
// halves may then differ from the whole in the eighth decimal place.

// BUG(portfolio): TopProducts names a product that the catalogue lacks,
// or lists without a name, after its first line's own name. Merge keeps
// the name of the result merged into, so when such a product's lines carry
// different names, a merge of parts may name it after another line than
// the whole does; its figures are exact all the same.

// ProductLine is what one product sold: its lines, quantity and value.
type ProductLine struct {
	// Product is the product's id; empty for lines that name no product,
	// which are grouped by their Name. Name is the catalogue's name, else
	// the first line's own name, else the id.
	Product sales.ProductID `json:"product"`
	Name    string          `json:"name"`
	// Lines counts line items; Quantity adds up their quantities.
	Lines    int64       `json:"lines"`
	Quantity sales.Total `json:"quantity"`
	// Value adds up the lines' values in the home currency. NoRate counts
	// the lines in a currency without a rate: counted, no value.
	Value  sales.Total `json:"value"`
	NoRate int64       `json:"no_rate"`
	// Share is Value ÷ the report's Total.Value.
	Share sales.Ratio `json:"share"`
}

// ProductSales is R41 of the catalogue: the line items of the deals won in
// Period, by product.
type ProductSales struct {
	Period   sales.Period   `json:"period"`
	Currency sales.Currency `json:"currency"`
	// Top is the N of "top N": the chart shows Products[:Top] and Other.
	Top int `json:"top"`
	// Products lists every product sold, the most value first (then by
	// product id and name). Other adds up the products after the first
	// Top, OtherProducts says how many there are; Total adds up every
	// line.
	Products      []ProductLine `json:"products"`
	Other         ProductLine   `json:"other"`
	OtherProducts int           `json:"other_products"`
	Total         ProductLine   `json:"total"`
	// WonDeals counts the deals won in Period; WithoutLines those of
	// them that have no line item, which sell no product.
	WonDeals     int64 `json:"won_deals"`
	WithoutLines int64 `json:"without_lines"`
	Skipped
}

// TopProducts adds up, by product, the line items of the deals won in p:
// lines, quantity and value in the home currency, with the top n products
// and everything else as "other". This is R41 of the catalogue.
//
// A line's value is its amount, or quantity × unit price when it has
// none, in the line's currency (the home currency when empty), converted
// with the portal's rates once per product and currency: into the rates'
// base currency that is exact, into another it is rounded to eight
// decimal places. Lines in a currency without a rate count in Lines and
// Quantity and are counted in NoRate, adding no value. A line that names
// no product is grouped by its name; one that names a product the
// catalogue lacks keeps the product's id.
//
// Products and Other add up to Total, which is the value of every line
// of the deals won in p. With n = 0 every product is in Other; with n at
// least the number of products, Other is empty. Results over two halves
// of a portal's deals merge with Merge. TopProducts fails on an invalid
// period and a negative n.
func TopProducts(ds *sales.Dataset, p sales.Period, n int) (ProductSales, error) {
	if err := checkPeriod(p); err != nil {
		return ProductSales{}, fmt.Errorf("portfolio: top products: %w", err)
	}
	if err := checkTop(n); err != nil {
		return ProductSales{}, fmt.Errorf("portfolio: top products: %w", err)
	}
	r := ProductSales{Period: p, Currency: ds.Currency(), Top: n, Products: []ProductLine{}}
	var acc productAccumulator
	cols, span := ds.DealColumns(), sales.SpanOf(p)
	for i := range ds.Deals {
		if !r.won(cols, i, span) {
			continue
		}
		r.WonDeals++
		lines := ds.DealLineItems(i)
		if len(lines) == 0 {
			r.WithoutLines++
		}
		for _, l := range lines {
			acc.add(ds, &ds.LineItems[l])
		}
	}
	r.Products = acc.lines(ds)
	r.finish()
	return r, nil
}

// productKey identifies a product line: by product id, else by name.
type productKey struct {
	id   sales.ProductID
	name string
}

// amounts adds up one product's lines in one currency.
type amounts struct {
	currency sales.Currency
	lines    int64
	sum      sales.Total
	micros   int64 // quantity × unit price of lines without an amount, while it fits
}

// productAccumulator keeps one entry per product and currency.
type productAccumulator struct {
	index map[productKey]int
	keys  []productKey
	names []string // the first line's own name
	qty   []sales.Total
	sums  [][]amounts
}

// add adds line item li.
func (a *productAccumulator) add(ds *sales.Dataset, li *sales.LineItem) {
	k := productKey{id: li.Product}
	if li.Product == "" {
		k.name = li.Name
	}
	j, ok := a.index[k]
	if !ok {
		if a.index == nil {
			a.index = make(map[productKey]int)
		}
		j = len(a.keys)
		a.index[k] = j
		a.keys, a.names = append(a.keys, k), append(a.names, li.Name)
		a.qty, a.sums = append(a.qty, sales.Total{}), append(a.sums, nil)
	}
	a.qty[j].Add(li.Quantity)
	cur := li.Currency
	if cur == "" {
		cur = ds.Currency()
	}
	a.sumIn(j, cur).add(li)
}

// sumIn returns product j's sum in currency cur.
func (a *productAccumulator) sumIn(j int, cur sales.Currency) *amounts {
	for c := range a.sums[j] {
		if a.sums[j][c].currency == cur {
			return &a.sums[j][c]
		}
	}
	a.sums[j] = append(a.sums[j], amounts{currency: cur})
	return &a.sums[j][len(a.sums[j])-1]
}

// add adds the line's value in its own currency.
func (s *amounts) add(li *sales.LineItem) {
	s.lines++
	if li.Amount.Valid {
		s.sum.Add(li.Amount.Decimal)
		return
	}
	if m, ok := mulMicros(li.Quantity, li.UnitPrice); ok {
		if sum, ok := addInt64(s.micros, m); ok {
			s.micros = sum
			return
		}
	}
	s.sum.Add(li.Quantity.Mul(li.UnitPrice))
}

// value returns the lines' value in their currency.
func (s *amounts) value() decimal.Decimal {
	v := s.sum.Decimal()
	if s.micros != 0 {
		v = v.Add(decimal.New(s.micros, -6))
	}
	return v
}

// lines converts every product's sums into the home currency.
func (a *productAccumulator) lines(ds *sales.Dataset) []ProductLine {
	if len(a.keys) == 0 {
		return []ProductLine{}
	}
	out := make([]ProductLine, len(a.keys))
	for j, k := range a.keys {
		pl := ProductLine{Product: k.id, Name: productName(ds, k, a.names[j]), Quantity: a.qty[j]}
		for _, s := range a.sums[j] {
			pl.Lines += s.lines
			v, err := ds.Rates.Convert(s.value(), s.currency, ds.Currency())
			if err != nil {
				pl.NoRate += s.lines
				continue
			}
			pl.Value.Add(v)
		}
		out[j] = pl
	}
	return out
}

// productName names a product line: the catalogue's name, else the first
// line's own name, else the product id.
func productName(ds *sales.Dataset, k productKey, line string) string {
	switch i, ok := ds.ProductIndex(k.id); {
	case k.id == "":
		return k.name
	case ok && ds.Products[i].Name != "":
		return ds.Products[i].Name
	case line != "":
		return line
	}
	return string(k.id)
}

// finish sorts the products and sets Other, Total and the shares.
func (r *ProductSales) finish() {
	keys := totalKeys(r.Products, func(p *ProductLine) sales.Total { return p.Value })
	values := sortByValue(r.Products, keys, compareProducts)
	r.Total = ProductLine{Name: "total"}
	for _, pl := range r.Products {
		r.Total.addLine(pl)
	}
	r.Other = ProductLine{Name: "other"}
	r.OtherProducts = max(0, len(r.Products)-r.Top)
	total := r.Total.Value.Decimal()
	for j := range r.Products {
		if j >= r.Top {
			r.Other.addLine(r.Products[j])
		}
		r.Products[j].Share = share(values[j], total)
	}
	r.Other.Share = share(r.Other.Value.Decimal(), total)
	r.Total.Share = share(total, total)
}

// key returns the key pl is grouped by.
func (pl *ProductLine) key() productKey {
	if pl.Product != "" {
		return productKey{id: pl.Product}
	}
	return productKey{name: pl.Name}
}

// addLine adds the figures of o to pl.
func (pl *ProductLine) addLine(o ProductLine) {
	pl.Lines += o.Lines
	pl.Quantity.AddTotal(o.Quantity)
	pl.Value.AddTotal(o.Value)
	pl.NoRate += o.NoRate
}

// compareProducts orders products of the same value by id and name.
func compareProducts(a, b *ProductLine) int {
	if c := cmp.Compare(a.Product, b.Product); c != 0 {
		return c
	}
	return cmp.Compare(a.Name, b.Name)
}

// TopProducts returns the first Top products: the slices of the chart
// beside Other. Appending to the slice returned does not change Products.
func (r *ProductSales) TopProducts() []ProductLine {
	n := min(r.Top, len(r.Products))
	return r.Products[:n:n]
}

// Merge adds the line items of o, computed over other deals of the same
// portal for the same period, to r. It fails when the periods, the
// currencies or the top N differ. Values merge exactly when the home
// currency is the rates' base currency; into another currency each half
// was rounded to eight decimal places.
func (r *ProductSales) Merge(o ProductSales) error {
	if !samePeriod(r.Period, o.Period) || r.Currency != o.Currency || r.Top != o.Top {
		return fmt.Errorf("portfolio: merge top products: "+
			"%s in %q (top %d) and %s in %q (top %d) differ",
			r.Period, r.Currency, r.Top, o.Period, o.Currency, o.Top)
	}
	products := append(make([]ProductLine, 0, len(r.Products)+len(o.Products)), r.Products...)
	index := make(map[productKey]int, len(products))
	for j := range products {
		index[products[j].key()] = j
	}
	for _, pl := range o.Products {
		if j, ok := index[pl.key()]; ok {
			products[j].addLine(pl)
			continue
		}
		index[pl.key()] = len(products)
		products = append(products, pl)
	}
	r.Products = products
	r.WonDeals += o.WonDeals
	r.WithoutLines += o.WithoutLines
	r.Skipped.merge(o.Skipped)
	r.finish()
	return nil
}
