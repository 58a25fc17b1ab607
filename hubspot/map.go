package hubspot

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// The mapping from HubSpot's JSON shapes to the model: pure functions of
// the decoded records, the portal's location and the read's options, which
// note in a Report whatever they cannot use.

// mapper holds what every mapping function needs.
type mapper struct {
	loc *time.Location
	opt *ReadOptions
	rep *Report
	// owners holds the ids of the owners read; users maps a HubSpot user
	// id to the owner it belongs to. Goals name their owner by either.
	owners map[sales.OwnerID]bool
	users  map[string]sales.OwnerID
}

// str returns a property's value, trimmed.
func str(p props, name string) string { return strings.TrimSpace(p.get(name)) }

// time reads a time property; a value it cannot read is an issue and no
// time.
func (m *mapper) time(obj, id string, p props, name string) time.Time {
	t, _, err := parseTime(p.get(name), m.loc)
	if err != nil {
		m.rep.issue(obj, id, name, p.get(name), err.Error())
	}
	return t
}

// number reads a decimal property.
func (m *mapper) number(obj, id string, p props, name string) decimal.NullDecimal {
	d, ok, err := parseNumber(p.get(name))
	if err != nil {
		m.rep.issue(obj, id, name, p.get(name), err.Error())
	}
	return decimal.NullDecimal{Decimal: d, Valid: ok}
}

// created returns the record's creation time: the named property, else
// the record's createdAt.
func (m *mapper) created(obj string, o *object, name string) time.Time {
	if t := m.time(obj, string(o.ID), o.Properties, name); !t.IsZero() {
		return t
	}
	t, _, err := parseTime(o.CreatedAt, m.loc)
	if err != nil {
		m.rep.issue(obj, string(o.ID), "createdAt", o.CreatedAt, err.Error())
	}
	return t
}

func (m *mapper) owner(o owner, teams map[string]string) sales.Owner {
	name := strings.TrimSpace(strings.TrimSpace(o.FirstName) + " " + strings.TrimSpace(o.LastName))
	if name == "" {
		name = o.Email
	}
	if name == "" {
		name = "owner " + string(o.ID)
	}
	out := sales.Owner{ID: sales.OwnerID(o.ID), Name: name, Email: o.Email, Archived: o.Archived}
	m.noteUser(out.ID, o)
	for i, t := range o.Teams {
		if t.Primary || (i == 0 && out.Team == "") {
			out.Team = teamName(t)
		}
		teams[string(t.ID)] = teamName(t)
	}
	return out
}

// noteUser remembers that owner id exists and which user ids are its.
func (m *mapper) noteUser(id sales.OwnerID, o owner) {
	if m.owners == nil {
		m.owners = map[sales.OwnerID]bool{}
		m.users = map[string]sales.OwnerID{}
	}
	m.owners[id] = true
	for _, u := range []flexID{o.UserID, o.UserIDAll} {
		if u == "" {
			continue
		}
		if _, seen := m.users[string(u)]; !seen {
			m.users[string(u)] = id
		}
	}
}

// goalOwner resolves the id a goal names its owner by. A goal's
// hubspot_owner_id and hs_assignee_user_id may hold an owner id or a
// user id, which are different numbers: an owner id the portal lists is
// taken as it is, then a user id is mapped to its owner; an id that is
// neither is kept, so that the target shows up under an owner the portal
// does not list rather than vanish.
func (m *mapper) goalOwner(v string) sales.OwnerID {
	if v == "" || m.owners[sales.OwnerID(v)] {
		return sales.OwnerID(v)
	}
	if id, ok := m.users[v]; ok {
		return id
	}
	return sales.OwnerID(v)
}

func teamName(t team) string {
	if t.Name != "" {
		return t.Name
	}
	return string(t.ID)
}

// pipeline maps a deal pipeline: live stages in display order, each with
// the kind its metadata gives.
func (m *mapper) pipeline(p pipeline) sales.Pipeline {
	out := sales.Pipeline{ID: sales.PipelineID(p.ID), Label: p.Label}
	stages := slices.Clone(p.Stages)
	slices.SortStableFunc(stages, func(a, b stage) int {
		return cmp.Compare(a.DisplayOrder, b.DisplayOrder)
	})
	for _, s := range stages {
		if s.Archived {
			continue
		}
		out.Stages = append(out.Stages, m.stage(out.ID, s))
	}
	if out.Stages == nil {
		out.Stages = []sales.Stage{}
	}
	return out
}

