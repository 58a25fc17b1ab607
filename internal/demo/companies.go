package demo

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/salespilot/sales"
)

// companyInfo is what the generator keeps about a company while it builds
// the deals and contacts that refer to it.
type companyInfo struct {
	created  int64
	firstWon int64 // when its first deal was won; 0 while none is
	quiet    int64 // after its first win it buys nothing more from then on; 0 for never
	ring     [3]int32
	nring    uint8 // how many of ring hold a contact
	head     uint8 // where the next contact goes in ring
	team     uint8
	owner    int8 // index in people; -1 for none
}

// makeCompanies creates a quarter as many companies as deals, at least 50:
// a third from before the history, the rest over it. Each has a weight,
// drawn from a heavy-tailed law, that says how many deals it gets: a few
// large accounts, many with one deal or none.
func (g *generator) makeCompanies() {
	n := max(50, round(float64(g.opt.Deals)/4))
	before := round(0.35 * float64(n))
	times := g.spread(n-before, g.demand)
	for range before {
		times = append(times, g.workInstant(g.days.start-1-g.rnd.IntN(730)))
	}
	slices.Sort(times)

	g.companyIDs = makeIDs[sales.CompanyID]("co", n)
	g.recs.Companies = make([]sales.Company, n)
	g.companies = make([]companyInfo, n)
	g.companyCum = make([]float64, n)
	sum := 0.0
	for i, t := range times {
		g.makeCompany(i, t)
		sum += min(40, math.Pow(1-g.rnd.Float64(), -0.6))
		g.companyCum[i] = sum
	}
}

func (g *generator) makeCompany(i int, t int64) {
	team := g.rnd.pick(teamWeights)
	co := g.country(team)
	info := &g.companies[i]
	*info = companyInfo{created: t, team: uint8(team), owner: -1}
	if g.rnd.chance(0.95) {
		info.owner = int8(g.pickSeller(team, g.days.now, -1))
	}
	c := &g.recs.Companies[i]
	*c = sales.Company{
		ID:      g.companyIDs[i],
		Name:    companyName(i, co.suffix),
		Country: co.name,
		Region:  teamNames[team],
		Owner:   ownerID(int(info.owner)),
		Created: g.days.time(t),
	}
	if g.rnd.chance(0.97) {
		c.Industry = of(g.rnd, industries)
	}
}

// country draws a country of the team's region.
func (g *generator) country(team int) *country {
	u := g.rnd.Float64()
	last := -1
	for k := range countries {
		if countries[k].team != team {
			continue
		}
		last = k
		if u -= countries[k].share; u < 0 {
			break
		}
	}
	return &countries[last]
}

// companyName names the i-th company: "Atlas Freight GmbH", then, once
// every head and tail have been paired, "Atlas Freight 2 GmbH" and so on.
func companyName(i int, suffix string) string {
	pairs := len(nameHeads) * len(nameTails)
	k := (i * 7919) % pairs // 7919 is prime, so this visits every pair
	name := nameHeads[k%len(nameHeads)] + " " + nameTails[k/len(nameHeads)]
	if gen := i / pairs; gen > 0 {
		name += " " + strconv.Itoa(gen+1)
	}
	return name + " " + suffix
}

// pickCompany draws, by weight, a company created by t that has not gone
// quiet; -1 when there is none yet. After a few draws of quiet companies
// it gives up and takes the last.
func (g *generator) pickCompany(t int64) int {
	known := sort.Search(len(g.companies), func(i int) bool { return g.companies[i].created > t })
	if known == 0 {
		return -1
	}
	c := -1
	for range 4 {
		u := g.rnd.Float64() * g.companyCum[known-1]
		c = sort.Search(known, func(i int) bool { return g.companyCum[i] > u })
		if !g.isQuiet(c, t) {
			break
		}
	}
	return c
}

// isQuiet reports whether company c had stopped buying by t.
func (g *generator) isQuiet(c int, t int64) bool {
	q := g.companies[c].quiet
	return q != 0 && q < t
}

// pickCustomer draws a company whose first deal was won before t, for a
// renewal; -1 when a few draws find none.
func (g *generator) pickCustomer(t int64) int {
	if len(g.customers) == 0 {
		return -1
	}
	for range 3 {
		c := g.customers[g.rnd.IntN(len(g.customers))]
		if won := g.companies[c].firstWon; won != 0 && won < t && !g.isQuiet(int(c), t) {
			return int(c)
		}
	}
	return -1
}

// teamOf returns company c's team, or a team drawn by share for no company.
func (g *generator) teamOf(c int) int {
	if c >= 0 {
		return int(g.companies[c].team)
	}
	return g.rnd.pick(teamWeights)
}

// remember adds contact ci to company c's latest contacts.
func (g *generator) remember(c int, ci int32) {
	info := &g.companies[c]
	info.ring[info.head] = ci
	info.head = (info.head + 1) % uint8(len(info.ring))
	info.nring = min(info.nring+1, uint8(len(info.ring)))
}

// finishCompanies sets the companies' types once the deals say which
// have bought.
func (g *generator) finishCompanies() {
	for i := range g.recs.Companies {
		c := &g.recs.Companies[i]
		u := g.rnd.Float64()
		switch {
		case u < 0.03:
			// no type
		case u < 0.17:
			c.Type = otherTypes.draw(g.rnd)
		case g.companies[i].firstWon != 0:
			c.Type = "CUSTOMER"
		default:
			c.Type = "PROSPECT"
		}
	}
}

// otherTypes are the company types that do not follow from the deals.
var otherTypes = choose(companyTypes[2:], 0.55, 0.3, 0.15)

// pickSeller draws, by volume, a rep of the team who could own a new deal
// at t, other than exclude; -1 when there is none.
func (g *generator) pickSeller(team int, t int64, exclude int) int {
	total := 0.0
	for i := range people {
		if i != exclude && g.sells(i, team, t) {
			total += people[i].volume
		}
	}
	u := g.rnd.Float64() * total
	pick := -1
	for i := range people {
		if i != exclude && g.sells(i, team, t) {
			pick = i
			if u -= people[i].volume; u < 0 {
				break
			}
		}
	}
	return pick
}

// sells reports whether person i takes new deals of the team at t: the
// archived rep did until some weeks before leaving.
func (g *generator) sells(i, team int, t int64) bool {
	p := &people[i]
	switch {
	case p.team != team:
		return false
	case p.role == roleSeller:
		return true
	case p.role == roleArchived:
		return t < g.leave-45*day
	}
	return false
}

// ownerID returns the id of person i, or "" for -1.
func ownerID(i int) sales.OwnerID {
	if i < 0 {
		return ""
	}
	return people[i].id
}
