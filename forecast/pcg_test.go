package forecast

import (
	"math/rand/v2"
	"testing"
)

// TestPCG: the generator yields math/rand/v2's PCG numbers, and a jump of
// n steps lands where n calls do.
func TestPCG(t *testing.T) {
	seeds := [][2]uint64{{0, 0}, {1, pcgStream}, {42, 7}, {^uint64(0), 1 << 63}}
	for _, s := range seeds {
		want := rand.NewPCG(s[0], s[1])
		got := newPCG(s[0], s[1])
		for k := range 1000 {
			if g, w := got.uint64(), want.Uint64(); g != w {
				t.Fatalf("pcg(%d, %d) number %d = %#x, want %#x", s[0], s[1], k, g, w)
			}
		}
	}
	for _, n := range []uint64{0, 1, 2, 3, 7, 64, 1000, 123457} {
		stepped, jumped := newPCG(3, pcgStream), newPCG(3, pcgStream)
		for range n {
			stepped.uint64()
		}
		jumped.jump(n)
		if stepped != jumped {
			t.Errorf("jump(%d) = %+v, want %+v after as many steps", n, jumped, stepped)
		}
	}
}

// TestPlayTrials: the trials spread over the cores give the sums of one
// sequential pass over rand.PCG.
func TestPlayTrials(t *testing.T) {
	draws := make([]draw, 37)
	for k := range draws {
		draws[k] = draw{threshold: uint64(k+1) << 57, micros: int64(k*1_000_000 + 7)}
	}
	for _, trials := range []int{1, 5, 1000, 3001} {
		want := make([]int64, trials)
		src := rand.NewPCG(9, pcgStream)
		for tr := range want {
			want[tr] = 11
			for _, d := range draws {
				if src.Uint64() < d.threshold {
					want[tr] += d.micros
				}
			}
		}
		for _, parts := range []int{1, 2, 3, 7} {
			if parts > trials {
				continue
			}
			got := make([]int64, trials)
			playIn(parts, got, newPCG(9, pcgStream), 11, draws)
			for tr := range got {
				if got[tr] != want[tr] {
					t.Fatalf("playIn(%d parts, %d trials): trial %d = %d, want %d",
						parts, trials, tr, got[tr], want[tr])
				}
			}
		}
	}
}
