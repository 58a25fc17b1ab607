package activity_test

import (
	"fmt"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
)

// paris is the example portal's location.
var paris, _ = time.LoadLocation("Europe/Paris")

// at returns a time in March 2024 in Paris.
func at(day, hour, minute int) time.Time {
	return time.Date(2024, time.March, day, hour, minute, 0, 0, paris)
}

// examplePortal is a two-rep portal in Paris: a week of Ann's and Bob's
// calls, emails, meetings and tasks in March 2024.
func examplePortal() *sales.Dataset {
	call := func(owner sales.OwnerID, t time.Time, o sales.CallOutcome, ms int64) sales.Activity {
		return sales.Activity{Type: sales.ActivityCall, Owner: owner, Time: t, CallOutcome: o,
			Duration: time.Duration(ms) * time.Millisecond}
	}
	acts := []sales.Activity{
		call("ann", at(4, 10, 0), sales.CallConnected, 1_800_000), // 30 minutes
		call("ann", at(4, 14, 0), sales.CallNoAnswer, 0),
		call("ann", at(5, 9, 0), sales.CallConnected, 600_000),
		call("bob", at(5, 11, 0), sales.CallLeftVoicemail, 40_000),
		// Logged at 23:30 on March 31 in Paris: March there, whatever
		// the UTC date.
		call("bob", at(31, 23, 30), sales.CallConnected, 300_000),
		{Type: sales.ActivityEmail, Owner: "ann", Time: at(4, 11, 0), Direction: sales.DirectionOutbound},
		{Type: sales.ActivityEmail, Owner: "ann", Time: at(12, 8, 0), Direction: sales.DirectionInbound},
		{Type: sales.ActivityEmail, Owner: "bob", Time: at(13, 8, 0), Direction: sales.DirectionOutbound},
		{Type: sales.ActivityMeeting, Owner: "ann", Time: at(6, 10, 0), MeetingEnd: at(6, 11, 0),
			MeetingOutcome: sales.MeetingCompleted, Deals: []sales.DealID{"d1"}},
		{Type: sales.ActivityMeeting, Owner: "ann", Time: at(7, 10, 0), MeetingEnd: at(7, 10, 30),
			MeetingOutcome: sales.MeetingCompleted, Contacts: []sales.ContactID{"c1"}},
		{Type: sales.ActivityMeeting, Owner: "ann", Time: at(8, 10, 0),
			MeetingOutcome: sales.MeetingCompleted},
		{Type: sales.ActivityMeeting, Owner: "bob", Time: at(8, 15, 0), MeetingOutcome: sales.MeetingNoShow},
		{Type: sales.ActivityMeeting, Owner: "bob", Time: at(9, 15, 0)},
		{Type: sales.ActivityTask, Owner: "ann", Time: at(1, 9, 0), TaskDue: at(4, 9, 0),
			TaskCompleted: at(3, 17, 0), TaskStatus: sales.TaskCompleted, Deals: []sales.DealID{"d1"}},
		{Type: sales.ActivityTask, Owner: "ann", Time: at(1, 9, 0), TaskDue: at(8, 9, 0),
			TaskStatus: sales.TaskNotStarted, Deals: []sales.DealID{"d2"}},
		{Type: sales.ActivityTask, Owner: "bob", Time: at(2, 9, 0), TaskStatus: sales.TaskInProgress,
			Deals: []sales.DealID{"d2"}},
		{Type: sales.ActivityTask, Owner: "bob", Time: at(2, 9, 0), TaskDue: at(15, 18, 0),
			TaskStatus: sales.TaskNotStarted},
	}
	return sales.MustDataset(sales.Records{
		TimeZone: "Europe/Paris",
		Owners:   []sales.Owner{{ID: "ann", Name: "Ann"}, {ID: "bob", Name: "Bob"}},
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "talk", Label: "Talking", Kind: sales.StageOpen},
			{ID: "won", Label: "Won", Kind: sales.StageWon, Probability: 1},
		}}},
		Deals: []sales.Deal{
			{ID: "d1", Owner: "ann", Pipeline: "p", Stage: "won", Created: at(1, 9, 0), CloseDate: at(10, 9, 0)},
			{ID: "d2", Owner: "bob", Pipeline: "p", Stage: "talk", Created: at(1, 9, 0)},
		},
		Contacts: []sales.Contact{
			{ID: "c1", Owner: "ann", Created: at(5, 10, 0)},
			{ID: "c2", Owner: "bob", Created: at(6, 10, 0)},
		},
		Activities: acts,
	})
}

var (
	march = sales.Month(2024, time.March, paris)
	now   = at(15, 12, 0)
)

func ExampleActivitiesByType() {
	r, err := activity.ActivitiesByType(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		c := rep.Counts
		fmt.Printf("%s: %d calls, %d emails, %d meetings, %d tasks\n",
			rep.Name, c.Calls, c.Emails, c.Meetings, c.Tasks)
	}
	fmt.Println("total:", r.Total.Total)
	// Output:
	// Ann: 3 calls, 2 emails, 3 meetings, 2 tasks
	// Bob: 2 calls, 1 emails, 2 meetings, 2 tasks
	// total: 17
}

