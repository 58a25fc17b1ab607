package alerts

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/internal/demo"
)

// propertySeed fixes the random cases, so that a failure can be replayed.
const propertySeed = 20261130

// alertCase is one random demo portal seen from a random instant with
// random thresholds.
type alertCase struct {
	Seed  uint64
	Deals int
	// AsOf is in hours after propertyBase.
	AsOf   int
	Days   int
	Months int
}

// propertyBase is a little before the demo's first records; the random
// instants run to a little after its Today.
var propertyBase = time.Date(2024, time.November, 1, 0, 0, 0, 0, demo.Location())

func (c alertCase) dataset() *sales.Dataset {
	r, err := demo.Generate(demo.Options{Seed: c.Seed, Deals: c.Deals})
	if err != nil {
		panic(err)
	}
	return sales.MustDataset(r)
}

func (c alertCase) asOf() time.Time {
	return propertyBase.Add(time.Duration(c.AsOf) * time.Hour)
}

func (c alertCase) String() string {
	return fmt.Sprintf("seed %d, %d deals, asOf %s, %d days, %d months",
		c.Seed, c.Deals, c.asOf().Format(time.RFC3339), c.Days, c.Months)
}

func genAlertCase() gopter.Gen {
	return gen.Struct(reflect.TypeOf(alertCase{}), map[string]gopter.Gen{
		"Seed":   gen.UInt64Range(0, 1<<40),
		"Deals":  gen.IntRange(100, 400),
		"AsOf":   gen.IntRange(0, 26*30*24),
		"Days":   gen.IntRange(0, 120),
		"Months": gen.IntRange(0, 18),
	})
}

func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(propertySeed)
	params.MinSuccessfulTests = 25
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

// openAtOracle says whether deal i is open at asOf, written apart from
// openAt: an open stage by its kind, created at or before asOf.
func openAtOracle(ds *sales.Dataset, i int, asOf time.Time) bool {
	x := &ds.Deals[i]
	p := ds.DealPipeline(i)
	if p == nil || x.Created.After(asOf) {
		return false
	}
	kindOf := func(id sales.StageID) sales.StageKind {
		if s, ok := p.StageIndex(id); ok {
			return p.Stages[s].Kind
		}
		return 0
	}
	if len(x.StageHistory) == 0 {
		k := kindOf(x.Stage)
		return k == sales.StageOpen || (k.Closed() && x.CloseDate.After(asOf))
	}
	then := x.StageHistory[0].Stage // before the first visit: the first visit's stage
	for _, v := range x.StageHistory {
		if !v.Entered.After(asOf) {
			then = v.Stage
		}
	}
	return kindOf(then) == sales.StageOpen
}

func TestIdleAndUnplanned_property(t *testing.T) {
	props := properties(t)
	props.Property("R46 and R48 list only deals open at asOf, once each, most urgent first", prop.ForAll(
		func(c alertCase) bool {
			ds, at := c.dataset(), c.asOf()
			idle, err1 := IdleDeals(ds, at, IdleOptions{Days: c.Days})
			plan, err2 := DealsWithoutPlannedTask(ds, at)
			if err1 != nil || err2 != nil {
				t.Logf("%s: %v %v", c, err1, err2)
				return false
			}
			var ids []sales.DealID
			for k, d := range idle.Deals {
				ids = append(ids, d.Deal)
				if d.IdleDays < idle.Days || (k > 0 && d.Since.Before(idle.Deals[k-1].Since)) {
					t.Logf("%s: R46 row %d = %+v", c, k, d)
					return false
				}
			}
			for k, d := range plan.Deals {
				ids = append(ids, d.Deal)
				if k > 0 && compareSince(sales.InstantOf(plan.Deals[k-1].Since),
					sales.InstantOf(d.Since)) > 0 {
					t.Logf("%s: R48 row %d = %+v out of order", c, k, d)
					return false
				}
				if planned(ds, d.Deal, at) {
					t.Logf("%s: R48 lists %s, which has a task planned", c, d.Deal)
					return false
				}
			}
			return onlyOpen(t, c, ds, at, idle.Deals, plan.Deals) &&
				idle.Total.Count == int64(len(idle.Deals))
		},
		genAlertCase()))
	props.TestingRun(t)
}

