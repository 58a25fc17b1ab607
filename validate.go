package sales

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// RecordKind names a kind of record in a Problem.
type RecordKind string

// Record kinds.
const (
	KindRecords  RecordKind = "records"
	KindOwner    RecordKind = "owner"
	KindPipeline RecordKind = "pipeline"
	KindDeal     RecordKind = "deal"
	KindContact  RecordKind = "contact"
	KindCompany  RecordKind = "company"
	KindActivity RecordKind = "activity"
	KindProduct  RecordKind = "product"
	KindLineItem RecordKind = "line_item"
	KindTarget   RecordKind = "target"
)

// Problem is one defect in the records: which record, which field, what is
// wrong. Index is the record's position in its slice of Records, so that a
// record with an empty or repeated id can still be found.
type Problem struct {
	Kind    RecordKind `json:"kind"`
	ID      string     `json:"id"`
	Index   int        `json:"index"`
	Field   string     `json:"field"`
	Message string     `json:"message"`
}

// Error returns the problem as one line, such as
// `sales: deal "42": close_date: before created`.
func (p Problem) Error() string {
	return fmt.Sprintf("sales: %s %q: %s: %s", p.Kind, p.ID, p.Field, p.Message)
}

// ValidationError lists every problem Validate found, in the order of the
// records.
type ValidationError struct {
	Problems []Problem
}

// Error summarises the problems: the count, then the first few.
func (e *ValidationError) Error() string {
	const shown = 3
	var b strings.Builder
	fmt.Fprintf(&b, "sales: %d problem(s) in the records", len(e.Problems))
	for i, p := range e.Problems {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-shown)
			break
		}
		fmt.Fprintf(&b, "; %s %q: %s: %s", p.Kind, p.ID, p.Field, p.Message)
	}
	return b.String()
}

