package sales

import (
	"time"

	"github.com/shopspring/decimal"
)

// DealType says whether a deal is new business or more business with an
// existing customer. The zero value, DealTypeUnknown, means the CRM did not
// say; reports that need it then look at the company's earlier deals.
type DealType uint8

// Deal types.
const (
	DealTypeUnknown DealType = iota
	DealTypeNewBusiness
	DealTypeExistingBusiness
)

var dealTypeNames = []string{"unknown", "new_business", "existing_business"}

// String returns "unknown", "new_business" or "existing_business".
func (t DealType) String() string { return enumName(dealTypeNames, t, "deal_type") }

// MarshalText encodes t by its name; see String.
func (t DealType) MarshalText() ([]byte, error) {
	return enumText(dealTypeNames, t, "deal_type"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (t *DealType) UnmarshalText(b []byte) error {
	v, err := enumParse[DealType](dealTypeNames, b, "deal type")
	*t = v
	return err
}

// Deal is an opportunity moving through a pipeline.
type Deal struct {
	ID   DealID `json:"id"`
	Name string `json:"name,omitempty"`
	// Owner is the rep the deal belongs to; empty means unassigned.
	Owner    OwnerID    `json:"owner,omitempty"`
	Pipeline PipelineID `json:"pipeline"`
	// Stage is the deal's current stage, an id of Pipeline's stages.
	Stage StageID `json:"stage"`
	// Amount is the deal's value in Currency. An invalid (null) amount
	// means the deal has none; an amount of 0 is an amount.
	Amount decimal.NullDecimal `json:"amount"`
	// Currency is the amount's ISO 4217 code; empty means the portal's
	// home currency.
	Currency Currency  `json:"currency,omitempty"`
	Created  time.Time `json:"created"`
	// CloseDate is when the deal was won or lost once it is closed, and
	// when it is expected to close while it is open. Zero means none.
	CloseDate  time.Time `json:"close_date,omitzero"`
	LostReason string    `json:"lost_reason,omitempty"`
	Source     string    `json:"source,omitempty"`
	// Region is the deal's own region; reports by region fall back to the
	// company's region when it is empty.
	Region   string      `json:"region,omitempty"`
	Type     DealType    `json:"type,omitzero"`
	Company  CompanyID   `json:"company,omitempty"`
	Contacts []ContactID `json:"contacts,omitempty"`
	// StageHistory lists the deal's visits to stages in the order they
	// happened, the current stage last. A stage the deal came back to
	// appears once per visit; a stage it skipped does not appear.
	StageHistory []StageVisit `json:"stage_history,omitempty"`
	// CloseDateHistory lists every value the expected close date took,
	// oldest first, the current one last.
	CloseDateHistory []CloseDateChange `json:"close_date_history,omitempty"`
}

// StageVisit is one stay of a deal in a stage: from Entered until Left. A
// zero Left means the deal is still there.
type StageVisit struct {
	Stage   StageID   `json:"stage"`
	Entered time.Time `json:"entered"`
	Left    time.Time `json:"left,omitzero"`
}

// CloseDateChange records that, from At on, the deal's expected close
// date was CloseDate. A zero CloseDate means the date was cleared.
type CloseDateChange struct {
	At        time.Time `json:"at"`
	CloseDate time.Time `json:"close_date,omitzero"`
}

// StageAt returns the stage the deal was in at t according to its stage
// history, and false when the deal did not exist yet at t, or its history
// does not cover t. With no history it answers for the current stage from
// the deal's creation on.
func (d *Deal) StageAt(t time.Time) (StageID, bool) {
	if d.Created.IsZero() || t.Before(d.Created) {
		return "", false
	}
	if len(d.StageHistory) == 0 {
		return d.Stage, true
	}
	for i := len(d.StageHistory) - 1; i >= 0; i-- {
		v := &d.StageHistory[i]
		if !v.Entered.After(t) {
			if !v.Left.IsZero() && !t.Before(v.Left) {
				return "", false
			}
			return v.Stage, true
		}
	}
	return "", false
}
