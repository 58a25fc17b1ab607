package sales_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/testkit"
)

// smallPortal is a hand-made portal with a record in every table.
func smallPortal() sales.Records {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	at := func(d int) time.Time { return time.Date(2026, 3, d, 9, 30, 0, 0, paris) }
	return sales.Records{
		TimeZone: "Europe/Paris", Currency: "EUR",
		Rates: sales.Rates{Base: "EUR",
			ToBase: map[sales.Currency]decimal.Decimal{"USD": testkit.D("0.92")}},
		Owners: []sales.Owner{{ID: "o1", Name: "Ada", Team: "North"},
			{ID: "o2", Name: "Bo", Archived: true}},
		Pipelines: []sales.Pipeline{testkit.SalesPipeline},
		Deals: []sales.Deal{
			{ID: "d1", Name: "Big, \"one\"", Owner: "o1", Pipeline: "sales", Stage: "won",
				Amount: testkit.Amount("1250.5"), Created: at(1), CloseDate: at(20),
				Company: "co1", Contacts: []sales.ContactID{"c1", "c2"},
				StageHistory: []sales.StageVisit{{Stage: "qualify", Entered: at(1), Left: at(20)},
					{Stage: "won", Entered: at(20)}}},
			{ID: "d2", Owner: "o2", Pipeline: "sales", Stage: "qualify", Created: at(2),
				CloseDateHistory: []sales.CloseDateChange{{At: at(2), CloseDate: at(30)}}},
		},
		Contacts: []sales.Contact{{ID: "c1", Name: "Cy", Created: at(1),
			Lifecycle: sales.LifecycleLead}, {ID: "c2", Created: at(3)}},
		Companies: []sales.Company{{ID: "co1", Name: "Acme", Created: at(1)}},
		Activities: []sales.Activity{
			{ID: "a1", Type: sales.ActivityCall, Owner: "o1", Time: at(2), Subject: "Hi",
				Duration: 90 * time.Second, Deals: []sales.DealID{"d1"}},
			{ID: "a2", Type: sales.ActivityTask, Time: at(3), TaskDue: at(4),
				Contacts: []sales.ContactID{"c2"}, Companies: []sales.CompanyID{"co1"}},
		},
		Products: []sales.Product{{ID: "p1", Name: "Plan", Price: testkit.Amount("100")}},
		LineItems: []sales.LineItem{{ID: "li1", Deal: "d1", Product: "p1",
			Quantity: testkit.D("2"), UnitPrice: testkit.D("100")}},
		Targets: []sales.Target{{ID: "t1", Owner: "o1", Period: sales.Month(2026, 3, paris),
			Metric: sales.TargetWonValue, Value: testkit.D("5000")}},
	}
}

// tablesFS writes r as a table snapshot and returns its files in memory.
func tablesFS(t testing.TB, r sales.Records) fstest.MapFS {
	t.Helper()
	dir := t.TempDir()
	if err := sales.WriteTables(dir, r); err != nil {
		t.Fatalf("WriteTables = %v", err)
	}
	out := fstest.MapFS{}
	for _, f := range sales.TableFiles() {
		b, err := fs.ReadFile(os.DirFS(dir), f.Name)
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = &fstest.MapFile{Data: b}
	}
	return out
}