func TestIdleDeals_tables_property(t *testing.T) {
	props := properties(t)
	props.Property("R46 lists every idle open deal, and its tables add up to its rows", prop.ForAll(
		func(c alertCase) bool {
			ds, at := c.dataset(), c.asOf()
			bands := []int{c.Days + 1, c.Days + 10, 2*c.Days + 30}
			r, err := IdleDeals(ds, at, IdleOptions{Days: c.Days, Bands: bands})
			if err != nil {
				t.Logf("%s: %v", c, err)
				return false
			}
			// Every row in the band its days fall in, and the bands'
			// counts those of the rows.
			perBand := make([]int64, len(r.Bands))
			listed := map[sales.DealID]bool{}
			for _, d := range r.Deals {
				b := r.Bands[d.Band]
				if d.IdleDays < b.From || (b.To != nil && d.IdleDays >= *b.To) {
					t.Logf("%s: %s, %d days, in band %+v", c, d.Deal, d.IdleDays, b)
					return false
				}
				perBand[d.Band]++
				listed[d.Deal] = true
			}
			var stages int64
			for _, s := range r.ByStage {
				stages += s.Total.Count
			}
			for b, n := range perBand {
				if r.ByBand[b].Count != n {
					t.Logf("%s: band %d counts %d, %d rows", c, b, r.ByBand[b].Count, n)
					return false
				}
			}
			if stages != int64(len(r.Deals)) || r.Total.Count != stages {
				t.Logf("%s: stages %d, total %d, rows %d", c, stages, r.Total.Count, len(r.Deals))
				return false
			}
			// Every deal the oracle finds idle is listed, and no other.
			want, open := idleOracle(ds, at, r.Days)
			if open != r.Open || len(want) != len(listed) {
				t.Logf("%s: open %d, %d listed; oracle %d, %d", c, r.Open, len(listed), open, len(want))
				return false
			}
			for id := range want {
				if !listed[id] {
					t.Logf("%s: %s is idle, not listed", c, id)
					return false
				}
			}
			return true
		},
		genAlertCase()))
	props.TestingRun(t)
}

// idleOracle finds, apart from IdleDeals, the deals open at asOf, in a
// stage a record tells, whose last activity at or before asOf (else
// their creation) is before the same time days calendar days earlier;
// and how many deals are open at asOf.
func idleOracle(ds *sales.Dataset, asOf time.Time, days int) (map[sales.DealID]bool, int64) {
	last := map[sales.DealID]time.Time{}
	for _, a := range ds.Activities {
		if a.Time.IsZero() || a.Time.After(asOf) {
			continue
		}
		for _, id := range a.Deals {
			if a.Time.After(last[id]) {
				last[id] = a.Time
			}
		}
	}
	cutoff := asOf.AddDate(0, 0, -days)
	idle, open := map[sales.DealID]bool{}, int64(0)
	for i := range ds.Deals {
		x := &ds.Deals[i]
		if !openAtOracle(ds, i, asOf) {
			continue
		}
		open++
		if len(x.StageHistory) == 0 && ds.DealKind(i) != sales.StageOpen {
			continue // closed since: its stage then is unknown
		}
		since, ok := last[x.ID]
		if !ok {
			since = x.Created
		}
		if !since.IsZero() && since.Before(cutoff) {
			idle[x.ID] = true
		}
	}
	return idle, open
}

