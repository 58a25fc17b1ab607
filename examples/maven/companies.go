package maven

import (
	"io/fs"

	"github.com/salespilot/sales"
)

// corrections lists, per accounts.csv column, the misspellings the
// published file holds and what they are read as.
var corrections = map[string]map[string]string{
	"sector":          {"technolgy": "technology"},
	"office_location": {"Philipines": "Philippines"},
}

// readAccounts maps each row of accounts.csv to a company.
func (l *loader) readAccounts(fsys fs.FS) error {
	required := []string{"account", "sector", "office_location"}
	return readTable(fsys, accountsFile, &l.sum.Accounts, &l.sum, required, func(t *table) {
		id := sales.CompanyID(t.get("account"))
		switch {
		case id == "":
			t.rejectRow("empty account")
		case l.companies[id]:
			t.rejectRow("account already listed")
		default:
			l.companies[id] = true
			l.recs.Companies = append(l.recs.Companies, sales.Company{
				ID:       id,
				Name:     string(id),
				Industry: l.corrected(t, "sector"),
				Country:  l.corrected(t, "office_location"),
			})
			t.loaded()
		}
	})
}

// corrected returns the cell of column col with a known typo corrected,
// counting the correction.
func (l *loader) corrected(t *table, col string) string {
	v := t.get(col)
	if fixed, ok := corrections[col][v]; ok {
		l.sum.Corrections++
		return fixed
	}
	return v
}
