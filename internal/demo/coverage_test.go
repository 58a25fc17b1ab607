package demo

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/salespilot/sales"
)

// feature is something the default portal must hold for a report of the
// catalogue to have something to show.
type feature struct {
	name string
	has  func(p *portal) bool
}

// portal is a generated portal with the look-ups the features share.
type portal struct {
	*sales.Dataset
	now       time.Time
	dealOwner map[sales.DealID]sales.OwnerID
}

func newPortal(recs sales.Records) *portal {
	p := &portal{Dataset: sales.MustDataset(recs), now: Today()}
	p.dealOwner = make(map[sales.DealID]sales.OwnerID, len(recs.Deals))
	for _, x := range recs.Deals {
		p.dealOwner[x.ID] = x.Owner
	}
	return p
}

// TestGenerate_coverage checks that portals of the default size hold
// every feature the reports need, naming each one missing.
func TestGenerate_coverage(t *testing.T) {
	for seed := uint64(0); seed < 3; seed++ {
		p := newPortal(generate(t, Options{Seed: seed}))
		for _, f := range features() {
			if !f.has(p) {
				t.Errorf("Generate(Options{Seed: %d}) has no %s", seed, f.name)
			}
		}
	}
}

func features() []feature {
	fs := []feature{
		{"deal that skipped a stage", dealWithHistory(skipped)},
		{"deal that went back a stage", dealWithHistory(wentBack)},
		{"deal that re-entered a stage", dealWithHistory(reentered)},
		{"deal without amount", anyDeal(func(x *sales.Deal) bool { return !x.Amount.Valid })},
		{"deal with amount 0", anyDeal(func(x *sales.Deal) bool {
			return x.Amount.Valid && x.Amount.Decimal.IsZero()
		})},
		{"deal in EUR", anyDeal(func(x *sales.Deal) bool { return x.Currency == "EUR" })},
		{"unassigned deal", anyDeal(func(x *sales.Deal) bool { return x.Owner == "" })},
		{"deal without company", anyDeal(func(x *sales.Deal) bool { return x.Company == "" })},
		{"deal without region but with a company", anyDeal(func(x *sales.Deal) bool {
			return x.Region == "" && x.Company != ""
		})},
		{"lost deal without reason", anyDeal(func(x *sales.Deal) bool {
			return x.Stage == "closedlost" && x.LostReason == ""
		})},
		{"deal whose close date slipped", anyDeal(slipped)},
		{"unassigned activity", anyActivity(func(a *sales.Activity) bool { return a.Owner == "" })},
		{"unassigned contact", anyContact(func(c *sales.Contact) bool { return c.Owner == "" })},
		{"archived owner with deals", archivedWithDeals},
		{"owner with activities but no deals", ownerWith(false, true)},
		{"owner with neither deals nor activities", ownerWith(false, false)},
		{"activity by someone other than the deal's owner", byOther},
		{"inbound call", anyActivity(func(a *sales.Activity) bool {
			return a.Type == sales.ActivityCall && a.Direction == sales.DirectionInbound
		})},
		{"inbound email", anyActivity(func(a *sales.Activity) bool {
			return a.Type == sales.ActivityEmail && a.Direction == sales.DirectionInbound
		})},
		{"meeting without end", anyActivity(func(a *sales.Activity) bool {
			return a.Type == sales.ActivityMeeting && a.MeetingEnd.IsZero()
		})},
		{"meeting planned after Today", anyActivity(func(a *sales.Activity) bool {
			return a.Type == sales.ActivityMeeting && a.Time.After(Today())
		})},
		{"task without due date", anyActivity(func(a *sales.Activity) bool {
			return a.Type == sales.ActivityTask && a.TaskDue.IsZero()
		})},
		{"activity at 23:30 on the last day of a month", anyActivity(lateInMonth)},
		{"never-reached contact", neverReached},
		{"churn-risk company", churnRisk},
		{"line item without product", func(p *portal) bool {
			return slices.ContainsFunc(p.LineItems, func(li sales.LineItem) bool { return li.Product == "" })
		}},
		{"stalled open deal", stalled},
		{"open deal without a planned task", openDealTask(false)},
		{"open deal with a planned task", openDealTask(true)},
	}
	fs = append(fs, stageFeatures()...)
	fs = append(fs, closeDateFeatures()...)
	fs = append(fs, outcomeFeatures()...)
	fs = append(fs, taskFeatures()...)
	fs = append(fs, contactFeatures()...)
	fs = append(fs, valueFeatures()...)
	return fs
}

// stageFeatures: losses and wins from every open stage of each pipeline,
// open deals at every open stage at Today, wins in each pipeline.
func stageFeatures() []feature {
	var fs []feature
	for _, pl := range pipelines() {
		for _, s := range pl.Stages {
			id := s.ID
			switch s.Kind {
			case sales.StageOpen:
				fs = append(fs,
					feature{fmt.Sprintf("deal lost at stage %s of %s", id, pl.Label),
						dealWithHistory(func(h []sales.StageVisit, _ *sales.Pipeline) bool {
							n := len(h)
							return n > 1 && isLost(h[n-1].Stage) && h[n-2].Stage == id
						})},
					feature{fmt.Sprintf("deal won from stage %s of %s", id, pl.Label),
						dealWithHistory(func(h []sales.StageVisit, p *sales.Pipeline) bool {
							n := len(h)
							if n < 2 || h[n-2].Stage != id {
								return false
							}
							k, ok := p.StageIndex(h[n-1].Stage)
							return ok && p.Stages[k].Kind == sales.StageWon
						})},
					feature{fmt.Sprintf("open deal at stage %s of %s", id, pl.Label),
						anyDeal(func(x *sales.Deal) bool { return x.Stage == id })})
			case sales.StageWon:
				fs = append(fs, feature{"deal won in " + pl.Label,
					anyDeal(func(x *sales.Deal) bool { return x.Stage == id })})
			}
		}
	}
	return fs
}

