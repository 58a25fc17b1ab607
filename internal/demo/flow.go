package demo

import (
	"slices"

	"github.com/salespilot/sales"
)

// flow is how deals move through one pipeline. Its open stages come first
// in the pipeline, then the won stage, then the lost one. For each open
// stage it gives the median stay in days and the chances of the next
// move: lost, back one stage, ahead two stages (skipping one), straight
// to won (a buyer who signs early); otherwise ahead one, which from the
// last open stage is a win.
type flow struct {
	pipe        *sales.Pipeline
	open        int // stages 0 … open-1 are open
	won, lost   int
	dwell       []float64
	lose        []float64
	back        []float64
	skip        []float64
	win         []float64
	enterSecond float64 // chance a deal starts in the second stage
	closeDays   float64 // median days from creation to the first expected close
	median      float64 // median amount, in dollars
	sigma       float64 // spread of the amount's logarithm
}

func newBusinessFlow(p *sales.Pipeline) flow {
	return flow{
		pipe: p, open: 5, won: 5, lost: 6,
		dwell:       []float64{7, 10, 12, 14, 9},
		lose:        []float64{0.22, 0.25, 0.20, 0.15, 0.20},
		back:        []float64{0, 0.05, 0.06, 0.06, 0.07},
		skip:        []float64{0.03, 0.04, 0.04, 0.03, 0},
		win:         []float64{0.01, 0.015, 0.02, 0.02, 0},
		enterSecond: 0.08,
		closeDays:   60,
		median:      9000,
		sigma:       0.85,
	}
}

// renewalsFlow: most renewals go from negotiation straight to renewed,
// skipping "On hold", an open stage of probability 0 from which about
// half are lost and a third go back to negotiation.
func renewalsFlow(p *sales.Pipeline) flow {
	return flow{
		pipe: p, open: 3, won: 3, lost: 4,
		dwell:     []float64{25, 14, 30},
		lose:      []float64{0.06, 0.10, 0.45},
		back:      []float64{0, 0.04, 0.35},
		skip:      []float64{0.05, 0.78, 0},
		win:       []float64{0.02, 0, 0},
		closeDays: 45,
		median:    6000,
		sigma:     0.6,
	}
}

// Where a deal stands at Today.
const (
	stateOpen    uint8 = iota
	stateStalled       // open, but nobody has worked on it for a while
	stateWon
	stateLost
)

// closed reports whether s is won or lost.
func closed(s uint8) bool { return s == stateWon || s == stateLost }

// hop is one entry into a stage during a walk.
type hop struct {
	stage int
	at    int64
}

// walk moves a deal created at t through f until it is won, lost, stalls
// in stage stall (-1 for never) or reaches Today. It leaves the stages the
// deal entered in g.hops and returns the deal's state and the instant work
// on it stopped: its close, the end of its last activity before stalling,
// or Today. Losses are scaled by the owner's skill.
func (g *generator) walk(f *flow, t int64, skill float64, stall int) (uint8, int64) {
	k := 0
	if g.rnd.chance(f.enterSecond) {
		k = 1
	}
	pace := g.rnd.lognormal(1, 0.45)
	backs := 0
	g.hops = g.hops[:0]
	for {
		g.hops = append(g.hops, hop{k, t})
		if k == stall {
			return stateStalled, min(g.days.now, t+g.rnd.Int64N(20*day))
		}
		next := t + max(hour, int64(g.rnd.lognormal(f.dwell[k]*pace, 0.6)*day))
		if next > g.days.now {
			return stateOpen, g.days.now
		}
		k, backs = g.move(f, k, backs, skill)
		t = next
		switch k {
		case f.won:
			g.hops = append(g.hops, hop{k, t})
			return stateWon, t
		case f.lost:
			g.hops = append(g.hops, hop{k, t})
			return stateLost, t
		}
	}
}

