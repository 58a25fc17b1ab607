package hubspot

import (
	"testing"
	"time"
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
