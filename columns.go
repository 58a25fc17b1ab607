package sales

import (
	"time"

	"github.com/shopspring/decimal"
)

// The columns of a Dataset hold, for every record, the fields reports
// filter and group on, one dense slice per field indexed like the records
// themselves: times as Instants, enumerations as bytes, owners, pipelines
// and companies as positions. A report that walks a column touches a few
// bytes per record rather than the whole record, and compares integers
// rather than time.Time values, which is what keeps the catalogue fast on
// millions of records.
//
// NewDataset builds the columns once, in linear time. The slices are
// shared by every report: read them, never modify them.
//
// BUG(perf): columns keep times as Instants, which clamp times before 1678
// or after 2262 to the ends of that span (see InstantOf). Reports compare
// such a time rightly with any instant within the span, and read it from
// the record to measure a duration; but a report asked about a period or
// an instant itself beyond those years may place the records dated beyond
// them, on the same side, wrongly. Validate reports every such date.

// DealColumns are the columns of Deals.
type DealColumns struct {
	// Created and Close are each deal's Created and CloseDate.
	Created, Close []Instant
	// Kind is DealKind: open, won or lost, 0 when the stage is unknown.
	Kind []StageKind
	// Pipeline is the position of the deal's pipeline in Pipelines, -1
	// when it is not listed; Stage the position of its current stage in
	// that pipeline's Stages, -1 when it has none there.
	Pipeline, Stage []int32
	// Owner is the position of the deal's owner in Owners, or Unassigned
	// or Unlisted; Company the position of its company in Companies, or
	// Unassigned (no company) or Unlisted.
	Owner, Company []int32
	// Value says whether the deal has a value in the home currency.
	Value []ValueState
	// Type is each deal's Type.
	Type []DealType
	// Source, Region and LostReason are each deal's Source, Region and
	// LostReason, as codes.
	Source, Region, LostReason Codes
	// Micros is the deal's value in the home currency in millionths, when
	// Value is ValueOK and the value is a whole number of millionths that
	// fits in an int64 with room to add (at most 15 digits); NoMicros
	// otherwise, where DealValue gives the exact decimal.
	Micros []int64
}

// The owner and company columns hold the position of the record named
// in Owners or Companies, or one of these.
const (
	// Unassigned is a record that names none (an empty id), when the list
	// has no record with the empty id.
	Unassigned = -1
	// Unlisted is a record that names an id the list does not have.
	Unlisted = -2
)

// positionOf returns the owner or company column's value for id.
func positionOf[ID ~string](index *idIndex[ID], id ID) int32 {
	if p, ok := index.find(id); ok {
		return p
	}
	if id == "" {
		return Unassigned
	}
	return Unlisted
}

// ownerOf returns the owner column's value for id.
func (d *Dataset) ownerOf(id OwnerID) int32 { return positionOf(&d.owners, id) }

// NoMicros marks a deal whose value has no exact form in DealColumns.Micros.
const NoMicros = -1 << 63

// ActivityColumns are the columns of Activities. The fields that apply to
// some types only are zero (or NoInstant) for the others, as in Activity.
type ActivityColumns struct {
	Time []Instant
	Type []ActivityType
	// Owner is the position of the activity's owner in Owners, or
	// Unassigned or Unlisted.
	Owner          []int32
	Direction      []Direction
	CallOutcome    []CallOutcome
	Duration       []time.Duration
	MeetingEnd     []Instant
	MeetingOutcome []MeetingOutcome
	TaskStatus     []TaskStatus
	TaskDue        []Instant
	TaskCompleted  []Instant

	byType adjacency // the positions of the activities of each type
}

// OfType returns the positions of the activities of type t, in the order
// of Activities (none for a value that is not a type). Reports about one
// type walk these rather than every activity. The slice is shared: do not
// modify it.
func (c *ActivityColumns) OfType(t ActivityType) []int32 { return c.byType.of(int(t)) }

