package activity

import (
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/testkit"
)

// TestLastEvening checks, report by report, that what happens at 23:30 on
// the last day of a month in New York belongs to that month there,
// although its UTC date is the next day: February 29 and March 31 each
// hold one record of every kind, so February and March count one each
// and April none.
func TestLastEvening(t *testing.T) {
	feb29 := time.Date(2024, time.February, 29, 23, 30, 0, 0, newYork)
	mar31 := mar(31, 23, 30)
	recs := sales.Records{TimeZone: "America/New_York", Owners: []sales.Owner{{ID: "a", Name: "Ann"}},
		Pipelines: []sales.Pipeline{testkit.SalesPipeline}}
	for i, at := range []time.Time{feb29, mar31} {
		n := itoa(i)
		recs.Activities = append(recs.Activities,
			sales.Activity{ID: sales.ActivityID("c" + n), Type: sales.ActivityCall, Owner: "a", Time: at,
				Duration: time.Minute, Contacts: []sales.ContactID{sales.ContactID("p" + n)}},
			sales.Activity{ID: sales.ActivityID("e" + n), Type: sales.ActivityEmail, Owner: "a", Time: at,
				Direction: sales.DirectionOutbound},
			sales.Activity{ID: sales.ActivityID("m" + n), Type: sales.ActivityMeeting, Owner: "a", Time: at,
				MeetingEnd: at.Add(30 * time.Minute), MeetingOutcome: sales.MeetingCompleted},
			sales.Activity{ID: sales.ActivityID("k" + n), Type: sales.ActivityTask, Owner: "a",
				Time: at.AddDate(0, 0, -20), TaskCompleted: at, TaskStatus: sales.TaskCompleted})
		recs.Contacts = append(recs.Contacts,
			sales.Contact{ID: sales.ContactID("p" + n), Owner: "a", Created: at})
		recs.Deals = append(recs.Deals, sales.Deal{ID: sales.DealID("d" + n), Owner: "a", Pipeline: "sales",
			Stage: "won", Created: at.AddDate(0, -1, 0), CloseDate: at})
	}
	ds := sales.MustDataset(recs)
	later := time.Date(2024, time.June, 1, 0, 0, 0, 0, newYork)
	reports := map[string]func(p sales.Period) (int64, error){
		"R01 calls": func(p sales.Period) (int64, error) {
			r, err := ActivitiesByType(ds, p)
			return r.Total.Calls, err
		},
		"R02": func(p sales.Period) (int64, error) {
			r, err := CallsPerRep(ds, p)
			return r.Reps[0].Calls.Total, err
		},
		"R03 by day": func(p sales.Period) (int64, error) {
			r, err := EmailsPerRep(ds, sales.Calendar{}, sales.UnitDay, p)
			if err != nil || r.Reps[0].Total.Sent == 0 {
				return 0, err
			}
			// the last local day of the month
			return r.Reps[0].Buckets[r.Buckets.Len()-1].Sent, err
		},
		"R04 on the last day": func(p sales.Period) (int64, error) {
			r, err := CallTimePerDay(ds, p)
			if err != nil || r.Reps[0].Total.Calls == 0 {
				return 0, err
			}
			return r.Reps[0].Days[r.Days.Len()-1].Calls, err
		},
		"R05 days": func(p sales.Period) (int64, error) {
			r, err := AverageCallTimePerDay(ds, p)
			return r.Reps[0].PerDay.N, err
		},
		"R06": func(p sales.Period) (int64, error) {
			r, err := TasksPerRep(ds, p, later)
			return r.Reps[0].Tasks.Completed, err
		},
		"R13": func(p sales.Period) (int64, error) {
			r, err := EffortPerDeal(ds, p, later)
			return r.Reps[0].Won.Deals, err
		},
		"R18": func(p sales.Period) (int64, error) {
			r, err := MeetingDurations(ds, p)
			return r.Reps[0].Duration.N, err
		},
		"R19": func(p sales.Period) (int64, error) {
			r, err := MeetingOutcomes(ds, p)
			return r.Reps[0].Counts.Completed, err
		},
		"R40": func(p sales.Period) (int64, error) {
			r, err := ResponseTime(ds, p, later, ResponseOptions{})
			return r.Reps[0].Reached, err
		},
	}
	months := []struct {
		m    time.Month
		want int64
	}{{time.February, 1}, {time.March, 1}, {time.April, 0}}
	for name, f := range reports {
		for _, mm := range months {
			got, err := f(sales.Month(2024, mm.m, newYork))
			if err != nil || got != mm.want {
				t.Errorf("%s over %s in New York = %d, %v, want %d", name, mm.m, got, err, mm.want)
			}
		}
	}
}
