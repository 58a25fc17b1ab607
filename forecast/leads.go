package forecast

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/salespilot/sales"
)

// lifecycleAt returns the lifecycle stage contact c was in at asOf, and
// false when it was assumed rather than read from the contact's dates:
//
//   - when the date the contact reached its current stage is recorded and
//     not after asOf, it is the current stage;
//   - else, when the contact has any recorded date, it is the furthest
//     stage reached by asOf (sales.Contact.LifecycleAt), which is
//     LifecycleUnknown when none was reached by then;
//   - else, with no date recorded at all, it is assumed to be the current
//     stage.
//
// The current stage wins over the dates so that a contact moved to "other"
// counts there once it got there.
func lifecycleAt(c *sales.Contact, asOf time.Time) (sales.LifecycleStage, bool) {
	if at := c.Reached.Get(c.Lifecycle); !at.IsZero() && !at.After(asOf) {
		return c.Lifecycle, true
	}
	if c.Reached != (sales.LifecycleDates{}) {
		return c.LifecycleAt(asOf), true
	}
	return c.Lifecycle, false
}

// contactStageAt is lifecycleAt for the i-th contact of ds, read from the
// columns c when its current stage was reached by asOf (given as at too),
// which is the common case, and from the record otherwise.
func contactStageAt(ds *sales.Dataset, c *sales.ContactColumns, i int, at sales.Instant,
	asOf time.Time) (sales.LifecycleStage, bool) {
	cur := c.Lifecycle[i]
	if cur > sales.LifecycleUnknown && int(cur) < sales.NumLifecycleStages {
		if reached := c.Reached[cur][i]; reached != sales.NoInstant && reached <= at {
			return cur, true
		}
	}
	return lifecycleAt(&ds.Contacts[i], asOf)
}

// BUG(forecast): ActiveLeads splits leads by their current lead status,
// whatever asOf: the model keeps no history of lead statuses.

// leadStages are the lifecycle stages the catalogue calls active leads,
// in order.
var leadStages = []sales.LifecycleStage{
	sales.LifecycleLead, sales.LifecycleMarketingQualified,
	sales.LifecycleSalesQualified, sales.LifecycleOpportunity,
}

// StatusCount is how many contacts have one lead status.
type StatusCount struct {
	// Status is the CRM's lead status as written; empty for contacts
	// without one.
	Status string `json:"status"`
	Count  int64  `json:"count"`
}

// LeadStage is the active leads in one lifecycle stage.
type LeadStage struct {
	Stage sales.LifecycleStage `json:"stage"`
	Count int64                `json:"count"`
	// Statuses splits Count by lead status when LeadOptions.ByStatus is
	// set: by status, the empty status last.
	Statuses []StatusCount `json:"statuses,omitempty"`
}

// LeadOptions are the options of ActiveLeads.
type LeadOptions struct {
	// ByStatus splits each stage by the contacts' lead status.
	ByStatus bool
}

// LeadStages is R25 of the catalogue: the contacts that were active leads
// at AsOf, by lifecycle stage.
type LeadStages struct {
	AsOf time.Time `json:"as_of"`
	// Stages holds lead, marketing-qualified, sales-qualified and
	// opportunity, in that order, each with its count.
	Stages []LeadStage `json:"stages"`
	Total  int64       `json:"total"`
	// Assumed counts the leads of Stages that have no recorded lifecycle
	// date, read at their current stage. NotYetCreated counts contacts
	// created after AsOf, left out.
	Assumed       int64 `json:"assumed"`
	NotYetCreated int64 `json:"not_yet_created"`
}

