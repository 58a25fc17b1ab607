package demo

import (
	"math"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// Targets run over the 24 months of the history and the 6 after it, from
// December 2024 to May 2027: 30 months in 11 quarters, Q4 2024 first.
const (
	targetMonths   = 30
	targetQuarters = 11
)

// makeTargets sets goals in the home currency that the reps roughly meet:
//   - a monthly won value per rep, drawn around the rep's own results,
//     with growth and seasons;
//   - a quarterly won value per team, the sum of its reps' (scaled up for
//     the two quarters that only some months cover);
//   - a count of deals won per team for each quarter of 2026;
//   - a yearly won value for the portal in 2025 and 2026.
func (g *generator) makeTargets() {
	var won [len(people)]float64
	var count [numTeams]int
	for i := range g.deals {
		d := &g.deals[i]
		if d.state != stateWon {
			continue
		}
		count[d.team]++
		if d.owner >= 0 && d.amount {
			won[d.owner] += dollars(d)
		}
	}
	base := monthlyBase(won)

	var quarters [numTeams][targetQuarters]float64
	for p := range people {
		g.repTargets(p, base[p], &quarters)
	}
	for team := range numTeams {
		g.teamTargets(team, &quarters[team], count[team])
	}
	for y, from := range [...]int{1, 5} { // 2025 is quarters 1-4, 2026 is 5-8
		sum := 0.0
		for team := range numTeams {
			for q := from; q < from+4; q++ {
				sum += quarters[team][q]
			}
		}
		g.target("", "", sales.Year(2025+y, location), sales.TargetWonValue, roundTo(sum, 1000))
	}
}

// teamTargets adds a team's quarterly won value for every quarter, from
// the sums of its reps' monthly targets, and its won counts for 2026 from
// the deals it won over the eight quarters of the history.
func (g *generator) teamTargets(team int, sums *[targetQuarters]float64, won int) {
	for q := range targetQuarters {
		year, quarter := 2024+(q+3)/4, (q+3)%4+1
		v := sums[q] * 3 / float64(monthsIn(q))
		g.target("", teamNames[team], sales.Quarter(year, quarter, location),
			sales.TargetWonValue, roundTo(v, 1000))
	}
	n := max(1, int64(math.Round(float64(won)/8*1.1)))
	for quarter := 1; quarter <= 4; quarter++ {
		g.target("", teamNames[team], sales.Quarter(2026, quarter, location),
			sales.TargetWonCount, n)
	}
}

// monthsIn returns how many of quarter q's months have rep targets: one
// of Q4 2024 (December), two of Q2 2027 (April and May), else three.
func monthsIn(q int) int {
	switch q {
	case 0:
		return 1
	case targetQuarters - 1:
		return 2
	}
	return 3
}

// dollars returns deal d's amount in dollars.
func dollars(d *dealInfo) float64 {
	v := float64(d.cents) / 100
	if d.euro {
		v *= 1.08
	}
	return v
}

// monthlyBase returns, for each person, the monthly won value their
// targets are drawn around: what they won per month they worked, or for
// the new hire half the average of the team's sellers.
func monthlyBase(won [len(people)]float64) [len(people)]float64 {
	var base [len(people)]float64
	var teamSum [numTeams]float64
	var teamN [numTeams]int
	for p := range people {
		switch people[p].role {
		case roleSeller:
			base[p] = won[p] / 24
			teamSum[people[p].team] += base[p]
			teamN[people[p].team]++
		case roleArchived:
			base[p] = won[p] / 10
		}
	}
	if t := people[idleRep].team; teamN[t] > 0 {
		base[idleRep] = teamSum[t] / float64(teamN[t]) / 2
	}
	return base
}

// repTargets adds person p's monthly targets for the months they work:
// the archived rep's until she left in September 2025, the new hire's from
// October 2026. Each is added to its team's quarter.
func (g *generator) repTargets(p int, base float64, quarters *[numTeams][targetQuarters]float64) {
	who := &people[p]
	if who.team < 0 {
		return
	}
	for m := range targetMonths {
		if who.role == roleArchived && m > 9 || who.role == roleIdle && m < 22 {
			continue
		}
		month := time.Month((11+m)%12 + 1)
		year := 2024 + (11+m)/12
		v := base * (1 + 0.6*float64(m)/24) / 1.3 * seasons[month-1] * g.rnd.between(0.9, 1.15)
		value := max(500, roundTo(v, 500))
		g.target(who.id, "", sales.Month(year, month, location), sales.TargetWonValue, value)
		quarters[who.team][(11+m)/3-3] += float64(value)
	}
}

// roundTo rounds v to a multiple of step.
func roundTo(v float64, step int64) int64 {
	return int64(math.Round(v/float64(step))) * step
}

// target adds a target with the next id.
func (g *generator) target(owner sales.OwnerID, team string, p sales.Period,
	metric sales.TargetMetric, value int64) {
	id := "t" + strconv.Itoa(len(g.recs.Targets)+1)
	g.recs.Targets = append(g.recs.Targets, sales.Target{
		ID: sales.TargetID(id), Owner: owner, Team: team, Period: p,
		Metric: metric, Value: decimal.New(value, 0),
	})
}
