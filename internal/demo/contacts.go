package demo

import (
	"cmp"
	"slices"

	"github.com/salespilot/sales"
)

// contactInfo is what the generator keeps about a contact until it writes
// the contacts, in the order they were created, once every deal is made.
type contactInfo struct {
	reached [sales.NumLifecycleStages]int64 // when each stage was first reached; 0 never
	created int64
	touch   int64 // the first outreach by a rep; 0 for none
	company int32 // -1 for none
	owner   int8  // index in people; -1 for unassigned
	source  int8  // index in sources; -1 for none
	follows uint8 // outreach after the first, for leads without deals
	linked  bool  // brought by a deal
	open    bool  // on a deal open at Today
}

// slotWeights weighs a deal's number of contacts: one, two or three.
var slotWeights = cumulative(0.45, 0.35, 0.20)

// linkContacts gives deal i its contacts: the company's recent contacts,
// or new ones created shortly before the deal, while the budget of
// contacts brought by deals lasts. Their lifecycle follows the deal.
func (g *generator) linkContacts(i int, t int64) {
	info := &g.deals[i]
	first := len(g.dealSlot)
	pNew := float64(g.linkedLeft) / (1.3 * float64(len(g.deals)-i))
	for s := range 1 + g.rnd.pick(slotWeights) {
		if ci := g.slotContact(i, t, pNew, s == 0, first); ci >= 0 {
			g.dealSlot = append(g.dealSlot, ci)
		}
	}
	for _, ci := range g.dealSlot[first:] {
		c := &g.contacts[ci]
		r := &c.reached
		if r[sales.LifecycleOpportunity] == 0 || t < r[sales.LifecycleOpportunity] {
			r[sales.LifecycleOpportunity] = t
		}
		switch info.state {
		case stateWon:
			g.becomeCustomer(c, info.end)
		case stateOpen, stateStalled:
			c.open = true
		}
	}
}

// slotContact returns a contact for the next slot of deal i, or -1 to
// leave the slot empty: one of the company's latest contacts not yet on
// the deal, or a new one.
func (g *generator) slotContact(i int, t int64, pNew float64, first bool, from int) int32 {
	c := int(g.deals[i].company)
	known := c >= 0 && g.companies[c].nring > 0
	switch {
	case known && g.rnd.chance(0.45):
	case g.linkedLeft > 0 && g.rnd.chance(pNew):
		return g.newLinked(i, t)
	case known:
	case first && g.linkedLeft > 0:
		return g.newLinked(i, t)
	default:
		return -1
	}
	info := &g.companies[c]
	ci := info.ring[g.rnd.IntN(int(info.nring))]
	if slices.Contains(g.dealSlot[from:], ci) {
		return -1
	}
	return ci
}

// newLinked creates a contact of deal i, a few days before the deal, who
// went from lead to sales-qualified on the way.
func (g *generator) newLinked(i int, t int64) int32 {
	d := &g.deals[i]
	start := g.days.midnight[g.days.start]
	created := max(start, min(t, t-int64(g.rnd.lognormal(8, 1)*day)))
	ci := contactInfo{created: created, company: d.company, owner: d.owner, linked: true}
	if g.rnd.chance(0.03) {
		ci.owner = -1
	}
	ci.source = g.dealSource(i)
	r := &ci.reached
	lead := created
	if g.rnd.chance(0.1) {
		r[sales.LifecycleSubscriber] = created
		lead += (t - created) / 10
	}
	r[sales.LifecycleLead] = lead
	if g.rnd.chance(0.8) {
		r[sales.LifecycleMarketingQualified] = lead + int64(float64(t-lead)*g.rnd.between(0.1, 0.5))
	}
	if g.rnd.chance(0.85) {
		r[sales.LifecycleSalesQualified] = lead + int64(float64(t-lead)*g.rnd.between(0.55, 0.95))
	}

	g.contacts = append(g.contacts, ci)
	g.linkedLeft--
	k := int32(len(g.contacts) - 1)
	if d.company >= 0 {
		g.remember(int(d.company), k)
	}
	return k
}

// dealSource returns the source of a contact of deal i: mostly the deal's.
func (g *generator) dealSource(i int) int8 {
	src := g.recs.Deals[i].Source
	if src == "" || g.rnd.chance(0.3) {
		return int8(g.rnd.pick(sourceWeights))
	}
	return int8(slices.Index(sources, src))
}

// becomeCustomer records that the contact's deal was won at t; a few
// customers later become evangelists.
func (g *generator) becomeCustomer(c *contactInfo, t int64) {
	r := &c.reached
	if r[sales.LifecycleCustomer] != 0 && r[sales.LifecycleCustomer] <= t {
		return
	}
	r[sales.LifecycleCustomer] = t
	if r[sales.LifecycleEvangelist] == 0 && g.rnd.chance(0.03) {
		if e := t + g.rnd.int64Between(30*day, 200*day); e <= g.days.now {
			r[sales.LifecycleEvangelist] = e
		}
	}
}

// leadWeights weighs the furthest stage of a lead without a deal:
// subscriber, lead, marketing- and sales-qualified, opportunity, other,
// and none.
var leadWeights = cumulative(0.10, 0.43, 0.24, 0.13, 0.04, 0.03, 0.03)

