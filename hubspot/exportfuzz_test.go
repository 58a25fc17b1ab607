package hubspot_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
)

// FuzzReadExport feeds any bytes to the export reader as a deals file: it
// must not panic, and the deals it accepts, written back as an export,
// must read as the same deals.
func FuzzReadExport(f *testing.F) {
	for _, name := range []string{"deals.csv", "contacts.csv", "companies.csv", "activities.csv"} {
		b, err := os.ReadFile("testdata/export/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Record ID,Deal Stage\n1,\"unterminated\n"))
	f.Add([]byte("Record ID;Amount;Deal Stage\n1;1.234,5;Closed Won\n"))
	f.Add([]byte("Record ID,Deal Stage,Associated Company IDs (Primary)\n1,Closed Won,;\n"))
	opt := hubspot.ExportOptions{Pipelines: exportCatalogue, Location: time.UTC}
	f.Fuzz(func(t *testing.T, b []byte) {
		recs, _, err := hubspot.ReadExport(fstest.MapFS{"deals.csv": {Data: b}}, opt)
		if err != nil || len(recs.Deals) == 0 {
			return
		}
		again, _, err := hubspot.ReadExport(fstest.MapFS{"deals.csv": {Data: writeDeals(t, recs, exportCatalogue)}}, opt)
		if err != nil {
			t.Fatalf("ReadExport(written deals) = %v", err)
		}
		w, _ := json.Marshal(recs.Deals)
		g, _ := json.Marshal(again.Deals)
		if !bytes.Equal(w, g) {
			t.Errorf("deals read back differ:\n got %s\nwant %s", g, w)
		}
	})
}

// writeDeals writes deals as an export with English labels.
func writeDeals(t testing.TB, r sales.Records, catalogue []sales.Pipeline) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"Record ID", "Deal Name", "Pipeline", "Deal Stage", "Amount", "Currency",
		"Close Date", "Create Date", "Deal owner", "Deal Type", "Original Source",
		"Associated Company IDs (Primary)", "Associated Contact IDs", "Closed Lost Reason", "Region"})
	labels := map[sales.PipelineID]string{}
	stages := map[[2]string]string{}
	for _, p := range catalogue {
		labels[p.ID] = p.Label
		for _, s := range p.Stages {
			stages[[2]string{string(p.ID), string(s.ID)}] = s.Label
		}
	}
	for _, d := range r.Deals {
		amount := ""
		if d.Amount.Valid {
			amount = d.Amount.Decimal.String()
		}
		contacts := ""
		for i, c := range d.Contacts {
			if i > 0 {
				contacts += ";"
			}
			contacts += string(c)
		}
		typ := map[sales.DealType]string{sales.DealTypeNewBusiness: "New Business",
			sales.DealTypeExistingBusiness: "Existing Business"}[d.Type]
		w.Write([]string{string(d.ID), d.Name, labels[d.Pipeline], stages[[2]string{string(d.Pipeline),
			string(d.Stage)}], amount, string(d.Currency), stampExport(d.CloseDate), stampExport(d.Created),
			string(d.Owner), typ, d.Source, string(d.Company), contacts, d.LostReason, d.Region})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func stampExport(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// TestReadExport_separatorOnlyCompany: a primary company cell holding only
// list separators is rejected by row and column, not a panic.
func TestReadExport_separatorOnlyCompany(t *testing.T) {
	for _, cell := range []string{";", "\",\"", " ; "} {
		data := "Record ID,Deal Stage,Associated Company IDs (Primary)\n1,Closed Won," + cell + "\n"
		opt := hubspot.ExportOptions{Pipelines: exportCatalogue, Location: time.UTC}
		recs, rep, err := hubspot.ReadExport(fstest.MapFS{"deals.csv": {Data: []byte(data)}}, opt)
		if err != nil {
			t.Fatalf("ReadExport(company %q): %v", cell, err)
		}
		if len(recs.Deals) != 1 || recs.Deals[0].Company != "" || len(rep.Rejected) == 0 {
			t.Errorf("ReadExport(company %q) = %+v, %+v; want the deal without a company and the cell rejected",
				cell, recs.Deals, rep.Rejected)
		}
	}
}