// stage maps one stage. Open is isClosed false; won is closed with
// probability 1, lost closed with probability 0. Anything else gets no
// kind and a line in the report, unless ReadOptions.StageKinds decides.
func (m *mapper) stage(pid sales.PipelineID, s stage) sales.Stage {
	out := sales.Stage{ID: sales.StageID(s.ID), Label: s.Label}
	id := string(pid) + "/" + string(s.ID)
	prob, okP, errP := parseProbability(s.Metadata.get("probability"))
	if errP != nil {
		m.rep.issue(objPipelines, id, "probability", s.Metadata.get("probability"), errP.Error())
	}
	out.Probability = prob
	closed, okC, errC := parseBool(s.Metadata.get("isClosed"))
	if errC != nil {
		m.rep.issue(objPipelines, id, "isClosed", s.Metadata.get("isClosed"), errC.Error())
	}
	switch {
	case okC && !closed:
		out.Kind = sales.StageOpen
	case okC && okP && prob == 1:
		out.Kind = sales.StageWon
	case okC && okP && prob == 0:
		out.Kind = sales.StageLost
	}
	key := StageKey{Pipeline: pid, Stage: out.ID}
	if k, ok := m.opt.StageKinds[key]; ok {
		out.Kind = k
	} else if out.Kind == 0 {
		m.rep.UnsureStages = append(m.rep.UnsureStages, StageRef{Pipeline: pid, Stage: out.ID,
			IsClosed: s.Metadata.get("isClosed"), Probability: s.Metadata.get("probability")})
	}
	return out
}

// deal maps a deal and returns the ids of the deals merged into it.
func (m *mapper) deal(o *object) (sales.Deal, []string) {
	p, id := o.Properties, string(o.ID)
	d := sales.Deal{
		ID:         sales.DealID(id),
		Name:       str(p, "dealname"),
		Owner:      sales.OwnerID(str(p, "hubspot_owner_id")),
		Pipeline:   sales.PipelineID(str(p, "pipeline")),
		Stage:      sales.StageID(str(p, "dealstage")),
		Amount:     m.number(objDeals, id, p, "amount"),
		Currency:   sales.Currency(strings.ToUpper(str(p, "deal_currency_code"))),
		Created:    m.created(objDeals, o, "createdate"),
		CloseDate:  m.time(objDeals, id, p, "closedate"),
		LostReason: str(p, "closed_lost_reason"),
		Source:     str(p, "hs_analytics_source"),
	}
	if name := m.opt.Properties.DealRegion; name != "" {
		d.Region = str(p, name)
	}
	if t := str(p, "dealtype"); t != "" {
		var ok bool
		if d.Type, ok = dealTypes[strings.ToLower(t)]; !ok {
			m.rep.issue(objDeals, id, "dealtype", t, "not newbusiness or existingbusiness")
		}
	}
	d.StageHistory = m.stageHistory(id, o.PropertiesWithHistory["dealstage"])
	d.CloseDateHistory = m.closeDateHistory(id, o.PropertiesWithHistory["closedate"])
	return d, splitMulti(p.get("hs_merged_object_ids"))
}

// change is one dated value of a property's history.
type change struct {
	at  time.Time
	val string
}

// history returns a property's history oldest first, leaving out (and
// reporting) entries whose timestamp cannot be read and entries that
// repeat the one before exactly.
func (m *mapper) history(obj, id, prop string, h []historyEntry) []change {
	out := make([]change, 0, len(h))
	for _, e := range h {
		at, _, err := parseTime(e.Timestamp, m.loc)
		if err != nil || at.IsZero() {
			reason := "no timestamp"
			if err != nil {
				reason = err.Error()
			}
			m.rep.issue(obj, id, prop+" history", e.Timestamp, reason)
			continue
		}
		out = append(out, change{at: at, val: strings.TrimSpace(string(e.Value))})
	}
	slices.SortStableFunc(out, func(a, b change) int { return a.at.Compare(b.at) })
	return slices.CompactFunc(out, func(a, b change) bool { return a.at.Equal(b.at) && a.val == b.val })
}

