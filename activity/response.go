package activity

import (
	"fmt"
	"slices"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
	"github.com/salespilot/sales/internal/order"
)

// ResponseOptions tells R40 which of the contacts created in the period
// are inbound, by their original source: the records have no other sign
// of whether a contact came to the team on its own (see the BUG note).
// The zero ResponseOptions takes every contact as inbound.
type ResponseOptions struct {
	// Sources, when not empty, keeps only the contacts whose Source is
	// one of these, exactly as the CRM writes it (such as
	// "ORGANIC_SEARCH"); the others are counted in OtherSource. Empty
	// keeps every contact.
	Sources []string
	// ExcludeSources leaves out the contacts whose Source is one of
	// these, counted in OtherSource, after Sources has kept its own. It
	// says "every contact but those" without listing every source the
	// CRM may write: with HubSpot's sources, {"OFFLINE"} leaves out the
	// contacts imported, entered by hand or synced from another app,
	// and keeps those with no source.
	ExcludeSources []string
}

// inbound reports whether a contact of source src is taken as inbound.
func (o ResponseOptions) inbound(src string) bool {
	if len(o.Sources) > 0 && !slices.Contains(o.Sources, src) {
		return false
	}
	return !slices.Contains(o.ExcludeSources, src)
}

// BUG(activity): The records carry no flag that tells an inbound contact
// (one who came to the team) from one the team imported or prospected, so
// ResponseTime (R40) takes every contact created in the period as inbound
// unless ResponseOptions narrows them by original source. Contacts a rep
// entered by hand after talking to them then count as quick replies, and
// imported lists nobody has called yet as never reached.

// BUG(activity): ResponseTime (R40) counts any call, of either direction
// and whatever its outcome, and any meeting as a response, as the
// catalogue words it ("the first call, outgoing email or meeting"): an
// inbound call nobody answered, logged as the contact is created, reads
// as an instant response, and a canceled meeting as a response at its
// planned time.

// ResponseBands counts responses by how long they took, for a histogram:
// under an hour, one to four hours, four hours to a day, one to three
// days, three to seven days, and seven days or more. Each band holds its
// lower bound and not its upper one.
type ResponseBands struct {
	Within1h int64 `json:"under_1h"`
	Within4h int64 `json:"1h_to_4h"`
	Within1d int64 `json:"4h_to_1d"`
	Within3d int64 `json:"1d_to_3d"`
	Within7d int64 `json:"3d_to_7d"`
	Later    int64 `json:"7d_or_more"`
}

func (b *ResponseBands) add(d time.Duration) {
	switch {
	case d < time.Hour:
		b.Within1h++
	case d < 4*time.Hour:
		b.Within4h++
	case d < 24*time.Hour:
		b.Within1d++
	case d < 72*time.Hour:
		b.Within3d++
	case d < 168*time.Hour:
		b.Within7d++
	default:
		b.Later++
	}
}

func (b *ResponseBands) merge(o ResponseBands) {
	b.Within1h += o.Within1h
	b.Within4h += o.Within4h
	b.Within1d += o.Within1d
	b.Within3d += o.Within3d
	b.Within7d += o.Within7d
	b.Later += o.Later
}

// RepResponse is one owner's row of ResponseReport: the contacts the
// owner is in charge of, and how fast the team reached them.
type RepResponse struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	// Contacts counts the contacts created in the period:
	// Reached + NeverReached.
	Contacts     int64 `json:"contacts"`
	Reached      int64 `json:"reached"`
	NeverReached int64 `json:"never_reached"`
	// Mean and Median are over the reached contacts' response times;
	// both have no value (Median is null) when none was reached.
	Mean   MeanDuration   `json:"mean"`
	Median *time.Duration `json:"median"`
	Bands  ResponseBands  `json:"bands"`
}

