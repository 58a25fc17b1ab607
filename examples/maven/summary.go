package maven

import "fmt"

// Summary says what the mapping did with the rows of each file: how many it
// read and kept, which values it changed or left out, and every value it
// could not use. Counts of deals are over the deals kept.
type Summary struct {
	// SalesTeams, Accounts, Products and Pipeline count the data rows of
	// each file and the records made from them.
	SalesTeams FileCount `json:"sales_teams"`
	Accounts   FileCount `json:"accounts"`
	Products   FileCount `json:"products"`
	Pipeline   FileCount `json:"sales_pipeline"`

	// Corrections counts the accounts.csv cells whose typo was corrected
	// (sector "technolgy", office_location "Philipines").
	Corrections int `json:"corrections"`
	// ProductsNormalised counts pipeline rows whose product matched the
	// catalogue only with spaces removed and case folded ("GTXPro").
	ProductsNormalised int `json:"products_normalised"`
	// UnknownProducts counts pipeline rows whose product matched nothing;
	// their line items name no product.
	UnknownProducts int `json:"unknown_products"`
	// DealsWithoutProduct counts deals with an empty product; they have
	// no line item.
	DealsWithoutProduct int `json:"deals_without_product"`
	// DealsWithoutAccount counts deals with an empty account.
	DealsWithoutAccount int `json:"deals_without_account"`
	// UnknownAccounts counts deals naming an account that accounts.csv
	// does not list.
	UnknownAccounts int `json:"unknown_accounts"`
	// DealsWithoutOwner counts deals with an empty sales_agent.
	DealsWithoutOwner int `json:"deals_without_owner"`
	// OpenDeals counts deals in Prospecting or Engaging.
	OpenDeals int `json:"open_deals"`
	// DealsWithoutCreated counts deals with no engage_date, hence no
	// creation date: every Prospecting deal in the published data.
	DealsWithoutCreated int `json:"deals_without_created"`
	// LostZeroAsNoAmount counts lost deals whose close_value of 0 was
	// read as "no amount".
	LostZeroAsNoAmount int `json:"lost_zero_as_no_amount"`
	// WonWithoutAmount counts won deals with an empty close_value.
	WonWithoutAmount int `json:"won_without_amount"`
	// AgentsWithoutDeals names, in sales_teams.csv order, the agents who
	// own no deal.
	AgentsWithoutDeals []string `json:"agents_without_deals"`
	// AgentsNotInTeams names, in order of first appearance, the pipeline's
	// agents missing from sales_teams.csv; each became an owner with no
	// team.
	AgentsNotInTeams []string `json:"agents_not_in_teams"`
	// Rejected lists every value or row the mapping could not use, in
	// file order.
	Rejected []Rejection `json:"rejected"`
}

// FileCount counts the data rows of one file (the header not included) and
// the records made from them. Rows minus Loaded is the number of rows
// rejected whole.
type FileCount struct {
	Rows   int `json:"rows"`
	Loaded int `json:"loaded"`
}

// Rejection is one value, or one whole row, that the mapping could not use.
// Line is the 1-based line of the file the value starts on. Column is the
// header's name of the value's column, or empty when the whole row was
// rejected; Value is then the row's first cell.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column string `json:"column,omitempty"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// String returns the rejection as one line, such as
// `sales_pipeline.csv:12: engage_date "2017-13-01": not a date`.
func (r Rejection) String() string {
	if r.Column == "" {
		return fmt.Sprintf("%s:%d: row %q: %s", r.File, r.Line, r.Value, r.Reason)
	}
	return fmt.Sprintf("%s:%d: %s %q: %s", r.File, r.Line, r.Column, r.Value, r.Reason)
}
