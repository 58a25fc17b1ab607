package activity

import (
	"time"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// newYork is the hand portal's location: March 10, 2024 there is a
// 23-hour day, and 23:30 on March 31 there is April 1 in UTC.
var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// mar returns a local time in March 2024 in New York.
func mar(day, hour, minute int) time.Time {
	return time.Date(2024, time.March, day, hour, minute, 0, 0, newYork)
}

// march is the period most hand tests cover, and asOf their instant.
var (
	march = sales.Month(2024, time.March, newYork)
	asOf  = mar(20, 12, 0)
)

// handPortal is the portal of the hand-worked tests. Owners a (Ann), b
// (Bob) and c (Cy, who does nothing); activities are also logged by zed,
// an owner the portal does not list, and by nobody. What each record adds
// to the expected values is said in the tests.
func handPortal() sales.Records {
	call := func(id sales.ActivityID, owner sales.OwnerID, at time.Time, o sales.CallOutcome,
		d time.Duration) sales.Activity {
		return sales.Activity{ID: id, Type: sales.ActivityCall, Owner: owner, Time: at,
			CallOutcome: o, Duration: d, Direction: sales.DirectionOutbound}
	}
	email := func(id sales.ActivityID, owner sales.OwnerID, at time.Time,
		d sales.Direction) sales.Activity {
		return sales.Activity{ID: id, Type: sales.ActivityEmail, Owner: owner, Time: at, Direction: d}
	}
	meeting := func(id sales.ActivityID, owner sales.OwnerID, at, end time.Time,
		o sales.MeetingOutcome) sales.Activity {
		return sales.Activity{ID: id, Type: sales.ActivityMeeting, Owner: owner, Time: at,
			MeetingEnd: end, MeetingOutcome: o}
	}
	task := func(id sales.ActivityID, owner sales.OwnerID, at, due, done time.Time,
		s sales.TaskStatus) sales.Activity {
		return sales.Activity{ID: id, Type: sales.ActivityTask, Owner: owner, Time: at,
			TaskDue: due, TaskCompleted: done, TaskStatus: s}
	}
	var zero time.Time
	acts := []sales.Activity{
		// Calls. c1 lasts 1,800,000 ms: 30 minutes.
		call("c1", "a", mar(4, 10, 0), sales.CallConnected, 1_800_000*time.Millisecond),
		call("c2", "a", mar(4, 15, 0), sales.CallNoAnswer, 0),
		// 23:30 on March 31 in New York, April 1 in UTC.
		call("c3", "a", mar(31, 23, 30), sales.CallLeftVoicemail, 45*time.Second),
		// March 10 lasts 23 hours in New York.
		call("c4", "b", mar(10, 12, 0), sales.CallBusy, 5*time.Second),
		// 00:30 on April 1: not March.
		call("c5", "b", time.Date(2024, time.April, 1, 0, 30, 0, 0, newYork),
			sales.CallConnected, time.Minute),
		// 23:30 on February 29 in New York, March 1 in UTC: not March.
		call("c5b", "b", time.Date(2024, time.February, 29, 23, 30, 0, 0, newYork),
			sales.CallConnected, time.Minute),
		call("c6", "", mar(5, 9, 0), sales.CallOutcomeUnknown, 2*time.Minute),
		call("c7", "zed", mar(6, 9, 0), sales.CallWrongNumber, 10*time.Second),
		call("c8", "b", zero, sales.CallConnected, time.Minute),
		// An outcome the library does not know, and a negative duration.
		call("c9", "b", mar(12, 9, 0), sales.CallOutcome(42), -5*time.Second),
		// An unowned call to contact p3, after its creation.
		call("c10", "", mar(10, 11, 30), sales.CallConnected, time.Minute),

		email("e1", "a", mar(4, 11, 0), sales.DirectionOutbound),
		email("e2", "a", mar(20, 11, 0), sales.DirectionInbound),
		email("e3", "b", mar(31, 23, 30), sales.DirectionOutbound),
		email("e4", "b", mar(15, 9, 0), sales.DirectionUnknown),

		meeting("m1", "a", mar(5, 10, 0), mar(5, 11, 0), sales.MeetingCompleted),
		meeting("m2", "a", mar(6, 10, 0), mar(6, 10, 30), sales.MeetingCompleted),
		meeting("m3", "a", mar(7, 10, 0), zero, sales.MeetingCompleted),
		meeting("m4", "a", mar(8, 10, 0), mar(8, 11, 0), sales.MeetingOutcomeUnknown),
		meeting("m5", "b", mar(11, 14, 0), mar(11, 15, 0), sales.MeetingNoShow),
		meeting("m6", "b", mar(12, 14, 0), mar(12, 15, 0), sales.MeetingCanceled),
		meeting("m7", "b", mar(13, 14, 0), mar(13, 14, 45), sales.MeetingCompleted),
		meeting("m8", "b", mar(14, 14, 0), mar(14, 13, 0), sales.MeetingCompleted),
		meeting("m9", "b", mar(25, 14, 0), mar(25, 15, 0), sales.MeetingScheduled),

		task("k1", "a", mar(1, 9, 0), mar(5, 9, 0), mar(4, 16, 0), sales.TaskCompleted),
		task("k2", "a", mar(2, 9, 0), mar(10, 9, 0), zero, sales.TaskNotStarted),
		task("k3", "a", mar(3, 9, 0), zero, zero, sales.TaskInProgress),
		task("k4", "a", mar(19, 9, 0), mar(20, 18, 0), zero, sales.TaskNotStarted),
		task("k5", "b", mar(1, 9, 0), mar(2, 9, 0), mar(25, 9, 0), sales.TaskCompleted),
		task("k6", "b", time.Date(2024, time.February, 10, 9, 0, 0, 0, newYork), zero, zero,
			sales.TaskCompleted),
		task("k7", "b", mar(21, 9, 0), mar(22, 9, 0), zero, sales.TaskNotStarted),
		task("k8", "", time.Date(2024, time.February, 1, 9, 0, 0, 0, newYork),
			time.Date(2024, time.February, 15, 9, 0, 0, 0, newYork),
			time.Date(2024, time.February, 14, 9, 0, 0, 0, newYork), sales.TaskCompleted),
		task("k9", "b", zero, mar(22, 9, 0), zero, sales.TaskNotStarted),
		task("k10", "a", mar(2, 9, 0), mar(3, 9, 0), mar(3, 10, 0), sales.TaskCompleted),

		{ID: "n1", Type: sales.ActivityNote, Owner: "a", Time: mar(9, 9, 0)},
		{ID: "x1", Type: 0, Owner: "a", Time: mar(9, 10, 0)},
	}
	associate(acts, "c1", []sales.DealID{"d1"}, []sales.ContactID{"p1"})
	associate(acts, "e1", []sales.DealID{"d1"}, nil)
	associate(acts, "m1", []sales.DealID{"d1"}, nil)
	associate(acts, "e3", []sales.DealID{"d1"}, nil)
	associate(acts, "c4", []sales.DealID{"d3"}, nil)
	associate(acts, "m5", []sales.DealID{"d3"}, []sales.ContactID{"p3"})
	associate(acts, "m9", []sales.DealID{"d3"}, []sales.ContactID{"p8"})
	associate(acts, "e2", nil, []sales.ContactID{"p1", "p2"})
	associate(acts, "c6", nil, []sales.ContactID{"p3"})
	associate(acts, "c10", nil, []sales.ContactID{"p3"})
	associate(acts, "c7", nil, []sales.ContactID{"p5"})

	feb := func(d int) time.Time { return time.Date(2024, time.February, d, 9, 0, 0, 0, newYork) }
	return sales.Records{
		TimeZone:  "America/New_York",
		Currency:  "USD",
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}, {ID: "c", Name: "Cy"}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Deals: []sales.Deal{
			{ID: "d1", Owner: "a", Pipeline: "sales", Stage: "won", Created: feb(1), CloseDate: mar(15, 9, 0)},
			{ID: "d2", Owner: "a", Pipeline: "sales", Stage: "won", Created: feb(1), CloseDate: mar(20, 9, 0)},
			{ID: "d3", Owner: "b", Pipeline: "sales", Stage: "propose", Created: feb(1)},
			{ID: "d4", Owner: "c", Pipeline: "sales", Stage: "qualify", Created: mar(25, 9, 0)},
			{ID: "d5", Pipeline: "sales", Stage: "won", Created: feb(1)},
			{ID: "d6", Owner: "a", Pipeline: "sales", Stage: "gone", Created: feb(1)},
			{ID: "d7", Owner: "b", Pipeline: "sales", Stage: "lost", Created: feb(1), CloseDate: mar(10, 9, 0)},
			{ID: "d8", Owner: "c", Pipeline: "sales", Stage: "qualify", Created: feb(1)},
		},
		Contacts: []sales.Contact{
			{ID: "p1", Owner: "a", Created: mar(4, 9, 0), Source: "web"},
			{ID: "p2", Owner: "a", Created: mar(5, 8, 0)},
			{ID: "p3", Owner: "b", Created: mar(10, 11, 0)},
			{ID: "p4", Owner: "b", Created: feb(20)},
			{ID: "p5", Created: mar(6, 8, 0)},
			{ID: "p6", Owner: "c", Created: mar(22, 9, 0)},
			{ID: "p7", Owner: "c"},
			{ID: "p8", Owner: "a", Created: mar(12, 9, 0)},
		},
		Activities: acts,
	}
}

// associate sets the deals and contacts of the activity with the given id.
func associate(acts []sales.Activity, id sales.ActivityID, deals []sales.DealID,
	contacts []sales.ContactID) {
	for i := range acts {
		if acts[i].ID == id {
			acts[i].Deals, acts[i].Contacts = deals, contacts
			return
		}
	}
	panic("no activity " + string(id))
}

func handDataset() *sales.Dataset { return sales.MustDataset(handPortal()) }
