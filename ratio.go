package sales

import (
	"encoding/json"
	"math"

	"github.com/shopspring/decimal"
)

// Rate is a ratio of two counts, such as deals won over deals closed. It
// keeps both counts, so that rates over parts of the data add up: the
// rate of a team is the sum of its reps' numerators over the sum of their
// denominators, never the mean of their rates. A Rate over nothing
// (Den == 0) has no value.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// Value returns Num / Den as a fraction (0.25 for one in four, not 25),
// and false when Den is 0.
func (r Rate) Value() (float64, bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Add returns the rate over both r's and s's counts.
func (r Rate) Add(s Rate) Rate { return Rate{Num: r.Num + s.Num, Den: r.Den + s.Den} }

// MarshalJSON encodes r as {"num":…,"den":…,"value":…}, where value is
// Num / Den rounded to six decimal places, or null when Den is 0.
func (r Rate) MarshalJSON() ([]byte, error) {
	type wire struct {
		Num   int64    `json:"num"`
		Den   int64    `json:"den"`
		Value *float64 `json:"value"`
	}
	w := wire{Num: r.Num, Den: r.Den}
	if v, ok := r.Value(); ok {
		v = math.Round(v*1e6) / 1e6
		w.Value = &v
	}
	return json.Marshal(w)
}

// Ratio is a ratio of two decimal quantities, such as won value over the
// target. Like Rate it keeps both terms; a Ratio whose Den is zero has no
// value.
type Ratio struct {
	Num decimal.Decimal `json:"num"`
	Den decimal.Decimal `json:"den"`
}

// Value returns Num / Den rounded half away from zero to six decimal
// places, and false when Den is zero.
func (r Ratio) Value() (decimal.Decimal, bool) {
	if r.Den.Sign() == 0 {
		return decimal.Decimal{}, false
	}
	return r.Num.DivRound(r.Den, 6), true
}

// MarshalJSON encodes r as {"num":…,"den":…,"value":…}: the terms as
// decimal strings, like every amount, and the value as a JSON number
// rounded to six decimal places, as Rate's is, or null when Den is zero.
func (r Ratio) MarshalJSON() ([]byte, error) {
	type wire struct {
		Num   decimal.Decimal `json:"num"`
		Den   decimal.Decimal `json:"den"`
		Value *json.Number    `json:"value"`
	}
	w := wire{Num: r.Num, Den: r.Den}
	if v, ok := r.Value(); ok {
		n := json.Number(v.String())
		w.Value = &n
	}
	return json.Marshal(w)
}