// stageHistory turns the history of dealstage into visits (see visitsOf).
func (m *mapper) stageHistory(id string, h []historyEntry) []sales.StageVisit {
	return visitsOf(m.history(objDeals, id, "dealstage", h))
}

// closeDateHistory turns the history of closedate into changes, oldest
// first; a change to the value already in force is left out.
func (m *mapper) closeDateHistory(id string, h []historyEntry) []sales.CloseDateChange {
	changes := m.history(objDeals, id, "closedate", h)
	var out []sales.CloseDateChange
	for _, c := range changes {
		t, _, err := parseTime(c.val, m.loc)
		if err != nil {
			m.rep.issue(objDeals, id, "closedate history", c.val, err.Error())
			continue
		}
		if n := len(out); n > 0 && out[n-1].CloseDate.Equal(t) {
			continue
		}
		out = append(out, sales.CloseDateChange{At: c.at, CloseDate: t})
	}
	return out
}

// contact maps a contact and returns the ids of the contacts merged into
// it.
func (m *mapper) contact(o *object) (sales.Contact, []string) {
	p, id := o.Properties, string(o.ID)
	c := sales.Contact{
		ID:         sales.ContactID(id),
		Name:       strings.TrimSpace(str(p, "firstname") + " " + str(p, "lastname")),
		Owner:      sales.OwnerID(str(p, "hubspot_owner_id")),
		Created:    m.created(objContacts, o, "createdate"),
		LeadStatus: str(p, "hs_lead_status"),
		Source:     str(p, "hs_analytics_source"),
		Company:    sales.CompanyID(str(p, "associatedcompanyid")),
	}
	if c.Name == "" {
		c.Name = str(p, "email")
	}
	if s := str(p, "lifecyclestage"); s != "" {
		c.Lifecycle = m.lifecycle(id, s)
	}
	for _, s := range lifecycleOrder {
		c.Reached.Set(lifecycleNames[s], m.time(objContacts, id, p, lifecycleDateProp(s)))
	}
	merged := splitMulti(p.get("hs_merged_object_ids"))
	for _, v := range splitMulti(p.get("hs_calculated_merged_vids")) {
		if vid, _, _ := strings.Cut(v, ":"); vid != "" && vid != id {
			merged = append(merged, vid)
		}
	}
	return c, merged
}

func (m *mapper) lifecycle(id, s string) sales.LifecycleStage {
	if l, ok := m.opt.LifecycleStages[s]; ok {
		return l
	}
	if l, ok := lifecycleNames[strings.ToLower(s)]; ok {
		return l
	}
	m.rep.issue(objContacts, id, "lifecyclestage", s,
		"a custom lifecycle stage no ReadOptions.LifecycleStages entry maps")
	return sales.LifecycleUnknown
}

// company maps a company and returns the ids of the companies merged into
// it.
func (m *mapper) company(o *object) (sales.Company, []string) {
	p, id := o.Properties, string(o.ID)
	c := sales.Company{
		ID:       sales.CompanyID(id),
		Name:     str(p, "name"),
		Type:     str(p, "type"),
		Industry: str(p, "industry"),
		Country:  str(p, "country"),
		Owner:    sales.OwnerID(str(p, "hubspot_owner_id")),
		Created:  m.created(objCompanies, o, "createdate"),
	}
	if c.Name == "" {
		c.Name = str(p, "domain")
	}
	if name := m.opt.Properties.CompanyRegion; name != "" {
		c.Region = str(p, name)
	}
	return c, splitMulti(p.get("hs_merged_object_ids"))
}

// activity maps an engagement of the given type. It returns false for a
// call that is no call to count (see callStatuses), which it has counted
// in the report.
func (m *mapper) activity(obj string, typ sales.ActivityType, o *object) (sales.Activity, bool) {
	p, id := o.Properties, string(o.ID)
	a := sales.Activity{ID: sales.ActivityID(id), Type: typ,
		Owner: sales.OwnerID(str(p, "hubspot_owner_id"))}
	switch typ {
	case sales.ActivityCall:
		if !m.call(&a, o) {
			return a, false
		}
	case sales.ActivityEmail:
		a.Time = m.time(obj, id, p, "hs_timestamp")
		a.Subject = str(p, "hs_email_subject")
		a.Direction = m.emailDirection(id, str(p, "hs_email_direction"))
	case sales.ActivityMeeting:
		m.meeting(&a, o)
	case sales.ActivityNote:
		a.Time = m.time(obj, id, p, "hs_timestamp")
		a.Subject = noteSubject(p.get("hs_note_body"))
	case sales.ActivityTask:
		m.task(&a, o)
	}
	if a.Time.IsZero() && typ != sales.ActivityTask {
		a.Time = m.created(obj, o, "hs_createdate")
	}
	return a, true
}

