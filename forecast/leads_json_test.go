package forecast_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/forecast"
)

// TestLeadStages_MergeDecoded: a stage with no lead in one part has an
// empty list of statuses, which JSON leaves out; read back, the part
// still merges with one whose stage is split by status.
func TestLeadStages_MergeDecoded(t *testing.T) {
	at := asOf
	split := sales.Contact{ID: "c1", Lifecycle: sales.LifecycleLead, LeadStatus: "new"}
	none := sales.Records{}
	one := sales.Records{Contacts: []sales.Contact{split}}
	var parts [2]forecast.LeadStages
	for k, recs := range []sales.Records{none, one} {
		r, err := forecast.ActiveLeads(sales.MustDataset(recs), at, forecast.LeadOptions{ByStatus: true})
		if err != nil {
			t.Fatalf("ActiveLeads: %v", err)
		}
		b, _ := json.Marshal(r)
		if err := json.Unmarshal(b, &parts[k]); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
	}
	if err := parts[0].Merge(parts[1]); err != nil {
		t.Fatalf("LeadStages.Merge of a part without leads: %v", err)
	}
	lead := parts[0].Stages[0]
	if lead.Count != 1 || len(lead.Statuses) != 1 || lead.Statuses[0].Status != "new" {
		t.Errorf("merged lead stage = %+v, want 1 lead, status new", lead)
	}

	unsplit, _ := forecast.ActiveLeads(sales.MustDataset(one), at, forecast.LeadOptions{})
	if err := parts[0].Merge(unsplit); err == nil {
		t.Errorf("LeadStages.Merge of leads split by status and not succeeded, want an error")
	}
}

// TestWeighted_JSONRoundTrip: a stage whose probability is unknown (NaN)
// is written as null and read back as unknown, not as a probability of 0,
// so that the report reads back unchanged.
func TestWeighted_JSONRoundTrip(t *testing.T) {
	r, err := forecast.Weighted(sales.MustDataset(smallPortal()), asOf, marchApril)
	if err != nil {
		t.Fatalf("Weighted: %v", err)
	}
	first, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back forecast.WeightedPipeline
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	second, _ := json.Marshal(back)
	if string(first) != string(second) {
		t.Errorf("Weighted read back from JSON changed:\n%s\n%s", first, second)
	}
	var p forecast.Probability
	if err := json.Unmarshal([]byte("null"), &p); err != nil || !math.IsNaN(float64(p)) {
		t.Errorf("Probability from null = %v (%v), want NaN", p, err)
	}
}