// ContactColumns are the columns of Contacts.
type ContactColumns struct {
	Created []Instant
	// Owner is the position of the contact's owner in Owners, or
	// Unassigned or Unlisted.
	Owner     []int32
	Lifecycle []LifecycleStage
	// Source and LeadStatus are each contact's Source and LeadStatus, as
	// codes.
	Source, LeadStatus Codes
	// Reached[s] holds when each contact first reached lifecycle stage s
	// (Reached.Get(s)); Reached[LifecycleUnknown] is nil.
	Reached [NumLifecycleStages][]Instant
}

// Codes is a column of strings with few distinct values, such as the
// sources of leads, kept as a code per record into a dictionary of the
// distinct strings: record i's string is Dict[Code[i]]. A report counts
// by code in an array, and looks the strings up once per distinct value.
// The dictionary is in the order the strings first appear.
type Codes struct {
	Code []uint32
	Dict []string
}

// String returns record i's string.
func (c *Codes) String(i int) string { return c.Dict[c.Code[i]] }

// coder builds Codes one record at a time, in the records' order.
type coder struct {
	c     *Codes
	index map[string]uint32
	last  string // the previous record's string, whose code is code
	code  uint32
}

// newCoder starts the Codes c of n records.
func newCoder(c *Codes, n int) coder {
	*c = Codes{Code: make([]uint32, n)}
	return coder{c: c, index: map[string]uint32{}}
}

// set gives record i the code of s. Records in a row often share their
// string, so it looks up only a string that differs from the last one.
func (b *coder) set(i int, s string) {
	if s != b.last || len(b.c.Dict) == 0 {
		k, ok := b.index[s]
		if !ok {
			k = uint32(len(b.c.Dict))
			b.index[s] = k
			b.c.Dict = append(b.c.Dict, s)
		}
		b.last, b.code = s, k
	}
	b.c.Code[i] = b.code
}

// CompanyColumns are the columns of Companies.
type CompanyColumns struct {
	// Type, Industry and Region are each company's Type, Industry and
	// Region, as codes.
	Type, Industry, Region Codes
}

// Visits is one deal's stage history as columns, in the order of
// StageHistory: visit j is Stage[j], entered at Entered[j] and left at
// Left[j] (NoInstant while the deal is still there).
type Visits struct {
	// Stage is the position of the visit's stage in the deal's pipeline,
	// -1 when the pipeline is not listed or has no such stage.
	Stage         []int32
	Entered, Left []Instant
}

// Len returns the number of visits.
func (v Visits) Len() int { return len(v.Stage) }

// CloseChanges is one deal's close date history as columns, in the order
// of CloseDateHistory: from At[j] on, the expected close date was
// CloseDate[j] (NoInstant when it was cleared).
type CloseChanges struct {
	At, CloseDate []Instant
}

// Len returns the number of changes.
func (c CloseChanges) Len() int { return len(c.At) }

// DealColumns returns the columns of Deals. They are shared: do not modify
// them.
func (d *Dataset) DealColumns() *DealColumns { return &d.deal }

// ActivityColumns returns the columns of Activities. They are shared: do
// not modify them.
func (d *Dataset) ActivityColumns() *ActivityColumns { return &d.activity }

// CompanyColumns returns the columns of Companies. They are shared: do
// not modify them.
func (d *Dataset) CompanyColumns() *CompanyColumns { return &d.company }

// ContactColumns returns the columns of Contacts. They are shared: do not
// modify them.
func (d *Dataset) ContactColumns() *ContactColumns { return &d.contact }

// DealVisits returns the i-th deal's stage history as columns. The slices
// are shared: do not modify them.
func (d *Dataset) DealVisits(i int) Visits {
	lo, hi := d.visits.span(i)
	return Visits{Stage: d.visits.stage[lo:hi:hi], Entered: d.visits.entered[lo:hi:hi],
		Left: d.visits.left[lo:hi:hi]}
}

// DealCloseChanges returns the i-th deal's close date history as columns.
// The slices are shared: do not modify them.
func (d *Dataset) DealCloseChanges(i int) CloseChanges {
	lo, hi := d.closes.span(i)
	return CloseChanges{At: d.closes.at[lo:hi:hi], CloseDate: d.closes.date[lo:hi:hi]}
}

// visitTable holds the stage histories of all deals in one set of
// columns: deal i's visits are start[i]:start[i+1].
type visitTable struct {
	start         []int32
	stage         []int32
	entered, left []Instant
}