// edit replaces line n (from 1) of a file of fsys with text, or appends
// text as a new last line when n is 0.
func edit(t *testing.T, fsys fstest.MapFS, file string, n int, text string) {
	t.Helper()
	lines := strings.SplitAfter(string(fsys[file].Data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	switch {
	case n == 0:
		lines = append(lines, text+"\n")
	case n > len(lines):
		t.Fatalf("%s has %d lines, not %d", file, len(lines), n)
	default:
		lines[n-1] = text + "\n"
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
}

func TestReadTablesFS_smallPortal(t *testing.T) {
	r := smallPortal()
	got, err := sales.ReadTablesFS(tablesFS(t, r))
	if err != nil {
		t.Fatalf("ReadTablesFS(small portal) = %v, want nil", err)
	}
	if want, have := canonical(t, r), canonical(t, got); want != have {
		t.Errorf("ReadTablesFS(small portal) differs:\n%s", firstDiff(want, have))
	}
	if loc := got.Deals[0].Created.Location().String(); loc != "Europe/Paris" {
		t.Errorf("ReadTablesFS(small portal): a deal's created time is in %s, want Europe/Paris",
			loc)
	}
}

func TestReadTablesFS_errors(t *testing.T) {
	tests := []struct {
		name string
		file string
		line int    // line to replace; 0 appends
		text string // its new text
		want []string
	}{
		{"wrong header", "deals.csv", 1, "id,name", []string{"deals.csv: line 1: the header is " +
			`"id,name", want "id,name,owner,`}},
		{"bad time", "activities.csv", 3,
			"a2,task,,2026-03-32T09:30:00+01:00,,unknown,0,unknown,,unknown,unknown,,",
			[]string{"activities.csv: line 3, column time: \"2026-03-32T09:30:00+01:00\": " +
				"not an RFC 3339 time"}},
		{"bad decimal", "deals.csv", 2,
			"d1,x,o1,sales,won,12.5.1,,2026-03-01T09:30:00+01:00,,,,,unknown,",
			[]string{"deals.csv: line 2, column amount: \"12.5.1\": not a plain decimal"}},
		{"decimal with exponent", "products.csv", 2, "p1,Plan,,1e3,",
			[]string{"products.csv: line 2, column price: \"1e3\": not a plain decimal"}},
		{"amount of 40 digits", "deals.csv", 3,
			"d2,,o2,sales,qualify," + strings.Repeat("9", 40) + ",,2026-03-02T09:30:00+01:00,,,,,unknown,",
			[]string{"deals.csv: line 3, column amount: \"" + strings.Repeat("9", 40) +
				"\": has more than 30 digits before the point"}},
		{"quantity of 31 places", "line_items.csv", 2,
			"li1,d1,p1,,0." + strings.Repeat("1", 31) + ",100,,",
			[]string{"line_items.csv: line 2, column quantity: \"0." + strings.Repeat("1", 31) +
				"\": has more than 30 decimal places"}},
		{"rate too small", "rates.csv", 2, "USD,0." + strings.Repeat("0", 30) + "1",
			[]string{"rates.csv: line 2, column to_base: \"0." + strings.Repeat("0", 30) +
				"1\": is too small to be an amount (below 1e-30)"}},
		{"missing decimal", "line_items.csv", 2, "li1,d1,p1,,,100,,",
			[]string{"line_items.csv: line 2, column quantity: \"\": no value, want a decimal"}},
		{"bad enum", "deals.csv", 3,
			"d2,,o2,sales,qualify,,,2026-03-02T09:30:00+01:00,,,,,newbiz,",
			[]string{"deals.csv: line 3, column type: \"newbiz\": not a deal type"}},
		{"bad activity type", "activities.csv", 3,
			"a2,chat,,2026-03-03T09:30:00+01:00,,unknown,0,unknown,,unknown,unknown,,",
			[]string{"activities.csv: line 3, column type: \"chat\": not an activity type"}},
		{"bad kind", "stages.csv", 2, "sales,Sales,0,qualify,Qualify,maybe,0.2",
			[]string{"stages.csv: line 2, column kind: \"maybe\": not a stage kind"}},
		{"bad probability", "stages.csv", 2, "sales,Sales,0,qualify,Qualify,open,high",
			[]string{"stages.csv: line 2, column probability: \"high\": not a number"}},
		{"bad bool", "owners.csv", 2, "o1,Ada,,North,yes",
			[]string{"owners.csv: line 2, column archived: \"yes\": not true or false"}},
		{"bad duration", "activities.csv", 2,
			"a1,call,o1,2026-03-02T09:30:00+01:00,Hi,unknown,90s,unknown,,unknown,unknown,,",
			[]string{"activities.csv: line 2, column duration_ns: \"90s\": not an integer"}},
		{"too few fields", "companies.csv", 2, "co1,Acme",
			[]string{"companies.csv: line 2: 2 fields, want 8"}},
		{"too many fields", "owners.csv", 3, "o2,Bo,,,true,extra",
			[]string{"owners.csv: line 3: 6 fields, want 5"}},
		{"empty line", "owners.csv", 2, "",
			[]string{"owners.csv: line 2: an empty line or a row of 1 field, want 5"}},
		{"bare quote", "owners.csv", 2, `o1,A"da,,North,false`,
			[]string{"owners.csv: line 2: a quote in an unquoted field"}},
		{"unclosed quote", "owners.csv", 0, `o3,"Ada,,North,false`,
			[]string{"owners.csv: line 4: a quoted field is not closed"}},
		{"text after a quote", "owners.csv", 2, `o1,"Ada"x,,North,false`,
			[]string{"owners.csv: line 2: 'x' after a quoted field"}},
		{"link to no parent", "deal_contacts.csv", 0, "d9,0,c1",
			[]string{"deal_contacts.csv: line 4, column deal: \"d9\": no deal has this id"}},
		{"links out of parent order", "deal_close_date_history.csv", 0,
			"d1,0,2026-03-21T00:00:00+01:00,",
			[]string{"deal_close_date_history.csv: line 3, column deal: \"d1\": no deal has " +
				"this id at or after the one the previous link belongs to"}},
		{"first link not at 0", "deal_close_date_history.csv", 2,
			"d2,1,2026-03-21T00:00:00+01:00,",
			[]string{"deal_close_date_history.csv: line 2, column position: \"1\": " +
				"position 1 where 0 was expected"}},
		{"link position skipped", "deal_contacts.csv", 3, "d1,2,c2",
			[]string{"deal_contacts.csv: line 3, column position: \"2\": " +
				"position 2 where 1 was expected"}},
		{"link position not a number", "activity_deals.csv", 2, "a1,first,d1",
			[]string{"activity_deals.csv: line 2, column position: \"first\": not an integer"}},
		{"negative position", "activity_deals.csv", 2, "a1,-1,d1",
			[]string{"activity_deals.csv: line 2, column position: \"-1\": not a position"}},
		{"two portal rows", "portal.csv", 0, "UTC,USD,USD",
			[]string{"portal.csv: 2 rows, want exactly 1"}},
		{"no portal row", "portal.csv", 2, "",
			[]string{"portal.csv: 0 rows, want exactly 1"}},
		{"repeated rate", "rates.csv", 0, "USD,0.9",
			[]string{"rates.csv: line 3: currency \"USD\" has a rate already"}},
		{"stage position gap", "stages.csv", 3, "sales,Sales,2,propose,Propose,open,0.5",
			[]string{"stages.csv: line 3: position 2 where 1 was expected"}},
		{"pipeline label changes", "stages.csv", 3, "sales,Other,1,propose,Propose,open,0.5",
			[]string{"stages.csv: line 3: pipeline_label \"Other\""}},
		{"stage without position", "stages.csv", 0, "empty,Empty,,x,,,",
			[]string{"stages.csv: line 7, column stage: \"x\": a stage column of a row " +
				"without position"}},
	}
	for _, tt := range tests {
		fsys := tablesFS(t, smallPortal())
		edit(t, fsys, tt.file, tt.line, tt.text)
		_, err := sales.ReadTablesFS(fsys)
		if err == nil {
			t.Errorf("%s: ReadTablesFS = nil, want an error", tt.name)
			continue
		}
		for _, w := range append(tt.want, "sales: read tables: ") {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: ReadTablesFS = %q, want it to contain %q", tt.name, err, w)
			}
		}
	}
}

func TestReadTablesFS_missingFile(t *testing.T) {
	fsys := tablesFS(t, smallPortal())
	delete(fsys, "activity_companies.csv")
	_, err := sales.ReadTablesFS(fsys)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "activity_companies.csv") {
		t.Errorf("ReadTablesFS(no activity_companies.csv) = %v, want an error naming the file "+
			"that is fs.ErrNotExist", err)
	}
	fsys = tablesFS(t, smallPortal())
	fsys["targets.csv"] = &fstest.MapFile{}
	_, err = sales.ReadTablesFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "targets.csv: the file is empty") {
		t.Errorf("ReadTablesFS(empty targets.csv) = %v, want an error saying it is empty", err)
	}
}

