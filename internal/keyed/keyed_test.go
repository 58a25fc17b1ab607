package keyed

import (
	"slices"
	"testing"
)

func TestTable(t *testing.T) {
	var tb Table[int]
	for _, k := range []string{"b", "", "a", "b", "b"} {
		*tb.At(k)++
	}
	got := Rows(&tb, func(k string, v *int) string { return k + ":" + string(rune('0'+*v)) })
	if want := []string{"b:3", ":1", "a:1"}; !slices.Equal(got, want) {
		t.Errorf("Rows = %q, want %q", got, want)
	}
	if tb.Len() != 3 {
		t.Errorf("Len() = %d, want 3", tb.Len())
	}
}

func TestCompareSlices(t *testing.T) {
	type slice struct {
		key   string
		count int64
	}
	in := []slice{{"", 9}, {"b", 2}, {"a", 2}, {"c", 5}}
	slices.SortFunc(in, func(x, y slice) int { return CompareSlices(x.key, y.key, x.count, y.count) })
	want := []slice{{"c", 5}, {"a", 2}, {"b", 2}, {"", 9}}
	if !slices.Equal(in, want) {
		t.Errorf("sorted by CompareSlices = %v, want %v", in, want)
	}
}

func TestCompareKeys(t *testing.T) {
	in := []string{"", "b", "a"}
	slices.SortFunc(in, CompareKeys)
	if want := []string{"a", "b", ""}; !slices.Equal(in, want) {
		t.Errorf("sorted by CompareKeys = %q, want %q", in, want)
	}
}

func TestCombine(t *testing.T) {
	type row struct {
		key string
		n   int
	}
	a := []row{{"x", 1}, {"y", 2}}
	b := []row{{"z", 3}, {"x", 4}}
	got := Combine(a, b, func(r *row) string { return r.key }, func(d, s *row) { d.n += s.n })
	if want := []row{{"x", 5}, {"y", 2}, {"z", 3}}; !slices.Equal(got, want) {
		t.Errorf("Combine = %v, want %v", got, want)
	}
	if a[0].n != 1 {
		t.Errorf("Combine changed its input: a[0] = %v", a[0])
	}
}