var leadStages = []sales.LifecycleStage{
	sales.LifecycleSubscriber, sales.LifecycleLead, sales.LifecycleMarketingQualified,
	sales.LifecycleSalesQualified, sales.LifecycleOpportunity, sales.LifecycleOther,
	sales.LifecycleUnknown,
}

// stepDays is the median number of days from one lead stage to the next:
// to marketing-qualified, sales-qualified, opportunity.
var stepDays = [...]float64{6, 10, 12}

// makeLeads creates the contacts no deal brought, the rest of the
// budget: leads that stop at some stage on the way.
func (g *generator) makeLeads() {
	n := cap(g.contacts) - len(g.contacts)
	for _, t := range g.spread(n, g.demand) {
		ci := contactInfo{created: t, company: -1, owner: -1}
		if g.rnd.chance(0.85) {
			ci.company = int32(g.pickCompany(t))
		}
		ci.source = int8(g.rnd.pick(sourceWeights))
		if g.rnd.chance(0.02) {
			ci.source = -1
		}
		ci.owner = int8(g.leadOwner(int(ci.company), t))
		g.leadPath(&ci, leadStages[g.rnd.pick(leadWeights)])
		g.contacts = append(g.contacts, ci)
	}
}

// leadOwner draws a lead's owner: 12% unassigned, else the company's
// owner or a rep of its team.
func (g *generator) leadOwner(c int, t int64) int {
	switch {
	case g.rnd.chance(0.12):
		return -1
	case c >= 0 && g.rnd.chance(0.6) && g.companies[c].owner >= 0:
		return int(g.companies[c].owner)
	}
	return g.pickSeller(g.teamOf(c), t, -1)
}

// leadPath sets the dates a lead reached each stage up to last, in
// increasing order, stopping early at Today.
func (g *generator) leadPath(ci *contactInfo, last sales.LifecycleStage) {
	r := &ci.reached
	t := ci.created
	switch last {
	case sales.LifecycleUnknown:
		return
	case sales.LifecycleOther, sales.LifecycleSubscriber:
		r[last] = t
		return
	}
	if g.rnd.chance(0.15) {
		r[sales.LifecycleSubscriber] = t
		t += int64(g.rnd.lognormal(20, 0.8) * day)
	}
	for s := sales.LifecycleLead; s <= last; s++ {
		if s > sales.LifecycleLead {
			t += int64(g.rnd.lognormal(stepDays[s-sales.LifecycleMarketingQualified], 0.8) * day)
		}
		if t > g.days.now {
			return
		}
		r[s] = t
	}
}

// finishContacts writes the contacts in the order they were created and
// decides which ones a rep reached out to, and when.
func (g *generator) finishContacts() {
	n := len(g.contacts)
	g.contactOrder = make([]int32, n)
	for i := range g.contactOrder {
		g.contactOrder[i] = int32(i)
	}
	slices.SortFunc(g.contactOrder, func(a, b int32) int {
		return cmp.Or(cmp.Compare(g.contacts[a].created, g.contacts[b].created), cmp.Compare(a, b))
	})
	g.contactIDs = makeIDs[sales.ContactID]("c", n)
	g.planTouches()

	names := fullNames()
	g.recs.Contacts = make([]sales.Contact, n)
	for k, i := range g.contactOrder {
		ci := &g.contacts[i]
		c := &g.recs.Contacts[k]
		*c = sales.Contact{
			ID:      g.contactIDs[k],
			Name:    names[g.rnd.IntN(len(names))],
			Owner:   ownerID(int(ci.owner)),
			Created: g.days.time(ci.created),
		}
		if ci.company >= 0 {
			c.Company = g.companyIDs[ci.company]
		}
		if ci.source >= 0 {
			c.Source = sources[ci.source]
		}
		for s, at := range ci.reached {
			if at != 0 {
				c.Reached.Set(sales.LifecycleStage(s), g.days.time(at))
			}
		}
		c.Lifecycle = lifecycle(ci)
		c.LeadStatus = g.leadStatus(ci, c.Lifecycle)
	}
}

// lifecycle returns the furthest stage the contact reached, or Other for
// a contact that only has that.
func lifecycle(ci *contactInfo) sales.LifecycleStage {
	for s := sales.LifecycleEvangelist; s >= sales.LifecycleSubscriber; s-- {
		if ci.reached[s] != 0 {
			return s
		}
	}
	if ci.reached[sales.LifecycleOther] != 0 {
		return sales.LifecycleOther
	}
	return sales.LifecycleUnknown
}

// fullNames returns every pairing of a first and a last name.
func fullNames() []string {
	out := make([]string, 0, len(firstNames)*len(lastNames))
	for _, f := range firstNames {
		for _, l := range lastNames {
			out = append(out, f+" "+l)
		}
	}
	return out
}

// finishDeals gives each deal the ids of its contacts, now that they have
// ids.
func (g *generator) finishDeals() {
	rank := make([]int32, len(g.contactOrder))
	for k, i := range g.contactOrder {
		rank[i] = int32(k)
	}
	for i := range g.recs.Deals {
		slots := g.dealSlot[g.slotsOf[i]:g.slotsOf[i+1]]
		ids := g.slots.take(len(slots))
		for j, ci := range slots {
			ids[j] = g.contactIDs[rank[ci]]
		}
		g.recs.Deals[i].Contacts = ids
	}
	g.dealSlot, g.slotsOf = nil, nil
}
