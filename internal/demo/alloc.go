package demo

import "strconv"

// A million deals make tens of millions of small values: ids, stage
// histories, lists of associations. Allocating each on its own would
// dominate the generation's time and the garbage collector's work, so
// they are cut from large shared blocks instead. Records therefore share
// backing arrays with one another (never overlapping: every slice has its
// capacity cut to its length, so an append copies).

// idBlock is how many ids share one backing string.
const idBlock = 4096

// eachID calls set with i and the id prefix+(i+1) for i in [0, n), the
// ids cut from strings of idBlock ids each.
func eachID(prefix string, n int, set func(i int, id string)) {
	var ends [idBlock]int32
	buf := make([]byte, 0, idBlock*(len(prefix)+8))
	for first := 0; first < n; first += idBlock {
		count := min(idBlock, n-first)
		buf = buf[:0]
		for k := range count {
			buf = append(buf, prefix...)
			buf = strconv.AppendInt(buf, int64(first+k+1), 10)
			ends[k] = int32(len(buf))
		}
		block := string(buf)
		start := int32(0)
		for k := range count {
			set(first+k, block[start:ends[k]])
			start = ends[k]
		}
	}
}

// makeIDs returns the ids prefix1 … prefixN as a slice.
func makeIDs[ID ~string](prefix string, n int) []ID {
	out := make([]ID, n)
	eachID(prefix, n, func(i int, id string) { out[i] = ID(id) })
	return out
}

// slabSize is how many values a slab allocates at a time.
const slabSize = 8192

// slab hands out short slices cut from large shared arrays.
type slab[T any] struct {
	free []T
}

// take returns a zeroed slice of length and capacity n.
func (s *slab[T]) take(n int) []T {
	if n == 0 {
		return nil
	}
	if len(s.free) < n {
		s.free = make([]T, max(n, slabSize))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}

// copyOf returns a slab copy of v.
func (s *slab[T]) copyOf(v []T) []T {
	out := s.take(len(v))
	copy(out, v)
	return out
}

// one returns ids[i:i+1], a one-element slice that shares ids' array.
func one[ID any](ids []ID, i int) []ID { return ids[i : i+1 : i+1] }
