package maven_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/examples/maven"
)

func TestLoad(t *testing.T) {
	recs, sum, err := maven.Load(smallDir)
	noError(t, "Load(small)", err)

	equal(t, "Load(small).Currency", recs.Currency, "USD")
	equal(t, "Load(small).TimeZone", recs.TimeZone, "")
	equal(t, "Load(small) contacts, activities, targets",
		[]int{len(recs.Contacts), len(recs.Activities), len(recs.Targets)}, []int{0, 0, 0})
	equal(t, "Load(small) summary", sum, wantSmallSummary())
}

// wantSmallSummary is the summary of smallDir, counted by hand.
func wantSmallSummary() maven.Summary {
	return maven.Summary{
		SalesTeams: maven.FileCount{Rows: 3, Loaded: 3},
		Accounts:   maven.FileCount{Rows: 2, Loaded: 2},
		Products:   maven.FileCount{Rows: 2, Loaded: 2},
		Pipeline:   maven.FileCount{Rows: 6, Loaded: 6},
		// technolgy (Acme) and Philipines (Betaco).
		Corrections: 2,
		// W1 "GTXPro" and W3 "gtx pro".
		ProductsNormalised: 2,
		// P1 "Widget".
		UnknownProducts: 1,
		// E1 and P1.
		DealsWithoutAccount: 2,
		// E1 and P1.
		OpenDeals: 2,
		// P1.
		DealsWithoutCreated: 1,
		// L1.
		LostZeroAsNoAmount: 1,
		// W3.
		WonWithoutAmount:   1,
		AgentsWithoutDeals: []string{"Cy Idle"},
		AgentsNotInTeams:   []string{"Dee New"},
		Rejected:           []maven.Rejection{},
	}
}

func TestLoadFS_owners(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	want := []sales.Owner{
		{ID: "Ann Lee", Name: "Ann Lee", Team: "Central"},
		{ID: "Bob Ray", Name: "Bob Ray", Team: "East"},
		{ID: "Cy Idle", Name: "Cy Idle", Team: "West"},
		// Not in sales_teams.csv: added when the pipeline names him.
		{ID: "Dee New", Name: "Dee New"},
	}
	equal(t, "LoadFS(small).Owners", recs.Owners, want)
}

func TestLoadFS_pipeline(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	want := []sales.Pipeline{{
		ID: "maven", Label: "MavenTech sales",
		Stages: []sales.Stage{
			{ID: "prospecting", Label: "Prospecting", Kind: sales.StageOpen, Probability: 0.1},
			{ID: "engaging", Label: "Engaging", Kind: sales.StageOpen, Probability: 0.5},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
			{ID: "lost", Label: "Lost", Kind: sales.StageLost, Probability: 0},
		},
	}}
	equal(t, "LoadFS(small).Pipelines", recs.Pipelines, want)
}

func TestLoadFS_companies(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	want := []sales.Company{
		{ID: "Acme", Name: "Acme", Industry: "technology", Country: "United States"},
		{ID: "Betaco", Name: "Betaco", Industry: "retail", Country: "Philippines"},
	}
	equal(t, "LoadFS(small).Companies", recs.Companies, want)
}

func TestLoadFS_products(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	tests := []struct{ id, sku, price string }{
		{"GTX Pro", "GTX", "4821"},
		{"MG Special", "MG", "55"},
	}
	wantLen(t, "LoadFS(small).Products", len(recs.Products), len(tests))
	for i, tt := range tests {
		p := recs.Products[i]
		got := []string{string(p.ID), p.Name, p.SKU, money(p.Price), string(p.Currency)}
		want := []string{tt.id, tt.id, tt.sku, tt.price, "USD"}
		equal(t, sprintf("Products[%d] id, name, sku, price, currency", i), got, want)
	}
}

