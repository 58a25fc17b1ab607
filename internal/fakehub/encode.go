package fakehub

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/salespilot/sales"
)

// The model rendered in HubSpot's JSON shapes. This code is written apart
// from the hubspot package's mapping on purpose, so that a round trip
// through both checks one against the other.

// obj is one CRM record in v3 shape. Properties whose value is empty are
// sent as the record's empty style says: left out, null or "".
type obj struct {
	id       string
	props    map[string]string
	history  map[string][]hist
	created  time.Time
	modified time.Time
	archived bool
}

type hist struct {
	value string
	at    time.Time
}

// link is one association from a record to another.
type link struct {
	to    string
	types []int
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func amount(d interface{ String() string }, valid bool) string {
	if !valid {
		return ""
	}
	return d.String()
}

func splitName(name string) (string, string) {
	first, last, _ := strings.Cut(name, " ")
	return first, last
}

// encoder turns records into objects and associations.
type encoder struct {
	opt    *Options
	teams  map[string]string // name → id
	objs   map[string][]*obj
	links  map[string]map[string][]link // "from→to" → from id → links
	owners []ownerJSON
	pipes  []pipelineJSON
}

func newEncoder(o *Options) *encoder {
	return &encoder{opt: o, teams: map[string]string{}, objs: map[string][]*obj{},
		links: map[string]map[string][]link{}}
}

func (e *encoder) add(kind string, o *obj) { e.objs[kind] = append(e.objs[kind], o) }

func (e *encoder) link(from, to, fromID, toID string, types ...int) {
	key := from + "→" + to
	if e.links[key] == nil {
		e.links[key] = map[string][]link{}
	}
	e.links[key][fromID] = append(e.links[key][fromID], link{to: toID, types: types})
}

func (e *encoder) teamID(name string) string {
	if name == "" {
		return ""
	}
	if id, ok := e.teams[name]; ok {
		return id
	}
	id := strconv.Itoa(9000 + len(e.teams))
	e.teams[name] = id
	return id
}

func (e *encoder) records(r *sales.Records, archived bool) {
	if !archived {
		for _, o := range r.Owners {
			e.owner(o)
		}
		for _, p := range r.Pipelines {
			e.pipeline(p)
		}
	}
	for _, d := range r.Deals {
		e.deal(d, archived)
	}
	for _, c := range r.Contacts {
		e.contact(c, archived)
	}
	for _, c := range r.Companies {
		e.company(c, archived)
	}
	for _, a := range r.Activities {
		e.activity(a, archived)
	}
	for _, p := range r.Products {
		e.add("products", &obj{id: string(p.ID), archived: archived, props: map[string]string{
			"name": p.Name, "hs_sku": p.SKU, "price": amount(p.Price.Decimal, p.Price.Valid)}})
	}
	for _, li := range r.LineItems {
		e.lineItem(li, archived)
	}
	if !archived {
		for _, t := range r.Targets {
			e.target(t)
		}
	}
}

type teamJSON struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Primary bool   `json:"primary"`
}

type ownerJSON struct {
	ID        string     `json:"id"`
	Email     string     `json:"email"`
	FirstName string     `json:"firstName"`
	LastName  string     `json:"lastName"`
	UserID    int        `json:"userId"`
	Archived  bool       `json:"archived"`
	Teams     []teamJSON `json:"teams"`
}

func (e *encoder) owner(o sales.Owner) {
	first, last := splitName(o.Name)
	j := ownerJSON{ID: string(o.ID), Email: o.Email, FirstName: first, LastName: last,
		UserID: 100000 + len(e.owners), Archived: o.Archived, Teams: []teamJSON{}}
	if o.Team != "" {
		j.Teams = append(j.Teams, teamJSON{ID: e.teamID(o.Team), Name: o.Team, Primary: true})
	}
	e.owners = append(e.owners, j)
}

type stageJSON struct {
	ID           string            `json:"id"`
	Label        string            `json:"label"`
	DisplayOrder int               `json:"displayOrder"`
	Metadata     map[string]string `json:"metadata"`
	Archived     bool              `json:"archived"`
}

type pipelineJSON struct {
	ID           string      `json:"id"`
	Label        string      `json:"label"`
	DisplayOrder int         `json:"displayOrder"`
	Archived     bool        `json:"archived"`
	Stages       []stageJSON `json:"stages"`
}

