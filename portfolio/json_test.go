package portfolio_test

import (
	"encoding/json"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/portfolio"
)

func TestGrouping_UnmarshalText(t *testing.T) {
	tests := []struct {
		in      string
		want    portfolio.Grouping
		wantErr bool
	}{
		{"company_type", portfolio.ByCompanyType, false},
		{"industry", portfolio.ByIndustry, false},
		{"", 0, true},
		{"Industry", 0, true},
		{"grouping(0)", 0, true},
	}
	for _, tc := range tests {
		var g portfolio.Grouping
		err := g.UnmarshalText([]byte(tc.in))
		if g != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("Grouping.UnmarshalText(%q) = %v, %v; want %v, error %v",
				tc.in, g, err, tc.want, tc.wantErr)
		}
	}
}

// TestProductSales_MergeEmpty: two parts that sold nothing merge into a
// result whose products marshal as [], as the whole's do.
func TestProductSales_MergeEmpty(t *testing.T) {
	ds := sales.MustDataset(sales.Records{})
	a, _ := portfolio.TopProducts(ds, q1, 3)
	b, _ := portfolio.TopProducts(ds, q1, 3)
	want, _ := json.Marshal(a)
	if err := a.Merge(b); err != nil {
		t.Fatalf("ProductSales.Merge: %v", err)
	}
	if got, _ := json.Marshal(a); string(got) != string(want) {
		t.Errorf("ProductSales.Merge of two empty parts = %s, want %s", got, want)
	}
}