// call maps a call's properties into a, and reports false, counting the
// call in the report, when its status says it is under way or was never
// made.
func (m *mapper) call(a *sales.Activity, o *object) bool {
	p, id := o.Properties, string(o.ID)
	status := strings.ToUpper(str(p, "hs_call_status"))
	st, known := callStatuses[status]
	switch {
	case st.skip:
		m.rep.skipCall(status)
		return false
	case !known && status != "":
		m.rep.issue(objCalls, id, "hs_call_status", status, "a call status this package does not know")
	}
	a.Time = m.time(objCalls, id, p, "hs_timestamp")
	a.Subject = str(p, "hs_call_title")
	switch d := strings.ToUpper(str(p, "hs_call_direction")); d {
	case "INBOUND":
		a.Direction = sales.DirectionInbound
	case "OUTBOUND":
		a.Direction = sales.DirectionOutbound
	case "":
	default:
		m.rep.issue(objCalls, id, "hs_call_direction", d, "not INBOUND or OUTBOUND")
	}
	dur, _, err := parseMillis(p.get("hs_call_duration"))
	if err != nil {
		m.rep.issue(objCalls, id, "hs_call_duration", p.get("hs_call_duration"), err.Error())
	}
	a.Duration = dur
	if disp := str(p, "hs_call_disposition"); disp != "" {
		out, ok := m.opt.CallOutcomes[disp]
		if !ok {
			out, ok = callOutcomes[strings.ToLower(disp)]
		}
		if !ok {
			m.rep.issue(objCalls, id, "hs_call_disposition", disp,
				"a call outcome no ReadOptions.CallOutcomes entry maps")
		}
		a.CallOutcome = out
	}
	if a.CallOutcome == sales.CallOutcomeUnknown {
		a.CallOutcome = st.outcome
	}
	return true
}

func (m *mapper) emailDirection(id, d string) sales.Direction {
	switch strings.ToUpper(d) {
	case "EMAIL":
		return sales.DirectionOutbound
	case "INCOMING_EMAIL":
		return sales.DirectionInbound
	case "":
	default:
		// FORWARDED_EMAIL and anything newer: whether the rep sent or
		// received it is not known.
		m.rep.issue(objEmails, id, "hs_email_direction", d, "direction unknown")
	}
	return sales.DirectionUnknown
}

func (m *mapper) meeting(a *sales.Activity, o *object) {
	p, id := o.Properties, string(o.ID)
	a.Time = m.time(objMeetings, id, p, "hs_meeting_start_time")
	if a.Time.IsZero() {
		a.Time = m.time(objMeetings, id, p, "hs_timestamp")
	}
	a.MeetingEnd = m.time(objMeetings, id, p, "hs_meeting_end_time")
	a.Subject = str(p, "hs_meeting_title")
	if s := str(p, "hs_meeting_outcome"); s != "" {
		out, ok := meetingOutcomes[strings.ToUpper(s)]
		if !ok {
			m.rep.issue(objMeetings, id, "hs_meeting_outcome", s, "a custom meeting outcome")
		}
		a.MeetingOutcome = out
	}
}

// task maps a task: its time is its creation, hs_timestamp its due date,
// and its completion date counts only once it is completed.
func (m *mapper) task(a *sales.Activity, o *object) {
	p, id := o.Properties, string(o.ID)
	a.Time = m.created(objTasks, o, "hs_createdate")
	a.TaskDue = m.time(objTasks, id, p, "hs_timestamp")
	a.Subject = str(p, "hs_task_subject")
	if s := str(p, "hs_task_status"); s != "" {
		st, ok := taskStatuses[strings.ToUpper(s)]
		if !ok {
			m.rep.issue(objTasks, id, "hs_task_status", s, "an unknown task status")
		}
		a.TaskStatus = st
	}
	if a.TaskStatus == sales.TaskCompleted {
		a.TaskCompleted = m.time(objTasks, id, p, "hs_task_completion_date")
	}
}

