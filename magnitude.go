package sales

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"
)

// Bounds on the decimals a portal holds. No amount, price, quantity,
// rate or target a CRM keeps comes near them; a value beyond them is a
// corrupt field (an exponent such as 1e100000000 in a hand-edited file),
// whose digits every sum would carry and which reports would spend
// minutes writing out.
const (
	// MaxDecimalDigits bounds the digits before the decimal point.
	MaxDecimalDigits = 30
	// MaxDecimalPlaces bounds the digits after it.
	MaxDecimalPlaces = 30
)

// CheckDecimal returns an error saying why d lies beyond MaxDecimalDigits
// or MaxDecimalPlaces, or nil. Readers of other formats call it so that
// they refuse, naming the field, what ReadSnapshot and ReadTables would
// refuse once the records are saved.
func CheckDecimal(d decimal.Decimal) error {
	if p := decimalProblem(d); p != "" {
		return fmt.Errorf("%s %s", shortDecimal(d), p)
	}
	return nil
}

// decimalProblem says why d lies beyond the bounds, or returns "".
func decimalProblem(d decimal.Decimal) string {
	if d.IsZero() {
		return ""
	}
	exp := int64(d.Exponent())
	digits := int64(len(d.Coefficient().Text(10)))
	if d.Sign() < 0 {
		digits-- // the minus sign
	}
	switch {
	case digits+exp > MaxDecimalDigits:
		return fmt.Sprintf("has more than %d digits before the point", MaxDecimalDigits)
	case -exp > MaxDecimalPlaces && digits+exp > -MaxDecimalPlaces:
		return fmt.Sprintf("has more than %d decimal places", MaxDecimalPlaces)
	case digits+exp <= -MaxDecimalPlaces:
		return fmt.Sprintf("is too small to be an amount (below 1e-%d)", MaxDecimalPlaces)
	}
	return ""
}

// eachDecimal calls f with every decimal field of r, named as Validate
// names it, with the record's kind, id and position.
func eachDecimal(r *Records, f func(kind RecordKind, id string, i int, field string,
	d decimal.Decimal)) {
	currencies := make([]Currency, 0, len(r.Rates.ToBase))
	for c := range r.Rates.ToBase {
		currencies = append(currencies, c)
	}
	slices.Sort(currencies)
	for _, c := range currencies {
		f(KindRecords, "", -1, "rates.to_base["+string(c)+"]", r.Rates.ToBase[c])
	}
	for i := range r.Deals {
		if x := &r.Deals[i]; x.Amount.Valid {
			f(KindDeal, string(x.ID), i, "amount", x.Amount.Decimal)
		}
	}
	for i := range r.Products {
		if x := &r.Products[i]; x.Price.Valid {
			f(KindProduct, string(x.ID), i, "price", x.Price.Decimal)
		}
	}
	for i := range r.LineItems {
		x := &r.LineItems[i]
		f(KindLineItem, string(x.ID), i, "quantity", x.Quantity)
		f(KindLineItem, string(x.ID), i, "unit_price", x.UnitPrice)
		if x.Amount.Valid {
			f(KindLineItem, string(x.ID), i, "amount", x.Amount.Decimal)
		}
	}
	for i := range r.Targets {
		f(KindTarget, string(r.Targets[i].ID), i, "value", r.Targets[i].Value)
	}
}

// shortDecimal writes d as it reads when that is short, else as its
// first digits with an ellipsis and a power of ten: writing out
// 1e100000000 would take a hundred million bytes.
func shortDecimal(d decimal.Decimal) string {
	c := d.Coefficient().Text(10)
	exp := int(d.Exponent())
	if len(c) <= 64 && exp >= -64 && exp <= 64 {
		return d.String()
	}
	sign := ""
	if c[0] == '-' {
		sign, c = "-", c[1:]
	}
	exp += len(c) - 1 // the point after the first digit
	if len(c) > 12 {
		return fmt.Sprintf("%s%s.%s…e%d", sign, c[:1], c[1:12], exp)
	}
	if len(c) > 1 {
		return fmt.Sprintf("%s%s.%se%d", sign, c[:1], c[1:], exp)
	}
	return fmt.Sprintf("%s%se%d", sign, c, exp)
}

// checkMagnitudes returns an error naming the first decimal of r beyond
// the bounds, in the order of eachDecimal.
func checkMagnitudes(r *Records) error {
	var err error
	eachDecimal(r, func(kind RecordKind, id string, i int, field string, d decimal.Decimal) {
		if why := decimalProblem(d); why != "" && err == nil {
			err = fmt.Errorf("%s %q (record %d): %s: %s %s", kind, id, i, field, shortDecimal(d), why)
		}
	})
	return err
}
