package hubspot_test

import (
	"fmt"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

// propertySeed fixes gopter's random cases, so a failure can be replayed.
const propertySeed = 20261204

func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(propertySeed)
	params.MinSuccessfulTests = 12
	if testing.Short() {
		params.MinSuccessfulTests = 3
	}
	t.Logf("gopter seed %d", propertySeed)
	return gopter.NewProperties(params)
}

// portalCase is one random portal and how the fake serves it.
type portalCase struct {
	Seed                     uint64
	Deals                    int
	Page, History, AssocPage int
	Merges                   int
}

func genPortalCase() gopter.Gen {
	return gopter.CombineGens(
		gen.UInt64(), gen.IntRange(100, 400), gen.IntRange(1, 100), gen.IntRange(1, 50),
		gen.IntRange(1, 600), gen.IntRange(0, 5),
	).Map(func(v []any) portalCase {
		return portalCase{Seed: v[0].(uint64), Deals: v[1].(int), Page: v[2].(int),
			History: v[3].(int), AssocPage: v[4].(int), Merges: v[5].(int)}
	})
}

// TestReadPortal_roundTrip checks that a random demo portal served by the
// fake, with merged duplicates and archived records beside it, reads back
// as the original.
func TestReadPortal_roundTrip(t *testing.T) {
	ps := properties(t)
	ps.Property("read(serve(portal)) = portal", prop.ForAll(func(pc portalCase) string {
		recs, err := demo.Generate(demo.Options{Seed: pc.Seed, Deals: pc.Deals})
		if err != nil {
			return err.Error()
		}
		archived, _ := demo.Generate(demo.Options{Seed: pc.Seed + 1, Deals: 20})
		srv := fakehub.New(recs, fakehub.Options{Token: testToken, RegionProperty: region,
			PageSize: pc.Page, HistoryPageSize: pc.History, AssocPageSize: pc.AssocPage,
			Archived: renamed(archived, "x")})
		defer srv.Close()
		for i := range pc.Merges {
			srv.Merge("deals", string(recs.Deals[i*7].ID), fmt.Sprintf("m%d", i))
			srv.Merge("contacts", string(recs.Contacts[i*5].ID), fmt.Sprintf("mc%d", i))
			srv.Merge("companies", string(recs.Companies[i*3].ID), fmt.Sprintf("mco%d", i))
		}
		got, rep, err := read(t, newClient(t, srv), roundTripOptions())
		switch {
		case err != nil:
			return err.Error()
		case len(rep.Merged) != 3*pc.Merges:
			return fmt.Sprintf("%d merges folded, want %d", len(rep.Merged), 3*pc.Merges)
		case len(rep.Issues) != 0:
			return fmt.Sprintf("issue %v", rep.Issues[0])
		}
		return diff(recs, got)
	}, genPortalCase()))
	ps.TestingRun(t)
}

// renamed gives every record of r an id prefixed with p, so that it is
// apart from another portal's records.
func renamed(r sales.Records, p string) sales.Records {
	r.Owners, r.Pipelines, r.Targets = nil, nil, nil
	for i := range r.Deals {
		d := &r.Deals[i]
		d.ID, d.Company, d.Contacts = sales.DealID(p)+d.ID, "", nil
	}
	for i := range r.Contacts {
		r.Contacts[i].ID, r.Contacts[i].Company = sales.ContactID(p)+r.Contacts[i].ID, ""
	}
	for i := range r.Companies {
		r.Companies[i].ID = sales.CompanyID(p) + r.Companies[i].ID
	}
	for i := range r.Activities {
		a := &r.Activities[i]
		a.ID, a.Deals, a.Contacts, a.Companies = sales.ActivityID(p)+a.ID, nil, nil, nil
	}
	for i := range r.Products {
		r.Products[i].ID = sales.ProductID(p) + r.Products[i].ID
	}
	for i := range r.LineItems {
		li := &r.LineItems[i]
		li.ID, li.Deal, li.Product = sales.LineItemID(p)+li.ID, "", ""
	}
	return r
}
