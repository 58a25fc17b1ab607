// Package byowner keeps one accumulator per owner for the per-rep reports
// of several packages, and gives their rows one order.
//
// Every owner the portal lists gets a row, even with nothing to count, so
// a rep without deals shows up with zeros and "no value" rates. An owner
// id that records use but the portal does not list gets a row once a
// record names it, and so does the unassigned bucket (the empty id).
//
// Rows come in the order of Less: by owner id, the unassigned bucket
// last. The order depends on nothing but the ids, so that the rows of two
// partial results merge into the rows of the whole.
package byowner

import (
	"slices"

	"github.com/salespilot/sales"
)

// Table holds one T per owner.
type Table[T any] struct {
	ds     *sales.Dataset
	listed []T
	other  map[sales.OwnerID]*T
}

// New returns a table with a zero T for every owner of ds.
func New[T any](ds *sales.Dataset) *Table[T] {
	return &Table[T]{ds: ds, listed: make([]T, len(ds.Owners))}
}

// Deal returns the accumulator of the i-th deal's owner.
func (t *Table[T]) Deal(i int) *T {
	if o := t.ds.DealOwner(i); o >= 0 {
		return &t.listed[o]
	}
	return t.unlisted(t.ds.Deals[i].Owner)
}

// Activity returns the accumulator of the i-th activity's owner.
func (t *Table[T]) Activity(i int) *T {
	if o := t.ds.ActivityOwner(i); o >= 0 {
		return &t.listed[o]
	}
	return t.unlisted(t.ds.Activities[i].Owner)
}

// Of returns the accumulator of the owner with the given id.
func (t *Table[T]) Of(id sales.OwnerID) *T {
	if o, ok := t.ds.OwnerIndex(id); ok {
		return &t.listed[o]
	}
	return t.unlisted(id)
}

func (t *Table[T]) unlisted(id sales.OwnerID) *T {
	if t.other == nil {
		t.other = make(map[sales.OwnerID]*T)
	}
	v, ok := t.other[id]
	if !ok {
		v = new(T)
		t.other[id] = v
	}
	return v
}

// Rows calls row for every owner in the order of Less and returns what it
// built. Owners listed twice in the portal get one row, from the first.
func Rows[T, R any](t *Table[T], row func(id sales.OwnerID, name string, v *T) R) []R {
	type entry struct {
		id sales.OwnerID
		v  *T
	}
	entries := make([]entry, 0, len(t.listed)+len(t.other))
	for i := range t.ds.Owners {
		id := t.ds.Owners[i].ID
		if o, _ := t.ds.OwnerIndex(id); o == i {
			entries = append(entries, entry{id, &t.listed[i]})
		}
	}
	for id, v := range t.other {
		entries = append(entries, entry{id, v})
	}
	slices.SortFunc(entries, func(a, b entry) int { return Compare(a.id, b.id) })
	rows := make([]R, len(entries))
	for i, e := range entries {
		rows[i] = row(e.id, t.ds.OwnerName(e.id), e.v)
	}
	return rows
}

// Compare orders owner ids for every per-owner table: by id, with the
// unassigned bucket (the empty id) last.
func Compare(a, b sales.OwnerID) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	case a < b:
		return -1
	}
	return 1
}

// Merge merges the rows b into the rows a, both in the order of Compare:
// rows of the same owner are combined with add, the others kept. It
// returns the merged rows in the same order.
func Merge[R any](a, b []R, owner func(*R) sales.OwnerID, add func(dst *R, src *R)) []R {
	out := make([]R, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := Compare(owner(&a[i]), owner(&b[j])); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			r := a[i]
			add(&r, &b[j])
			out = append(out, r)
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
