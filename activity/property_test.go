package activity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/testkit"
)

// propertySeed fixes the random cases, so that a failure can be replayed.
const propertySeed = 20261130

// portalCase is one random demo portal, seen over a random period from a
// random instant, with a random split of its records in two.
type portalCase struct {
	Seed  uint64
	Deals int
	// Start is the period's start in hours after propertyBase; Days its
	// length in days; Aligned moves the start to the start of its day.
	Start   int
	Days    int
	Aligned bool
	// AsOf is in hours after propertyBase.
	AsOf  int
	Split uint64
}

// propertyBase is a little before the demo's first records; the random
// instants run to a little after its Today.
var propertyBase = time.Date(2024, time.November, 1, 0, 0, 0, 0, demo.Location())

const propertyHours = 26 * 30 * 24

func (pc portalCase) records() sales.Records {
	r, err := demo.Generate(demo.Options{Seed: pc.Seed, Deals: pc.Deals})
	if err != nil {
		panic(err)
	}
	return r
}

func (pc portalCase) period() sales.Period {
	start := propertyBase.Add(time.Duration(pc.Start) * time.Hour)
	if pc.Aligned {
		y, m, d := start.Date()
		start = time.Date(y, m, d, 0, 0, 0, 0, start.Location())
	}
	y, m, d := start.Date()
	h, mi, s := start.Clock()
	end := time.Date(y, m, d+pc.Days, h, mi, s, 0, start.Location())
	return sales.Period{Start: start, End: end}
}

func (pc portalCase) asOf() time.Time {
	return propertyBase.Add(time.Duration(pc.AsOf) * time.Hour)
}

// first reports, for the i-th record, which half of the split it goes to.
func (pc portalCase) first() func(int) bool {
	rnd := rand.New(rand.NewPCG(pc.Split, 1))
	return func(int) bool { return rnd.IntN(2) == 0 }
}

func (pc portalCase) String() string {
	return fmt.Sprintf("seed %d, %d deals, period %s, asOf %s, split %d",
		pc.Seed, pc.Deals, pc.period(), pc.asOf().Format(time.RFC3339), pc.Split)
}

func genPortalCase() gopter.Gen {
	return gen.Struct(reflect.TypeOf(portalCase{}), map[string]gopter.Gen{
		"Seed":    gen.UInt64Range(0, 1<<40),
		"Deals":   gen.IntRange(100, 400),
		"Start":   gen.IntRange(0, propertyHours),
		"Days":    gen.IntRange(1, 400),
		"Aligned": gen.Bool(),
		"AsOf":    gen.IntRange(0, propertyHours),
		"Split":   gen.UInt64(),
	})
}

// properties returns a property set over few enough portals to run fast
// under the race detector, with the fixed seed logged.
func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(propertySeed)
	params.MinSuccessfulTests = 25
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

// sameJSON reports whether a and b marshal to the same JSON, and says how
// they differ when they do not.
func sameJSON(t *testing.T, what string, a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Logf("%s: marshal: %v, %v", what, err1, err2)
		return false
	}
	if !bytes.Equal(ja, jb) {
		t.Logf("%s: merged halves\n%s\nwhole\n%s", what, ja, jb)
		return false
	}
	return true
}

// TestTasks_property checks that at any asOf every task created by then
// is exactly one of completed, in progress or overdue, against an
// independent count of the tasks.
func TestTasks_property(t *testing.T) {
	props := properties(t)
	props.Property("done + in progress + overdue = tasks created by asOf", prop.ForAll(
		func(pc portalCase) bool {
			ds := sales.MustDataset(pc.records())
			p, at := pc.period(), pc.asOf()
			r, err := TasksPerRep(ds, p, at)
			if err != nil {
				t.Logf("%s: %v", pc, err)
				return false
			}
			var created, done, overdue, completed int64
			for i := range ds.Activities {
				a := &ds.Activities[i]
				if a.Type != sales.ActivityTask {
					continue
				}
				if !a.TaskCompleted.IsZero() && p.Contains(a.TaskCompleted) {
					completed++
				}
				if a.Time.IsZero() || a.Time.After(at) {
					continue
				}
				created++
				isDone := (!a.TaskCompleted.IsZero() && !a.TaskCompleted.After(at)) ||
					(a.TaskCompleted.IsZero() && a.TaskStatus == sales.TaskCompleted)
				switch {
				case isDone:
					done++
				case !a.TaskDue.IsZero() && a.TaskDue.Before(at):
					overdue++
				}
			}
			team := r.Team.Tasks
			ok := team.Done+team.InProgress+team.Overdue == created && team.Done == done &&
				team.Overdue == overdue && team.Completed == completed
			for _, rep := range r.Reps {
				ok = ok && rep.Tasks.Open() == rep.Tasks.InProgress+rep.Tasks.Overdue
			}
			if !ok {
				t.Logf("%s: team %+v, want %d created, %d done, %d overdue, %d completed",
					pc, team, created, done, overdue, completed)
			}
			return ok
		},
		genPortalCase()))
	props.TestingRun(t)
}

