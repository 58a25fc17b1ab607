package maven_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
)

// FuzzLoadFS feeds arbitrary pipeline files, beside smallDir's other files,
// to LoadFS. It must never panic; it may fail only naming the pipeline
// file; and what it loads must keep the mapping's invariants.
func FuzzLoadFS(f *testing.F) {
	base := smallFS(f, nil)
	f.Add(string(base["sales_pipeline.csv"].Data))
	for _, tt := range rejectTests {
		f.Add(pipeline(tt.rows...))
	}
	f.Add("\ufeff" + pipelineHeader + "\r\nX1,Zed,gtxpro,Nowhere,won,1/2/2017,1/1/2017,5.5\r\n")
	f.Add("close_value,deal_stage,opportunity_id,sales_agent,product,account,engage_date," +
		"close_date\n0,Lost,X1,,,,,\n")

	f.Fuzz(func(t *testing.T, text string) {
		fsys := fstest.MapFS{"sales_pipeline.csv": {Data: []byte(text)}}
		for name, file := range base {
			if name != "sales_pipeline.csv" {
				fsys[name] = file
			}
		}
		recs, sum, err := maven.LoadFS(fsys)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "maven: sales_pipeline.csv: ") {
				t.Fatalf("LoadFS error = %v, want one naming sales_pipeline.csv", err)
			}
			return
		}
		checkInvariants(t, recs, sum)
	})
}

// checkInvariants checks what every load promises, whatever the pipeline
// file held.
func checkInvariants(t *testing.T, recs sales.Records, sum maven.Summary) {
	t.Helper()
	checkCounts(t, recs, sum)
	checkDeals(t, recs, sum)
	checkLineItems(t, recs, sum)
	checkValidate(t, recs)
}

// checkCounts checks that every row is either a deal or a rejected row.
func checkCounts(t *testing.T, recs sales.Records, sum maven.Summary) {
	t.Helper()
	rowsRejected := 0
	for _, r := range sum.Rejected {
		if r.File != "sales_pipeline.csv" || r.Line < 2 || r.Reason == "" {
			t.Errorf("rejection %v: want the pipeline file, a line after the header, a reason", r)
		}
		if r.Column == "" {
			rowsRejected++
		}
	}
	equal(t, "deals", len(recs.Deals), sum.Pipeline.Loaded)
	equal(t, "pipeline rows", sum.Pipeline.Rows, sum.Pipeline.Loaded+rowsRejected)
}

var stageKinds = map[sales.StageID]bool{
	"": false, maven.StageProspecting: false, maven.StageEngaging: false,
	maven.StageWon: true, maven.StageLost: true,
}

// checkDeals checks ids, owners, stages, amounts, dates and counts of the
// deals.
func checkDeals(t *testing.T, recs sales.Records, sum maven.Summary) {
	t.Helper()
	owners := map[sales.OwnerID]bool{}
	for _, o := range recs.Owners {
		owners[o.ID] = true
	}
	ids := map[sales.DealID]bool{}
	open, noAccount := 0, 0
	for _, d := range recs.Deals {
		if d.ID == "" || ids[d.ID] {
			t.Errorf("deal id %q is empty or repeated", d.ID)
		}
		ids[d.ID] = true
		if d.Owner != "" && !owners[d.Owner] {
			t.Errorf("deal %q: owner %q is not in Owners", d.ID, d.Owner)
		}
		closed, known := stageKinds[d.Stage]
		if !known {
			t.Errorf("deal %q: stage %q is not one of the pipeline's", d.ID, d.Stage)
		}
		if d.Stage != "" && !closed {
			open++
		}
		if d.Amount.Valid && (d.Stage != maven.StageWon || d.Amount.Decimal.Sign() < 0) {
			t.Errorf("deal %q: amount %s on stage %q", d.ID, d.Amount.Decimal, d.Stage)
		}
		if !closed && !d.CloseDate.IsZero() {
			t.Errorf("deal %q: close date %s on stage %q", d.ID, d.CloseDate, d.Stage)
		}
		if d.Company == "" {
			noAccount++
		}
		day(t, d.Created)
		day(t, d.CloseDate)
	}
	equal(t, "Summary.OpenDeals", sum.OpenDeals, open)
	equal(t, "Summary.DealsWithoutAccount", sum.DealsWithoutAccount, noAccount)
}

// checkLineItems checks that every line item names a loaded deal and, when
// it names a product, a loaded product.
func checkLineItems(t *testing.T, recs sales.Records, sum maven.Summary) {
	t.Helper()
	deals := map[sales.DealID]bool{}
	for _, d := range recs.Deals {
		deals[d.ID] = true
	}
	products := map[sales.ProductID]bool{}
	for _, p := range recs.Products {
		products[p.ID] = true
	}
	for _, li := range recs.LineItems {
		if !deals[li.Deal] {
			t.Errorf("line item %q: deal %q is not in Deals", li.ID, li.Deal)
		}
		if li.Product != "" && !products[li.Product] {
			t.Errorf("line item %q: product %q is not in Products", li.ID, li.Product)
		}
	}
	equal(t, "line items", len(recs.LineItems), len(recs.Deals)-sum.DealsWithoutProduct)
}

// allowedProblems are the only fields validation may complain about: data
// the file can leave out (dates, a known account, a known stage) and dates
// out of order.
var allowedProblems = map[string]bool{
	"created": true, "close_date": true, "company": true, "stage": true,
}

// checkValidate checks that the records build a dataset and that whatever
// validation finds is a gap in the data, not a broken reference the loader
// made.
func checkValidate(t *testing.T, recs sales.Records) {
	t.Helper()
	d, err := sales.NewDataset(recs)
	if err != nil {
		t.Fatalf("NewDataset: %v", err)
	}
	var verr *sales.ValidationError
	if err := d.Validate(); errors.As(err, &verr) {
		for _, p := range verr.Problems {
			if p.Kind != sales.KindDeal || !allowedProblems[p.Field] {
				t.Errorf("Validate() problem %v is one the loader should have prevented", p)
			}
		}
	}
}
