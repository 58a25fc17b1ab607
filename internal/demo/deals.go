package demo

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// dealInfo is what the generator keeps about a deal for the activities,
// line items and targets it makes later.
type dealInfo struct {
	end     int64 // when work on the deal stopped: its close, its stall, or Today
	cents   int64 // its amount in cents of its currency, when it has one
	company int32 // -1 for none
	owner   int8  // index in people; -1 for unassigned
	team    uint8
	state   uint8
	flow    uint8 // index in generator.flows
	amount  bool  // whether it has an amount
	euro    bool
}

// makeDeals creates the deals in the order they were created, so that a
// deal can see which of its company's earlier deals were won by then.
func (g *generator) makeDeals() {
	n := g.opt.Deals
	times := g.spread(n, g.demand)
	g.recs.Deals = make([]sales.Deal, n)
	g.deals = make([]dealInfo, n)
	g.dealIDs = makeIDs[sales.DealID]("d", n)

	total := round(float64(n) * g.opt.ContactsPerDeal)
	g.contacts = make([]contactInfo, 0, total)
	g.linkedLeft = total - round(0.2*float64(total))
	g.slotsOf = make([]int32, n+1)
	g.dealSlot = make([]int32, 0, 2*n)
	for i, t := range times {
		g.makeDeal(i, t)
		g.slotsOf[i+1] = int32(len(g.dealSlot))
	}
}

// makeDeal creates the i-th deal, created at t: it picks the company,
// pipeline and owner, walks the deal through the stages, then writes the
// record and brings the deal's contacts.
func (g *generator) makeDeal(i int, t int64) {
	c, fi := g.dealCompany(t)
	f := &g.flows[fi]
	team := g.teamOf(c)
	owner := g.pickDealOwner(c, team, t)
	stall := -1
	if g.rnd.chance(0.04) {
		stall = g.rnd.IntN(f.open)
	}
	state, end := g.walk(f, t, skill(owner), stall)
	owner = g.keepOwner(owner, team, state, end)
	g.deals[i] = dealInfo{end: end, company: int32(c), owner: int8(owner), team: uint8(team),
		state: state, flow: uint8(fi)}

	g.writeDeal(i, t)
	g.linkContacts(i, t)
	if state == stateWon && c >= 0 {
		g.won(c, end)
	}
}

// dealCompany picks the company of a deal created at t, -1 for none
// (2%), and its pipeline: a fifth of deals are renewals of a customer.
func (g *generator) dealCompany(t int64) (company, flow int) {
	c := g.pickCompany(t)
	if g.rnd.chance(0.02) {
		c = -1
	}
	if g.rnd.chance(0.2) {
		if rc := g.pickCustomer(t); rc >= 0 {
			return rc, 1
		}
	}
	return c, 0
}

// skill returns how often person o's deals are lost, relative to the
// norm: 1 for an unassigned deal.
func skill(o int) float64 {
	if o < 0 {
		return 1
	}
	return people[o].skill
}

// writeDeal fills in the i-th deal's record from its walk in g.hops.
func (g *generator) writeDeal(i int, t int64) {
	info := &g.deals[i]
	f := &g.flows[info.flow]
	x := &g.recs.Deals[i]
	x.ID = g.dealIDs[i]
	x.Owner = ownerID(int(info.owner))
	x.Pipeline = f.pipe.ID
	x.Created = g.days.time(t)
	x.StageHistory = g.stageHistory(f)
	x.Stage = x.StageHistory[len(x.StageHistory)-1].Stage
	g.closeDates(x, f, t, info.state, info.end)
	if info.state == stateLost && g.rnd.chance(0.95) {
		x.LostReason = lostReasons.draw(g.rnd)
	}
	g.amount(x, info, f)
	g.describe(x, info, t)
}

// pickDealOwner draws the owner of a new deal: mostly the company's
// owner, else a rep of the team; 1% of deals are unassigned.
func (g *generator) pickDealOwner(c, team int, t int64) int {
	if g.rnd.chance(0.01) {
		return -1
	}
	if c >= 0 && g.rnd.chance(0.7) {
		if o := g.companies[c].owner; o >= 0 {
			return int(o)
		}
	}
	return g.pickSeller(team, t, -1)
}

// keepOwner hands the archived rep's deals that were still open when she
// left to a teammate, so that she owns closed deals only.
func (g *generator) keepOwner(owner, team int, state uint8, end int64) int {
	if owner == archivedRep && (!closed(state) || end > g.leave) {
		return g.pickSeller(team, g.days.now, archivedRep)
	}
	return owner
}

// won records that company c won a deal at t. A fifth of new customers
// go quiet after their first deal: the churn-risk accounts of report R45.
func (g *generator) won(c int, t int64) {
	info := &g.companies[c]
	if info.firstWon == 0 {
		g.customers = append(g.customers, int32(c))
		if g.rnd.chance(0.2) {
			info.quiet = t
		}
	}
	if info.firstWon == 0 || t < info.firstWon {
		info.firstWon = t
	}
}

// regionScale scales amounts by team: smaller deals outside North America.
var regionScale = [numTeams]float64{1, 0.9, 0.8}

// amount sets the deal's amount: 3% have none and a few are exactly 0;
// a third are round hundreds; 2% are in euros.
func (g *generator) amount(x *sales.Deal, info *dealInfo, f *flow) {
	switch u := g.rnd.Float64(); {
	case u < 0.03:
		return
	case u < 0.0325:
		x.Amount = decimal.NewNullDecimal(decimal.New(0, 0))
		info.amount = true
		return
	}
	dollars := g.rnd.lognormal(f.median*regionScale[info.team], f.sigma)
	cents := int64(math.Round(min(2_000_000, max(200, dollars)) * 100))
	if g.rnd.chance(0.35) {
		cents = max(100_00, (cents+50_00)/100_00*100_00)
	}
	if g.rnd.chance(0.02) {
		cents = cents * 100 / 108
		x.Currency = "EUR"
		info.euro = true
	}
	x.Amount = decimal.NewNullDecimal(decimal.New(cents, -2))
	info.amount, info.cents = true, cents
}

// describe sets the deal's name, source, region, type and company.
func (g *generator) describe(x *sales.Deal, info *dealInfo, t int64) {
	fi := info.flow
	c := int(info.company)
	existing := c >= 0 && g.companies[c].firstWon != 0 && g.companies[c].firstWon < t
	label := "Renewal"
	switch {
	case fi == 1:
		x.Type = sales.DealTypeExistingBusiness
	case existing:
		x.Type = sales.DealTypeExistingBusiness
		label = of(g.rnd, existingDealLabels)
	default:
		x.Type = sales.DealTypeNewBusiness
		label = of(g.rnd, newDealLabels)
	}
	if g.rnd.chance(0.06) {
		x.Type = sales.DealTypeUnknown
	}
	x.Name = label
	if c >= 0 {
		x.Company = g.companyIDs[c]
		x.Name = g.recs.Companies[c].Name + " - " + label
	}

	if fi == 1 && g.rnd.chance(0.6) {
		x.Source = "OFFLINE"
	} else if g.rnd.chance(0.98) {
		x.Source = sources[g.rnd.pick(sourceWeights)]
	}
	if (info.owner >= 0 || g.rnd.chance(0.5)) && g.rnd.chance(0.88) {
		x.Region = teamNames[info.team]
	}
}