func (v *visitTable) span(i int) (int32, int32) { return v.start[i], v.start[i+1] }

// closeTable holds the close date histories of all deals likewise.
type closeTable struct {
	start    []int32
	at, date []Instant
}

func (c *closeTable) span(i int) (int32, int32) { return c.start[i], c.start[i+1] }

// buildDeals fills the deal columns and the deal values.
func (d *Dataset) buildDeals() {
	n := len(d.Deals)
	c := &d.deal
	c.Created, c.Close = make([]Instant, n), make([]Instant, n)
	c.Kind, c.Value = make([]StageKind, n), make([]ValueState, n)
	c.Pipeline, c.Stage = make([]int32, n), make([]int32, n)
	c.Owner, c.Company = make([]int32, n), make([]int32, n)
	c.Micros, c.Type = make([]int64, n), make([]DealType, n)
	d.dealValue = make([]decimal.Decimal, n)
	sources, regions := newCoder(&c.Source, n), newCoder(&c.Region, n)
	reasons := newCoder(&c.LostReason, n)
	for i := range d.Deals {
		x := &d.Deals[i]
		sources.set(i, x.Source)
		regions.set(i, x.Region)
		reasons.set(i, x.LostReason)
		c.Type[i] = x.Type
		c.Created[i], c.Close[i] = InstantOf(x.Created), InstantOf(x.CloseDate)
		c.Owner[i] = d.ownerOf(x.Owner)
		c.Company[i] = positionOf(&d.companies, x.Company)
		c.Pipeline[i], c.Stage[i] = -1, -1
		if p, ok := d.pipelines.find(x.Pipeline); ok {
			c.Pipeline[i] = p
			if s, ok := d.Pipelines[p].StageIndex(x.Stage); ok {
				c.Stage[i] = int32(s)
				if k := d.Pipelines[p].Stages[s].Kind; k.valid() {
					c.Kind[i] = k
				}
			}
		}
		v, state := d.homeValue(x.Amount, x.Currency)
		d.dealValue[i], c.Value[i], c.Micros[i] = v, state, NoMicros
		if m, ok := toMicros(v); ok && state == ValueOK {
			c.Micros[i] = m
		}
	}
}

// buildCompanies fills the company columns.
func (d *Dataset) buildCompanies() {
	n := len(d.Companies)
	c := &d.company
	types, industries := newCoder(&c.Type, n), newCoder(&c.Industry, n)
	regions := newCoder(&c.Region, n)
	for i := range d.Companies {
		x := &d.Companies[i]
		types.set(i, x.Type)
		industries.set(i, x.Industry)
		regions.set(i, x.Region)
	}
}

// buildVisits fills the stage visits and the close date histories.
func (d *Dataset) buildVisits() {
	n := len(d.Deals)
	v, h := &d.visits, &d.closes
	v.start, h.start = make([]int32, n+1), make([]int32, n+1)
	for i := range d.Deals {
		v.start[i+1] = v.start[i] + int32(len(d.Deals[i].StageHistory))
		h.start[i+1] = h.start[i] + int32(len(d.Deals[i].CloseDateHistory))
	}
	v.stage = make([]int32, v.start[n])
	v.entered, v.left = make([]Instant, v.start[n]), make([]Instant, v.start[n])
	h.at, h.date = make([]Instant, h.start[n]), make([]Instant, h.start[n])
	for i := range d.Deals {
		x := &d.Deals[i]
		p, listed := d.pipelines.find(x.Pipeline)
		for j, s := range x.StageHistory {
			k := int(v.start[i]) + j
			v.stage[k], v.entered[k], v.left[k] = -1, InstantOf(s.Entered), InstantOf(s.Left)
			if !listed {
				continue
			}
			if pos, ok := d.Pipelines[p].StageIndex(s.Stage); ok {
				v.stage[k] = int32(pos)
			}
		}
		for j, ch := range x.CloseDateHistory {
			k := int(h.start[i]) + j
			h.at[k], h.date[k] = InstantOf(ch.At), InstantOf(ch.CloseDate)
		}
	}
}

