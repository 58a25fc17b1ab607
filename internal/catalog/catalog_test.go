package catalog

import (
	"encoding/json"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

func TestCatalogue_complete(t *testing.T) {
	inGroups := map[string]bool{}
	for _, g := range Groups() {
		for _, id := range g.IDs {
			if inGroups[id] {
				t.Errorf("%s is listed under two headings", id)
			}
			inGroups[id] = true
			if _, ok := ByID(id); !ok {
				t.Errorf("%s is listed under %q but is not a report", id, g.Title)
			}
		}
	}
	for _, r := range All() {
		if !inGroups[r.ID] {
			t.Errorf("report %s is under no heading", r.ID)
		}
		if r.Computed() == (r.SameAs != "") {
			t.Errorf("report %s should either be computed or be the same as another", r.ID)
		}
		if s, ok := ByID(r.SameAs); r.SameAs != "" && (!ok || !s.Computed()) {
			t.Errorf("report %s is the same as %q, which is not computed", r.ID, r.SameAs)
		}
	}
	if len(inGroups) != 54 {
		t.Errorf("the catalogue lists %d reports, want 54 (R01–R48, B01–B06)", len(inGroups))
	}
}

// TestRun_workers: the outcome does not depend on the number of workers.
func TestRun_workers(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 3, Deals: 400})
	if err != nil {
		t.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	p := Params{AsOf: demo.Today(), Period: sales.Year(2026, ds.Location()), Unit: sales.UnitMonth,
		Seed: 9, TopN: 5}
	one, _ := json.Marshal(Run(ds, p, 1))
	four, _ := json.Marshal(Run(ds, p, 4))
	if string(one) != string(four) {
		t.Errorf("Run on 1 and on 4 workers differ")
	}
	var outs map[string]Outcome
	if err := json.Unmarshal(one, &outs); err != nil {
		t.Fatal(err)
	}
	for id, o := range outs {
		if o.Error != "" || (o.Result == nil && o.SameAs == "" && o.Unavailable == "") {
			t.Errorf("%s: %+v, want a result on the demo portal", id, o)
		}
	}
}

// TestRun_unavailable: a portal without activities says so for the
// reports that need them, and computes the others.
func TestRun_unavailable(t *testing.T) {
	recs, _ := demo.Generate(demo.Options{Seed: 1, Deals: 100})
	recs.Activities = nil
	ds := sales.MustDataset(recs)
	outs := Run(ds, Params{AsOf: demo.Today(), Period: sales.Year(2026, ds.Location()),
		Unit: sales.UnitMonth, TopN: 3}, 0)
	if o := outs["R01"]; o.Unavailable != "the data has no activities" {
		t.Errorf("R01 = %+v, want unavailable for lack of activities", o)
	}
	if o := outs["R10"]; o.Result == nil {
		t.Errorf("R10 = %+v, want a result", o)
	}
}
