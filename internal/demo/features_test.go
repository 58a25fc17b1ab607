package demo

import (
	"slices"
	"time"

	"github.com/salespilot/sales"
)

// The predicates behind the features of coverage_test.go.

func anyDeal(f func(x *sales.Deal) bool) func(p *portal) bool {
	return func(p *portal) bool {
		return slices.ContainsFunc(p.Deals, func(x sales.Deal) bool { return f(&x) })
	}
}

func anyActivity(f func(a *sales.Activity) bool) func(p *portal) bool {
	return func(p *portal) bool {
		for i := range p.Activities {
			if f(&p.Activities[i]) {
				return true
			}
		}
		return false
	}
}

func anyContact(f func(c *sales.Contact) bool) func(p *portal) bool {
	return func(p *portal) bool {
		return slices.ContainsFunc(p.Contacts, func(c sales.Contact) bool { return f(&c) })
	}
}

func dealWithHistory(f func(h []sales.StageVisit, pl *sales.Pipeline) bool) func(p *portal) bool {
	return func(p *portal) bool {
		for i := range p.Deals {
			if f(p.Deals[i].StageHistory, p.DealPipeline(i)) {
				return true
			}
		}
		return false
	}
}

// skipped reports a move past the next stage, or a start after the first.
func skipped(h []sales.StageVisit, pl *sales.Pipeline) bool {
	prev := -1
	for _, v := range h {
		k, _ := pl.StageIndex(v.Stage)
		if pl.Stages[k].Kind == sales.StageLost {
			return false
		}
		if k > prev+1 {
			return true
		}
		prev = k
	}
	return false
}

func wentBack(h []sales.StageVisit, pl *sales.Pipeline) bool {
	for j := 1; j < len(h); j++ {
		a, _ := pl.StageIndex(h[j-1].Stage)
		b, _ := pl.StageIndex(h[j].Stage)
		if b < a && pl.Stages[a].Kind == sales.StageOpen {
			return true
		}
	}
	return false
}

func reentered(h []sales.StageVisit, _ *sales.Pipeline) bool {
	for j := range h {
		for k := j + 1; k < len(h); k++ {
			if h[j].Stage == h[k].Stage {
				return true
			}
		}
	}
	return false
}

// slipped reports an expected close date moved later; the change a
// closed deal ends with, to the close itself, does not count.
func slipped(x *sales.Deal) bool {
	c := x.CloseDateHistory
	for j := 1; j < len(c); j++ {
		if c[j].CloseDate.After(c[j-1].CloseDate) && !c[j].At.Equal(c[j].CloseDate) {
			return true
		}
	}
	return false
}

func archivedWithDeals(p *portal) bool {
	for _, x := range p.Deals {
		if o := p.Owner(x.Owner); o != nil && o.Archived {
			return true
		}
	}
	return false
}

// ownerWith reports an owner whose having deals and activities is as given.
func ownerWith(deals, activities bool) func(p *portal) bool {
	return func(p *portal) bool {
		for _, o := range p.Owners {
			hasDeals := slices.ContainsFunc(p.Deals, func(x sales.Deal) bool { return x.Owner == o.ID })
			hasActs := slices.ContainsFunc(p.Activities, func(a sales.Activity) bool {
				return a.Owner == o.ID
			})
			if hasDeals == deals && hasActs == activities {
				return true
			}
		}
		return false
	}
}

func byOther(p *portal) bool {
	for _, a := range p.Activities {
		if len(a.Deals) == 1 && a.Owner != "" && a.Owner != p.dealOwner[a.Deals[0]] &&
			p.dealOwner[a.Deals[0]] != "" {
			return true
		}
	}
	return false
}

func lateInMonth(a *sales.Activity) bool {
	t := a.Time.In(location)
	next := t.AddDate(0, 0, 1)
	return t.Hour() == 23 && t.Minute() == 30 && next.Month() != t.Month()
}

// neverReached reports a contact with no outbound call or email and no
// meeting.
func neverReached(p *portal) bool {
	for i := range p.Contacts {
		reached := slices.ContainsFunc(p.ContactActivities(i), func(k int32) bool {
			a := &p.Activities[k]
			return a.Type == sales.ActivityMeeting ||
				a.Direction == sales.DirectionOutbound && a.Type != sales.ActivityTask
		})
		if !reached {
			return true
		}
	}
	return false
}

// churnRisk reports a company whose last won deal closed more than a year
// before Today, with no deal created since.
func churnRisk(p *portal) bool {
	yearAgo := p.now.AddDate(-1, 0, 0)
	for c := range p.Companies {
		var lastWon, lastCreated time.Time
		for _, i := range p.CompanyDeals(c) {
			x := &p.Deals[i]
			if p.DealKind(int(i)) == sales.StageWon && x.CloseDate.After(lastWon) {
				lastWon = x.CloseDate
			}
			if x.Created.After(lastCreated) {
				lastCreated = x.Created
			}
		}
		if !lastWon.IsZero() && lastWon.Before(yearAgo) && !lastCreated.After(lastWon) {
			return true
		}
	}
	return false
}

// stalled reports an open deal whose last activity is more than 30 days
// old.
func stalled(p *portal) bool {
	monthAgo := p.now.AddDate(0, 0, -30)
	for i := range p.Deals {
		if p.DealKind(i) != sales.StageOpen || !p.Deals[i].Created.Before(monthAgo) {
			continue
		}
		recent := slices.ContainsFunc(p.DealActivities(i), func(k int32) bool {
			return p.Activities[k].Time.After(monthAgo)
		})
		if !recent {
			return true
		}
	}
	return false
}

// openDealTask reports an open deal that has, or has not, an open task
// due at or after Today.
func openDealTask(planned bool) func(p *portal) bool {
	return func(p *portal) bool {
		for i := range p.Deals {
			if p.DealKind(i) != sales.StageOpen {
				continue
			}
			has := slices.ContainsFunc(p.DealActivities(i), func(k int32) bool {
				a := &p.Activities[k]
				return a.Type == sales.ActivityTask && a.TaskCompleted.IsZero() &&
					!a.TaskDue.Before(p.now)
			})
			if has == planned {
				return true
			}
		}
		return false
	}
}
