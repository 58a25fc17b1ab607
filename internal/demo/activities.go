package demo

import (
	"time"

	"github.com/salespilot/sales"
)

// makeActivities adds the first outreach to contacts, then the deals'
// activities, and numbers them. The deals share what the options ask for,
// less the outreach, in proportion to how long each was worked on.
func (g *generator) makeActivities() {
	budget := max(0, g.activityTotal()-g.touches-g.follows)
	g.recs.Activities = make([]sales.Activity, 0, g.touches+g.follows+budget)
	g.makeTouches()

	weights := make([]float32, len(g.deals))
	sum := 0.0
	for i := range g.deals {
		weights[i] = g.dealWeight(i)
		sum += float64(weights[i])
	}
	acc, given := 0.0, 0
	for i := range g.deals {
		acc += float64(weights[i])
		upto := int(float64(budget)*acc/sum + 0.5)
		if i == len(g.deals)-1 {
			upto = budget
		}
		g.dealActivities(i, upto-given)
		given = upto
	}

	acts := g.recs.Activities
	eachID("a", len(acts), func(i int, id string) { acts[i].ID = sales.ActivityID(id) })
}

// dealWeight is deal i's share of the activities: more for deals worked
// on longer, at a pace of their own, and a little more for wins.
func (g *generator) dealWeight(i int) float32 {
	d := &g.deals[i]
	days := float64(d.end-g.recs.Deals[i].Created.Unix()) / day
	w := min(240, max(2, days))
	w = w * g.rnd.between(0.5, 1.5)
	if d.state == stateWon {
		w *= 1.2
	}
	return float32(w)
}

// dealWeights weighs the types of a deal's activities: call, email,
// meeting, task, note.
var dealWeights = cumulative(0.28, 0.32, 0.12, 0.14, 0.14)

// dealActivities adds n activities to deal i between its creation and
// the end of work on it. An open deal that is still worked on often gets
// a task due soon and a meeting planned ahead.
func (g *generator) dealActivities(i, n int) {
	d := &g.deals[i]
	lo, hi := g.recs.Deals[i].Created.Unix(), d.end
	if d.state == stateOpen && n > 0 && g.rnd.chance(0.6) {
		g.plannedTask(g.dealActivity(i, sales.ActivityTask, g.days.now), lo)
		n--
	}
	if d.state == stateOpen && n > 0 && g.rnd.chance(0.35) {
		g.plannedMeeting(g.dealActivity(i, sales.ActivityMeeting, g.days.now))
		n--
	}
	for range n {
		typ := sales.ActivityType(1 + g.rnd.pick(dealWeights))
		switch typ {
		case sales.ActivityCall:
			t := g.late(g.when(lo, hi, 8, 18), lo, hi)
			g.call(g.dealActivity(i, typ, t), t)
		case sales.ActivityEmail:
			t := g.late(g.when(lo, hi, 7, 21), lo, hi)
			g.email(g.dealActivity(i, typ, t))
		case sales.ActivityMeeting:
			t := g.meetingStart(lo, hi)
			g.meeting(g.dealActivity(i, typ, t), t)
		case sales.ActivityTask:
			t := g.when(lo, hi, 8, 18)
			g.task(g.dealActivity(i, typ, t), t, d.state == stateStalled)
		default:
			t := g.late(g.when(lo, hi, 8, 20), lo, hi)
			g.dealActivity(i, typ, t).Subject = of(g.rnd, noteSubjects)
		}
	}
}

// add appends an activity of the given type and returns it. The pointer
// is good until the next add.
func (g *generator) add(typ sales.ActivityType) *sales.Activity {
	g.recs.Activities = append(g.recs.Activities, sales.Activity{Type: typ})
	return &g.recs.Activities[len(g.recs.Activities)-1]
}

