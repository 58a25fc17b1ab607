package hubspot_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
)

// exportCatalogue is the pipeline catalogue of testdata/export: two
// pipelines that both have a stage labelled "Closed Won".
var exportCatalogue = []sales.Pipeline{
	{ID: "default", Label: "Sales Pipeline", Stages: []sales.Stage{
		{ID: "contractsent", Label: "Contract Sent", Kind: sales.StageOpen, Probability: 0.9},
		{ID: "closedwon", Label: "Closed Won", Kind: sales.StageWon, Probability: 1},
		{ID: "closedlost", Label: "Closed Lost", Kind: sales.StageLost},
	}},
	{ID: "7301845", Label: "Renewals", Stages: []sales.Stage{
		{ID: "30124474", Label: "Closed Won", Kind: sales.StageWon, Probability: 1},
	}},
}

func TestReadExport(t *testing.T) {
	phoenix := mustLoadT(t, "America/Phoenix")
	owners := []sales.Owner{{ID: "11", Name: "Ann Lee"}, {ID: "12", Name: "Bob Stone"}}
	recs, rep, err := hubspot.ReadExport(os.DirFS("testdata/export"), hubspot.ExportOptions{
		Pipelines: exportCatalogue, Owners: owners, Location: phoenix, Currency: "USD"})
	if err != nil {
		t.Fatalf("ReadExport = %v", err)
	}
	kinds := map[string]string{}
	for _, f := range rep.Files {
		kinds[f.Name] = f.Kind
	}
	if kinds["deals.csv"] != "deals" || kinds["contacts.csv"] != "contacts" ||
		kinds["companies.csv"] != "companies" || kinds["activities.csv"] != "activities" {
		t.Errorf("file kinds = %v", kinds)
	}
	// Five deals of six rows: the row without a record id is left out.
	if len(recs.Deals) != 5 {
		t.Fatalf("deals = %d, want 5", len(recs.Deals))
	}
	d := recs.Deals[0]
	// "Closed Won" of "Sales Pipeline" is closedwon; the close date, 18:30
	// on 31 March in Phoenix, stays on 31 March; "1,500.50" is 1500.50.
	if d.Pipeline != "default" || d.Stage != "closedwon" || d.Owner != "11" ||
		!d.Amount.Valid || d.Amount.Decimal.String() != "1500.5" ||
		!d.CloseDate.Equal(time.Date(2024, 3, 31, 18, 30, 0, 0, phoenix)) ||
		d.Company != "501" || len(d.Contacts) != 2 || d.Source != "ORGANIC_SEARCH" ||
		d.Type != sales.DealTypeNewBusiness {
		t.Errorf("deal 101 = %+v", d)
	}
	// The same stage label in the other pipeline; "0" is an amount; two
	// companies and no primary one leave the deal without.
	d = recs.Deals[1]
	if d.Pipeline != "7301845" || d.Stage != "30124474" || !d.Amount.Valid || d.Company != "" ||
		d.Source != "OFFLINE" {
		t.Errorf("deal 102 = %+v", d)
	}
	if recs.Deals[2].Amount.Valid {
		t.Errorf("deal 103 without an amount has %v", recs.Deals[2].Amount)
	}
	wantRejected := []string{
		"deals.csv:3: Associated Company IDs", // two companies, no primary
		"deals.csv:5: Amount \"12.5.0\"", "deals.csv:5: Close Date \"2024-02-30\"",
		"deals.csv:5: Deal owner \"Zed Unknown\"", "deals.csv:5: Deal Type \"Partner deal\"",
		"deals.csv:6: Pipeline \"No Such Pipeline\"", "deals.csv:7: Record ID",
		"contacts.csv:4: Lifecycle Stage \"Custom Stage\"",
		"activities.csv:5: Activity type \"Fax\"",
	}
	got := make([]string, len(rep.Rejected))
	for i, r := range rep.Rejected {
		got[i] = r.String()
	}
	all := strings.Join(got, "\n")
	for _, w := range wantRejected {
		if !strings.Contains(all, w) {
			t.Errorf("rejections lack %q; they are:\n%s", w, all)
		}
	}
	for _, r := range rep.Rejected {
		dropped := r.Column == "Activity type" || r.Column == "Record ID"
		if r.RowLeftOut != dropped {
			t.Errorf("rejection %s: row left out %v, want %v", r, r.RowLeftOut, dropped)
		}
	}
	if len(rep.Rejected) != len(wantRejected) {
		t.Errorf("%d rejections, want %d:\n%s", len(rep.Rejected), len(wantRejected), all)
	}
	c := recs.Contacts[0]
	if c.Name != "Cleo Park" || c.Lifecycle != sales.LifecycleCustomer || c.LeadStatus != "OPEN_DEAL" ||
		c.Company != "501" || c.Reached.Lead.IsZero() || c.Source != "PAID_SEARCH" {
		t.Errorf("contact 601 = %+v", c)
	}
	if recs.Contacts[1].Name != "dan@example.com" {
		t.Errorf("contact 602 name = %q, want its email", recs.Contacts[1].Name)
	}
	if co := recs.Companies[1]; co.Name != "beta.example" || co.Type != "PROSPECT" || co.Owner != "12" {
		t.Errorf("company 502 = %+v", co)
	}
	a := recs.Activities
	if len(a) != 3 || a[0].Duration != 5*time.Minute+12*time.Second || a[0].CallOutcome != sales.CallConnected ||
		a[1].MeetingOutcome != sales.MeetingNoShow || a[2].TaskDue.IsZero() || a[2].TaskStatus != sales.TaskNotStarted {
		t.Errorf("activities = %+v", a)
	}
	if recs.TimeZone != "America/Phoenix" {
		t.Errorf("time zone = %q", recs.TimeZone)
	}
}

