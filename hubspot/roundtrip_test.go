package hubspot_test

import (
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

func TestReadPortal_demo(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 3, Deals: 120})
	if err != nil {
		t.Fatal(err)
	}
	srv := fakehub.New(recs, fakehub.Options{Token: testToken, RegionProperty: region,
		PageSize: 7, HistoryPageSize: 5, AssocPageSize: 2})
	defer srv.Close()
	got, rep, err := read(t, newClient(t, srv), roundTripOptions())
	if err != nil {
		t.Fatalf("ReadPortal = %v", err)
	}
	if d := diff(recs, got); d != "" {
		t.Errorf("ReadPortal(fake of demo) differs from demo:\n%s", d)
	}
	if len(rep.Issues) > 0 {
		t.Errorf("ReadPortal: %d issues, first %v", len(rep.Issues), rep.Issues[0])
	}
	ds, err := sales.NewDataset(got)
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.Validate(); err != nil {
		t.Errorf("Validate(read portal) = %v", err)
	}
}
