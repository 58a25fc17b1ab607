// Package maven maps a public CRM export, Maven Analytics' "CRM + Sales +
// Opportunities" data set (a made-up hardware seller called MavenTech),
// into the records of package sales. It is written to be read: each choice
// a mapping has to make is listed below with its reason, so that a user
// with another CRM's export can follow the same steps for theirs.
//
// Load reads a directory holding the data set's four CSV files
// (sales_teams.csv, accounts.csv, products.csv and sales_pipeline.csv);
// LoadFS does the same over an fs.FS. Both return the records and a
// Summary of what the mapping did with every row. data_dictionary.csv is
// not read.
//
// # Reading the files
//
// Columns are found by the header's names (trimmed, case folded), never by
// position, so a re-saved copy with its columns moved still loads. A
// missing file, a missing required column, a column named twice or a CSV
// syntax error stops the load with an error naming the file (and the
// column or line). Only the columns the mapping uses are required; the
// others (manager, year_established, revenue, employees, subsidiary_of)
// are ignored.
//
// Line endings may be CRLF or LF and the file may start with a UTF-8 byte
// order mark. Every cell is trimmed of surrounding spaces. Dates are read
// as YYYY-MM-DD and also as M/D/YYYY, the form some mirrors of the data set
// were re-saved in by a spreadsheet program.
//
// A value that cannot be used (a date that is not a date, a close_value
// that is not a number) does not stop the load. The loader keeps the row,
// leaves that one field empty and records a Rejection in Summary.Rejected
// with the file, the line, the column, the value and the reason. A row
// that cannot be kept at all (no id, an id already seen, a different
// number of cells than the header) is rejected whole, with an empty
// Column. Nothing is dropped without a line in the Summary, so a caller
// should look at Summary.Rejected after every load.
//
// Records come out in file order, so the same files give the same records.
//
// # Owners
//
// Each row of sales_teams.csv becomes an owner whose id and name are the
// agent's name as written and whose Team is the regional office (Central,
// East or West). The managers are not mapped: the model has no link from an
// owner to a manager. An agent named in the pipeline but missing from
// sales_teams.csv becomes an owner too, with no team, and is listed in
// Summary.AgentsNotInTeams. Agents without a single deal are listed in
// Summary.AgentsWithoutDeals, because per-rep averages have nothing to
// divide for them.
//
// # Pipeline and stages
//
// The data has one pipeline, mapped as "maven" ("MavenTech sales") with
// four stages in this order:
//
//	id           deal_stage    kind   probability
//	prospecting  Prospecting   open   0.1
//	engaging     Engaging      open   0.5
//	won          Won           won    1
//	lost         Lost          lost   0
//
// The probabilities are this package's assumption, for weighted
// forecasts; the data has none. deal_stage is matched without regard to
// case. A value outside the four is rejected and the deal keeps an empty
// stage, which validation reports and reports count apart.
//
// # Deals
//
// Each row of sales_pipeline.csv becomes a deal: its id is opportunity_id,
// its owner sales_agent, its name the account and the product joined by
// " — " (the product alone when there is no account, and the catalogue's
// spelling of a product it knows) and its region the owner's regional
// office. An empty sales_agent leaves the deal unassigned
// (Summary.DealsWithoutOwner). Source, type, lost reason, contacts and the
// history of expected close dates stay empty: the data has none of them.
//
// The stage history holds what the data states, and no more: the data
// dictionary defines engage_date as the day the deal entered Engaging, so
// an Engaging deal has one visit to Engaging from that day, and a won or
// lost deal a visit to Engaging from engage_date to close_date followed by
// its closed stage from close_date. Funnels then count every engaged deal
// as having reached Engaging, and time in stage measures Engaging. When
// a deal entered Prospecting is not in the data, so no deal has a visit
// to it, and a Prospecting deal, which has no date, has no history.
//
// The data has no creation date. engage_date, the earliest date a deal
// carries, stands in for it, at midnight UTC. Prospecting deals have no
// date at all, so their Created stays zero; Summary.DealsWithoutCreated
// counts them, reports that need a creation date count such deals apart,
// and sales.Dataset.Validate names each one (field "created").
//
// CloseDate is close_date for won and lost deals. Open deals have no
// expected close date in the data, so theirs is zero; a close_date or
// close_value found on an open deal is not used and is listed in
// Summary.Rejected.
//
// # Amounts
//
// All money is in US dollars: every deal, product and line item has
// currency "USD", Records.Currency is "USD" and Records.TimeZone is empty
// (UTC), as the data has plain dates and no zone.
//
//   - A won deal's amount is its close_value. A won row whose close_value
//     is empty, or unreadable and so rejected, has no amount
//     (Summary.WonWithoutAmount). Amounts are plain non-negative numbers:
//     a sign, an exponent, a currency symbol or a thousands separator is
//     rejected rather than guessed at.
//   - A lost deal has no amount. The data writes 0 for every lost deal;
//     that 0 is a placeholder, not a price, and reading it as an amount
//     would drag every average deal size down
//     (Summary.LostZeroAsNoAmount). Any other value on a lost deal is not
//     used and is listed in Summary.Rejected.
//   - An open deal has no amount.
//
// # Companies
//
// Each row of accounts.csv becomes a company whose id and name are the
// account's name. Industry is the sector and Country the office location,
// after these corrections of known typos (Summary.Corrections counts the
// cells changed):
//
//	column           written      read as
//	sector           technolgy    technology
//	office_location  Philipines   Philippines
//
// Type stays empty: the data has no company type (the sector is the
// industry), and the package invents none. Region stays empty too. The
// model has no place for the parent company, so subsidiary_of is not
// mapped. A deal with an empty account has no company
// (Summary.DealsWithoutAccount); one naming an account that accounts.csv
// lacks keeps the name, which validation reports as an unknown company
// (Summary.UnknownAccounts).
//
// # Products and line items
//
// Each row of products.csv becomes a product whose id and name are the
// product's name, whose SKU is the series and whose price is sales_price.
// Each deal gets one line item, id "li-" + opportunity_id, quantity 1, unit
// price the product's list price and amount the close_value of a won deal
// (null on every other deal, as the deal's own amount is).
//
// The pipeline spells a product in a way the catalogue does not: "GTXPro"
// for "GTX Pro". Names are matched exactly first, then with spaces removed
// and case folded; a match of the second kind is counted in
// Summary.ProductsNormalised. A name that matches nothing still gets its
// line item, with no product, the raw name as its Name and a zero unit
// price (Summary.UnknownProducts). A deal with an empty product gets no
// line item (Summary.DealsWithoutProduct).
//
// A won deal with no amount keeps a line item with no amount. The model
// then values that line at quantity × unit price, the list price, which is
// not what the deal was sold for (the data shows close values from 0.66 to
// 1.34 times the list price).
//
// # What the data does not have
//
// No activities (calls, emails, meetings, tasks, notes), contacts,
// targets or history of expected close dates: those slices are empty, and
// reports built on them have nothing to count. The stage history is only
// the part described above.
package maven