// smallDeals are the deals of smallDir, in file order.
var smallDeals = []struct {
	id, name, owner, stage, company, region, created, closed, amount string
}{
	// GTXPro is read as the catalogue's GTX Pro; a won deal's amount is
	// its close_value.
	{"W1", "Acme — GTX Pro", "Ann Lee", "won", "Acme", "Central",
		"2017-01-02", "2017-02-03", "4514"},
	// Dates written 1/5/2017 and 2/6/2017.
	{"W2", "Betaco — MG Special", "Bob Ray", "won", "Betaco", "East",
		"2017-01-05", "2017-02-06", "50"},
	// Lost with close_value 0: no amount.
	{"L1", "Acme — MG Special", "Ann Lee", "lost", "Acme", "Central",
		"2017-01-10", "2017-01-20", ""},
	// Open and without account: the name is the product alone, and there
	// is no close date.
	{"E1", "GTX Pro", "Bob Ray", "engaging", "", "East", "2017-03-01", "", ""},
	// Prospecting rows carry no date. Dee New has no team, so the deal
	// has no region; Widget is in no catalogue.
	{"P1", "Widget", "Dee New", "prospecting", "", "", "", "", ""},
	// "gtx pro" folds to GTX Pro; won with an empty close_value.
	{"W3", "Betaco — GTX Pro", "Ann Lee", "won", "Betaco", "Central",
		"2017-04-01", "2017-04-30", ""},
}

func TestLoadFS_deals(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	wantLen(t, "LoadFS(small).Deals", len(recs.Deals), len(smallDeals))
	for i, tt := range smallDeals {
		d := recs.Deals[i]
		got := []string{string(d.ID), d.Name, string(d.Owner), string(d.Stage),
			string(d.Company), d.Region, day(t, d.Created), day(t, d.CloseDate), money(d.Amount)}
		want := []string{tt.id, tt.name, tt.owner, tt.stage,
			tt.company, tt.region, tt.created, tt.closed, tt.amount}
		equal(t, sprintf("Deals[%d] id, name, owner, stage, company, region, "+
			"created, closed, amount", i), got, want)

		// What the data does not have stays empty.
		other := []string{string(d.Pipeline), string(d.Currency), d.Source, d.LostReason,
			d.Type.String(), sprintf("%d %d", len(d.Contacts), len(d.CloseDateHistory))}
		equal(t, sprintf("Deals[%d] pipeline, currency, source, lost reason, type, "+
			"contacts, close date history", i), other, []string{"maven", "USD", "", "", "unknown", "0 0"})

		// The stage history the data states: Engaging from engage_date,
		// then the closed stage from close_date.
		var visits []string
		for _, v := range d.StageHistory {
			visits = append(visits, sprintf("%s %s..%s", v.Stage, day(t, v.Entered), day(t, v.Left)))
		}
		equal(t, sprintf("Deals[%d] stage history", i), visits, smallHistories[tt.id])
	}
}

// smallHistories are the stage histories of smallDeals, by deal id: none
// for a deal in Prospecting or without an engage date.
var smallHistories = map[string][]string{
	"W1": {"engaging 2017-01-02..2017-02-03", "won 2017-02-03.."},
	"W2": {"engaging 2017-01-05..2017-02-06", "won 2017-02-06.."},
	"L1": {"engaging 2017-01-10..2017-01-20", "lost 2017-01-20.."},
	"E1": {"engaging 2017-03-01.."},
	"W3": {"engaging 2017-04-01..2017-04-30", "won 2017-04-30.."},
}

func TestLoadFS_lineItems(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	tests := []struct{ id, deal, product, name, unitPrice, amount string }{
		{"li-W1", "W1", "GTX Pro", "", "4821", "4514"},
		{"li-W2", "W2", "MG Special", "", "55", "50"},
		{"li-L1", "L1", "MG Special", "", "55", ""},
		{"li-E1", "E1", "GTX Pro", "", "4821", ""},
		// Unknown product: no product id, the raw name, no list price.
		{"li-P1", "P1", "", "Widget", "0", ""},
		{"li-W3", "W3", "GTX Pro", "", "4821", ""},
	}
	wantLen(t, "LoadFS(small).LineItems", len(recs.LineItems), len(tests))
	for i, tt := range tests {
		li := recs.LineItems[i]
		got := []string{string(li.ID), string(li.Deal), string(li.Product), li.Name,
			li.Quantity.String(), li.UnitPrice.String(), money(li.Amount), string(li.Currency)}
		want := []string{tt.id, tt.deal, tt.product, tt.name,
			"1", tt.unitPrice, tt.amount, "USD"}
		equal(t, sprintf("LineItems[%d] id, deal, product, name, quantity, unit price, "+
			"amount, currency", i), got, want)
	}
}