// planned says whether the deal has a task planned at asOf, written apart
// from DealsWithoutPlannedTask: a task created by asOf, not completed at
// asOf, due at or after asOf.
func planned(ds *sales.Dataset, id sales.DealID, asOf time.Time) bool {
	for _, a := range ds.Activities {
		if a.Type != sales.ActivityTask || a.Time.IsZero() || a.Time.After(asOf) || a.TaskDue.IsZero() ||
			a.TaskDue.Before(asOf) {
			continue
		}
		done := (!a.TaskCompleted.IsZero() && !a.TaskCompleted.After(asOf)) ||
			(a.TaskCompleted.IsZero() && a.TaskStatus == sales.TaskCompleted)
		for _, d := range a.Deals {
			if d == id && !done {
				return true
			}
		}
	}
	return false
}

// onlyOpen checks that every listed deal is open at asOf and listed once
// per table.
func onlyOpen(t *testing.T, c alertCase, ds *sales.Dataset, asOf time.Time, idle []IdleDeal,
	plan []UnplannedDeal) bool {
	check := func(table string, ids []sales.DealID) bool {
		seen := map[sales.DealID]bool{}
		for _, id := range ids {
			i, ok := ds.DealIndex(id)
			if !ok || !openAtOracle(ds, i, asOf) || seen[id] {
				t.Logf("%s: %s lists %s, not open at asOf or twice", c, table, id)
				return false
			}
			seen[id] = true
		}
		return true
	}
	var a, b []sales.DealID
	for _, d := range idle {
		a = append(a, d.Deal)
	}
	for _, d := range plan {
		b = append(b, d.Deal)
	}
	return check("R46", a) && check("R48", b)
}

func TestChurnRisk_property(t *testing.T) {
	props := properties(t)
	props.Property("R45 lists only companies with a won deal, the longest silent first", prop.ForAll(
		func(c alertCase) bool {
			ds, at := c.dataset(), c.asOf()
			r, err := ChurnRisk(ds, at, ChurnOptions{Months: c.Months})
			if err != nil {
				return false
			}
			for k, row := range r.Companies {
				if !wonBefore(ds, row.Company, row.LastOrder, at) || row.MonthsSince < r.Months ||
					(k > 0 && row.LastOrder.Before(r.Companies[k-1].LastOrder)) {
					t.Logf("%s: row %d = %+v", c, k, row)
					return false
				}
			}
			return int64(len(r.Companies)) <= r.Customers
		},
		genAlertCase()))
	props.TestingRun(t)
}

// wonBefore says whether the company has a won deal closed at last, and
// none closed after it up to asOf.
func wonBefore(ds *sales.Dataset, id sales.CompanyID, last, asOf time.Time) bool {
	found := false
	for i := range ds.Deals {
		x := &ds.Deals[i]
		if x.Company != id || ds.DealKind(i) != sales.StageWon || x.CloseDate.IsZero() ||
			x.CloseDate.After(asOf) {
			continue
		}
		if x.CloseDate.After(last) {
			return false
		}
		found = found || x.CloseDate.Equal(last)
	}
	return found
}

func TestOverdueTasks_property(t *testing.T) {
	props := properties(t)
	props.Property("R47 lists the tasks R08 counts, most overdue first", prop.ForAll(
		func(c alertCase) bool {
			ds, at := c.dataset(), c.asOf()
			r, err := OverdueTasks(ds, at)
			if err != nil {
				return false
			}
			counts, err := activity.TasksPerRep(ds, sales.Period{Start: at, End: at}, at)
			if err != nil || counts.Team.Tasks.Overdue != int64(len(r.Tasks)) || counts.NoTime != r.NoTime {
				t.Logf("%s: %d rows, %d with no time; R08 counts %d, %d", c, len(r.Tasks), r.NoTime,
					counts.Team.Tasks.Overdue, counts.NoTime)
				return false
			}
			for k, task := range r.Tasks {
				if task.DaysOverdue < 0 || !task.Due.Before(at) ||
					(k > 0 && task.Due.Before(r.Tasks[k-1].Due)) {
					t.Logf("%s: row %d = %+v", c, k, task)
					return false
				}
			}
			return true
		},
		genAlertCase()))
	props.TestingRun(t)
}
