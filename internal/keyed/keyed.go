// Package keyed keeps one accumulator per text key (a region, a source, a
// lost reason) for the reports of several packages, and gives their rows
// the orders those reports use.
//
// The empty key stands for "none" (no region, no source, no reason): it is
// a key like any other while counting, and the orders put it last, so
// that it shows as a slice of its own rather than disappearing.
package keyed

import "strings"

// Table holds one T per key, in the order the keys were first seen. The
// zero Table is empty and ready to use.
type Table[T any] struct {
	index  map[string]int
	keys   []string
	values []T
}

// At returns the accumulator of key, adding a zero one the first time the
// key is seen. The pointer is valid until the next call to At.
func (t *Table[T]) At(key string) *T {
	if i, ok := t.index[key]; ok {
		return &t.values[i]
	}
	if t.index == nil {
		t.index = make(map[string]int)
	}
	t.index[key] = len(t.keys)
	t.keys = append(t.keys, key)
	var zero T
	t.values = append(t.values, zero)
	return &t.values[len(t.values)-1]
}

// Len returns the number of keys.
func (t *Table[T]) Len() int { return len(t.keys) }

// Rows calls row for every key in the order of first sight and returns
// what it built.
func Rows[T, R any](t *Table[T], row func(key string, v *T) R) []R {
	out := make([]R, len(t.keys))
	for i, k := range t.keys {
		out[i] = row(k, &t.values[i])
	}
	return out
}

// CompareKeys orders keys by their text, the empty key last.
func CompareKeys(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

// CompareSlices orders the slices of a pie: the larger count first, equal
// counts by key, and the empty key last whatever its count.
func CompareSlices(a, b string, countA, countB int64) int {
	switch {
	case a == "" || b == "":
		return CompareKeys(a, b)
	case countA > countB:
		return -1
	case countA < countB:
		return 1
	}
	return strings.Compare(a, b)
}

// Combine returns the rows of a and b with the rows of the same key added
// together by add: a's rows first, in their order, then the rows of keys
// only b has. The caller sorts the result as its report orders rows. The
// rows of a and b are copied, never modified.
func Combine[R any](a, b []R, key func(*R) string, add func(dst, src *R)) []R {
	out := make([]R, len(a), len(a)+len(b))
	copy(out, a)
	at := make(map[string]int, len(a))
	for i := range out {
		at[key(&out[i])] = i
	}
	for j := range b {
		if i, ok := at[key(&b[j])]; ok {
			add(&out[i], &b[j])
			continue
		}
		at[key(&b[j])] = len(out)
		out = append(out, b[j])
	}
	return out
}
