package hubspot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/salespilot/sales"
)

func TestReader_choose(t *testing.T) {
	tests := []struct {
		name     string
		pick     *companyPick
		fallback string
		want     string
		noPrim   bool
	}{
		{"no associations: the property", nil, "7", "7", false},
		{"primary among several", &companyPick{primary: "2", all: []string{"1", "2", "3"}}, "", "2", false},
		{"one company, not primary", &companyPick{all: []string{"5", "5"}}, "", "5", false},
		{"several, none primary", &companyPick{all: []string{"1", "2"}}, "9", "", true},
	}
	for _, tt := range tests {
		rep := newReport()
		r := &reader{rep: rep, m: mapper{loc: time.UTC}}
		got := r.choose("d1", tt.pick, tt.fallback)
		if got != tt.want || (len(r.rep.NoPrimaryCompany) == 1) != tt.noPrim {
			t.Errorf("%s: choose = %q (no primary %v), want %q (%v)", tt.name, got,
				r.rep.NoPrimaryCompany, tt.want, tt.noPrim)
		}
	}
}

func TestSortIDs(t *testing.T) {
	got := sortIDs([]string{"10", "9", "100", "9", "a"})
	want := []string{"9", "a", "10", "100"}
	if len(got) != len(want) {
		t.Fatalf("sortIDs = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("sortIDs = %v, want %v", got, want)
		}
	}
}

// TestReader_mergeCycle: two deals that each list the other as merged
// into them keep one of the two, the smallest id, never neither.
func TestReader_mergeCycle(t *testing.T) {
	r := newReader(nil, context.Background(), &ReadOptions{})
	r.index[objDeals] = map[string]int{}
	for i, id := range []string{"7", "5", "9"} {
		r.recs.Deals = append(r.recs.Deals, sales.Deal{ID: sales.DealID(id)})
		r.ids[objDeals] = append(r.ids[objDeals], id)
		r.index[objDeals][id] = i
	}
	r.merged(objDeals, "7", []string{"5"})
	r.merged(objDeals, "5", []string{"7"})
	if err := r.fold(); err != nil {
		t.Fatalf("fold: %v", err)
	}
	var kept []sales.DealID
	for _, d := range r.recs.Deals {
		kept = append(kept, d.ID)
	}
	if len(kept) != 2 || kept[0] != "5" || kept[1] != "9" {
		t.Errorf("deals after folding a merge cycle of 7 and 5 = %v, want [5 9]", kept)
	}
}

// TestExportReader_ownerBySuffix: a name two owners share is decided by
// the email in parentheses after it.
func TestExportReader_ownerBySuffix(t *testing.T) {
	x := newExportReader(ExportOptions{Owners: []sales.Owner{
		{ID: "11", Name: "Ann Lee", Email: "ann1@example.com"},
		{ID: "12", Name: "Ann Lee", Email: "ann2@example.com"},
		{ID: "13", Name: "Bob Stone", Email: "bob@example.com"},
	}})
	tests := []struct {
		cell string
		want []sales.OwnerID
	}{
		{"Ann Lee (ann2@example.com)", []sales.OwnerID{"12"}},
		{"Bob Stone (bob@example.com)", []sales.OwnerID{"13"}},
		{"Ann Lee (nobody@example.com)", []sales.OwnerID{"11", "12"}}, // still ambiguous
	}
	for _, tt := range tests {
		got := x.ownerOfSuffixed(tt.cell)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("ownerOfSuffixed(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// TestReader_primaryNotRead: a deal whose primary company was not read
// keeps no company, rather than the other one it names, and is listed.
func TestReader_primaryNotRead(t *testing.T) {
	r := newReader(nil, context.Background(), &ReadOptions{})
	r.recs.Deals = []sales.Deal{{ID: "1"}, {ID: "2"}}
	primary := []assocType{{Category: "HUBSPOT_DEFINED", TypeID: typeDealPrimaryCompany}}
	other := []assocType{{Category: "HUBSPOT_DEFINED", TypeID: 341}}
	// Deal 1: its primary was not read, another company was.
	pick(r.dealCompanies, 0, "", primary, typeDealPrimaryCompany)
	pick(r.dealCompanies, 0, "77", other, typeDealPrimaryCompany)
	// Deal 2: a company that was not read, not the primary; one read.
	pick(r.dealCompanies, 1, "", other, typeDealPrimaryCompany)
	pick(r.dealCompanies, 1, "78", other, typeDealPrimaryCompany)
	r.settle()
	if got := r.recs.Deals[0].Company; got != "" {
		t.Errorf("deal 1's company = %q, want none", got)
	}
	if got := r.recs.Deals[1].Company; got != "78" {
		t.Errorf("deal 2's company = %q, want 78", got)
	}
	if fmt.Sprint(r.rep.PrimaryNotRead) != "[1]" || len(r.rep.NoPrimaryCompany) != 0 {
		t.Errorf("primary not read %v, no primary %v; want [1] and none",
			r.rep.PrimaryNotRead, r.rep.NoPrimaryCompany)
	}
}
