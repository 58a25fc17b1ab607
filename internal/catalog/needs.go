package catalog

import (
	"strings"

	"github.com/salespilot/sales"
)

// Need is a kind of data a report cannot do without.
type Need int

// The kinds of data reports need.
const (
	NeedActivities Need = iota + 1
	NeedStageHistory
	NeedContacts
	NeedLineItems
	NeedTargets
	NeedCloseDateHistory
	NeedCompanies
)

var needNames = map[Need]string{
	NeedActivities:       "activities",
	NeedStageHistory:     "deal stage history",
	NeedContacts:         "contacts",
	NeedLineItems:        "line items",
	NeedTargets:          "targets",
	NeedCloseDateHistory: "history of expected close dates",
	NeedCompanies:        "companies",
}

// String returns what the data lacks, as in "the data has no contacts".
func (n Need) String() string { return needNames[n] }

// Kinds says which kinds of data a portal has.
type Kinds map[Need]bool

// Available returns the kinds of data ds holds.
func Available(ds *sales.Dataset) Kinds {
	k := Kinds{
		NeedActivities: len(ds.Activities) > 0,
		NeedContacts:   len(ds.Contacts) > 0,
		NeedLineItems:  len(ds.LineItems) > 0,
		NeedTargets:    len(ds.Targets) > 0,
		NeedCompanies:  len(ds.Companies) > 0,
	}
	for i := range ds.Deals {
		k[NeedStageHistory] = k[NeedStageHistory] || ds.DealVisits(i).Len() > 0
		k[NeedCloseDateHistory] = k[NeedCloseDateHistory] || ds.DealCloseChanges(i).Len() > 0
		if k[NeedStageHistory] && k[NeedCloseDateHistory] {
			break
		}
	}
	return k
}

// missing names the needs k lacks, "" when it has them all.
func (k Kinds) missing(needs []Need) string {
	var out []string
	for _, n := range needs {
		if !k[n] {
			out = append(out, n.String())
		}
	}
	return strings.Join(out, ", no ")
}