// TestMeetingShares_property checks that the shares of each row of R19
// add up to one.
func TestMeetingShares_property(t *testing.T) {
	props := properties(t)
	props.Property("R19 shares sum to one", prop.ForAll(
		func(pc portalCase) bool {
			r, err := MeetingOutcomes(sales.MustDataset(pc.records()), pc.period())
			if err != nil {
				return false
			}
			for _, rep := range append(r.Reps, r.Team) {
				if !sharesAddUp(rep) {
					t.Logf("%s: %s: %+v", pc, rep.Name, rep)
					return false
				}
			}
			return true
		},
		genPortalCase()))
	props.TestingRun(t)
}

func sharesAddUp(rep RepMeetings) bool {
	s := rep.Shares
	rates := []sales.Rate{s.Completed, s.NoShow, s.Canceled, s.Rescheduled, s.Scheduled, s.Unknown}
	var num int64
	var sum float64
	for _, r := range rates {
		if r.Den != rep.Counts.Total {
			return false
		}
		num += r.Num
		v, ok := r.Value()
		if ok != (rep.Counts.Total > 0) {
			return false
		}
		sum += v
	}
	if rep.Counts.Total == 0 {
		return num == 0
	}
	return num == rep.Counts.Total && math.Abs(sum-1) < 1e-9
}

// TestActivitiesByType_property checks that R01's rows add up to its
// total, and its total to an independent count.
func TestActivitiesByType_property(t *testing.T) {
	props := properties(t)
	props.Property("R01 per owner sums to the total", prop.ForAll(
		func(pc portalCase) bool {
			ds := sales.MustDataset(pc.records())
			p := pc.period()
			r, err := ActivitiesByType(ds, p)
			if err != nil {
				return false
			}
			var sum TypeCounts
			rows := map[sales.OwnerID]int64{}
			for _, rep := range r.Reps {
				sum.Merge(rep.Counts)
				c := rep.Counts
				if c.Total != c.Calls+c.Emails+c.Meetings+c.Tasks+c.Notes {
					return false
				}
				rows[rep.Owner] += c.Total
			}
			// Each owner's row against a count of the records themselves:
			// the activities of a known type in the period, by their own
			// owner.
			var inPeriod int64
			counted := map[sales.OwnerID]int64{}
			for i := range ds.Activities {
				a := &ds.Activities[i]
				if !p.Contains(a.Time) {
					continue
				}
				inPeriod++
				if a.Type >= sales.ActivityCall && a.Type <= sales.ActivityNote {
					counted[a.Owner]++
				}
			}
			for id, n := range rows {
				if counted[id] != n {
					t.Logf("%s: owner %q has a row of %d, %d activities", pc, id, n, counted[id])
					return false
				}
			}
			for id, n := range counted {
				if rows[id] != n {
					t.Logf("%s: owner %q has %d activities in the period, row says %d", pc, id, n, rows[id])
					return false
				}
			}
			ok := sum == r.Total && r.Total.Total+r.UnknownType == inPeriod
			if !ok {
				t.Logf("%s: rows sum to %+v, total %+v, %d in period", pc, sum, r.Total, inPeriod)
			}
			return ok
		},
		genPortalCase()))
	props.TestingRun(t)
}

// mergeable is a report over activities that merges.
type mergeable struct {
	name string
	run  func(ds *sales.Dataset, pc portalCase) (any, error)
	// merge merges b into a and returns a.
	merge func(a, b any) (any, error)
}

