package sales

import "math/rand/v2"

// idIndex finds the position of the first record that has a given id.
//
// Building a Dataset looks ids up tens of millions of times (every
// association of every activity), in indexes of millions of ids that do
// not fit in the processor's caches, so the cost of a look-up is the
// memory it reaches. A map of strings reaches three places: its control
// word, its slot, and the bytes of the stored id to compare. Most ids are
// short: HubSpot's are decimal numbers, and exports use a letter or two
// and a number. Such an id packs into a 64-bit code that stands for it
// alone (packID), and an index whose ids all pack keeps the codes and
// positions side by side in one open-addressing table, where a look-up
// reaches one place. An index with an id that does not pack is a map.
type idIndex[ID ~string] struct {
	slots []idSlot // nil when some id does not pack
	mask  uint64   // len(slots)-1
	seed  uint64   // mixed into each code, so that no input can choose its slots
	text  map[ID]int32
}

// idSlot is an entry of an idIndex's table: a code and the position plus
// one, so that the zero slot is empty.
type idSlot struct {
	code uint64
	pos1 int32
}

// newIDIndex indexes the ids of recs, keeping the first position of an id
// that several records share. It fills the table of codes until an id
// does not pack, and then drops it for a map: a kind whose ids do not
// pack shows it at its first id, most often.
func newIDIndex[T any, ID ~string](recs []T, id func(*T) ID) idIndex[ID] {
	if x, ok := packedIndex(recs, id); ok {
		return x
	}
	m := make(map[ID]int32, len(recs))
	for i := range recs {
		k := id(&recs[i])
		if _, dup := m[k]; !dup {
			m[k] = int32(i)
		}
	}
	return idIndex[ID]{text: m}
}

// packedIndex builds the table of codes, or reports that some id does not
// pack. The table has at least twice as many slots as ids, so that a
// probe rarely goes past the first slot.
func packedIndex[T any, ID ~string](recs []T, id func(*T) ID) (idIndex[ID], bool) {
	size := 2
	for size < 2*len(recs) {
		size *= 2
	}
	x := idIndex[ID]{slots: make([]idSlot, size), mask: uint64(size - 1), seed: rand.Uint64()}
	for i := range recs {
		code, ok := packID(string(id(&recs[i])))
		if !ok {
			return idIndex[ID]{}, false
		}
		h := x.home(code)
		for x.slots[h].pos1 != 0 && x.slots[h].code != code {
			h = (h + 1) & x.mask
		}
		if x.slots[h].pos1 == 0 {
			x.slots[h] = idSlot{code: code, pos1: int32(i) + 1}
		}
	}
	return x, true
}

// find returns the position of id, or -1 and false.
func (x *idIndex[ID]) find(id ID) (int32, bool) {
	if x.slots == nil {
		p, ok := x.text[id]
		if !ok {
			return -1, false
		}
		return p, true
	}
	code, ok := packID(string(id))
	if !ok {
		return -1, false // every id indexed packs
	}
	for h := x.home(code); ; h = (h + 1) & x.mask {
		s := &x.slots[h]
		switch {
		case s.pos1 == 0:
			return -1, false
		case s.code == code:
			return s.pos1 - 1, true
		}
	}
}

// home returns the slot where the search for code starts: the code mixed
// with the seed by MurmurHash3's finalizer, which spreads every bit of
// its input over the bits of its output.
func (x *idIndex[ID]) home(code uint64) uint64 {
	h := code ^ x.seed
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h & x.mask
}

// packID returns a 64-bit code for id that no other id which packs
// shares, and whether id packs. A decimal number of 1 to 18 digits
// without leading zeros is its value, below 2^63. Any other id of at most
// 8 ASCII characters has the top bit set, its length in bits 56 to 59,
// and its characters, 7 bits each, in bits 0 to 55.
func packID(id string) (uint64, bool) {
	if v, ok := decimalID(id); ok {
		return v, true
	}
	if len(id) > 8 {
		return 0, false
	}
	code := 1<<63 | uint64(len(id))<<56
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= 0x80 {
			return 0, false
		}
		code |= uint64(c) << (7 * i)
	}
	return code, true
}

// decimalID returns the value of a decimal number of 1 to 18 digits
// written without leading zeros.
func decimalID(id string) (uint64, bool) {
	if len(id) == 0 || len(id) > 18 || (id[0] == '0' && len(id) > 1) {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(id); i++ {
		d := id[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	return v, true
}
