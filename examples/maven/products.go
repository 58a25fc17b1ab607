package maven

import (
	"io/fs"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// readProducts maps each row of products.csv to a product.
func (l *loader) readProducts(fsys fs.FS) error {
	required := []string{"product", "series", "sales_price"}
	return readTable(fsys, productsFile, &l.sum.Products, &l.sum, required, func(t *table) {
		name := t.get("product")
		switch _, dup := l.products[name]; {
		case name == "":
			t.rejectRow("empty product")
		case dup:
			t.rejectRow("product already listed")
		default:
			l.addProduct(name, t.get("series"), l.price(t))
			t.loaded()
		}
	})
}

// price reads sales_price; a value that is not a number is rejected and
// the product has no list price.
func (l *loader) price(t *table) decimal.NullDecimal {
	s := t.get("sales_price")
	if s == "" {
		return decimal.NullDecimal{}
	}
	v, err := parseAmount(s)
	if err != nil {
		t.reject("sales_price", err.Error())
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(v)
}

// addProduct appends a product and indexes its name both as written and
// folded. Where two names fold alike, the first keeps the folded key.
func (l *loader) addProduct(name, series string, price decimal.NullDecimal) {
	i := len(l.recs.Products)
	l.products[name] = i
	if _, taken := l.folded[fold(name)]; !taken {
		l.folded[fold(name)] = i
	}
	l.recs.Products = append(l.recs.Products, sales.Product{
		ID: sales.ProductID(name), Name: name, SKU: series, Price: price, Currency: usd,
	})
}

// product finds the catalogue's product for a pipeline row's name: the
// exact name first, then the folded one. It returns nil when neither
// matches.
func (l *loader) product(name string) *sales.Product {
	if i, ok := l.products[name]; ok {
		return &l.recs.Products[i]
	}
	if i, ok := l.folded[fold(name)]; ok {
		l.sum.ProductsNormalised++
		return &l.recs.Products[i]
	}
	l.sum.UnknownProducts++
	return nil
}

// fold returns name without white space and in lower case, so that
// "GTXPro" and "GTX Pro" compare equal.
func fold(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, name)
}