// merger adapts a report's Merge method to mergeable.merge.
func merger[R any](m func(*R, R) error) func(a, b any) (any, error) {
	return func(a, b any) (any, error) {
		x := a.(R)
		err := m(&x, b.(R))
		return x, err
	}
}

// runner adapts a report function to mergeable.run.
func runner[R any](f func(*sales.Dataset, portalCase) (R, error)) func(*sales.Dataset,
	portalCase) (any, error) {
	return func(ds *sales.Dataset, pc portalCase) (any, error) { return f(ds, pc) }
}

var activityReports = []mergeable{
	{"R01", runner(func(ds *sales.Dataset, pc portalCase) (TypeReport, error) {
		return ActivitiesByType(ds, pc.period())
	}), merger((*TypeReport).Merge)},
	{"R02", runner(func(ds *sales.Dataset, pc portalCase) (CallReport, error) {
		return CallsPerRep(ds, pc.period())
	}), merger((*CallReport).Merge)},
	{"R03", runner(func(ds *sales.Dataset, pc portalCase) (EmailReport, error) {
		return EmailsPerRep(ds, sales.Calendar{}, sales.UnitWeek, pc.period())
	}), merger((*EmailReport).Merge)},
	{"R04", runner(func(ds *sales.Dataset, pc portalCase) (CallTimeReport, error) {
		return CallTimePerDay(ds, pc.period())
	}), merger((*CallTimeReport).Merge)},
	{"R06-R08", runner(func(ds *sales.Dataset, pc portalCase) (TaskReport, error) {
		return TasksPerRep(ds, pc.period(), pc.asOf())
	}), merger((*TaskReport).Merge)},
	{"R18", runner(func(ds *sales.Dataset, pc portalCase) (MeetingTimeReport, error) {
		return MeetingDurations(ds, pc.period())
	}), merger((*MeetingTimeReport).Merge)},
	{"R19", runner(func(ds *sales.Dataset, pc portalCase) (MeetingReport, error) {
		return MeetingOutcomes(ds, pc.period())
	}), merger((*MeetingReport).Merge)},
}

// mergesWhole reports whether m over the two halves of recs, merged,
// equals m over recs.
func mergesWhole(t *testing.T, m mergeable, pc portalCase, whole, a, b sales.Records) bool {
	w, err1 := m.run(sales.MustDataset(whole), pc)
	x, err2 := m.run(sales.MustDataset(a), pc)
	y, err3 := m.run(sales.MustDataset(b), pc)
	if err1 != nil || err2 != nil || err3 != nil {
		t.Logf("%s %s: %v %v %v", m.name, pc, err1, err2, err3)
		return false
	}
	merged, err := m.merge(x, y)
	if err != nil {
		t.Logf("%s %s: merge: %v", m.name, pc, err)
		return false
	}
	return sameJSON(t, m.name+" "+pc.String(), merged, w)
}

// TestMerge_property checks that the additive activity reports over two
// halves of the activities merge into the report over the whole.
func TestMerge_property(t *testing.T) {
	props := properties(t)
	props.Property("halves of the activities merge into the whole", prop.ForAll(
		func(pc portalCase) bool {
			recs := pc.records()
			a, b := testkit.SplitActivities(recs, pc.first())
			for _, m := range activityReports {
				if !mergesWhole(t, m, pc, recs, a, b) {
					return false
				}
			}
			return true
		},
		genPortalCase()))
	props.Property("R05 of merged R04 halves is R05 of the whole", prop.ForAll(
		func(pc portalCase) bool {
			recs := pc.records()
			a, b := testkit.SplitActivities(recs, pc.first())
			x, _ := CallTimePerDay(sales.MustDataset(a), pc.period())
			y, _ := CallTimePerDay(sales.MustDataset(b), pc.period())
			if err := x.Merge(y); err != nil {
				return false
			}
			w, _ := AverageCallTimePerDay(sales.MustDataset(recs), pc.period())
			return sameJSON(t, "R05 "+pc.String(), x.Average(), w)
		},
		genPortalCase()))
	props.Property("halves of the deals merge into the whole (R13, R14)", prop.ForAll(
		func(pc portalCase) bool {
			recs := pc.records()
			a, b := testkit.SplitDeals(recs, pc.first())
			m := mergeable{"R13-R14", runner(func(ds *sales.Dataset, pc portalCase) (EffortReport, error) {
				return EffortPerDeal(ds, pc.period(), pc.asOf())
			}), merger((*EffortReport).Merge)}
			return mergesWhole(t, m, pc, recs, a, b)
		},
		genPortalCase()))
	props.TestingRun(t)
}