// move returns the stage a deal in open stage k goes to next, and how
// many times it has gone back. It goes back at most twice.
func (g *generator) move(f *flow, k, backs int, skill float64) (int, int) {
	u := g.rnd.Float64()
	lose := min(0.9, f.lose[k]*skill)
	switch {
	case u < lose:
		return f.lost, backs
	case u < lose+f.back[k] && backs < 2:
		return k - 1, backs + 1
	case u < lose+f.back[k]+f.skip[k] && k+2 <= f.won:
		return k + 2, backs
	case u < lose+f.back[k]+f.skip[k]+f.win[k]:
		return f.won, backs
	}
	return k + 1, backs
}

// stageHistory turns g.hops into contiguous visits: each visit is left
// when the next is entered, and the last is not left.
func (g *generator) stageHistory(f *flow) []sales.StageVisit {
	out := g.visits.take(len(g.hops))
	for j, h := range g.hops {
		out[j] = sales.StageVisit{Stage: f.pipe.Stages[h.stage].ID, Entered: g.days.time(h.at)}
		if j > 0 {
			out[j-1].Left = out[j].Entered
		}
	}
	return out
}

// closeDates sets the deal's close date and its history. The first
// expected date is set at creation. A fifth of deals slip one to three
// times, each time to a week or more after both the old date and the day
// of the change. An open deal whose date has passed is usually given one
// after Today (see movedOn), and a closed deal's date becomes the close.
// About 2% of open deals have no close date at all.
func (g *generator) closeDates(x *sales.Deal, f *flow, t int64, state uint8, end int64) {
	if !closed(state) && g.rnd.chance(0.02) {
		return
	}
	expect := g.days.of(t + int64(g.rnd.lognormal(f.closeDays, 0.45)*day))
	var hist [5]change
	n := 0
	hist[n], n = change{t, expect}, n+1

	limit := end
	if !closed(state) {
		limit = g.days.now
	}
	if g.rnd.chance(0.22) {
		var at [3]int64
		k := 1 + g.rnd.IntN(len(at))
		for j := range k {
			at[j] = g.rnd.int64Between(t, limit)
		}
		slices.Sort(at[:k])
		for _, a := range at[:k] {
			expect = max(expect, g.days.of(a)) + 7 + g.rnd.IntN(39)
			hist[n], n = change{a, expect}, n+1
		}
	}
	if !closed(state) && g.days.at(expect, 0) < g.days.now && g.rnd.chance(movedOn(state)) {
		a := min(g.days.now, g.days.at(expect, 0)+g.rnd.int64Between(day, 5*day))
		a = max(a, hist[n-1].at)
		expect = g.days.today + 7 + g.rnd.IntN(70)
		hist[n], n = change{a, expect}, n+1
	}
	g.writeCloseDates(x, hist[:n], state, end)
}

// movedOn returns the chance that an open deal whose expected close date
// has passed gets a new one: most of those worked on, few of the stalled.
func movedOn(state uint8) float64 {
	if state == stateStalled {
		return 0.3
	}
	return 0.7
}

// change is a new expected close date: from instant at on, the day day.
type change struct {
	at  int64
	day int
}

// writeCloseDates sets the deal's history of close dates from hist and,
// for a closed deal, a last change to the close itself.
func (g *generator) writeCloseDates(x *sales.Deal, hist []change, state uint8, end int64) {
	n := len(hist)
	if closed(state) {
		n++
	}
	out := g.changes.take(n)
	for j, c := range hist {
		out[j] = sales.CloseDateChange{
			At:        g.days.time(c.at),
			CloseDate: g.days.time(g.days.at(c.day, 0)),
		}
	}
	x.CloseDate = out[len(hist)-1].CloseDate
	if closed(state) {
		x.CloseDate = g.days.time(end)
		out[n-1] = sales.CloseDateChange{At: x.CloseDate, CloseDate: x.CloseDate}
	}
	x.CloseDateHistory = out
}