// dealActivity adds an activity of deal i at t, with its owner and
// associations: the deal, its company, and its contacts or one of them.
func (g *generator) dealActivity(i int, typ sales.ActivityType, t int64) *sales.Activity {
	d := &g.deals[i]
	a := g.add(typ)
	a.Time = g.days.time(t)
	a.Owner = g.activityOwner(d, typ, t)
	a.Deals = one(g.dealIDs, i)
	if d.company >= 0 {
		a.Companies = one(g.companyIDs, int(d.company))
	}
	a.Contacts = g.recs.Deals[i].Contacts
	if n := len(a.Contacts); n > 1 && g.rnd.chance(0.3) {
		a.Contacts = one(a.Contacts, g.rnd.IntN(n))
	}
	return a
}

// activityOwner draws who did an activity of deal d at t: mostly the
// deal's owner, sometimes a teammate or the SDR, rarely nobody. Activities
// of unassigned deals are mostly unassigned too.
func (g *generator) activityOwner(d *dealInfo, typ sales.ActivityType, t int64) sales.OwnerID {
	o := int(d.owner)
	switch {
	case o < 0 && g.rnd.chance(0.6), g.rnd.chance(0.005):
		return ""
	case o < 0:
		o = g.pickSeller(int(d.team), t, -1)
	case g.rnd.chance(0.1):
		if (typ == sales.ActivityCall || typ == sales.ActivityEmail) && g.rnd.chance(0.5) {
			return people[sdr].id
		}
		o = g.pickSeller(int(d.team), t, o)
	}
	if o == archivedRep && t > g.leave {
		o = g.pickSeller(int(d.team), g.days.now, archivedRep)
	}
	return ownerID(o)
}

// late moves a few activities, with probability 0.4%, to 23:30 on the
// last day of their month, when that stays in [lo, hi]: work logged at
// the very end of a month must land in that month's bucket.
func (g *generator) late(t, lo, hi int64) int64 {
	if !g.rnd.chance(0.004) {
		return t
	}
	if m := g.days.monthEndLate(t); m >= lo && m <= hi {
		return m
	}
	return t
}

// callOutcomeWeights weighs call outcomes, indexed by sales.CallOutcome.
var callOutcomeWeights = cumulative(0.07, 0.34, 0.20, 0.05, 0.24, 0.07, 0.03)

// call fills in a call made at t: mostly outbound, with a duration that
// fits its outcome.
func (g *generator) call(a *sales.Activity, t int64) {
	a.Subject = of(g.rnd, callSubjects)
	a.Direction = sales.DirectionOutbound
	a.CallOutcome = sales.CallOutcome(g.rnd.pick(callOutcomeWeights))
	if g.rnd.chance(0.12) {
		a.Direction = sales.DirectionInbound
		if g.rnd.chance(0.85) {
			a.CallOutcome = sales.CallConnected
		}
	}
	a.Duration = g.callLength(a.CallOutcome)
}

// callLength draws how long a call with outcome o lasted: minutes when
// connected, seconds otherwise, often nothing when unanswered.
func (g *generator) callLength(o sales.CallOutcome) time.Duration {
	var sec int64
	switch o {
	case sales.CallConnected:
		sec = int64(min(4500, max(30, g.rnd.lognormal(300, 0.8))))
	case sales.CallLeftVoicemail:
		sec = g.rnd.int64Between(15, 75)
	case sales.CallLeftLiveMessage:
		sec = g.rnd.int64Between(20, 90)
	case sales.CallNoAnswer:
		if g.rnd.chance(0.7) {
			sec = g.rnd.int64Between(1, 35)
		}
	case sales.CallBusy:
		sec = g.rnd.int64Between(0, 8)
	case sales.CallWrongNumber:
		sec = g.rnd.int64Between(5, 40)
	default:
		if g.rnd.chance(0.6) {
			sec = g.rnd.int64Between(0, 600)
		}
	}
	return time.Duration(sec) * time.Second
}

// email fills in an email, sent or received.
func (g *generator) email(a *sales.Activity) {
	a.Direction = sales.DirectionOutbound
	a.Subject = of(g.rnd, outEmailSubjects)
	if g.rnd.chance(0.38) {
		a.Direction = sales.DirectionInbound
		a.Subject = of(g.rnd, inEmailSubjects)
	}
}
