package hubspot

import (
	"cmp"
	"slices"

	"github.com/salespilot/sales"
)

// Merged records. When two records are merged in HubSpot, the survivor
// lists the other's id in hs_merged_object_ids. A listing may still
// return the merged record (HubSpot is eventually consistent, and an
// archived listing can show it); fold folds it into its survivor so that
// it is never counted twice: its history joins the survivor's, and every
// association naming it is moved to the survivor.

// maxMergeChain bounds how many merges resolve follows, so that a cycle
// in hs_merged_object_ids cannot loop.
const maxMergeChain = 32

// resolve returns the id of the record that id of type obj ended up in:
// the furthest record of its chain of merges that was read, else id.
func (r *reader) resolve(obj, id string) string {
	into := r.into[obj]
	if len(into) == 0 {
		return id
	}
	best, cur := id, id
	for range maxMergeChain {
		next, ok := into[cur]
		if !ok {
			break
		}
		if next == id {
			// A cycle: the smallest id of it survives, so that exactly
			// one record of it is kept.
			return r.cycleSurvivor(obj, id)
		}
		cur = next
		if _, read := r.index[obj][cur]; read {
			best = cur
		}
	}
	return best
}

// cycleSurvivor returns the smallest read id of the merge cycle through id.
func (r *reader) cycleSurvivor(obj, id string) string {
	best, cur := id, id
	for range maxMergeChain {
		cur = r.into[obj][cur]
		if cur == id {
			break
		}
		if _, read := r.index[obj][cur]; read && compareIDs(cur, best) < 0 {
			best = cur
		}
	}
	return best
}

// fold folds merged deals, contacts and companies into their survivors
// and drops them.
func (r *reader) fold() error {
	r.recs.Deals = foldRecords(r, objDeals, r.recs.Deals,
		func(d *sales.Deal) string { return string(d.ID) }, foldDeal)
	r.recs.Contacts = foldRecords(r, objContacts, r.recs.Contacts,
		func(c *sales.Contact) string { return string(c.ID) }, foldContact)
	r.recs.Companies = foldRecords(r, objCompanies, r.recs.Companies,
		func(c *sales.Company) string { return string(c.ID) }, nil)
	return nil
}

// foldRecords folds each record merged into another into it, drops it,
// and rebuilds the index of obj.
func foldRecords[T any](r *reader, obj string, recs []T, id func(*T) string,
	join func(into, from *T)) []T {
	if len(r.into[obj]) == 0 {
		return recs
	}
	idx := r.index[obj]
	drop := make([]bool, len(recs))
	for i := range recs {
		from := id(&recs[i])
		to := r.resolve(obj, from)
		if to == from {
			continue
		}
		if join != nil {
			join(&recs[idx[to]], &recs[i])
		}
		drop[i] = true
		r.rep.Merged = append(r.rep.Merged, Merge{Object: obj, From: from, Into: to})
	}
	out := recs[:0]
	for i := range recs {
		if !drop[i] {
			out = append(out, recs[i])
		}
	}
	clear(recs[len(out):])
	for k := range idx {
		delete(idx, k)
	}
	for i := range out {
		idx[id(&out[i])] = i
	}
	return out
}

// foldDeal joins a merged deal's stage and close date history to its
// survivor's. HubSpot may already have joined them: entries both carry
// count once.
func foldDeal(into, from *sales.Deal) {
	ch := append(visitChanges(into.StageHistory), visitChanges(from.StageHistory)...)
	into.StageHistory = visitsOf(sortChanges(ch))
	cd := append(slices.Clone(into.CloseDateHistory), from.CloseDateHistory...)
	slices.SortStableFunc(cd, func(a, b sales.CloseDateChange) int { return a.At.Compare(b.At) })
	into.CloseDateHistory = slices.CompactFunc(cd, func(a, b sales.CloseDateChange) bool {
		return a.CloseDate.Equal(b.CloseDate)
	})
	if into.Company == "" {
		into.Company = from.Company
	}
}

// foldContact keeps, for each lifecycle stage, the earlier of the two
// contacts' dates.
func foldContact(into, from *sales.Contact) {
	for s := sales.LifecycleSubscriber; s <= sales.LifecycleOther; s++ {
		a, b := into.Reached.Get(s), from.Reached.Get(s)
		if a.IsZero() || (!b.IsZero() && b.Before(a)) {
			into.Reached.Set(s, b)
		}
	}
	if into.Company == "" {
		into.Company = from.Company
	}
}

// visitChanges turns visits back into the stage changes they came from: an
// entry into each stage, and an empty change where a visit ends with no
// other starting.
func visitChanges(vs []sales.StageVisit) []change {
	out := make([]change, 0, len(vs)+1)
	for i, v := range vs {
		out = append(out, change{at: v.Entered, val: string(v.Stage)})
		if !v.Left.IsZero() && (i+1 == len(vs) || !vs[i+1].Entered.Equal(v.Left)) {
			out = append(out, change{at: v.Left})
		}
	}
	return out
}

// sortChanges orders changes by time, an end before a start at the same
// instant (the end closes the visit before; an end has an empty value),
// and drops repeats.
func sortChanges(ch []change) []change {
	slices.SortStableFunc(ch, func(a, b change) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(len(a.val), len(b.val))
	})
	return slices.CompactFunc(ch, func(a, b change) bool { return a.at.Equal(b.at) && a.val == b.val })
}

// visitsOf turns stage changes, oldest first, into visits: each value
// starts a visit that the next one ends. A value equal to the one before
// continues the visit; an empty value ends it without starting another.
func visitsOf(changes []change) []sales.StageVisit {
	var out []sales.StageVisit
	for _, c := range changes {
		open := len(out) > 0 && out[len(out)-1].Left.IsZero()
		if open && string(out[len(out)-1].Stage) == c.val {
			continue
		}
		if open {
			out[len(out)-1].Left = c.at
		}
		if c.val != "" {
			out = append(out, sales.StageVisit{Stage: sales.StageID(c.val), Entered: c.at})
		}
	}
	return out
}
