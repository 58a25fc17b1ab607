package demo

import (
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// products returns the catalogue as the portal's products, in the home
// currency; the custom integration has no list price.
func products() []sales.Product {
	out := make([]sales.Product, len(catalogue))
	for i, p := range catalogue {
		out[i] = sales.Product{ID: p.id, Name: p.name, SKU: p.sku}
		if p.cents > 0 {
			out[i].Price = decimal.NewNullDecimal(decimal.New(p.cents, -2))
		}
	}
	return out
}

// lineWeights weighs the number of lines of a deal: one, two or three.
var lineWeights = cumulative(0.5, 0.35, 0.15)

// customLines are the labels of lines that name no product.
var customLines = []string{"Professional services", "Custom work", "Travel and expenses"}

// makeLineItems gives the won and open deals of the new-business pipeline
// one to three lines. Where a deal has an amount its lines add up to it
// exactly; a deal of amount 0 has none.
func (g *generator) makeLineItems() {
	g.recs.LineItems = make([]sales.LineItem, 0, len(g.deals))
	for i := range g.deals {
		if d := &g.deals[i]; d.flow == 0 && d.state != stateLost {
			g.linesOf(i)
		}
	}
	lines := g.recs.LineItems
	eachID("li", len(lines), func(i int, id string) { lines[i].ID = sales.LineItemID(id) })
}

func (g *generator) linesOf(i int) {
	d := &g.deals[i]
	n := 1 + g.rnd.pick(lineWeights)
	if !d.amount {
		for range n {
			p := g.rnd.IntN(balancingProduct) // a product with a price
			g.line(i, p, 1+g.rnd.Int64N(5), catalogue[p].cents)
		}
		return
	}
	rest := d.cents
	for range n - 1 {
		p := g.productFor(rest / 2)
		unit := catalogue[p].cents * (100 - g.rnd.Int64N(21)) / 100
		if d.euro {
			unit = unit * 100 / 108
		}
		if unit <= 0 || unit >= rest {
			break
		}
		q := min(200, max(1, rest/2/unit))
		g.line(i, p, q, unit)
		rest -= q * unit
	}
	if rest > 0 {
		g.balance(i, rest)
	}
}

// balance adds deal i's last line, worth exactly cents: a product sold
// in a quantity that divides the value, the custom integration, or a line
// with a name and no product.
func (g *generator) balance(i int, cents int64) {
	switch u := g.rnd.Float64(); {
	case u < 0.06:
		g.line(i, -1, 1, cents)
	case u < 0.25:
		g.line(i, balancingProduct, 1, cents)
	default:
		p := g.productFor(cents)
		q := min(500, max(1, (cents+catalogue[p].cents/2)/catalogue[p].cents))
		if cents%q != 0 {
			q = 1
		}
		g.line(i, p, q, cents/q)
	}
}

// quantity returns q as a decimal, made once per generation.
func (g *generator) quantity(q int64) decimal.Decimal {
	if q >= int64(len(g.quantities)) {
		return decimal.New(q, 0)
	}
	if g.quantities[q] == (decimal.Decimal{}) {
		g.quantities[q] = decimal.New(q, 0)
	}
	return g.quantities[q]
}

// productFor draws a product listed at no more than cents, or the
// cheapest when none is.
func (g *generator) productFor(cents int64) int {
	cheapest, fits := 0, 0
	for k := range balancingProduct {
		if catalogue[k].cents < catalogue[cheapest].cents {
			cheapest = k
		}
		if catalogue[k].cents <= cents {
			fits++
		}
	}
	if fits == 0 {
		return cheapest
	}
	n := g.rnd.IntN(fits)
	for k := range balancingProduct {
		if catalogue[k].cents <= cents {
			if n == 0 {
				return k
			}
			n--
		}
	}
	return cheapest
}

// line adds a line of deal i: q units of product p (-1 for none) at unit
// cents each, in the deal's currency. Decimals are immutable, so lines
// share the values of their quantities, and a line of one unit shares its
// price with its amount.
func (g *generator) line(i, p int, q, unit int64) {
	price := decimal.New(unit, -2)
	total := price
	if q != 1 {
		total = decimal.New(q*unit, -2)
	}
	li := sales.LineItem{
		Deal:      g.dealIDs[i],
		Quantity:  g.quantity(q),
		UnitPrice: price,
		Amount:    decimal.NewNullDecimal(total),
		Currency:  g.recs.Deals[i].Currency,
	}
	if p >= 0 {
		li.Product, li.Name = catalogue[p].id, catalogue[p].name
	} else {
		li.Name = of(g.rnd, customLines)
	}
	g.recs.LineItems = append(g.recs.LineItems, li)
}