func ExampleCallsPerRep() {
	r, err := activity.CallsPerRep(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, rep := range append(r.Reps, r.Team) {
		rate, _ := rep.ConnectRate.Value()
		fmt.Printf("%-4s %d calls, %d connected (%.0f%%), %d voicemail, %d no answer\n", rep.Name,
			rep.Calls.Total, rep.Calls.Connected, rate*100, rep.Calls.LeftVoicemail, rep.Calls.NoAnswer)
	}
	// Output:
	// Ann  3 calls, 2 connected (67%), 0 voicemail, 1 no answer
	// Bob  2 calls, 1 connected (50%), 1 voicemail, 0 no answer
	// team 5 calls, 3 connected (60%), 1 voicemail, 1 no answer
}

func ExampleEmailsPerRep() {
	r, err := activity.EmailsPerRep(examplePortal(), sales.Calendar{}, sales.UnitWeek, march)
	if err != nil {
		panic(err)
	}
	for k, week := range r.Buckets.All() {
		c := r.Team.Buckets[k]
		fmt.Printf("week from %s: %d sent, %d received\n", week.Start.Format("Jan 2"), c.Sent, c.Received)
	}
	// Output:
	// week from Mar 1: 0 sent, 0 received
	// week from Mar 4: 1 sent, 0 received
	// week from Mar 11: 1 sent, 1 received
	// week from Mar 18: 0 sent, 0 received
	// week from Mar 25: 0 sent, 0 received
}

func ExampleCallTimePerDay() {
	r, err := activity.CallTimePerDay(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	ann := r.Reps[0]
	for k, day := range r.Days.All() {
		if d := ann.Days[k]; d.Calls > 0 {
			fmt.Printf("%s %s: %d calls, %v\n", ann.Name, day.Start.Format("Jan 2"), d.Calls, d.Time)
		}
	}
	// Output:
	// Ann Mar 4: 2 calls, 30m0s
	// Ann Mar 5: 1 calls, 10m0s
}

func ExampleAverageCallTimePerDay() {
	r, err := activity.AverageCallTimePerDay(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		v, _ := rep.PerDay.Value()
		fmt.Printf("%s: %v per day over %d days\n", rep.Name, v, rep.PerDay.N)
	}
	team, _ := r.Team.Value()
	fmt.Println("team:", team)
	// Output:
	// Ann: 20m0s per day over 2 days
	// Bob: 2m50s per day over 2 days
	// team: 11m25s
}

// ExampleCallTimeReport_Merge spreads R04 over two workers, each with half
// of the activities, and takes R05 from the merged result.
func ExampleCallTimeReport_Merge() {
	ds := examplePortal()
	half := func(keep func(i int) bool) *sales.Dataset {
		r := ds.Records
		r.Activities = nil
		for i, a := range ds.Activities {
			if keep(i) {
				r.Activities = append(r.Activities, a)
			}
		}
		return sales.MustDataset(r)
	}
	a, _ := activity.CallTimePerDay(half(func(i int) bool { return i%2 == 0 }), march)
	b, _ := activity.CallTimePerDay(half(func(i int) bool { return i%2 == 1 }), march)
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	team, _ := a.Average().Team.Value()
	fmt.Println("team call time per day:", team)
	// Output:
	// team call time per day: 11m25s
}

func ExampleTasksPerRep() {
	r, err := activity.TasksPerRep(examplePortal(), march, now)
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		t := rep.Tasks
		fmt.Printf("%s: %d completed, %d in progress, %d overdue\n",
			rep.Name, t.Completed, t.InProgress, t.Overdue)
	}
	// Output:
	// Ann: 1 completed, 0 in progress, 1 overdue
	// Bob: 0 completed, 2 in progress, 0 overdue
}

func ExampleEffortPerDeal() {
	r, err := activity.EffortPerDeal(examplePortal(), march, now)
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		won, _ := rep.Won.PerDeal.Value()
		open, _ := rep.Open.PerDeal.Value()
		fmt.Printf("%s: %d won with %.0f activities each, %d open with %.0f so far\n",
			rep.Name, rep.Won.Deals, won, rep.Open.Deals, open)
	}
	// Output:
	// Ann: 1 won with 2 activities each, 0 open with 0 so far
	// Bob: 0 won with 0 activities each, 1 open with 2 so far
}

func ExampleMeetingDurations() {
	r, err := activity.MeetingDurations(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		if v, ok := rep.Duration.Value(); ok {
			fmt.Printf("%s: %d held, %v on average; %d without an end\n", rep.Name, rep.Held, v, rep.NoEnd)
		} else {
			fmt.Printf("%s: %d held, no average\n", rep.Name, rep.Held)
		}
	}
	// Output:
	// Ann: 3 held, 45m0s on average; 1 without an end
	// Bob: 0 held, no average
}

func ExampleMeetingOutcomes() {
	r, err := activity.MeetingOutcomes(examplePortal(), march)
	if err != nil {
		panic(err)
	}
	bob := r.Reps[1]
	noShow, _ := bob.Shares.NoShow.Value()
	unknown, _ := bob.Shares.Unknown.Value()
	fmt.Printf("%s: %d meetings, %.0f%% no-show, %.0f%% with no outcome\n",
		bob.Name, bob.Counts.Total, noShow*100, unknown*100)
	// Output:
	// Bob: 2 meetings, 50% no-show, 50% with no outcome
}

func ExampleResponseTime() {
	r, err := activity.ResponseTime(examplePortal(), march, now, activity.ResponseOptions{})
	if err != nil {
		panic(err)
	}
	for _, rep := range r.Reps {
		fmt.Printf("%s: %d new contacts, %d reached", rep.Name, rep.Contacts, rep.Reached)
		if rep.Median != nil {
			fmt.Printf(", median wait %v", *rep.Median)
		}
		fmt.Println()
	}
	// Output:
	// Ann: 1 new contacts, 1 reached, median wait 48h0m0s
	// Bob: 1 new contacts, 0 reached
}

func ExampleMeanDuration() {
	var m activity.MeanDuration
	if _, ok := m.Value(); !ok {
		fmt.Println("no calls: no value")
	}
	m.Add(30 * time.Minute)
	m.Add(10 * time.Minute)
	v, _ := m.Value()
	fmt.Println("mean:", v)
	// Output:
	// no calls: no value
	// mean: 20m0s
}