func (e *encoder) pipeline(p sales.Pipeline) {
	j := pipelineJSON{ID: string(p.ID), Label: p.Label, DisplayOrder: len(e.pipes)}
	// Stages are listed in reverse, with display orders saying the real
	// order: a client must sort them.
	for i := len(p.Stages) - 1; i >= 0; i-- {
		s := p.Stages[i]
		closed := s.Kind == sales.StageWon || s.Kind == sales.StageLost
		j.Stages = append(j.Stages, stageJSON{ID: string(s.ID), Label: s.Label, DisplayOrder: i,
			Metadata: map[string]string{
				"probability": strconv.FormatFloat(s.Probability, 'f', -1, 64),
				"isClosed":    strconv.FormatBool(closed),
			}})
	}
	e.pipes = append(e.pipes, j)
}

var dealTypeValues = map[sales.DealType]string{
	sales.DealTypeNewBusiness: "newbusiness", sales.DealTypeExistingBusiness: "existingbusiness",
}

func (e *encoder) deal(d sales.Deal, archived bool) {
	o := &obj{id: string(d.ID), created: d.Created, modified: d.Created, archived: archived,
		props: map[string]string{
			"dealname": d.Name, "hubspot_owner_id": string(d.Owner), "pipeline": string(d.Pipeline),
			"dealstage": string(d.Stage), "amount": amount(d.Amount.Decimal, d.Amount.Valid),
			"deal_currency_code": string(d.Currency), "createdate": stamp(d.Created),
			"closedate": stamp(d.CloseDate), "closed_lost_reason": d.LostReason,
			"hs_analytics_source": d.Source, "dealtype": dealTypeValues[d.Type],
		}, history: map[string][]hist{}}
	if e.opt.RegionProperty != "" {
		o.props[e.opt.RegionProperty] = d.Region
	}
	for i, v := range d.StageHistory {
		o.history["dealstage"] = append(o.history["dealstage"], hist{string(v.Stage), v.Entered})
		if !v.Left.IsZero() && (i+1 == len(d.StageHistory) || !d.StageHistory[i+1].Entered.Equal(v.Left)) {
			o.history["dealstage"] = append(o.history["dealstage"], hist{"", v.Left})
		}
		o.modified = later(o.modified, v.Entered)
	}
	for _, c := range d.CloseDateHistory {
		o.history["closedate"] = append(o.history["closedate"], hist{stamp(c.CloseDate), c.At})
		o.modified = later(o.modified, c.At)
	}
	e.add("deals", o)
	if d.Company != "" {
		e.link("deals", "companies", o.id, string(d.Company), 5, 341)
		e.link("companies", "deals", string(d.Company), o.id, 6, 342)
	}
	for _, c := range d.Contacts {
		e.link("deals", "contacts", o.id, string(c), 3)
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

var lifecycleValues = []string{"", "subscriber", "lead", "marketingqualifiedlead",
	"salesqualifiedlead", "opportunity", "customer", "evangelist", "other"}

func (e *encoder) contact(c sales.Contact, archived bool) {
	first, last := splitName(c.Name)
	o := &obj{id: string(c.ID), created: c.Created, modified: c.Created, archived: archived,
		props: map[string]string{
			"firstname": first, "lastname": last, "hubspot_owner_id": string(c.Owner),
			"createdate": stamp(c.Created), "hs_lead_status": c.LeadStatus,
			"hs_analytics_source": c.Source,
		}}
	if int(c.Lifecycle) < len(lifecycleValues) {
		o.props["lifecyclestage"] = lifecycleValues[c.Lifecycle]
	}
	for s := sales.LifecycleSubscriber; s <= sales.LifecycleOther; s++ {
		if t := c.Reached.Get(s); !t.IsZero() {
			o.props["hs_lifecyclestage_"+lifecycleValues[s]+"_date"] = stamp(t)
			o.modified = later(o.modified, t)
		}
	}
	e.add("contacts", o)
	if c.Company != "" {
		e.link("contacts", "companies", o.id, string(c.Company), 1, 279)
	}
}

func (e *encoder) company(c sales.Company, archived bool) {
	o := &obj{id: string(c.ID), created: c.Created, modified: c.Created, archived: archived,
		props: map[string]string{
			"name": c.Name, "type": c.Type, "industry": c.Industry, "country": c.Country,
			"hubspot_owner_id": string(c.Owner), "createdate": stamp(c.Created),
		}}
	if e.opt.RegionProperty != "" {
		o.props[e.opt.RegionProperty] = c.Region
	}
	e.add("companies", o)
}

var (
	activityKinds = []string{"", "calls", "emails", "meetings", "tasks", "notes"}
	dispositions  = []string{"", "f240bbac-87c9-4f6e-bf70-924b57d47db7",
		"b2cf5968-551e-4856-9783-52b3da59a7d0", "a4c4c377-d246-4b32-a13b-75a56a4cd0ff",
		"73a0d17f-1163-4015-bdd5-ec830791da20", "9d9162e7-6cf3-4944-bf63-4dff82258764",
		"17b47fee-58de-441e-a44c-c6300d46f273"}
	meetingValues = []string{"", "SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"}
	taskValues    = []string{"", "NOT_STARTED", "IN_PROGRESS", "WAITING", "DEFERRED", "COMPLETED"}
	// association type ids of engagements to deals, contacts, companies
	activityTypeIDs = map[string][3]int{
		"calls": {206, 194, 182}, "emails": {210, 198, 186}, "meetings": {212, 200, 188},
		"notes": {214, 202, 190}, "tasks": {216, 204, 192},
	}
)

func (e *encoder) activity(a sales.Activity, archived bool) {
	if int(a.Type) >= len(activityKinds) || a.Type == 0 {
		return
	}
	kind := activityKinds[a.Type]
	o := &obj{id: string(a.ID), created: a.Time, modified: a.Time, archived: archived,
		props: map[string]string{"hubspot_owner_id": string(a.Owner), "hs_timestamp": stamp(a.Time)}}
	p := o.props
	switch a.Type {
	case sales.ActivityCall:
		p["hs_call_title"] = a.Subject
		p["hs_call_direction"] = map[sales.Direction]string{sales.DirectionInbound: "INBOUND",
			sales.DirectionOutbound: "OUTBOUND"}[a.Direction]
		if a.Duration != 0 {
			p["hs_call_duration"] = strconv.FormatInt(a.Duration.Milliseconds(), 10)
		}
		p["hs_call_disposition"] = dispositions[a.CallOutcome]
	case sales.ActivityEmail:
		p["hs_email_subject"] = a.Subject
		p["hs_email_direction"] = map[sales.Direction]string{sales.DirectionInbound: "INCOMING_EMAIL",
			sales.DirectionOutbound: "EMAIL"}[a.Direction]
	case sales.ActivityMeeting:
		p["hs_meeting_title"] = a.Subject
		p["hs_meeting_start_time"] = stamp(a.Time)
		p["hs_meeting_end_time"] = stamp(a.MeetingEnd)
		p["hs_meeting_outcome"] = meetingValues[a.MeetingOutcome]
	case sales.ActivityNote:
		p["hs_note_body"] = "<div><p>" + strings.ReplaceAll(a.Subject, "&", "&amp;") + "</p></div>"
	case sales.ActivityTask:
		p["hs_task_subject"] = a.Subject
		p["hs_createdate"] = stamp(a.Time)
		p["hs_timestamp"] = stamp(a.TaskDue)
		p["hs_task_status"] = taskValues[a.TaskStatus]
		p["hs_task_completion_date"] = stamp(a.TaskCompleted)
	}
	e.add(kind, o)
	ids := activityTypeIDs[kind]
	for _, d := range a.Deals {
		e.link(kind, "deals", o.id, string(d), ids[0])
	}
	for _, c := range a.Contacts {
		e.link(kind, "contacts", o.id, string(c), ids[1])
	}
	for _, c := range a.Companies {
		e.link(kind, "companies", o.id, string(c), ids[2])
	}
}

func (e *encoder) lineItem(li sales.LineItem, archived bool) {
	e.add("line_items", &obj{id: string(li.ID), archived: archived, props: map[string]string{
		"name": li.Name, "hs_product_id": string(li.Product), "quantity": li.Quantity.String(),
		"price": li.UnitPrice.String(), "amount": amount(li.Amount.Decimal, li.Amount.Valid),
		"hs_line_item_currency_code": string(li.Currency),
	}})
	if li.Deal != "" {
		e.link("line_items", "deals", string(li.ID), string(li.Deal), 20)
	}
}

// GoalTypes are the hs_goal_type values the fake gives each target metric.
var GoalTypes = map[sales.TargetMetric]string{
	sales.TargetWonValue: "sales_quota", sales.TargetWonCount: "deals_won",
}

func (e *encoder) target(t sales.Target) {
	end := t.Period.End
	if len(e.objs["goal_targets"])%2 == 1 {
		end = end.Add(-time.Millisecond) // HubSpot's other style: the last millisecond
	}
	o := &obj{id: string(t.ID), props: map[string]string{
		"hs_goal_name": fmt.Sprintf("%s goal", t.Metric), "hs_goal_type": GoalTypes[t.Metric],
		"hs_target_amount": t.Value.String(), "hs_start_datetime": stamp(t.Period.Start),
		"hs_end_datetime": stamp(end), "hubspot_owner_id": string(t.Owner),
		"hs_assignee_team_id": e.teamID(t.Team),
	}}
	if o.id == "" {
		o.id = fmt.Sprintf("goal%d", len(e.objs["goal_targets"])+1)
	}
	e.add("goal_targets", o)
}
