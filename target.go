package sales

import "github.com/shopspring/decimal"

// TargetMetric says what a target measures.
type TargetMetric uint8

// Target metrics. The zero value is not a metric: Validate reports a
// target that has none.
const (
	// TargetWonValue is the value of deals won, in the portal's home
	// currency.
	TargetWonValue TargetMetric = iota + 1
	// TargetWonCount is the number of deals won.
	TargetWonCount
)

var targetMetricNames = []string{"", "won_value", "won_count"}

// String returns "won_value" or "won_count".
func (m TargetMetric) String() string { return enumName(targetMetricNames, m, "target_metric") }

// MarshalText encodes m by its name; see String.
func (m TargetMetric) MarshalText() ([]byte, error) {
	return enumText(targetMetricNames, m, "target_metric"), nil
}

// UnmarshalText decodes a name written by MarshalText.
func (m *TargetMetric) UnmarshalText(b []byte) error {
	v, err := enumParse[TargetMetric](targetMetricNames, b, "target metric")
	*m = v
	return err
}

// Target is a goal for one owner, one team or the whole portal over a
// period: with Owner set it is the owner's; else with Team set it is the
// team's; with neither it is the portal's.
type Target struct {
	ID     TargetID     `json:"id,omitempty"`
	Owner  OwnerID      `json:"owner,omitempty"`
	Team   string       `json:"team,omitempty"`
	Period Period       `json:"period"`
	Metric TargetMetric `json:"metric"`
	// Value is the goal: an amount in the portal's home currency for
	// TargetWonValue, a whole number of deals for TargetWonCount.
	Value decimal.Decimal `json:"value"`
}