func TestReadExport_mintsOwners(t *testing.T) {
	recs, rep, err := hubspot.ReadExport(os.DirFS("testdata/export"),
		hubspot.ExportOptions{Pipelines: exportCatalogue})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Owners) != 3 || len(rep.NewOwners) != 3 || recs.Deals[0].Owner != "Ann Lee" {
		t.Errorf("owners = %v (new %v), deal owner %q; want Ann Lee, Bob Stone, Zed Unknown",
			recs.Owners, rep.NewOwners, recs.Deals[0].Owner)
	}
}

func TestReadExportFolder(t *testing.T) {
	recs, xrep, _, err := hubspot.ReadExportFolder(os.DirFS("testdata/export"))
	if err != nil {
		t.Fatalf("ReadExportFolder = %v", err)
	}
	// The same as TestReadExport, with the catalogue, owners and zone
	// read from the JSON files.
	if len(recs.Pipelines) != 2 || recs.Pipelines[0].ID != "default" ||
		recs.Pipelines[0].Stages[0].ID != "contractsent" || recs.TimeZone != "America/Phoenix" ||
		recs.Currency != "USD" || recs.Deals[0].Owner != "11" || recs.Owners[0].Team != "West" {
		t.Errorf("ReadExportFolder = pipelines %v, zone %q, currency %q, owners %v",
			recs.Pipelines, recs.TimeZone, recs.Currency, recs.Owners)
	}
	if len(xrep.Rejected) != 9 {
		t.Errorf("ReadExportFolder: %d rejections, want 9", len(xrep.Rejected))
	}
	if _, err := sales.NewDataset(recs); err != nil {
		t.Errorf("NewDataset(export) = %v", err)
	}
}