// TestReadTables_firstError: with defects in several files and chunks, the
// error names the first by file order, then line, however the work is
// spread.
func TestReadTables_firstError(t *testing.T) {
	defer sales.SetChunkSize(61)()
	r := smallPortal()
	for i := range 50 {
		r.Activities = append(r.Activities, sales.Activity{ID: sales.ActivityID("x" +
			strings.Repeat("y", i)), Type: sales.ActivityNote})
	}
	fsys := tablesFS(t, r)
	edit(t, fsys, "activities.csv", 40, "bad")
	edit(t, fsys, "activities.csv", 30, "worse")
	edit(t, fsys, "activity_deals.csv", 2, "zz,0,d1")
	for range 20 {
		_, err := sales.ReadTablesFS(fsys)
		if err == nil || !strings.Contains(err.Error(), "activities.csv: line 30:") {
			t.Fatalf("ReadTablesFS = %v, want the error of activities.csv line 30", err)
		}
	}
}

func TestReadTables_repeatedIDs(t *testing.T) {
	r := smallPortal()
	d := r.Deals[1]
	d.Contacts = nil
	withLinks := d
	withLinks.Contacts = []sales.ContactID{"c9"}
	tests := []struct {
		name  string
		deals []sales.Deal
		want  [][]sales.ContactID // each deal's contacts read back
	}{
		{"both with links", []sales.Deal{withLinks, withLinks},
			[][]sales.ContactID{{"c9"}, {"c9"}}},
		{"another deal between", []sales.Deal{withLinks, r.Deals[0], withLinks},
			[][]sales.ContactID{{"c9"}, {"c1", "c2"}, {"c9"}}},
		{"first without links", []sales.Deal{withLinks, d, withLinks},
			[][]sales.ContactID{{"c9"}, {"c9"}, nil}}, // the documented exception
		{"links on the first only", []sales.Deal{withLinks, d},
			[][]sales.ContactID{{"c9"}, nil}},
	}
	for _, tt := range tests {
		r.Deals = tt.deals
		back, err := sales.ReadTablesFS(tablesFS(t, r))
		if err != nil {
			t.Fatalf("%s: ReadTablesFS = %v", tt.name, err)
		}
		for i, want := range tt.want {
			if got := back.Deals[i].Contacts; !slicesEqual(got, want) {
				t.Errorf("%s: deal %d read back with contacts %q, want %q", tt.name, i, got, want)
			}
		}
	}
}

func slicesEqual[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