// ResponseReport is R40 of the catalogue: how long new contacts waited
// for a first call, outgoing email or meeting from a rep.
type ResponseReport struct {
	Period sales.Period `json:"period"`
	AsOf   time.Time    `json:"as_of"`
	// Sources and ExcludeSources are those of the ResponseOptions.
	Sources        []string `json:"sources,omitempty"`
	ExcludeSources []string `json:"exclude_sources,omitempty"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last. Owners are the contacts' owners.
	Reps []RepResponse `json:"reps"`
	// Team is over every contact of the rows.
	Team RepResponse `json:"team"`
	// NoCreated counts contacts with no creation time, which fall in no
	// period. CreatedAfter counts contacts created in the period but
	// after AsOf. OtherSource counts contacts of the period left out by
	// ResponseOptions.Sources or ExcludeSources. None of them is in a
	// row.
	NoCreated    int64 `json:"no_created"`
	CreatedAfter int64 `json:"created_after"`
	OtherSource  int64 `json:"other_source"`
	// Unowned counts calls, outgoing emails and meetings of the rows'
	// contacts that name no owner: no rep made them, so they are not a
	// response.
	Unowned int64 `json:"unowned"`
}

// responseAcc is one owner's row while it is built.
type responseAcc struct {
	row   RepResponse
	times []time.Duration
}

// ResponseTime measures, for the contacts created in p (half-open, read in
// its location), the time from each contact's creation to the first
// response a rep gave it: the earliest call (of either direction),
// outgoing email or meeting associated with the contact, made by an
// owner (any non-empty owner, listed or not), at or after the contact's
// creation and at or before asOf. This is R40 of the catalogue.
//
// The records say nothing of which contacts came in on their own, so
// every contact created in p counts as an inbound contact to respond to
// unless o narrows them by original source (ResponseOptions.Sources keeps
// some, ExcludeSources leaves some out); the contacts left out are
// counted in OtherSource. Rows are per
// contact owner, the rep in charge of answering; the response may come
// from anyone. A contact no rep reached by asOf counts in NeverReached:
// it never counts as an instant reply, and its wait is in no mean.
// Activities before the contact was created, and emails received or with
// no direction, are no response; activities with no owner are counted in
// Unowned. A planned meeting after asOf is not a response yet.
//
// Mean and Median are in time.Duration. The median of an even count is
// halfway between the two middle times, truncated to the nanosecond.
// Results do not merge, since medians do not add up. ResponseTime fails
// only when p is not a valid period or asOf is zero.
func ResponseTime(ds *sales.Dataset, p sales.Period, asOf time.Time,
	o ResponseOptions) (ResponseReport, error) {
	if err := checkPeriod(p); err != nil {
		return ResponseReport{}, fmt.Errorf("activity: response time: %w", err)
	}
	if err := checkAsOf(asOf); err != nil {
		return ResponseReport{}, fmt.Errorf("activity: response time: %w", err)
	}
	r := ResponseReport{Period: p, AsOf: asOf, Sources: slices.Clone(o.Sources),
		ExcludeSources: slices.Clone(o.ExcludeSources)}
	t := byowner.New[responseAcc](ds)
	span, at := sales.SpanOf(p), sales.InstantOf(asOf)
	reached := 0
	for i, created := range ds.ContactColumns().Created {
		switch {
		case created == sales.NoInstant:
			r.NoCreated++
			continue
		case !span.Contains(created):
			continue
		case created > at:
			r.CreatedAfter++
			continue
		case !o.inbound(ds.Contacts[i].Source):
			r.OtherSource++
			continue
		}
		acc := t.Contact(i)
		acc.row.Contacts++
		wait, ok := r.firstResponse(ds, i, created, at)
		if !ok {
			acc.row.NeverReached++
			continue
		}
		acc.row.Reached++
		reached++
		acc.row.Mean.Add(wait)
		acc.row.Bands.add(wait)
		acc.times = append(acc.times, wait)
	}
	all := make([]time.Duration, 0, reached)
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, acc *responseAcc) RepResponse {
		all = append(all, acc.times...)
		row := acc.row
		row.Owner, row.Name = id, name
		row.Median = median(acc.times)
		return row
	})
	r.Team = teamResponse(r.Reps, all)
	return r, nil
}

// firstResponse returns how long the i-th contact waited for its first
// response, and false when it got none by asOf.
func (r *ResponseReport) firstResponse(ds *sales.Dataset, i int,
	created, asOf sales.Instant) (time.Duration, bool) {
	c := ds.ActivityColumns()
	first := sales.NoInstant
	for _, k := range ds.ContactActivities(i) {
		at := c.Time[k]
		if !isResponse(c.Type[k], c.Direction[k]) || at < created || at > asOf {
			continue
		}
		if o := c.Owner[k]; o == sales.Unassigned || (o >= 0 && ds.Owners[o].ID == "") {
			r.Unowned++
			continue
		}
		if first == sales.NoInstant || at < first {
			first = at
		}
	}
	switch {
	case first == sales.NoInstant:
		return 0, false
	case first.Clamped() || created.Clamped():
		return firstTime(ds, i, first).Sub(ds.Contacts[i].Created), true
	}
	return first.Sub(created), true
}

// firstTime returns the time, as its record holds it, of the first of the
// i-th contact's activities at the instant first.
func firstTime(ds *sales.Dataset, i int, first sales.Instant) time.Time {
	times := ds.ActivityColumns().Time
	for _, k := range ds.ContactActivities(i) {
		if times[k] == first {
			return ds.Activities[k].Time
		}
	}
	return first.Time()
}

// isResponse reports whether an activity of type t in direction d is the
// kind that answers a contact: a call, an outgoing email or a meeting.
func isResponse(t sales.ActivityType, d sales.Direction) bool {
	switch t {
	case sales.ActivityCall, sales.ActivityMeeting:
		return true
	case sales.ActivityEmail:
		return d == sales.DirectionOutbound
	}
	return false
}

// median reorders times and returns their median, or nil for none.
func median(times []time.Duration) *time.Duration {
	n := len(times)
	if n == 0 {
		return nil
	}
	lo, m := order.Middle(times)
	if n%2 == 0 {
		m = lo + (m-lo)/2
	}
	return &m
}

func teamResponse(reps []RepResponse, all []time.Duration) RepResponse {
	team := RepResponse{Name: "team"}
	for i := range reps {
		x := &reps[i]
		team.Contacts += x.Contacts
		team.Reached += x.Reached
		team.NeverReached += x.NeverReached
		team.Mean.Merge(x.Mean)
		team.Bands.merge(x.Bands)
	}
	team.Median = median(all)
	return team
}