func isLost(s sales.StageID) bool { return s == "closedlost" || s == "30124475" }

func closeDateFeatures() []feature {
	open := func(p *portal, f func(x *sales.Deal) bool) bool {
		for i := range p.Deals {
			if p.DealKind(i) == sales.StageOpen && f(&p.Deals[i]) {
				return true
			}
		}
		return false
	}
	return []feature{
		{"open deal with an overdue close date", func(p *portal) bool {
			return open(p, func(x *sales.Deal) bool {
				return !x.CloseDate.IsZero() && x.CloseDate.Before(p.now)
			})
		}},
		{"open deal without close date", func(p *portal) bool {
			return open(p, func(x *sales.Deal) bool { return x.CloseDate.IsZero() })
		}},
		{"open deal expected to close this week", func(p *portal) bool {
			return open(p, func(x *sales.Deal) bool {
				return x.CloseDate.After(p.now) && x.CloseDate.Before(p.now.AddDate(0, 0, 7))
			})
		}},
	}
}

func outcomeFeatures() []feature {
	var fs []feature
	for o := range sales.CallOutcome(sales.NumCallOutcomes) {
		fs = append(fs, feature{"call with outcome " + o.String(), anyActivity(
			func(a *sales.Activity) bool { return a.Type == sales.ActivityCall && a.CallOutcome == o })})
	}
	for o := range sales.MeetingOutcome(sales.NumMeetingOutcomes) {
		fs = append(fs, feature{"meeting with outcome " + o.String(), anyActivity(
			func(a *sales.Activity) bool {
				return a.Type == sales.ActivityMeeting && a.MeetingOutcome == o
			})})
	}
	return fs
}

func taskFeatures() []feature {
	state := func(s sales.TaskState) func(p *portal) bool {
		return func(p *portal) bool {
			return slices.ContainsFunc(p.Activities, func(a sales.Activity) bool {
				return a.StateAt(p.now) == s
			})
		}
	}
	return []feature{
		{"overdue task at Today", state(sales.TaskStateOverdue)},
		{"task in progress at Today", state(sales.TaskStateInProgress)},
		{"completed task", state(sales.TaskStateCompleted)},
		{"open task due later on Today's date", anyActivity(func(a *sales.Activity) bool {
			y, m, d := Today().Date()
			ay, am, ad := a.TaskDue.In(location).Date()
			return a.TaskDue.After(Today()) && y == ay && m == am && d == ad
		})},
		{"task due after Today", anyActivity(func(a *sales.Activity) bool {
			return a.TaskCompleted.IsZero() && a.TaskDue.After(Today().AddDate(0, 0, 1))
		})},
	}
}

func contactFeatures() []feature {
	var fs []feature
	for s := range sales.LifecycleStage(sales.NumLifecycleStages) {
		fs = append(fs, feature{"contact at lifecycle stage " + s.String(),
			anyContact(func(c *sales.Contact) bool { return c.Lifecycle == s })})
	}
	statuses := []string{statusNew, statusOpen, statusInProgress, statusOpenDeal,
		statusUnqualified, statusAttempted, statusConnected, statusBadTiming}
	for _, st := range statuses {
		fs = append(fs, feature{"contact with lead status " + st,
			anyContact(func(c *sales.Contact) bool { return c.LeadStatus == st })})
	}
	for _, src := range sources {
		fs = append(fs, feature{"contact and deal from " + src, func(p *portal) bool {
			return slices.ContainsFunc(p.Contacts, func(c sales.Contact) bool { return c.Source == src }) &&
				slices.ContainsFunc(p.Deals, func(x sales.Deal) bool { return x.Source == src })
		}})
	}
	return fs
}

// valueFeatures: deal types, company types and targets.
func valueFeatures() []feature {
	var fs []feature
	for typ := range sales.DealType(3) {
		fs = append(fs, feature{"deal of type " + typ.String(),
			anyDeal(func(x *sales.Deal) bool { return x.Type == typ })})
	}
	for _, typ := range companyTypes {
		fs = append(fs, feature{"company of type " + typ, func(p *portal) bool {
			return slices.ContainsFunc(p.Companies, func(c sales.Company) bool { return c.Type == typ })
		}})
	}
	target := func(name string, f func(t *sales.Target) bool) feature {
		return feature{name, func(p *portal) bool {
			return slices.ContainsFunc(p.Targets, func(t sales.Target) bool { return f(&t) })
		}}
	}
	return append(fs,
		target("rep target", func(t *sales.Target) bool { return t.Owner != "" }),
		target("team target", func(t *sales.Target) bool { return t.Owner == "" && t.Team != "" }),
		target("portal target", func(t *sales.Target) bool { return t.Owner == "" && t.Team == "" }),
		target("won-count target", func(t *sales.Target) bool {
			return t.Metric == sales.TargetWonCount
		}),
		target("target after Today", func(t *sales.Target) bool { return t.Period.Start.After(Today()) }),
	)
}
