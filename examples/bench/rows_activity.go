package main

import "github.com/salespilot/sales/activity"

// The rows of the activity reports, in the columns of their queries.

func init() {
	register("R01", false, func(r activity.TypeReport) [][]any {
		var out [][]any
		for _, rep := range r.Reps {
			c := rep.Counts
			out = append(out, Row(rep.Owner, c.Calls, c.Emails, c.Meetings, c.Tasks, c.Notes, c.Total))
		}
		return out
	})
}
