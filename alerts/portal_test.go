package alerts

import (
	"time"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// ny returns a local time in New York.
func ny(y int, m time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, m, d, h, mi, s, 0, newYork)
}

// jul returns a local time in July 2024 in New York.
func jul(d, h, mi int) time.Time { return ny(2024, time.July, d, h, mi, 0) }

// asOf is the instant the hand tests look from.
var asOf = jul(15, 10, 0)

// handPortal is the portal of the hand-worked alert tests. Companies
// co1..co7 and the won deals w1..w8 serve R45; the open deals i1..i9 and
// tasks t1..t10 serve R46 to R48. What each record adds to the expected
// values is said in the tests.
func handPortal() sales.Records {
	var zero time.Time
	won := func(id sales.DealID, co sales.CompanyID, closed time.Time, amount string) sales.Deal {
		d := sales.Deal{ID: id, Name: "Deal " + string(id), Owner: "a", Pipeline: "sales",
			Stage: "won", Company: co, Created: ny(2023, time.January, 1, 9, 0, 0), CloseDate: closed}
		if amount != "" {
			d.Amount = Amount(amount)
		}
		return d
	}
	open := func(id sales.DealID, owner sales.OwnerID, stage sales.StageID, created time.Time,
		amount string) sales.Deal {
		d := sales.Deal{ID: id, Name: "Deal " + string(id), Owner: owner, Pipeline: "sales",
			Stage: stage, Created: created}
		if amount != "" {
			d.Amount = Amount(amount)
		}
		return d
	}
	task := func(id sales.ActivityID, owner sales.OwnerID, deal sales.DealID, created, due,
		done time.Time, s sales.TaskStatus) sales.Activity {
		a := sales.Activity{ID: id, Type: sales.ActivityTask, Owner: owner, Time: created,
			Subject: "Task " + string(id), TaskDue: due, TaskCompleted: done, TaskStatus: s}
		if deal != "" {
			a.Deals = []sales.DealID{deal}
		}
		return a
	}
	other := func(id sales.ActivityID, typ sales.ActivityType, deal sales.DealID,
		at time.Time) sales.Activity {
		return sales.Activity{ID: id, Type: typ, Owner: "a", Time: at, Deals: []sales.DealID{deal}}
	}
	t1 := task("t1", "a", "i1", ny(2024, time.April, 1, 9, 0, 0), jul(10, 9, 0), zero, sales.TaskNotStarted)
	t1.Companies, t1.Contacts = []sales.CompanyID{"co1"}, []sales.ContactID{"p1"}
	return sales.Records{
		TimeZone:  "America/New_York",
		Currency:  "USD",
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}, {ID: "c", Name: "Cy"}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Companies: []sales.Company{
			{ID: "co1", Name: "Acme", Owner: "a"},
			{ID: "co2", Name: "Beta", Owner: "b"},
			{ID: "co3", Name: "Gamma"},
			{ID: "co4", Name: "Delta", Owner: "a"},
			{ID: "co5", Name: "Epsilon", Owner: "b"},
			{ID: "co6", Name: "Zeta", Owner: "c"},
			{ID: "co7", Name: "Eta", Owner: "zed"},
		},
		Contacts: []sales.Contact{{ID: "p1", Name: "Pat", Owner: "a"}},
		Deals: []sales.Deal{
			won("w1", "co1", ny(2024, time.January, 15, 9, 0, 0), "100"),
			won("w2", "co1", ny(2023, time.June, 1, 9, 0, 0), "50"),
			won("w3", "co2", ny(2024, time.January, 15, 10, 0, 0), "70"),
			won("w4", "co3", ny(2023, time.December, 31, 9, 0, 0), ""),
			won("w5", "co5", ny(2024, time.August, 1, 9, 0, 0), "10"),
			won("w6", "co6", ny(2024, time.January, 31, 9, 0, 0), "10"),
			won("w7", "co7", ny(2024, time.January, 15, 9, 0, 0), "20"),
			won("w8", "", ny(2024, time.March, 1, 9, 0, 0), "30"),
			won("i6", "co4", zero, "40"),
			{ID: "l1", Pipeline: "sales", Stage: "lost", Company: "co4", Created: jul(1, 9, 0),
				CloseDate: jul(2, 9, 0)},

			open("i1", "a", "qualify", ny(2024, time.March, 1, 9, 0, 0), "1000"),
			open("i2", "a", "qualify", jul(1, 10, 0), "200"),
			open("i3", "b", "propose", ny(2024, time.June, 1, 9, 0, 0), "300"),
			open("i4", "b", "propose", ny(2024, time.June, 1, 9, 0, 0), "400"),
			open("i5", "", "qualify", zero, "500"),
			open("i7", "a", "qualify", ny(2024, time.August, 1, 9, 0, 0), "700"),
			open("i8", "b", "gone", ny(2024, time.June, 1, 9, 0, 0), "800"),
			open("i9", "a", "negotiate", ny(2024, time.May, 1, 9, 0, 0), ""),
		},
		Activities: []sales.Activity{
			other("a1", sales.ActivityNote, "i1", ny(2024, time.March, 15, 10, 0, 0)),
			other("a2", sales.ActivityCall, "i1", ny(2024, time.April, 1, 10, 0, 0)),
			other("a3", sales.ActivityEmail, "i3", ny(2024, time.July, 1, 9, 59, 59)),
			other("a4", sales.ActivityMeeting, "i4", ny(2024, time.June, 10, 10, 0, 0)),
			other("a5", sales.ActivityMeeting, "i4", jul(20, 10, 0)),
			other("a6", sales.ActivityCall, "i9", ny(2024, time.May, 20, 10, 0, 0)),
			t1,
			task("t2", "b", "", jul(1, 9, 0), jul(15, 8, 0), zero, sales.TaskNotStarted),
			task("t3", "a", "i2", jul(1, 10, 0), jul(15, 18, 0), zero, sales.TaskNotStarted),
			task("t4", "a", "i3", ny(2024, time.June, 5, 9, 0, 0), zero, zero, sales.TaskWaiting),
			task("t5", "a", "", jul(1, 9, 0), jul(1, 9, 0), jul(2, 9, 0), sales.TaskCompleted),
			task("t6", "a", "", jul(1, 9, 0), jul(1, 9, 0), zero, sales.TaskCompleted),
			task("t7", "", "", jul(1, 9, 0), jul(5, 9, 0), zero, sales.TaskNotStarted),
			task("t8", "b", "", jul(1, 9, 0), jul(10, 9, 0), zero, sales.TaskInProgress),
			task("t9", "b", "i4", ny(2024, time.June, 9, 9, 0, 0), jul(20, 9, 0),
				ny(2024, time.June, 12, 9, 0, 0), sales.TaskCompleted),
			task("t10", "a", "i9", ny(2024, time.May, 1, 10, 0, 0), jul(30, 9, 0), zero, sales.TaskNotStarted),
		},
	}
}

func handDataset() *sales.Dataset { return sales.MustDataset(handPortal()) }