// Unwrap returns each problem as an error, for errors.As and errors.Is.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Validate checks the records and returns a *ValidationError listing every
// problem it finds, or nil when there is none. It does not stop at the
// first problem. It checks that ids are present and unique, that every
// reference names a record that exists (an owner, a pipeline and a stage of
// it, a company, a contact, a deal, a product), that dates are present and
// in order (a deal closed before it was created, a stage left before it was
// entered, a meeting that ends before it starts), that no list names a
// record twice, that dates lie within the years 1678 to 2262 that reports
// measure, that enums hold known
// values, that probabilities lie in [0, 1] and rates are positive, and that
// every amount's currency converts into the home currency.
func (d *Dataset) Validate() error {
	v := validator{d: d}
	v.records()
	v.owners()
	v.pipelines()
	v.deals()
	v.contacts()
	v.companies()
	v.activities()
	v.products()
	v.lineItems()
	v.targets()
	eachDecimal(&v.d.Records, func(kind RecordKind, id string, i int, field string,
		d decimal.Decimal) {
		if why := decimalProblem(d); why != "" {
			v.add(kind, id, i, field, "%s %s", shortDecimal(d), why)
		}
	})
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// Validate checks the records as Dataset.Validate does. A time zone that
// does not load is reported as a problem, and the other checks go on in UTC.
func (r Records) Validate() error {
	d, err := NewDataset(r)
	if err == nil {
		return d.Validate()
	}
	tz := r.TimeZone
	r.TimeZone = ""
	d = MustDataset(r)
	verr, _ := d.Validate().(*ValidationError)
	if verr == nil {
		verr = &ValidationError{}
	}
	p := Problem{Kind: KindRecords, Index: -1, Field: "time_zone",
		Message: fmt.Sprintf("unknown location %q", tz)}
	verr.Problems = append([]Problem{p}, verr.Problems...)
	return verr
}

// maxCall is the longest duration Validate takes as a real call's.
const maxCall = 24 * time.Hour

type validator struct {
	d        *Dataset
	problems []Problem
}

func (v *validator) add(kind RecordKind, id string, i int, field, format string, args ...any) {
	v.problems = append(v.problems, Problem{
		Kind: kind, ID: id, Index: i, Field: field, Message: fmt.Sprintf(format, args...),
	})
}

// ident checks that a record's id is present and that it is the first
// record with that id.
func ident[ID ~string](v *validator, kind RecordKind, id ID, i int, x *idIndex[ID]) {
	if id == "" {
		v.add(kind, "", i, "id", "empty")
		return
	}
	if first, ok := x.find(id); ok && int(first) != i {
		v.add(kind, string(id), i, "id", "repeats the id of record %d", first)
	}
}

// ref checks that a non-empty reference names a record that exists.
func ref[ID ~string](v *validator, kind RecordKind, id string, i int, field string,
	to ID, x *idIndex[ID], what string) {
	refAt(v, kind, id, i, field, -1, to, x, what)
}

// refAt is ref for the j-th element of a list field; j < 0 means the field
// is not a list. It builds the field's name only to report a problem.
func refAt[ID ~string](v *validator, kind RecordKind, id string, i int, field string, j int,
	to ID, x *idIndex[ID], what string) {
	if to == "" {
		return
	}
	if _, ok := x.find(to); !ok {
		if j >= 0 {
			field = fmt.Sprintf("%s[%d]", field, j)
		}
		v.add(kind, id, i, field, "unknown %s %q", what, to)
	}
}

// inSpan reports a time outside the years 1678 to 2262, which a Dataset's
// columns clamp (see InstantOf): reports compare such a time correctly
// with the dates around it, but the days and durations they measure from
// it are wrong. It is most often a placeholder such as 9999-12-31.
func (v *validator) inSpan(kind RecordKind, id string, i int, field string, t time.Time) {
	if InstantOf(t).Clamped() {
		v.add(kind, id, i, field, "%s is outside the years 1678 to 2262 that reports measure",
			stamp(t))
	}
}

// repeatedIDs reports each id of a list field that an earlier element
// already holds: the association counts once, and the repeat is a defect
// of the export it came from.
func repeatedIDs[ID ~string](v *validator, kind RecordKind, id string, i int, field string,
	list []ID) {
	if len(list) > shortList {
		// A long list gets a set, so that the time stays linear.
		first := make(map[ID]int, len(list))
		for j, x := range list {
			if k, dup := first[x]; dup && x != "" {
				v.add(kind, id, i, fmt.Sprintf("%s[%d]", field, j), "repeats %q of %s[%d]",
					x, field, k)
			} else if !dup {
				first[x] = j
			}
		}
		return
	}
	for j := 1; j < len(list); j++ {
		for k := range j {
			if list[k] == list[j] && list[j] != "" {
				v.add(kind, id, i, fmt.Sprintf("%s[%d]", field, j), "repeats %q of %s[%d]",
					list[j], field, k)
				break
			}
		}
	}
}

func (v *validator) currency(kind RecordKind, id string, i int, field string, c Currency) {
	if _, err := v.d.Rates.Convert(decimalOne, v.d.currencyOf(c), v.d.home); err != nil {
		v.add(kind, id, i, field, "no exchange rate from %q to the home currency %q",
			v.d.currencyOf(c), v.d.home)
	}
}

func (v *validator) records() {
	rates := v.d.Rates
	currencies := make([]Currency, 0, len(rates.ToBase))
	for c := range rates.ToBase {
		currencies = append(currencies, c)
	}
	slices.Sort(currencies)
	for _, c := range currencies {
		r := rates.ToBase[c]
		switch {
		case r.Sign() <= 0:
			v.add(KindRecords, "", -1, "rates", "rate of %q is %s, not positive", c, r)
		case c == rates.Base && !r.Equal(decimalOne):
			v.add(KindRecords, "", -1, "rates", "rate of the base currency %q is %s, not 1", c, r)
		}
	}
}

func (v *validator) owners() {
	for i := range v.d.Owners {
		ident(v, KindOwner, v.d.Owners[i].ID, i, &v.d.owners)
	}
}

func (v *validator) pipelines() {
	for i := range v.d.Pipelines {
		p := &v.d.Pipelines[i]
		ident(v, KindPipeline, p.ID, i, &v.d.pipelines)
		if len(p.Stages) == 0 {
			v.add(KindPipeline, string(p.ID), i, "stages", "empty")
		}
		seen := make(map[StageID]bool, len(p.Stages))
		for j := range p.Stages {
			s := &p.Stages[j]
			field := lazyField("stages", j)
			if s.ID == "" || seen[s.ID] {
				v.add(KindPipeline, string(p.ID), i, field.sub(".id"), "empty or repeated: %q", s.ID)
			}
			seen[s.ID] = true
			if !enumKnown(stageKindNames, s.Kind) || s.Kind == 0 {
				v.add(KindPipeline, string(p.ID), i, field.sub(".kind"), "unknown kind %d", s.Kind)
			}
			if _, ok := s.ProbabilityOK(); !ok {
				v.add(KindPipeline, string(p.ID), i, field.sub(".probability"),
					"%v is outside [0, 1]", s.Probability)
			}
		}
	}
}

func (v *validator) deals() {
	for i := range v.d.Deals {
		x := &v.d.Deals[i]
		id := string(x.ID)
		ident(v, KindDeal, x.ID, i, &v.d.deals)
		ref(v, KindDeal, id, i, "owner", x.Owner, &v.d.owners, "owner")
		ref(v, KindDeal, id, i, "company", x.Company, &v.d.companies, "company")
		for j, c := range x.Contacts {
			refAt(v, KindDeal, id, i, "contacts", j, c, &v.d.contacts, "contact")
		}
		repeatedIDs(v, KindDeal, id, i, "contacts", x.Contacts)
		v.dealStage(i, x)
		v.dealDates(i, x)
		if x.Amount.Valid {
			v.currency(KindDeal, id, i, "currency", x.Currency)
			if x.Amount.Decimal.Sign() < 0 {
				v.add(KindDeal, id, i, "amount", "negative: %s", x.Amount.Decimal)
			}
		}
		if !enumKnown(dealTypeNames, x.Type) {
			v.add(KindDeal, id, i, "type", "unknown deal type %d", x.Type)
		}
		v.stageHistory(i, x)
		v.closeDateHistory(i, x)
		v.dealSpans(i, x)
	}
}

// dealSpans reports every date of a deal outside the span reports measure.
func (v *validator) dealSpans(i int, x *Deal) {
	id := string(x.ID)
	v.inSpan(KindDeal, id, i, "created", x.Created)
	v.inSpan(KindDeal, id, i, "close_date", x.CloseDate)
	for j, s := range x.StageHistory {
		v.inSpan(KindDeal, id, i, fmt.Sprintf("stage_history[%d].entered", j), s.Entered)
		v.inSpan(KindDeal, id, i, fmt.Sprintf("stage_history[%d].left", j), s.Left)
	}
	for j, c := range x.CloseDateHistory {
		v.inSpan(KindDeal, id, i, fmt.Sprintf("close_date_history[%d].at", j), c.At)
		v.inSpan(KindDeal, id, i, fmt.Sprintf("close_date_history[%d].close_date", j), c.CloseDate)
	}
}

func (v *validator) dealStage(i int, x *Deal) {
	id := string(x.ID)
	p := v.d.DealPipeline(i)
	switch {
	case x.Pipeline == "" && p == nil:
		v.add(KindDeal, id, i, "pipeline", "empty")
	case p == nil:
		v.add(KindDeal, id, i, "pipeline", "unknown pipeline %q", x.Pipeline)
	case x.Stage == "":
		v.add(KindDeal, id, i, "stage", "empty")
	default:
		if _, ok := v.d.DealStage(i); !ok {
			v.add(KindDeal, id, i, "stage", "stage %q is not in pipeline %q", x.Stage, x.Pipeline)
		}
	}
}

func (v *validator) dealDates(i int, x *Deal) {
	id := string(x.ID)
	if x.Created.IsZero() {
		v.add(KindDeal, id, i, "created", "missing")
	}
	if v.d.DealKind(i).Closed() {
		switch {
		case x.CloseDate.IsZero():
			v.add(KindDeal, id, i, "close_date", "missing on a closed deal")
		case !x.Created.IsZero() && x.CloseDate.Before(x.Created):
			v.add(KindDeal, id, i, "close_date", "%s is before created %s",
				stamp(x.CloseDate), stamp(x.Created))
		}
	}
}

func (v *validator) stageHistory(i int, x *Deal) {
	id := string(x.ID)
	p := v.d.DealPipeline(i)
	var prev time.Time
	for j := range x.StageHistory {
		s := &x.StageHistory[j]
		field := lazyField("stage_history", j)
		if p != nil {
			if _, ok := p.StageIndex(s.Stage); !ok {
				v.add(KindDeal, id, i, field.sub(".stage"), "stage %q is not in pipeline %q",
					s.Stage, x.Pipeline)
			}
		}
		switch {
		case s.Entered.IsZero():
			v.add(KindDeal, id, i, field.sub(".entered"), "missing")
		case j == 0 && !x.Created.IsZero() && s.Entered.Before(x.Created):
			v.add(KindDeal, id, i, field.sub(".entered"), "%s is before the deal was created, %s",
				stamp(s.Entered), stamp(x.Created))
		case s.Entered.Before(prev):
			v.add(KindDeal, id, i, field.sub(".entered"), "%s is before the previous visit ended",
				stamp(s.Entered))
		}
		if !s.Left.IsZero() && s.Left.Before(s.Entered) {
			v.add(KindDeal, id, i, field.sub(".left"), "%s is before entered %s",
				stamp(s.Left), stamp(s.Entered))
		}
		if s.Left.IsZero() && j != len(x.StageHistory)-1 {
			v.add(KindDeal, id, i, field.sub(".left"), "missing on a visit that is not the last")
		}
		prev = later(s.Entered, s.Left)
	}
	if n := len(x.StageHistory); n > 0 && x.StageHistory[n-1].Stage != x.Stage {
		v.add(KindDeal, id, i, "stage_history", "last visit is to %q, not the current stage %q",
			x.StageHistory[n-1].Stage, x.Stage)
	}
}

func (v *validator) closeDateHistory(i int, x *Deal) {
	var prev time.Time
	for j, c := range x.CloseDateHistory {
		field := lazyField("close_date_history", j)
		switch {
		case c.At.IsZero():
			v.add(KindDeal, string(x.ID), i, field.sub(".at"), "missing")
		case c.At.Before(prev):
			v.add(KindDeal, string(x.ID), i, field.sub(".at"), "%s is before the previous change",
				stamp(c.At))
		}
		prev = c.At
	}
}

func (v *validator) contacts() {
	for i := range v.d.Contacts {
		c := &v.d.Contacts[i]
		id := string(c.ID)
		ident(v, KindContact, c.ID, i, &v.d.contacts)
		ref(v, KindContact, id, i, "owner", c.Owner, &v.d.owners, "owner")
		ref(v, KindContact, id, i, "company", c.Company, &v.d.companies, "company")
		if c.Created.IsZero() {
			v.add(KindContact, id, i, "created", "missing")
		}
		if !enumKnown(lifecycleNames, c.Lifecycle) {
			v.add(KindContact, id, i, "lifecycle", "unknown stage %d", c.Lifecycle)
		}
		v.inSpan(KindContact, id, i, "created", c.Created)
		for st := LifecycleSubscriber; st <= LifecycleOther; st++ {
			v.inSpan(KindContact, id, i, "reached."+st.String(), c.Reached.Get(st))
		}
	}
}

func (v *validator) companies() {
	for i := range v.d.Companies {
		c := &v.d.Companies[i]
		ident(v, KindCompany, c.ID, i, &v.d.companies)
		ref(v, KindCompany, string(c.ID), i, "owner", c.Owner, &v.d.owners, "owner")
		v.inSpan(KindCompany, string(c.ID), i, "created", c.Created)
	}
}

func (v *validator) activities() {
	seen := make(map[ActivityID]int, len(v.d.Activities))
	for i := range v.d.Activities {
		a := &v.d.Activities[i]
		id := string(a.ID)
		if first, dup := seen[a.ID]; dup || a.ID == "" {
			v.add(KindActivity, id, i, "id", "empty or repeats the id of record %d", first)
		} else {
			seen[a.ID] = i
		}
		if a.Type == 0 || !enumKnown(activityTypeNames, a.Type) {
			v.add(KindActivity, id, i, "type", "unknown type %d", a.Type)
		}
		if a.Time.IsZero() {
			v.add(KindActivity, id, i, "time", "missing")
		}
		ref(v, KindActivity, id, i, "owner", a.Owner, &v.d.owners, "owner")
		for j, x := range a.Deals {
			refAt(v, KindActivity, id, i, "deals", j, x, &v.d.deals, "deal")
		}
		for j, x := range a.Contacts {
			refAt(v, KindActivity, id, i, "contacts", j, x, &v.d.contacts, "contact")
		}
		for j, x := range a.Companies {
			refAt(v, KindActivity, id, i, "companies", j, x, &v.d.companies, "company")
		}
		repeatedIDs(v, KindActivity, id, i, "deals", a.Deals)
		repeatedIDs(v, KindActivity, id, i, "contacts", a.Contacts)
		repeatedIDs(v, KindActivity, id, i, "companies", a.Companies)
		v.activityDetails(i, a)
	}
}

func (v *validator) activityDetails(i int, a *Activity) {
	id := string(a.ID)
	switch {
	case a.Duration < 0:
		v.add(KindActivity, id, i, "duration", "negative: %s", a.Duration)
	case a.Duration > maxCall && a.Type == ActivityCall:
		v.add(KindActivity, id, i, "duration", "%s is longer than a day: a unit mistaken "+
			"(seconds read as milliseconds?) or a placeholder", a.Duration)
	}
	v.inSpan(KindActivity, id, i, "time", a.Time)
	v.inSpan(KindActivity, id, i, "meeting_end", a.MeetingEnd)
	v.inSpan(KindActivity, id, i, "task_due", a.TaskDue)
	v.inSpan(KindActivity, id, i, "task_completed", a.TaskCompleted)
	if !a.MeetingEnd.IsZero() && !a.Time.IsZero() && a.MeetingEnd.Before(a.Time) {
		v.add(KindActivity, id, i, "meeting_end", "%s is before the start %s",
			stamp(a.MeetingEnd), stamp(a.Time))
	}
	if !a.TaskCompleted.IsZero() && !a.Time.IsZero() && a.TaskCompleted.Before(a.Time) {
		v.add(KindActivity, id, i, "task_completed", "%s is before the task was created %s",
			stamp(a.TaskCompleted), stamp(a.Time))
	}
	if !enumKnown(directionNames, a.Direction) || !enumKnown(callOutcomeNames, a.CallOutcome) ||
		!enumKnown(meetingOutcomeNames, a.MeetingOutcome) ||
		!enumKnown(taskStatusNames, a.TaskStatus) {
		v.add(KindActivity, id, i, "type", "an enum field holds an unknown value")
	}
}

func (v *validator) products() {
	for i := range v.d.Products {
		p := &v.d.Products[i]
		ident(v, KindProduct, p.ID, i, &v.d.products)
		if p.Price.Valid && p.Price.Decimal.Sign() < 0 {
			v.add(KindProduct, string(p.ID), i, "price", "negative: %s", p.Price.Decimal)
		}
	}
}

func (v *validator) lineItems() {
	seen := make(map[LineItemID]bool, len(v.d.LineItems))
	for i := range v.d.LineItems {
		li := &v.d.LineItems[i]
		id := string(li.ID)
		if li.ID == "" || seen[li.ID] {
			v.add(KindLineItem, id, i, "id", "empty or repeated")
		}
		seen[li.ID] = true
		if li.Deal == "" {
			v.add(KindLineItem, id, i, "deal", "empty")
		}
		ref(v, KindLineItem, id, i, "deal", li.Deal, &v.d.deals, "deal")
		ref(v, KindLineItem, id, i, "product", li.Product, &v.d.products, "product")
		v.currency(KindLineItem, id, i, "currency", li.Currency)
		for _, f := range []struct {
			name string
			d    decimal.Decimal
		}{{"quantity", li.Quantity}, {"unit_price", li.UnitPrice}, {"amount", li.Amount.Decimal}} {
			if f.d.Sign() < 0 {
				v.add(KindLineItem, id, i, f.name, "negative: %s", f.d)
			}
		}
	}
}

func (v *validator) targets() {
	seen := make(map[TargetID]bool, len(v.d.Targets))
	teams := map[string]bool{}
	for i := range v.d.Owners {
		teams[v.d.Owners[i].Team] = true
	}
	for i := range v.d.Targets {
		t := &v.d.Targets[i]
		id := string(t.ID)
		if t.ID != "" && seen[t.ID] {
			v.add(KindTarget, id, i, "id", "repeated")
		}
		seen[t.ID] = true
		ref(v, KindTarget, id, i, "owner", t.Owner, &v.d.owners, "owner")
		if t.Owner != "" && t.Team != "" {
			v.add(KindTarget, id, i, "team", "set beside owner %q: the target is the owner's", t.Owner)
		}
		if t.Owner == "" && t.Team != "" && !teams[t.Team] {
			v.add(KindTarget, id, i, "team", "no owner is in team %q", t.Team)
		}
		if t.Metric == TargetWonCount && !t.Value.IsInteger() {
			v.add(KindTarget, id, i, "value", "%s is not a whole number of deals", t.Value)
		}
		if t.Period.Start.IsZero() || !t.Period.End.After(t.Period.Start) {
			v.add(KindTarget, id, i, "period", "missing or empty")
		}
		v.inSpan(KindTarget, id, i, "period.start", t.Period.Start)
		v.inSpan(KindTarget, id, i, "period.end", t.Period.End)
		if t.Metric == 0 || !enumKnown(targetMetricNames, t.Metric) {
			v.add(KindTarget, id, i, "metric", "unknown metric %d", t.Metric)
		}
		if t.Value.Sign() < 0 {
			v.add(KindTarget, id, i, "value", "negative: %s", t.Value)
		}
	}
}

// stamp formats an instant for a problem message.
func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// listField names an element of a list field, such as stage_history[2],
// formatting the name only when a problem is reported.
type listField struct {
	name string
	j    int
}

func lazyField(name string, j int) listField { return listField{name, j} }

// sub returns the name of a field of the element, such as
// "stage_history[2].left".
func (f listField) sub(s string) string { return fmt.Sprintf("%s[%d]%s", f.name, f.j, s) }