// TestReadExportFolderWith reads a folder whose numbers use a decimal
// comma and whose dates put the day first, which only options can say.
func TestReadExportFolderWith(t *testing.T) {
	fsys := fstest.MapFS{
		"pipelines.json": {Data: mustRead(t, "testdata/export/pipelines.json")},
		"deals.csv": {Data: []byte("Record ID;Deal Name;Pipeline;Deal Stage;Amount;Close Date\n" +
			"1;A;Sales Pipeline;Closed Won;1.234,56;31/01/2026\n")},
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	recs, xrep, _, err := hubspot.ReadExportFolderWith(fsys, hubspot.ExportOptions{
		DayFirst: true, DecimalComma: true, Location: paris, Currency: "EUR"})
	if err != nil || len(xrep.Rejected) != 0 {
		t.Fatalf("ReadExportFolderWith = %v, rejected %v", err, xrep.Rejected)
	}
	d := recs.Deals[0]
	if !d.Amount.Decimal.Equal(decimal.RequireFromString("1234.56")) || d.CloseDate.Month() != time.January ||
		d.CloseDate.Day() != 31 || recs.Currency != "EUR" || recs.TimeZone != "Europe/Paris" {
		t.Errorf("ReadExportFolderWith = %+v, currency %q, zone %q; want 1234.56 on 31 January in Paris",
			d, recs.Currency, recs.TimeZone)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadExport_ownerSuffixes(t *testing.T) {
	csv := "Record ID,Deal Name,Deal Stage,Pipeline,Deal owner\n" +
		"1,A,Closed Won,Sales Pipeline,Ann Lee (Deactivated User)\n" +
		"2,B,Closed Won,Sales Pipeline,Someone (bob@example.com)\n"
	owners := []sales.Owner{{ID: "11", Name: "Ann Lee"}, {ID: "12", Name: "Bob Stone", Email: "bob@example.com"}}
	recs, rep, err := hubspot.ReadExport(fstest.MapFS{"d.csv": {Data: []byte(csv)}},
		hubspot.ExportOptions{Pipelines: exportCatalogue, Owners: owners})
	if err != nil || len(rep.Rejected) != 0 || recs.Deals[0].Owner != "11" || recs.Deals[1].Owner != "12" {
		t.Errorf("ReadExport = owners %q and %q, rejected %v, %v; want 11 and 12",
			recs.Deals[0].Owner, recs.Deals[1].Owner, rep.Rejected, err)
	}
}

// TestReadExport_idsAndEpochs reads an export whose owner cells hold owner
// ids and whose dates are epoch milliseconds, as files written from the
// API's internal values are.
func TestReadExport_idsAndEpochs(t *testing.T) {
	csv := "Record ID,Deal Name,Deal Stage,Pipeline,Deal owner,Create Date,Close Date\n" +
		"1,A,Closed Won,Sales Pipeline,12,1711929600000,1712016000000\n" +
		"2,B,Closed Won,Sales Pipeline,Ann Lee,2024-04-01,99999999999999\n" +
		"3,C,Closed Won,Sales Pipeline,99,20240401,0\n"
	owners := []sales.Owner{{ID: "11", Name: "Ann Lee"}, {ID: "12", Name: "Bob Stone"}}
	recs, rep, err := hubspot.ReadExport(fstest.MapFS{"d.csv": {Data: []byte(csv)}},
		hubspot.ExportOptions{Pipelines: exportCatalogue, Owners: owners, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	d := recs.Deals[0]
	if d.Owner != "12" || !d.Created.Equal(time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)) ||
		!d.CloseDate.Equal(time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("deal 1: owner %q, created %v, closed %v; want 12, 1 and 2 April 2024",
			d.Owner, d.Created, d.CloseDate)
	}
	if recs.Deals[1].Owner != "11" {
		t.Errorf("deal 2: owner %q, want 11", recs.Deals[1].Owner)
	}
	// A date of the year 5138, an unknown owner id and eight digits that
	// are no date are each rejected, naming the line and the column.
	want := map[string]bool{"3 Close Date": true, "4 Deal owner": true, "4 Create Date": true}
	for _, r := range rep.Rejected {
		key := strconv.Itoa(r.Line) + " " + r.Column
		if !want[key] {
			t.Errorf("unexpected rejection %+v", r)
		}
		delete(want, key)
	}
	if len(want) != 0 {
		t.Errorf("not rejected: %v (rejections %+v)", want, rep.Rejected)
	}
}

// TestReadExport_internalNames reads a calls export headed by internal
// property names, its outcomes as disposition GUIDs and its durations in
// milliseconds.
func TestReadExport_internalNames(t *testing.T) {
	csv := "Record ID,hs_activity_type,hs_timestamp,hs_call_disposition,hs_call_duration," +
		"hs_call_direction,hs_call_title\n" +
		"7,Call,2024-04-01T15:00:00Z,f240bbac-87c9-4f6e-bf70-924b57d47db7,1800000,OUTBOUND,Intro\n" +
		"8,Call,1711983600000,Busy,0,INBOUND,\n"
	recs, rep, err := hubspot.ReadExport(fstest.MapFS{"calls.csv": {Data: []byte(csv)}},
		hubspot.ExportOptions{Location: time.UTC})
	if err != nil || len(rep.Rejected) != 0 || len(recs.Activities) != 2 {
		t.Fatalf("ReadExport = %d activities, rejected %v, %v", len(recs.Activities), rep.Rejected, err)
	}
	a, b := recs.Activities[0], recs.Activities[1]
	if a.Type != sales.ActivityCall || a.CallOutcome != sales.CallConnected ||
		a.Duration != 30*time.Minute || a.Direction != sales.DirectionOutbound || a.Subject != "Intro" ||
		!a.Time.Equal(time.Date(2024, 4, 1, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("call 7 = %+v", a)
	}
	if b.CallOutcome != sales.CallBusy || b.Direction != sales.DirectionInbound ||
		!b.Time.Equal(time.Date(2024, 4, 1, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("call 8 = %+v", b)
	}
}

// TestParsePipelines_noResults: a file without the API's "results" list
// is refused, naming the file; an empty list is no pipelines.
func TestParsePipelines_noResults(t *testing.T) {
	for _, in := range []string{`{"foo":1}`, `{"results":null}`, `[]`} {
		if _, _, err := hubspot.ParsePipelines(strings.NewReader(in)); err == nil ||
			!strings.Contains(err.Error(), "pipelines.json") {
			t.Errorf("ParsePipelines(%s) = %v, want an error naming pipelines.json", in, err)
		}
	}
	ps, _, err := hubspot.ParsePipelines(strings.NewReader(`{"results":[]}`))
	if err != nil || len(ps) != 0 {
		t.Errorf("ParsePipelines of an empty list = %v, %v", ps, err)
	}
}

// TestReadExport_sameExportTwice: a deals export downloaded twice into
// the folder counts each deal once; the repeated rows are left out and
// listed, naming where the id was first read.
func TestReadExport_sameExportTwice(t *testing.T) {
	csv := "Record ID,Deal Name,Deal Stage,Pipeline,Amount\n" +
		"1,A,Closed Won,Sales Pipeline,100\n2,B,Closed Won,Sales Pipeline,50\n"
	fsys := fstest.MapFS{"deals.csv": {Data: []byte(csv)}, "deals (1).csv": {Data: []byte(csv + "1,A,Closed Won,Sales Pipeline,100\n")}}
	recs, rep, err := hubspot.ReadExport(fsys, hubspot.ExportOptions{Pipelines: exportCatalogue})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs.Deals) != 2 || len(rep.Rejected) != 3 {
		t.Fatalf("%d deals, rejected %v; want 2 deals and 3 rows left out", len(recs.Deals), rep.Rejected)
	}
	for _, r := range rep.Rejected {
		if !r.RowLeftOut || !strings.Contains(r.Reason, "repeats the record id of deals (1).csv:") {
			t.Errorf("rejection %+v", r)
		}
	}
}
