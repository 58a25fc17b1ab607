package forecast

import (
	"math/bits"
	"runtime"
	"sync"
)

// pcg is the generator of math/rand/v2's PCG, reimplemented so that the
// simulation's hot loop keeps its state in registers, and so that it can
// jump ahead: a 128-bit linear congruential state advanced as
// state = state × mul + inc, whose output is the high word mixed by the
// DXSM permutation ("double xorshift multiply"). Seeded alike, it yields
// exactly the numbers rand.PCG yields; a test checks it.
type pcg struct {
	hi, lo uint64
}

// The 128-bit multiplier and increment of the state, and the 64-bit
// multiplier of the output permutation.
const (
	pcgMulHi  = 2549297995355413924
	pcgMulLo  = 4865540595714422341
	pcgIncHi  = 6364136223846793005
	pcgIncLo  = 1442695040888963407
	pcgOutMul = 0xda942042e4dd58b5
)

// newPCG returns the generator rand.NewPCG(seed1, seed2) would be.
func newPCG(seed1, seed2 uint64) pcg { return pcg{hi: seed1, lo: seed2} }

// uint64 returns the next number.
func (p *pcg) uint64() uint64 {
	hi, lo := pcgStep(p.hi, p.lo)
	p.hi, p.lo = hi, lo
	return pcgOut(hi, lo)
}

// pcgStep advances a state by one step.
func pcgStep(hi, lo uint64) (uint64, uint64) {
	h, l := bits.Mul64(lo, pcgMulLo)
	h += hi*pcgMulLo + lo*pcgMulHi
	l, c := bits.Add64(l, pcgIncLo, 0)
	h, _ = bits.Add64(h, pcgIncHi, c)
	return h, l
}

// pcgOut is the number a state yields.
func pcgOut(hi, lo uint64) uint64 {
	hi ^= hi >> 32
	hi *= pcgOutMul
	hi ^= hi >> 48
	return hi * (lo | 1)
}

// jump advances p by n steps in O(log n) time, as n calls of uint64
// would: the state after n steps is A·state + B for an A and a B built by
// squaring the one-step map.
func (p *pcg) jump(n uint64) {
	accHi, accLo := uint64(0), uint64(1) // A
	addHi, addLo := uint64(0), uint64(0) // B
	curHi, curLo := uint64(pcgMulHi), uint64(pcgMulLo)
	incHi, incLo := uint64(pcgIncHi), uint64(pcgIncLo)
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			accHi, accLo = mul128(accHi, accLo, curHi, curLo)
			addHi, addLo = mul128(addHi, addLo, curHi, curLo)
			addHi, addLo = add128(addHi, addLo, incHi, incLo)
		}
		// The map applied twice: x·cur² + inc·(cur + 1).
		oneHi, oneLo := add128(curHi, curLo, 0, 1)
		incHi, incLo = mul128(incHi, incLo, oneHi, oneLo)
		curHi, curLo = mul128(curHi, curLo, curHi, curLo)
	}
	p.hi, p.lo = mul128(accHi, accLo, p.hi, p.lo)
	p.hi, p.lo = add128(p.hi, p.lo, addHi, addLo)
}

// mul128 returns a × b modulo 2¹²⁸.
func mul128(aHi, aLo, bHi, bLo uint64) (uint64, uint64) {
	hi, lo := bits.Mul64(aLo, bLo)
	return hi + aHi*bLo + aLo*bHi, lo
}

// add128 returns a + b modulo 2¹²⁸.
func add128(aHi, aLo, bHi, bLo uint64) (uint64, uint64) {
	lo, c := bits.Add64(aLo, bLo, 0)
	hi, _ := bits.Add64(aHi, bHi, c)
	return hi, lo
}

// playTrials fills sums with one trial each, every trial drawing one
// number per draw from the stream that starts at src, in order: the sum
// of sure and of the draws whose number falls below their threshold. The
// trials are spread over the machine's cores, each part of them jumping
// the stream ahead to where it would be, so that the sums are those of one
// sequential pass.
func playTrials(sums []int64, src pcg, sure int64, draws []draw) {
	parts := min(runtime.GOMAXPROCS(0), max(len(sums)*len(draws)/(1<<20), 1))
	playIn(parts, sums, src, sure, draws)
}

// playIn is playTrials in the given number of parts.
func playIn(parts int, sums []int64, src pcg, sure int64, draws []draw) {
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := len(sums)*k/parts, len(sums)*(k+1)/parts
		part := src
		part.jump(uint64(lo) * uint64(len(draws)))
		wg.Go(func() { playPart(sums[lo:hi], part, sure, draws) })
	}
	wg.Wait()
}

// playPart plays the trials of sums from src. It plays the first and the
// second half of them side by side, the second half's stream jumped
// ahead, so that the processor works on two independent states at once;
// an odd trial left over is played alone.
func playPart(sums []int64, src pcg, sure int64, draws []draw) {
	half := len(sums) / 2
	b := src
	b.jump(uint64(half) * uint64(len(draws)))
	aHi, aLo, bHi, bLo := src.hi, src.lo, b.hi, b.lo
	for t := range half {
		sa, sb := sure, sure
		for _, d := range draws {
			aHi, aLo = pcgStep(aHi, aLo)
			bHi, bLo = pcgStep(bHi, bLo)
			if pcgOut(aHi, aLo) < d.threshold {
				sa += d.micros
			}
			if pcgOut(bHi, bLo) < d.threshold {
				sb += d.micros
			}
		}
		sums[t], sums[half+t] = sa, sb
	}
	if len(sums)%2 == 1 {
		playOne(&sums[len(sums)-1], pcg{bHi, bLo}, sure, draws)
	}
}

// playOne plays one trial from src into sum.
func playOne(sum *int64, src pcg, sure int64, draws []draw) {
	s := sure
	for _, d := range draws {
		if src.uint64() < d.threshold {
			s += d.micros
		}
	}
	*sum = s
}