// buildActivities fills the activity columns.
func (d *Dataset) buildActivities() {
	n := len(d.Activities)
	c := &d.activity
	c.Time, c.Type, c.Owner = make([]Instant, n), make([]ActivityType, n), make([]int32, n)
	c.Direction, c.CallOutcome = make([]Direction, n), make([]CallOutcome, n)
	c.Duration, c.MeetingEnd = make([]time.Duration, n), make([]Instant, n)
	c.MeetingOutcome, c.TaskStatus = make([]MeetingOutcome, n), make([]TaskStatus, n)
	c.TaskDue, c.TaskCompleted = make([]Instant, n), make([]Instant, n)
	start := make([]int32, NumActivityTypes+1)
	for i := range d.Activities {
		a := &d.Activities[i]
		if a.Type.known() {
			start[a.Type+1]++
		}
		c.Time[i], c.Type[i], c.Owner[i] = InstantOf(a.Time), a.Type, d.ownerOf(a.Owner)
		c.Direction[i], c.CallOutcome[i], c.Duration[i] = a.Direction, a.CallOutcome, a.Duration
		c.MeetingEnd[i], c.MeetingOutcome[i] = InstantOf(a.MeetingEnd), a.MeetingOutcome
		c.TaskStatus[i] = a.TaskStatus
		c.TaskDue[i], c.TaskCompleted[i] = InstantOf(a.TaskDue), InstantOf(a.TaskCompleted)
	}
	items := fill(start)
	for i, t := range c.Type {
		if t.known() {
			items[start[t]] = int32(i)
			start[t]++
		}
	}
	unshift(start)
	c.byType = adjacency{start: start, items: items}
}

// buildContacts fills the contact columns.
func (d *Dataset) buildContacts() {
	n := len(d.Contacts)
	c := &d.contact
	c.Created, c.Owner = make([]Instant, n), make([]int32, n)
	c.Lifecycle = make([]LifecycleStage, n)
	for s := LifecycleSubscriber; int(s) < NumLifecycleStages; s++ {
		c.Reached[s] = make([]Instant, n)
	}
	sources, statuses := newCoder(&c.Source, n), newCoder(&c.LeadStatus, n)
	for i := range d.Contacts {
		x := &d.Contacts[i]
		sources.set(i, x.Source)
		statuses.set(i, x.LeadStatus)
		c.Created[i], c.Owner[i], c.Lifecycle[i] = InstantOf(x.Created), d.ownerOf(x.Owner),
			x.Lifecycle
		r := &x.Reached
		c.Reached[LifecycleSubscriber][i] = InstantOf(r.Subscriber)
		c.Reached[LifecycleLead][i] = InstantOf(r.Lead)
		c.Reached[LifecycleMarketingQualified][i] = InstantOf(r.MarketingQualified)
		c.Reached[LifecycleSalesQualified][i] = InstantOf(r.SalesQualified)
		c.Reached[LifecycleOpportunity][i] = InstantOf(r.Opportunity)
		c.Reached[LifecycleCustomer][i] = InstantOf(r.Customer)
		c.Reached[LifecycleEvangelist][i] = InstantOf(r.Evangelist)
		c.Reached[LifecycleOther][i] = InstantOf(r.Other)
	}
}

// TaskStateAt is Activity.StateAt for the i-th activity and an instant
// given as an Instant. It reads only the Dataset's columns.
func (d *Dataset) TaskStateAt(i int, asOf Instant) TaskState {
	c := &d.activity
	if c.Type[i] != ActivityTask || c.Time[i] == NoInstant || c.Time[i] > asOf {
		return TaskStateNone
	}
	done := c.TaskCompleted[i]
	switch {
	case done != NoInstant && done <= asOf:
		return TaskStateCompleted
	case done == NoInstant && c.TaskStatus[i] == TaskCompleted:
		return TaskStateCompleted
	case c.TaskDue[i] != NoInstant && c.TaskDue[i] < asOf:
		return TaskStateOverdue
	}
	return TaskStateInProgress
}

// known reports whether t is one of the five types.
func (t ActivityType) known() bool { return t >= ActivityCall && t <= ActivityNote }
