package sales

import (
	"fmt"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

func TestPackID(t *testing.T) {
	ascii := func(s string) uint64 {
		c := 1<<63 | uint64(len(s))<<56
		for i := 0; i < len(s); i++ {
			c |= uint64(s[i]) << (7 * i)
		}
		return c
	}
	for _, tc := range []struct {
		id   string
		code uint64
		ok   bool
	}{
		{"0", 0, true},
		{"7", 7, true},
		{"12345678901", 12345678901, true}, // a HubSpot id
		{"999999999999999999", 999999999999999999, true},
		{"", 1 << 63, true},
		{"d1", ascii("d1"), true},
		{"c2000000", ascii("c2000000"), true},
		{"007", ascii("007"), true},       // a leading zero: text, not the number 7
		{"-7", ascii("-7"), true},         // a sign: text
		{"1000000000000000000", 0, false}, // 19 digits, and more than 8 characters
		{"a10000000", 0, false},           // 9 characters
		{"Zoë", 0, false},                 // not ASCII
		{"ab\x80", 0, false},
	} {
		code, ok := packID(tc.id)
		if ok != tc.ok || (ok && code != tc.code) {
			t.Errorf("packID(%q) = %#x, %v; want %#x, %v", tc.id, code, ok, tc.code, tc.ok)
		}
	}
	// Every id of up to three characters over an alphabet with the lowest
	// and highest bits of ASCII, and every number below 2,000, has a code
	// of its own.
	ids := map[string]bool{}
	var walk func(prefix string)
	walk = func(prefix string) {
		ids[prefix] = true
		if len(prefix) < 3 {
			for _, c := range "\x00\x01\x7f@0z" {
				walk(prefix + string(c))
			}
		}
	}
	walk("")
	for n := range 2000 {
		ids[fmt.Sprint(n)] = true
	}
	seen := map[uint64]string{}
	for id := range ids {
		code, ok := packID(id)
		if !ok {
			t.Fatalf("packID(%q) does not pack", id)
		}
		if other, dup := seen[code]; dup {
			t.Fatalf("packID(%q) = packID(%q) = %#x", id, other, code)
		}
		seen[code] = id
	}
	// The codes of the two kinds never meet: the largest number is below
	// the smallest text.
	if top, _ := packID("999999999999999999"); top >= 1<<63 {
		t.Errorf("the largest decimal code %#x has the top bit", top)
	}
}

// TestIDIndexByHand checks the index on ids written out: duplicates keep
// the first position, an absent id or one that cannot pack is not found,
// and an index with an id that does not pack still finds every id.
func TestIDIndexByHand(t *testing.T) {
	type rec struct{ id DealID }
	recs := []rec{{"d1"}, {"42"}, {"d1"}, {"042"}, {""}, {"7"}}
	for _, extra := range []DealID{"", "a long deal id", "Zoë"} {
		all := recs
		if extra != "" {
			all = append(recs[:len(recs):len(recs)], rec{extra})
		}
		x := newIDIndex(all, func(r *rec) DealID { return r.id })
		if packed := x.slots != nil; packed != (extra == "") {
			t.Errorf("with %q: packed table %v", extra, packed)
		}
		want := map[DealID]int32{"d1": 0, "42": 1, "042": 3, "": 4, "7": 5}
		if extra != "" {
			want[extra] = 6
		}
		for id, p := range want {
			if got, ok := x.find(id); !ok || got != p {
				t.Errorf("with %q: find(%q) = %d, %v; want %d", extra, id, got, ok, p)
			}
		}
		for _, id := range []DealID{"d2", "0", "42 ", "0042", "a10000000", "Zoé", "d"} {
			if got, ok := x.find(id); ok || got != -1 {
				t.Errorf("with %q: find(%q) = %d, %v; want -1, false", extra, id, got, ok)
			}
		}
	}
	var empty idIndex[DealID]
	if got, ok := empty.find("d1"); ok || got != -1 {
		t.Errorf("zero index: find = %d, %v", got, ok)
	}
}

// idGen draws ids that look alike: short, of digits with and without
// leading zeros, letters, and now and then a character outside ASCII or a
// length past what packs, so that codes that could collide are tried.
func idGen() gopter.Gen {
	return gen.SliceOfN(10, gen.IntRange(0, 15)).Map(func(xs []int) string {
		n := xs[0] % 11 // length 0 to 10
		var b strings.Builder
		for _, x := range xs[1 : 1+min(n, 9)] {
			b.WriteByte("00123456789dcZ"[x%14])
			if x == 15 {
				b.WriteString("é")
			}
		}
		if n == 10 {
			b.WriteString("1234567890123456789")
		}
		return b.String()
	})
}

func TestIDIndexProperties(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(propertySeed)
	params.MinSuccessfulTests = 500
	props := gopter.NewProperties(params)

	props.Property("two ids share a code only when they are the same", prop.ForAll(
		func(a, b string) bool {
			ca, oka := packID(a)
			cb, okb := packID(b)
			return !(oka && okb && ca == cb) || a == b
		}, idGen(), idGen()))

	props.Property("the index finds what a map of first positions finds", prop.ForAll(
		func(ids, probes []string) string {
			x := newIDIndex(ids, func(s *string) string { return *s })
			want := map[string]int32{}
			for i, id := range ids {
				if _, dup := want[id]; !dup {
					want[id] = int32(i)
				}
			}
			for _, id := range append(ids, probes...) {
				p, ok := want[id]
				if !ok {
					p = -1
				}
				if got, found := x.find(id); got != p || found != ok {
					return fmt.Sprintf("find(%q) = %d, %v; want %d, %v", id, got, found, p, ok)
				}
			}
			return ""
		}, gen.SliceOf(idGen()), gen.SliceOf(idGen())))

	props.TestingRun(t)
}

// BenchmarkIDIndex looks up the ids of two million records in a random
// order, in the packed table and in a map of strings, the look-up the
// table replaced.
func BenchmarkIDIndex(b *testing.B) {
	const n = 2_000_000
	ids := make([]ContactID, n)
	for i := range ids {
		ids[i] = ContactID(fmt.Sprintf("c%d", i+1))
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(uint64(i) * 1_000_003 % n) // a walk over every position
	}
	b.Run("packed", func(b *testing.B) {
		x := newIDIndex(ids, func(s *ContactID) ContactID { return *s })
		for i := 0; b.Loop(); i++ {
			if _, ok := x.find(ids[order[i%n]]); !ok {
				b.Fatal("not found")
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		m := make(map[ContactID]int32, n)
		for i, id := range ids {
			m[id] = int32(i)
		}
		for i := 0; b.Loop(); i++ {
			if _, ok := m[ids[order[i%n]]]; !ok {
				b.Fatal("not found")
			}
		}
	})
}