func TestLoadFS_validate(t *testing.T) {
	recs, _, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	// Only P1, a prospecting deal, lacks a creation date.
	var verr *sales.ValidationError
	if err := sales.MustDataset(recs).Validate(); !errors.As(err, &verr) {
		t.Fatalf("Validate() = %v, want a *sales.ValidationError", err)
	}
	want := []sales.Problem{{
		Kind: sales.KindDeal, ID: "P1", Index: 4, Field: "created", Message: "missing",
	}}
	equal(t, "Validate() problems", verr.Problems, want)
}

// formatTests rewrite the files of smallDir in ways a loader must not
// notice: each gives exactly the records and summary of the original.
var formatTests = []struct {
	name    string
	rewrite func(file, text string) string
}{
	{"bom and crlf", func(_, text string) string {
		return "\ufeff" + strings.ReplaceAll(text, "\n", "\r\n")
	}},
	{"columns reordered", func(_, text string) string { return reverseColumns(text) }},
	{"header in upper case", func(_, text string) string {
		header, rest, _ := strings.Cut(text, "\n")
		return strings.ToUpper(header) + "\n" + rest
	}},
	{"extra column", func(_, text string) string {
		return strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", ",x\n") + ",x\n"
	}},
	{"spaces around cells", func(_, text string) string {
		return strings.ReplaceAll(text, ",", " , ")
	}},
	{"no final newline", func(_, text string) string {
		return strings.TrimSuffix(text, "\n")
	}},
	{"blank lines", func(_, text string) string {
		return strings.ReplaceAll(text, "\n", "\n\n")
	}},
}

// reverseColumns reverses the order of the cells of every line; the
// small files have no quoted cells.
func reverseColumns(text string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		cells := strings.Split(strings.TrimSuffix(line, "\n"), ",")
		for i, j := 0, len(cells)-1; i < j; i, j = i+1, j-1 {
			cells[i], cells[j] = cells[j], cells[i]
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	return b.String()
}

func TestLoadFS_formats(t *testing.T) {
	wantRecs, wantSum, err := maven.LoadFS(smallFS(t, nil))
	noError(t, "LoadFS(small)", err)

	for _, tt := range formatTests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := smallFS(t, nil)
			for name, f := range fsys {
				f.Data = []byte(tt.rewrite(name, string(f.Data)))
			}
			recs, sum, err := maven.LoadFS(fsys)
			noError(t, "LoadFS", err)
			equal(t, "LoadFS records", recs, wantRecs)
			equal(t, "LoadFS summary", sum, wantSum)
		})
	}
}

// wantRejection is a Rejection of sales_pipeline.csv, whose Reason need
// only contain reason.
type wantRejection struct {
	line          int
	column, value string
	reason        string
}

