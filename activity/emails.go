package activity

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// EmailCount counts emails by direction: Sent went out from the team,
// Received came in to it, Unknown has no direction logged.
type EmailCount struct {
	Sent     int64 `json:"sent"`
	Received int64 `json:"received"`
	Unknown  int64 `json:"unknown"`
}

// Total returns Sent + Received + Unknown.
func (c EmailCount) Total() int64 { return c.Sent + c.Received + c.Unknown }

func (c *EmailCount) add(d sales.Direction) {
	switch d {
	case sales.DirectionOutbound:
		c.Sent++
	case sales.DirectionInbound:
		c.Received++
	default:
		c.Unknown++
	}
}

func (c *EmailCount) merge(o EmailCount) {
	c.Sent += o.Sent
	c.Received += o.Received
	c.Unknown += o.Unknown
}

// RepEmails is one owner's row of EmailReport.
type RepEmails struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Buckets is aligned with EmailReport.Buckets.
	Buckets []EmailCount `json:"buckets"`
	// Total adds up Buckets.
	Total EmailCount `json:"total"`
}

// EmailReport is R03 of the catalogue: emails per owner per bucket of
// time, sent and received.
type EmailReport struct {
	Period sales.Period `json:"period"`
	// Buckets cuts Period by the unit asked for, in Period's location.
	Buckets sales.Buckets `json:"buckets"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepEmails `json:"reps"`
	// Team adds up the rows, bucket by bucket.
	Team RepEmails `json:"team"`
	// NoTime counts emails with no time, which fall in no bucket.
	NoTime int64 `json:"no_time"`
}

// EmailsPerRep counts the emails whose Time falls in p per owner and per
// bucket of unit u, cut by cal in p's location, split by direction: sent
// (outbound), received (inbound), and unknown when the direction was not
// logged. This is R03 of the catalogue.
//
// The first and last buckets are clipped to p, as sales.Calendar.Buckets
// cuts them. An email counts for its own owner, whoever owns the deal it
// is about; emails without an owner go to the unassigned row. Emails with
// no time are counted in NoTime.
//
// Results over two halves of the activities merge with Merge. EmailsPerRep
// fails when p is not a valid period, cal is invalid or u is not a unit.
func EmailsPerRep(ds *sales.Dataset, cal sales.Calendar, u sales.Unit,
	p sales.Period) (EmailReport, error) {
	if err := checkBuckets(cal, u, p); err != nil {
		return EmailReport{}, fmt.Errorf("activity: emails per rep: %w", err)
	}
	b := cal.Buckets(u, p)
	r := EmailReport{Period: p, Buckets: b}
	n := b.Len()
	t := byowner.New[[]EmailCount](ds)
	c := ds.ActivityColumns()
	listed := t.ListedRows()
	bounds := b.Bounds()
	for _, i := range c.OfType(sales.ActivityEmail) {
		if c.Time[i] == sales.NoInstant {
			r.NoTime++
			continue
		}
		k := bounds.Index(c.Time[i])
		if k < 0 {
			continue
		}
		var row *[]EmailCount
		if o := c.Owner[i]; o >= 0 {
			row = &listed[o]
		} else {
			row = t.Activity(int(i))
		}
		if *row == nil {
			*row = make([]EmailCount, n)
		}
		(*row)[k].add(c.Direction[i])
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, v *[]EmailCount) RepEmails {
		return repEmails(id, name, *v, n)
	})
	r.Team = teamEmails(r.Reps, n)
	return r, nil
}

// checkBuckets rejects a calendar, unit or period no report can cut.
func checkBuckets(cal sales.Calendar, u sales.Unit, p sales.Period) error {
	if err := checkPeriod(p); err != nil {
		return err
	}
	if err := cal.Validate(); err != nil {
		return err
	}
	if _, err := u.MarshalText(); err != nil {
		return fmt.Errorf("unit %s is not a unit", u)
	}
	return nil
}

// repEmails builds a row over buckets, which may be nil for an owner with
// no email.
func repEmails(id sales.OwnerID, name string, buckets []EmailCount, n int) RepEmails {
	if buckets == nil {
		buckets = make([]EmailCount, n)
	}
	row := RepEmails{Owner: id, Name: name, Buckets: buckets}
	for _, c := range buckets {
		row.Total.merge(c)
	}
	return row
}

func teamEmails(reps []RepEmails, n int) RepEmails {
	buckets := make([]EmailCount, n)
	for i := range reps {
		for k := range reps[i].Buckets {
			buckets[k].merge(reps[i].Buckets[k])
		}
	}
	return repEmails("", "team", buckets, n)
}

// Merge adds the emails of o, computed over other activities of the same
// portal for the same period and buckets, to r. It fails when the periods
// or their buckets differ.
func (r *EmailReport) Merge(o EmailReport) error {
	if !samePeriod(r.Period, o.Period) || !sameBuckets(r.Buckets, o.Buckets) {
		return mergeError("emails per rep", r.Period, o.Period)
	}
	n := r.Buckets.Len()
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepEmails) sales.OwnerID { return x.Owner },
		func(dst, src *RepEmails) {
			buckets := make([]EmailCount, n)
			copy(buckets, dst.Buckets)
			for k := range buckets {
				buckets[k].merge(src.Buckets[k])
			}
			*dst = repEmails(dst.Owner, dst.Name, buckets, n)
		})
	r.Team = teamEmails(r.Reps, n)
	r.NoTime += o.NoTime
	return nil
}