// TestMerge_edges runs the merge property on hand-made portals: the hand
// portal split every way a record's parity allows, an empty portal, and a
// portal whose activities are all unassigned.
func TestMerge_edges(t *testing.T) {
	hand := handPortal()
	unassigned := handPortal()
	for i := range unassigned.Activities {
		unassigned.Activities[i].Owner = ""
	}
	portals := map[string]sales.Records{
		"hand":       hand,
		"empty":      {TimeZone: "America/New_York"},
		"unassigned": unassigned,
	}
	splits := map[string]func(int) bool{
		"even":   func(i int) bool { return i%2 == 0 },
		"none":   func(int) bool { return false },
		"all":    func(int) bool { return true },
		"thirds": func(i int) bool { return i%3 == 1 },
	}
	pc := portalCase{Start: 0, Days: 31}
	for name, recs := range portals {
		for sname, split := range splits {
			// The hand portal's March, seen from March 20 at noon.
			pc := pc
			pc.Start = int(march.Start.Sub(propertyBase) / time.Hour)
			pc.AsOf = int(asOf.Sub(propertyBase) / time.Hour)
			a, b := testkit.SplitActivities(recs, split)
			for _, m := range activityReports {
				if !mergesWhole(t, m, pc, recs, a, b) {
					t.Errorf("%s over the %s portal split %s: merged halves differ from the whole",
						m.name, name, sname)
				}
			}
		}
	}
}

// TestCallAverage_property checks R05's day count against an independent
// count of the (owner, day) pairs with a call.
func TestCallAverage_property(t *testing.T) {
	props := properties(t)
	props.Property("R05 counts each (owner, day) with a call once", prop.ForAll(
		func(pc portalCase) bool {
			ds := sales.MustDataset(pc.records())
			p := pc.period()
			r, err := AverageCallTimePerDay(ds, p)
			if err != nil {
				return false
			}
			type key struct {
				owner sales.OwnerID
				day   string
			}
			pairs := map[key]bool{}
			for i := range ds.Activities {
				a := &ds.Activities[i]
				if a.Type == sales.ActivityCall && p.Contains(a.Time) {
					pairs[key{a.Owner, a.Time.In(p.Location()).Format(time.DateOnly)}] = true
				}
			}
			if r.Team.N != int64(len(pairs)) {
				t.Logf("%s: %d (owner, day) pairs, want %d", pc, r.Team.N, len(pairs))
				return false
			}
			return true
		},
		genPortalCase()))
	props.TestingRun(t)
}

// TestResponseTime_property checks that no contact of the period is lost:
// each is reached or never reached, in one row.
func TestResponseTime_property(t *testing.T) {
	props := properties(t)
	props.Property("R40 counts every contact of the period once", prop.ForAll(
		func(pc portalCase) bool {
			ds := sales.MustDataset(pc.records())
			p, at := pc.period(), pc.asOf()
			r, err := ResponseTime(ds, p, at, ResponseOptions{})
			if err != nil {
				return false
			}
			var want int64
			for i := range ds.Contacts {
				c := ds.Contacts[i].Created
				if p.Contains(c) && !c.After(at) {
					want++
				}
			}
			var reached int64
			for _, rep := range r.Reps {
				if rep.Reached+rep.NeverReached != rep.Contacts || rep.Mean.N != rep.Reached ||
					(rep.Median == nil) != (rep.Reached == 0) {
					t.Logf("%s: row %+v", pc, rep)
					return false
				}
				reached += rep.Reached
			}
			ok := r.Team.Contacts == want && r.Team.Reached == reached
			if !ok {
				t.Logf("%s: team %+v, want %d contacts", pc, r.Team, want)
			}
			return ok
		},
		genPortalCase()))
	props.TestingRun(t)
}