// rejectTests are pipelines with values the mapping cannot use, loaded
// with smallDir's other files. The first data row is on line 2.
var rejectTests = []struct {
	name  string
	rows  []string
	deals int
	want  []wantRejection
	check func(t *testing.T, d []sales.Deal)
}{
	{
		name:  "bad engage_date",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Won,2017-13-01,2017-02-03,10"},
		deals: 1,
		want:  []wantRejection{{2, "engage_date", "2017-13-01", "not a date"}},
		check: func(t *testing.T, d []sales.Deal) {
			// The field is left empty and the rest of the row kept.
			equal(t, "Created, Amount", []string{day(t, d[0].Created), money(d[0].Amount)},
				[]string{"", "10"})
		},
	},
	{
		name: "bad close_date on line 3",
		rows: []string{
			"X1,Ann Lee,GTX Pro,Acme,Won,2017-01-01,2017-02-03,10",
			"X2,Ann Lee,GTX Pro,Acme,Lost,2017-01-01,31/12/2017,0",
		},
		deals: 2,
		want:  []wantRejection{{3, "close_date", "31/12/2017", "not a date"}},
		check: func(t *testing.T, d []sales.Deal) {
			equal(t, "Deals[1].CloseDate", day(t, d[1].CloseDate), "")
		},
	},
	{
		name: "line numbers count the lines inside quotes",
		rows: []string{
			`X1,Ann Lee,GTX Pro,"Ac` + "\n" + `me",Won,2017-01-01,2017-02-03,10`,
			"X2,Ann Lee,GTX Pro,Acme,Won,2017-01-01,soon,10",
		},
		deals: 2,
		want:  []wantRejection{{4, "close_date", "soon", "not a date"}},
	},
	{
		name:  "close_value with a thousands separator",
		rows:  []string{`X1,Ann Lee,GTX Pro,Acme,Won,2017-01-01,2017-02-03,"1,054"`},
		deals: 1,
		want:  []wantRejection{{2, "close_value", "1,054", "not a plain"}},
		check: func(t *testing.T, d []sales.Deal) {
			equal(t, "Deals[0].Amount", money(d[0].Amount), "")
		},
	},
	{
		name:  "close_value of more than 30 digits",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Won,2017-01-01,2017-02-03," + strings.Repeat("9", 31)},
		deals: 1,
		want:  []wantRejection{{2, "close_value", strings.Repeat("9", 31), "more than 30 digits"}},
	},
	{
		name:  "negative close_value",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Won,2017-01-01,2017-02-03,-5"},
		deals: 1,
		want:  []wantRejection{{2, "close_value", "-5", "not a plain"}},
	},
	{
		name:  "lost deal with a value",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Lost,2017-01-01,2017-02-03,99"},
		deals: 1,
		want:  []wantRejection{{2, "close_value", "99", "lost deal has no amount"}},
		check: func(t *testing.T, d []sales.Deal) {
			equal(t, "Deals[0].Amount", money(d[0].Amount), "")
		},
	},
	{
		name:  "open deal with close fields",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Engaging,2017-01-01,2017-02-03,7"},
		deals: 1,
		want: []wantRejection{
			{2, "close_date", "2017-02-03", "neither won nor lost"},
			{2, "close_value", "7", "neither won nor lost"},
		},
		check: func(t *testing.T, d []sales.Deal) {
			equal(t, "CloseDate, Amount", []string{day(t, d[0].CloseDate), money(d[0].Amount)},
				[]string{"", ""})
		},
	},
	{
		name:  "unknown stage",
		rows:  []string{"X1,Ann Lee,GTX Pro,Acme,Negotiating,2017-01-01,,"},
		deals: 1,
		want:  []wantRejection{{2, "deal_stage", "Negotiating", "not one of"}},
		check: func(t *testing.T, d []sales.Deal) {
			equal(t, "Deals[0].Stage", d[0].Stage, "")
		},
	},
	{
		name: "repeated id",
		rows: []string{
			"X1,Ann Lee,GTX Pro,Acme,Engaging,2017-01-01,,",
			"X1,Bob Ray,GTX Pro,Acme,Engaging,2017-01-01,,",
		},
		deals: 1,
		want:  []wantRejection{{3, "", "X1", "already used on line 2"}},
	},
	{
		name:  "empty id",
		rows:  []string{",Ann Lee,GTX Pro,Acme,Engaging,2017-01-01,,"},
		deals: 0,
		want:  []wantRejection{{2, "", "", "empty opportunity_id"}},
	},
	{
		name:  "short row",
		rows:  []string{"X1,Ann Lee,GTX Pro"},
		deals: 0,
		want:  []wantRejection{{2, "", "X1", "has 3 cells, the header has 8"}},
	},
}

func TestLoadFS_rejected(t *testing.T) {
	for _, tt := range rejectTests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := smallFS(t, map[string]string{"sales_pipeline.csv": pipeline(tt.rows...)})
			recs, sum, err := maven.LoadFS(fsys)
			noError(t, "LoadFS", err)

			wantLen(t, sprintf("Rejected %v", sum.Rejected), len(sum.Rejected), len(tt.want))
			for i, w := range tt.want {
				r := sum.Rejected[i]
				got := []any{r.File, r.Line, r.Column, r.Value}
				equal(t, sprintf("Rejected[%d] file, line, column, value", i), got,
					[]any{"sales_pipeline.csv", w.line, w.column, w.value})
				if !strings.Contains(r.Reason, w.reason) {
					t.Errorf("Rejected[%d].Reason = %q, want it to contain %q", i, r.Reason, w.reason)
				}
			}
			wantLen(t, "Deals", len(recs.Deals), tt.deals)
			equal(t, "Summary.Pipeline", sum.Pipeline,
				maven.FileCount{Rows: len(tt.rows), Loaded: tt.deals})
			if tt.check != nil {
				tt.check(t, recs.Deals)
			}
		})
	}
}

