package maven

import (
	"io/fs"
	"os"

	"github.com/salespilot/sales"
)

// DefaultDir is where the data set lives in this project's layout, as seen
// from the repository's root: a shared folder beside the repository. A
// user's clone may not have it; Load reads whatever directory it is given.
const DefaultDir = "../shared/data/maven-crm-sales-opportunities"

// The files the data set is made of.
const (
	teamsFile    = "sales_teams.csv"
	accountsFile = "accounts.csv"
	productsFile = "products.csv"
	pipelineFile = "sales_pipeline.csv"
)

// usd is the currency of every amount in the data set.
const usd sales.Currency = "USD"

// Load reads the data set's CSV files from dir and maps them into records,
// as the package documentation describes. It fails when a file or a
// required column is missing or a file is not valid CSV, and then returns
// empty records and an empty Summary. Values and rows it cannot use do not
// make it fail: they are listed in Summary.Rejected.
func Load(dir string) (sales.Records, Summary, error) {
	return LoadFS(os.DirFS(dir))
}

// LoadFS is Load over the files at the root of fsys, for tests that keep
// the files in testdata or in an fstest.MapFS.
func LoadFS(fsys fs.FS) (sales.Records, Summary, error) {
	l := newLoader()
	steps := []func(fs.FS) error{l.readTeams, l.readAccounts, l.readProducts, l.readPipeline}
	for _, step := range steps {
		if err := step(fsys); err != nil {
			return sales.Records{}, Summary{}, err
		}
	}
	l.finish()
	return l.recs, l.sum, nil
}

// loader holds the records being built and the look-ups between files.
type loader struct {
	recs sales.Records
	sum  Summary

	owners    map[sales.OwnerID]int // position in recs.Owners
	companies map[sales.CompanyID]bool
	products  map[string]int // name as written → position in recs.Products
	folded    map[string]int // folded name → position in recs.Products
	deals     map[sales.DealID]int
	hasDeals  map[sales.OwnerID]bool
}

func newLoader() *loader {
	return &loader{
		recs: sales.Records{
			Currency:   usd,
			Owners:     []sales.Owner{},
			Pipelines:  []sales.Pipeline{pipeline()},
			Deals:      []sales.Deal{},
			Contacts:   []sales.Contact{},
			Companies:  []sales.Company{},
			Activities: []sales.Activity{},
			Products:   []sales.Product{},
			LineItems:  []sales.LineItem{},
			Targets:    []sales.Target{},
		},
		sum: Summary{
			AgentsWithoutDeals: []string{},
			AgentsNotInTeams:   []string{},
			Rejected:           []Rejection{},
		},
		owners:    map[sales.OwnerID]int{},
		companies: map[sales.CompanyID]bool{},
		products:  map[string]int{},
		folded:    map[string]int{},
		deals:     map[sales.DealID]int{},
		hasDeals:  map[sales.OwnerID]bool{},
	}
}

// finish lists the agents of sales_teams.csv who own no deal.
func (l *loader) finish() {
	for i := range l.sum.SalesTeams.Loaded {
		id := l.recs.Owners[i].ID
		if !l.hasDeals[id] {
			l.sum.AgentsWithoutDeals = append(l.sum.AgentsWithoutDeals, string(id))
		}
	}
}
