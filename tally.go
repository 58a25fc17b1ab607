package sales

import "github.com/shopspring/decimal"

// BUG(sales): A negative amount (a credit note, or a typing slip) is added
// as it is: Validate reports it, naming the deal and the field, but a
// Tally does not count it apart, so a share of a value can pass 100%
// where one is negative.

// Tally counts deals and adds up their values in the home currency. Every
// deal added counts in Count; its value adds to Value only when it has an
// amount that converts into the home currency. The deals that add no value
// are counted apart, so nothing is dropped silently: NoAmount for deals
// without an amount, NoRate for deals whose currency has no rate.
//
// Tallies merge: the tally of two sets of deals is the sum of their
// tallies.
type Tally struct {
	Count    int64 `json:"count"`
	Value    Total `json:"value"`
	NoAmount int64 `json:"no_amount"`
	NoRate   int64 `json:"no_rate"`
}

// AddDeal counts the i-th deal of d and adds its value.
func (t *Tally) AddDeal(d *Dataset, i int) {
	t.Count++
	switch d.deal.Value[i] {
	case ValueOK:
		if m := d.deal.Micros[i]; m != NoMicros {
			t.Value.AddMicros(m)
		} else {
			t.Value.Add(d.dealValue[i])
		}
	case ValueMissing:
		t.NoAmount++
	default:
		t.NoRate++
	}
}

// Merge adds the deals of u to t.
func (t *Tally) Merge(u Tally) {
	t.Count += u.Count
	t.Value.AddTotal(u.Value)
	t.NoAmount += u.NoAmount
	t.NoRate += u.NoRate
}

// Valued returns how many deals added to Value: Count less the deals with
// no amount or no rate.
func (t Tally) Valued() int64 { return t.Count - t.NoAmount - t.NoRate }

// Average returns the mean value of the deals that have one, rounded half
// away from zero to two decimal places, and false when none has. An amount
// of 0 is an amount and counts in the mean.
func (t Tally) Average() (decimal.Decimal, bool) {
	n := t.Valued()
	if n <= 0 {
		return decimal.Decimal{}, false
	}
	return t.Value.Decimal().DivRound(decimal.NewFromInt(n), 2), true
}
