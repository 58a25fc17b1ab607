package sales

import "time"

// LifecycleStage is where a contact stands in the journey from first touch
// to customer. The stages are ordered: a later constant is further along.
type LifecycleStage uint8

// Lifecycle stages, in order. LifecycleUnknown is the zero value: the CRM
// gave no stage, or one this library does not know.
const (
	LifecycleUnknown LifecycleStage = iota
	LifecycleSubscriber
	LifecycleLead
	LifecycleMarketingQualified
	LifecycleSalesQualified
	LifecycleOpportunity
	LifecycleCustomer
	LifecycleEvangelist
	LifecycleOther
)

// NumLifecycleStages is one more than the largest LifecycleStage, for
// arrays indexed by stage.
const NumLifecycleStages = int(LifecycleOther) + 1

var lifecycleNames = []string{
	"unknown", "subscriber", "lead", "marketing_qualified", "sales_qualified",
	"opportunity", "customer", "evangelist", "other",
}

// String returns the stage's name, such as "marketing_qualified".
func (s LifecycleStage) String() string { return enumName(lifecycleNames, s, "lifecycle_stage") }

// MarshalText encodes s by its name; see String.
func (s LifecycleStage) MarshalText() ([]byte, error) {
	return enumText(lifecycleNames, s, "lifecycle_stage"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (s *LifecycleStage) UnmarshalText(b []byte) error {
	v, err := enumParse[LifecycleStage](lifecycleNames, b, "lifecycle stage")
	*s = v
	return err
}

// IsLead reports whether s is one of the stages the catalogue calls an
// active lead: lead, marketing-qualified, sales-qualified or opportunity.
func (s LifecycleStage) IsLead() bool {
	return s >= LifecycleLead && s <= LifecycleOpportunity
}

// LifecycleDates holds the instant a contact first reached each lifecycle
// stage. A zero time means the contact never reached it, or the CRM did
// not record when.
type LifecycleDates struct {
	Subscriber         time.Time `json:"subscriber,omitzero"`
	Lead               time.Time `json:"lead,omitzero"`
	MarketingQualified time.Time `json:"marketing_qualified,omitzero"`
	SalesQualified     time.Time `json:"sales_qualified,omitzero"`
	Opportunity        time.Time `json:"opportunity,omitzero"`
	Customer           time.Time `json:"customer,omitzero"`
	Evangelist         time.Time `json:"evangelist,omitzero"`
	Other              time.Time `json:"other,omitzero"`
}

// Get returns the date stage s was first reached; zero for
// LifecycleUnknown and for a stage never reached.
func (d *LifecycleDates) Get(s LifecycleStage) time.Time {
	if p := d.field(s); p != nil {
		return *p
	}
	return time.Time{}
}

// Set records t as the date stage s was first reached. Setting
// LifecycleUnknown does nothing.
func (d *LifecycleDates) Set(s LifecycleStage, t time.Time) {
	if p := d.field(s); p != nil {
		*p = t
	}
}

func (d *LifecycleDates) field(s LifecycleStage) *time.Time {
	switch s {
	case LifecycleSubscriber:
		return &d.Subscriber
	case LifecycleLead:
		return &d.Lead
	case LifecycleMarketingQualified:
		return &d.MarketingQualified
	case LifecycleSalesQualified:
		return &d.SalesQualified
	case LifecycleOpportunity:
		return &d.Opportunity
	case LifecycleCustomer:
		return &d.Customer
	case LifecycleEvangelist:
		return &d.Evangelist
	case LifecycleOther:
		return &d.Other
	}
	return nil
}

// Contact is a person the sales team deals with.
type Contact struct {
	ID   ContactID `json:"id"`
	Name string    `json:"name,omitempty"`
	// Owner is the rep in charge of the contact; empty means unassigned.
	Owner   OwnerID   `json:"owner,omitempty"`
	Created time.Time `json:"created"`
	// Lifecycle is the contact's current lifecycle stage.
	Lifecycle LifecycleStage `json:"lifecycle"`
	// Reached holds when each lifecycle stage was first reached.
	Reached LifecycleDates `json:"reached"`
	// LeadStatus is the CRM's lead status (such as "NEW" or
	// "IN_PROGRESS"), kept as the CRM writes it.
	LeadStatus string `json:"lead_status,omitempty"`
	// Source is the contact's original source (such as "ORGANIC_SEARCH").
	Source  string    `json:"source,omitempty"`
	Company CompanyID `json:"company,omitempty"`
}

// LifecycleAt returns the furthest stage the contact had reached at t by
// its recorded dates, or LifecycleUnknown when none was reached by then.
// A stage reached without a recorded date does not count.
func (c *Contact) LifecycleAt(t time.Time) LifecycleStage {
	best := LifecycleUnknown
	for s := LifecycleSubscriber; s <= LifecycleOther; s++ {
		at := c.Reached.Get(s)
		if !at.IsZero() && !at.After(t) && s != LifecycleOther {
			best = s
		}
	}
	return best
}