// ActiveLeads counts the contacts that were active leads at asOf (in the
// lifecycle stages lead, marketing-qualified, sales-qualified or
// opportunity), by stage, and with o.ByStatus by lead status within each
// stage. This is R25 of the catalogue.
//
// A contact counts once it is created (at or before asOf; a contact
// without a creation date counts as created). Its stage at asOf comes from
// the dates it reached each stage: the current stage once its date is
// recorded and not after asOf, else the furthest stage reached by asOf.
// A contact without any recorded date is taken at its current stage and
// counted in Assumed too. The lead status is the current one: the model
// keeps no history of it.
//
// Results over two halves of a portal's contacts merge with Merge.
// ActiveLeads fails only on a zero asOf.
func ActiveLeads(ds *sales.Dataset, asOf time.Time, o LeadOptions) (LeadStages, error) {
	if err := checkAsOf(asOf); err != nil {
		return LeadStages{}, fmt.Errorf("forecast: active leads: %w", err)
	}
	r := LeadStages{AsOf: asOf, Stages: make([]LeadStage, len(leadStages))}
	cols, at := ds.ContactColumns(), sales.InstantOf(asOf)
	var byCode [][]int64 // by stage, then by status code
	if o.ByStatus {
		byCode = make([][]int64, len(leadStages))
	}
	for i, created := range cols.Created {
		if created > at {
			r.NotYetCreated++
			continue
		}
		s, known := contactStageAt(ds, cols, i, at, asOf)
		if !s.IsLead() {
			continue
		}
		k := int(s - sales.LifecycleLead)
		r.Stages[k].Count++
		if !known {
			r.Assumed++
		}
		if byCode != nil {
			if byCode[k] == nil {
				byCode[k] = make([]int64, len(cols.LeadStatus.Dict))
			}
			byCode[k][cols.LeadStatus.Code[i]]++
		}
	}
	statuses := statusMaps(byCode, cols.LeadStatus.Dict)
	for k, s := range leadStages {
		r.Stages[k].Stage = s
		r.Stages[k].Statuses = sortStatuses(statuses, k)
		r.Total += r.Stages[k].Count
	}
	return r, nil
}

// sortStatuses returns the counts of statuses[k] by status, the empty
// status last; nil when statuses were not asked for, and an empty list
// when none was counted.
// statusMaps turns counts by stage and status code into counts by stage
// and status; nil stays nil, and a stage with no count has no map.
func statusMaps(byCode [][]int64, dict []string) []map[string]int64 {
	if byCode == nil {
		return nil
	}
	out := make([]map[string]int64, len(byCode))
	for k, counts := range byCode {
		if counts == nil {
			continue
		}
		out[k] = make(map[string]int64)
		for code, n := range counts {
			if n > 0 {
				out[k][dict[code]] += n
			}
		}
	}
	return out
}

func sortStatuses(statuses []map[string]int64, k int) []StatusCount {
	if statuses == nil {
		return nil
	}
	out := make([]StatusCount, 0, len(statuses[k]))
	for s, n := range statuses[k] {
		out = append(out, StatusCount{Status: s, Count: n})
	}
	slices.SortFunc(out, func(a, b StatusCount) int { return compareStatus(a.Status, b.Status) })
	return out
}

// compareStatus orders statuses, the empty one last.
func compareStatus(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(a, b)
}

// Merge adds the leads of o, counted over other contacts of the same
// portal at the same asOf, to r. It fails when asOf differs or when one
// result splits stages by status and the other does not.
func (r *LeadStages) Merge(o LeadStages) error {
	if !r.AsOf.Equal(o.AsOf) || len(r.Stages) != len(o.Stages) {
		return fmt.Errorf("forecast: merge active leads: as of %s and %s differ", r.AsOf, o.AsOf)
	}
	stages := append([]LeadStage(nil), r.Stages...)
	for k := range stages {
		a, b := &stages[k], &o.Stages[k]
		if unsplit(a, b) || unsplit(b, a) {
			return fmt.Errorf("forecast: merge active leads: only one result is split by status")
		}
		a.Count += b.Count
		if a.Statuses != nil || b.Statuses != nil {
			a.Statuses = mergeStatuses(a.Statuses, b.Statuses)
		}
	}
	r.Stages = stages
	r.Total += o.Total
	r.Assumed += o.Assumed
	r.NotYetCreated += o.NotYetCreated
	return nil
}

// unsplit reports whether a holds leads not split by status while b is
// split. A stage with no lead has nothing to split: its empty list of
// statuses is left out of JSON, so it reads back as not split.
func unsplit(a, b *LeadStage) bool {
	return a.Statuses == nil && a.Count > 0 && b.Statuses != nil
}

// mergeStatuses merges two lists in the order of compareStatus.
func mergeStatuses(a, b []StatusCount) []StatusCount {
	out := make([]StatusCount, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := compareStatus(a[i].Status, b[j].Status); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, StatusCount{Status: a[i].Status, Count: a[i].Count + b[j].Count})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
