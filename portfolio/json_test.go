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

// TestCustomerSplit_MergeMalformed: a result read back from damaged JSON,
// with fewer rows than buckets or pending deals in no bucket, makes Merge
// fail, on either side, and never panic.
func TestCustomerSplit_MergeMalformed(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	good := func() portfolio.CustomerSplit {
		r, err := portfolio.NewVsExisting(ds, q1, sales.Calendar{}, sales.UnitMonth)
		if err != nil {
			t.Fatalf("NewVsExisting: %v", err)
		}
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var back portfolio.CustomerSplit
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		return back
	}
	damage := map[string]func(*portfolio.CustomerSplit){
		"two rows of three": func(r *portfolio.CustomerSplit) { r.Rows = r.Rows[:2] },
		"no rows":           func(r *portfolio.CustomerSplit) { r.Rows = nil },
		"pending in bucket 7": func(r *portfolio.CustomerSplit) {
			r.Pending = append(r.Pending, portfolio.PendingNew{Company: "co1", Bucket: 7})
		},
	}
	for name, f := range damage {
		for _, side := range []string{"merged into", "merged"} {
			a, b := good(), good()
			if side == "merged into" {
				f(&a)
			} else {
				f(&b)
			}
			if err := a.Merge(b); err == nil {
				t.Errorf("CustomerSplit.Merge with %s %s succeeded, want an error", name, side)
			}
		}
	}
	a, b := good(), good()
	if err := a.Merge(b); err != nil {
		t.Errorf("CustomerSplit.Merge of two sound results: %v", err)
	}
}
