package maven

import (
	"errors"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// dateLayouts are the forms a date may take: the published files' ISO form
// and the US form of copies re-saved by a spreadsheet program.
var dateLayouts = []string{"2006-01-02", "1/2/2006"}

// parseDate reads a plain calendar date as midnight UTC.
func parseDate(s string) (time.Time, error) {
	for _, layout := range dateLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("not a date (want YYYY-MM-DD or M/D/YYYY)")
}

// parseAmount reads a non-negative amount written as digits with at most one
// decimal point, such as "1054" or "55.5". Signs, exponents, currency
// symbols and thousands separators are refused, so that no value is read
// as something other than what the file says.
func parseAmount(s string) (decimal.Decimal, error) {
	if !plainNumber(s) {
		return decimal.Decimal{}, errors.New("not a plain non-negative number")
	}
	d, err := decimal.NewFromString(s)
	if err == nil {
		err = sales.CheckDecimal(d)
	}
	return d, err
}

// plainNumber reports whether s is digits with at most one decimal point
// and at least one digit.
func plainNumber(s string) bool {
	digits, points := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1
}