// noteSubject makes a note's subject of its body: the text without HTML
// tags and with runs of spaces folded, cut to 200 bytes.
func noteSubject(body string) string {
	var b strings.Builder
	inTag, space := false, false
	for _, r := range body {
		switch {
		case r == '<':
			inTag = true
		case r == '>' && inTag:
			inTag, space = false, true
		case inTag:
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
		if b.Len() > 200 {
			break
		}
	}
	return clip(b.String(), 200)
}

func (m *mapper) product(o *object) sales.Product {
	p, id := o.Properties, string(o.ID)
	return sales.Product{ID: sales.ProductID(id), Name: str(p, "name"), SKU: str(p, "hs_sku"),
		Price: m.number(objProducts, id, p, "price")}
}

// lineItem maps a line item; its deal comes from its associations. A
// missing quantity or price reads as 0 and is reported.
func (m *mapper) lineItem(o *object) sales.LineItem {
	p, id := o.Properties, string(o.ID)
	li := sales.LineItem{
		ID:       sales.LineItemID(id),
		Product:  sales.ProductID(str(p, "hs_product_id")),
		Name:     str(p, "name"),
		Amount:   m.number(objLineItems, id, p, "amount"),
		Currency: sales.Currency(strings.ToUpper(str(p, "hs_line_item_currency_code"))),
	}
	for _, f := range []struct {
		name string
		dst  *decimal.Decimal
	}{{"quantity", &li.Quantity}, {"price", &li.UnitPrice}} {
		v := m.number(objLineItems, id, p, f.name)
		if !v.Valid && p.get(f.name) == "" {
			m.rep.issue(objLineItems, id, f.name, "", "no value; read as 0")
		}
		*f.dst = v.Decimal
	}
	return li
}

// goal maps one goal target (one period's slice of a goal), or reports why
// it cannot. teams maps team ids to names.
func (m *mapper) goal(o *object, teams map[string]string) (sales.Target, bool) {
	p, id := o.Properties, string(o.ID)
	typ := str(p, "hs_goal_type")
	metric, ok := m.opt.GoalTypes[typ]
	if !ok {
		m.rep.skipGoal("goal type " + strconv.Quote(typ) + " not mapped")
		return sales.Target{}, false
	}
	val := m.number(objGoals, id, p, "hs_target_amount")
	start := m.time(objGoals, id, p, "hs_start_datetime")
	end := goalEnd(m.time(objGoals, id, p, "hs_end_datetime"))
	switch {
	case !val.Valid:
		m.rep.skipGoal("no target amount")
		return sales.Target{}, false
	case start.IsZero() || end.IsZero() || !end.After(start):
		m.rep.skipGoal("no period")
		return sales.Target{}, false
	}
	t := sales.Target{ID: sales.TargetID(id), Metric: metric, Value: val.Decimal,
		Period: sales.Period{Start: start, End: end.In(start.Location())}}
	t.Owner = m.goalOwner(str(p, "hubspot_owner_id"))
	if t.Owner == "" {
		t.Owner = m.goalOwner(str(p, "hs_assignee_user_id"))
	}
	if t.Owner == "" {
		t.Team = m.team(id, p, teams)
	}
	return t, true
}

// goalEnd makes a goal's end exclusive: an end one millisecond before a
// whole second (23:59:59.999) is moved to that second.
func goalEnd(t time.Time) time.Time {
	if t.Nanosecond() == 999_000_000 {
		return t.Add(time.Millisecond)
	}
	return t
}

func (m *mapper) team(id string, p props, teams map[string]string) string {
	tid := str(p, "hs_assignee_team_id")
	if tid == "" {
		tid = str(p, "hubspot_team_id")
	}
	if tid == "" {
		return ""
	}
	if name, ok := teams[tid]; ok {
		return name
	}
	m.rep.issue(objGoals, id, "hs_assignee_team_id", tid, "a team no owner belongs to; kept by id")
	return tid
}
