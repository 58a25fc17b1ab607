package maven_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
)

// realDir returns the published data set's folder, which in this project's
// layout is ../../../shared/data/maven-crm-sales-opportunities from the
// package's directory (maven.DefaultDir from the repository's root). It
// skips the test when the folder is absent, as in a user's clone.
func realDir(tb testing.TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", filepath.FromSlash(maven.DefaultDir))
	if _, err := os.Stat(filepath.Join(dir, "sales_pipeline.csv")); err != nil {
		tb.Skipf("the shared data folder is not present at %s (%v): "+
			"this test needs the published Maven CRM data set there", dir, err)
	}
	return dir
}

// The expected numbers come from the data set's SOURCE.md, which counted
// them on the published files, and were checked against the CSV files with
// cut, sort and uniq.
func TestLoad_realData(t *testing.T) {
	recs, sum, err := maven.Load(realDir(t))
	noError(t, "Load(real)", err)

	equal(t, "deals, owners, companies, products, line items",
		[]int{len(recs.Deals), len(recs.Owners), len(recs.Companies), len(recs.Products),
			len(recs.LineItems)},
		[]int{8800, 35, 85, 7, 8800})

	stages := map[sales.StageID]int{}
	for _, d := range recs.Deals {
		stages[d.Stage]++
	}
	equal(t, "deals per stage", stages, map[sales.StageID]int{
		maven.StageWon: 4238, maven.StageLost: 2473,
		maven.StageEngaging: 1589, maven.StageProspecting: 500,
	})

	want := maven.Summary{
		SalesTeams:          maven.FileCount{Rows: 35, Loaded: 35},
		Accounts:            maven.FileCount{Rows: 85, Loaded: 85},
		Products:            maven.FileCount{Rows: 7, Loaded: 7},
		Pipeline:            maven.FileCount{Rows: 8800, Loaded: 8800},
		Corrections:         13, // 12 × technolgy, 1 × Philipines
		ProductsNormalised:  1480,
		DealsWithoutAccount: 1425,
		OpenDeals:           1589 + 500,
		DealsWithoutCreated: 500,
		LostZeroAsNoAmount:  2473,
		// In sales_teams.csv order.
		AgentsWithoutDeals: []string{"Mei-Mei Johns", "Elizabeth Anderson",
			"Natalya Ivanova", "Carol Thompson", "Carl Lin"},
		AgentsNotInTeams: []string{},
		Rejected:         []maven.Rejection{},
	}
	equal(t, "Load(real) summary", sum, want)
}

func TestLoad_realDataWonAmounts(t *testing.T) {
	recs, _, err := maven.Load(realDir(t))
	noError(t, "Load(real)", err)

	var total decimal.Decimal
	withAmount := 0
	for _, d := range recs.Deals {
		if d.Amount.Valid {
			withAmount++
			total = total.Add(d.Amount.Decimal)
			equal(t, sprintf("stage of %s, which has an amount", d.ID), d.Stage, maven.StageWon)
		}
	}
	equal(t, "deals with an amount", withAmount, 4238)
	if want := decimal.NewFromInt(10_005_534); !total.Equal(want) {
		t.Errorf("sum of won amounts = %s, want %s", total, want)
	}
}

func TestLoad_realDataValidate(t *testing.T) {
	recs, _, err := maven.Load(realDir(t))
	noError(t, "Load(real)", err)

	// The only defect is the 500 prospecting deals' missing creation date.
	verr, ok := sales.MustDataset(recs).Validate().(*sales.ValidationError)
	if !ok {
		t.Fatal("Validate() returned no *sales.ValidationError, want 500 problems")
	}
	equal(t, "number of Validate() problems", len(verr.Problems), 500)
	for _, p := range verr.Problems {
		d := recs.Deals[p.Index]
		got := []string{string(p.Kind), p.Field, string(d.Stage)}
		equal(t, sprintf("problem %v: kind, field, deal stage", p), got,
			[]string{"deal", "created", "prospecting"})
	}
}

func BenchmarkLoad(b *testing.B) {
	dir := realDir(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := maven.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