func TestLoadFS_rejectedOtherFiles(t *testing.T) {
	tests := []struct {
		name, file, text string
		want             maven.Rejection
	}{
		{"repeated agent", "sales_teams.csv",
			"sales_agent,manager,regional_office\nAnn Lee,M,Central\nAnn Lee,M,East\n",
			maven.Rejection{Line: 3, Value: "Ann Lee", Reason: "sales_agent already listed"}},
		{"empty account", "accounts.csv",
			"account,sector,office_location\n,retail,Kenya\n",
			maven.Rejection{Line: 2, Value: "", Reason: "empty account"}},
		{"price not a number", "products.csv",
			"product,series,sales_price\nGTX Pro,GTX,n/a\n",
			maven.Rejection{Line: 2, Column: "sales_price", Value: "n/a",
				Reason: "not a plain non-negative number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, sum, err := maven.LoadFS(smallFS(t, map[string]string{tt.file: tt.text}))
			noError(t, "LoadFS", err)
			tt.want.File = tt.file
			equal(t, "LoadFS rejected", sum.Rejected, []maven.Rejection{tt.want})
		})
	}
}

func TestLoadFS_errors(t *testing.T) {
	tests := []struct {
		name    string
		replace map[string]string
		drop    string
		want    string // the error's text, or its start
	}{
		{name: "missing file", drop: "accounts.csv", want: "maven: open accounts.csv:"},
		{name: "missing column",
			replace: map[string]string{"sales_pipeline.csv": "opportunity_id,sales_agent," +
				"product,account,deal_stage,engage_date,close_date\nX1,A,B,C,Won,,\n"},
			want: `maven: sales_pipeline.csv: missing column "close_value"`},
		{name: "missing column in accounts",
			replace: map[string]string{"accounts.csv": "account,sector\nAcme,retail\n"},
			want:    `maven: accounts.csv: missing column "office_location"`},
		{name: "column twice",
			replace: map[string]string{"products.csv": "product,series,sales_price,Series\n"},
			want:    `maven: products.csv: column "Series" appears twice`},
		{name: "empty file",
			replace: map[string]string{"sales_teams.csv": ""},
			want:    "maven: sales_teams.csv: empty file, no header"},
		{name: "bare quote",
			replace: map[string]string{"sales_pipeline.csv": pipeline(`X1,Ann "Lee",A,B,Won,,,`)},
			want:    "maven: sales_pipeline.csv: parse error on line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := smallFS(t, tt.replace)
			delete(fsys, tt.drop)
			recs, sum, err := maven.LoadFS(fsys)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("LoadFS error = %v, want one starting %q", err, tt.want)
			}
			equal(t, "LoadFS deals on error", len(recs.Deals), 0)
			equal(t, "LoadFS summary on error", sum.Pipeline, maven.FileCount{})
		})
	}
}

func TestLoad_missingDir(t *testing.T) {
	_, _, err := maven.Load(filepath.Join(t.TempDir(), "absent"))
	const want = "maven: open sales_teams.csv"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Load(absent dir) error = %v, want one starting %q", err, want)
	}
}

func TestRejection_String(t *testing.T) {
	tests := []struct {
		r    maven.Rejection
		want string
	}{
		{maven.Rejection{File: "f.csv", Line: 12, Column: "engage_date",
			Value: "2017-13-01", Reason: "not a date"},
			`f.csv:12: engage_date "2017-13-01": not a date`},
		{maven.Rejection{File: "f.csv", Line: 3, Value: "X1", Reason: "repeated"},
			`f.csv:3: row "X1": repeated`},
	}
	for _, tt := range tests {
		equal(t, sprintf("%+v.String()", tt.r), tt.r.String(), tt.want)
	}
}
