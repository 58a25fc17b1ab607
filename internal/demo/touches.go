package demo

import (
	"time"

	"github.com/salespilot/sales"
)

// The first outreach to each new contact, which report R40 measures:
// a call, an email or a meeting by a rep some hours or days after the
// contact was created. About one contact in ten is never reached. Leads
// without a deal get a few follow-ups, often from the SDR.

// activityTotal is the number of activities the options ask for.
func (g *generator) activityTotal() int {
	return round(float64(g.opt.Deals) * g.opt.ActivitiesPerDeal)
}

// planTouches decides, in creation order, which contacts a rep reaches,
// when, and how many follow-ups leads get. Outreach takes at most 30% of
// the activities the options ask for.
func (g *generator) planTouches() {
	linked := 0
	for i := range g.contacts {
		if g.contacts[i].linked {
			linked++
		}
	}
	leads := len(g.contacts) - linked
	total := float64(g.activityTotal())
	expected := 0.97*float64(linked) + 0.82*float64(leads)
	scale := min(1, 0.3*total/max(1, expected))
	follow := min(0.6, 0.1*total/float64(max(1, leads)))
	q := follow / (1 + follow) // a geometric count with mean follow

	for _, i := range g.contactOrder {
		ci := &g.contacts[i]
		p := 0.82
		if ci.linked {
			p = 0.97
		}
		if !g.rnd.chance(p * scale) {
			continue
		}
		wait := min(30*day, max(5*minute, int64(g.rnd.lognormal(4, 1.6)*hour)))
		if ci.created+wait > g.days.now {
			continue
		}
		ci.touch = ci.created + wait
		g.touches++
		for !ci.linked && ci.follows < 4 && g.rnd.chance(q) {
			ci.follows++
			g.follows++
		}
	}
}

// touchTypes are the kinds of a first outreach.
var touchTypes = choose([]sales.ActivityType{
	sales.ActivityCall, sales.ActivityEmail, sales.ActivityMeeting,
}, 0.55, 0.40, 0.05)

// makeTouches adds the outreach activities, contact by contact.
func (g *generator) makeTouches() {
	for k, i := range g.contactOrder {
		ci := &g.contacts[i]
		if ci.touch == 0 {
			continue
		}
		owner := g.touchOwner(ci)
		g.touch(k, ci, touchTypes.draw(g.rnd), ci.touch, owner)
		t := ci.touch
		for range ci.follows {
			t = min(g.days.now, t+int64(g.rnd.lognormal(3, 0.8)*day))
			typ := sales.ActivityCall
			if g.rnd.chance(0.3) {
				typ = sales.ActivityEmail
			}
			g.touch(k, ci, typ, t, owner)
		}
	}
}

// touchOwner draws who reaches out to a contact: its owner, or often the
// SDR, who owns no deals.
func (g *generator) touchOwner(ci *contactInfo) sales.OwnerID {
	switch {
	case ci.owner < 0 && g.rnd.chance(0.3):
		return ""
	case ci.owner < 0:
		return people[sdr].id
	case ci.linked && g.rnd.chance(0.15), !ci.linked && g.rnd.chance(0.4):
		return people[sdr].id
	}
	return people[ci.owner].id
}

// touch adds one outbound activity to the k-th contact at t.
func (g *generator) touch(k int, ci *contactInfo, typ sales.ActivityType, t int64,
	owner sales.OwnerID) {
	a := g.add(typ)
	a.Owner = owner
	a.Time = g.days.time(t)
	a.Contacts = one(g.contactIDs, k)
	if ci.company >= 0 {
		a.Companies = one(g.companyIDs, int(ci.company))
	}
	switch typ {
	case sales.ActivityCall:
		a.Subject = "Intro call"
		a.Direction = sales.DirectionOutbound
		a.CallOutcome = sales.CallOutcome(g.rnd.pick(callOutcomeWeights))
		a.Duration = g.callLength(a.CallOutcome)
	case sales.ActivityEmail:
		a.Subject = "Intro"
		a.Direction = sales.DirectionOutbound
	case sales.ActivityMeeting:
		a.Subject = "Intro meeting"
		a.MeetingOutcome = sales.MeetingCompleted
		a.MeetingEnd = a.Time.Add(30 * time.Minute)
		if t+30*minute > g.days.now {
			a.MeetingOutcome = sales.MeetingScheduled
		}
	}
}

// Lead statuses by lifecycle stage.
var (
	leadStatuses = choose([]string{
		statusAttempted, statusInProgress, statusConnected, statusUnqualified,
		statusBadTiming, statusOpen,
	}, 0.35, 0.2, 0.15, 0.15, 0.1, 0.05)
	unreachedStatuses = choose([]string{statusNew, statusOpen}, 0.7, 0.3)
	mqlStatuses       = choose([]string{
		statusInProgress, statusConnected, statusAttempted, statusOpen, statusBadTiming,
	}, 0.35, 0.25, 0.2, 0.1, 0.1)
	sqlStatuses = choose([]string{
		statusConnected, statusInProgress, statusBadTiming, statusUnqualified,
	}, 0.5, 0.3, 0.1, 0.1)
	pastDealStatuses = choose([]string{
		statusConnected, statusBadTiming, statusUnqualified,
	}, 0.4, 0.35, 0.25)
)

// leadStatus draws the contact's lead status from how far it went: NEW
// or OPEN for a lead nobody reached, OPEN_DEAL for a contact of an open
// deal, none for most subscribers.
func (g *generator) leadStatus(ci *contactInfo, s sales.LifecycleStage) string {
	switch s {
	case sales.LifecycleCustomer, sales.LifecycleEvangelist:
		if g.rnd.chance(0.6) {
			return statusConnected
		}
	case sales.LifecycleOpportunity:
		if ci.open {
			return statusOpenDeal
		}
		return pastDealStatuses.draw(g.rnd)
	case sales.LifecycleSalesQualified:
		return sqlStatuses.draw(g.rnd)
	case sales.LifecycleMarketingQualified:
		return mqlStatuses.draw(g.rnd)
	case sales.LifecycleLead:
		if ci.touch == 0 {
			return unreachedStatuses.draw(g.rnd)
		}
		return leadStatuses.draw(g.rnd)
	}
	return ""
}
