package hubspot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales"
)

var phoenix = mustLoad("America/Phoenix") // UTC−7 all year

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func newMapper(loc *time.Location) (*mapper, *Report) {
	rep := newReport()
	return &mapper{loc: loc, opt: &ReadOptions{GoalTypes: DefaultGoalTypes}, rep: &rep}, &rep
}

func decodeObject(t *testing.T, s string) *object {
	t.Helper()
	var o object
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return &o
}

func TestMapper_stage(t *testing.T) {
	tests := []struct {
		isClosed, prob string
		want           sales.StageKind
		unsure         bool
	}{
		{"false", "0.2", sales.StageOpen, false},
		{"false", "0", sales.StageOpen, false}, // an open stage of probability 0 is open
		{"true", "1.0", sales.StageWon, false},
		{"true", "1", sales.StageWon, false},
		{"true", "0.0", sales.StageLost, false},
		{"true", "0.5", 0, true}, // closed, neither won nor lost: reported
		{"true", "", 0, true},    // closed with no probability: reported
		{"", "0.2", 0, true},     // no isClosed: reported
		{"yes", "1", 0, true},    // unreadable isClosed: reported, and an issue
	}
	for _, tt := range tests {
		m, rep := newMapper(time.UTC)
		s := stage{ID: "s1", Label: "Closed won", Metadata: props{"isClosed": value(tt.isClosed),
			"probability": value(tt.prob)}}
		got := m.stage("p1", s)
		if got.Kind != tt.want || (len(rep.UnsureStages) == 1) != tt.unsure {
			t.Errorf("stage(isClosed %q, probability %q) = kind %v, unsure %v; want %v, %v",
				tt.isClosed, tt.prob, got.Kind, rep.UnsureStages, tt.want, tt.unsure)
		}
	}
	// The caller may decide a doubtful stage.
	m, rep := newMapper(time.UTC)
	m.opt.StageKinds = map[StageKey]sales.StageKind{{Pipeline: "p1", Stage: "s1"}: sales.StageWon}
	got := m.stage("p1", stage{ID: "s1", Metadata: props{"isClosed": "true", "probability": "0.5"}})
	if got.Kind != sales.StageWon || len(rep.UnsureStages) != 0 {
		t.Errorf("stage with StageKinds = %v (unsure %v), want won", got.Kind, rep.UnsureStages)
	}
}

func TestMapper_deal(t *testing.T) {
	m, rep := newMapper(phoenix)
	// Close date picked as 31 March in a UTC−7 portal: HubSpot stores it as
	// 2023-04-01T01:09Z, which must fall on 31 March in the portal's zone.
	o := decodeObject(t, `{"id":"42","properties":{
		"dealname":"Acme","amount":"0","deal_currency_code":"eur","pipeline":"default",
		"dealstage":"closedwon","closedate":"2023-04-01T01:09:00.000Z",
		"createdate":"1672531200000","dealtype":"newbusiness","hs_merged_object_ids":"7;8",
		"hubspot_owner_id":null},
		"propertiesWithHistory":{"dealstage":[
			{"value":"closedwon","timestamp":"2023-04-01T01:09:00.000Z"},
			{"value":"qualifiedtobuy","timestamp":"2023-02-01T00:00:00Z"},
			{"value":"qualifiedtobuy","timestamp":"2023-02-05T00:00:00Z"},
			{"value":"appointmentscheduled","timestamp":"2023-01-01T00:00:00Z"}]}}`)
	d, merged := m.deal(o)
	if y, mo, day := d.CloseDate.Date(); y != 2023 || mo != time.March || day != 31 {
		t.Errorf("deal close date = %v, want 31 March 2023 in the portal's zone", d.CloseDate)
	}
	// "0" is an amount; the currency code is upper-cased.
	if !d.Amount.Valid || !d.Amount.Decimal.IsZero() || d.Currency != "EUR" {
		t.Errorf("deal amount = %v %q, want a valid 0 EUR", d.Amount, d.Currency)
	}
	// createdate as epoch milliseconds: 1672531200000 is 2023-01-01T00:00Z.
	if !d.Created.Equal(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("deal created = %v, want 2023-01-01T00:00Z", d.Created)
	}
	// History sorted oldest first; the repeated qualifiedtobuy continues
	// the visit.
	want := []string{"appointmentscheduled", "qualifiedtobuy", "closedwon"}
	if len(d.StageHistory) != 3 {
		t.Fatalf("stage history = %v, want visits to %v", d.StageHistory, want)
	}
	for i, v := range d.StageHistory {
		if string(v.Stage) != want[i] {
			t.Errorf("visit %d = %s, want %s", i, v.Stage, want[i])
		}
	}
	if !d.StageHistory[1].Left.Equal(d.StageHistory[2].Entered) || !d.StageHistory[2].Left.IsZero() {
		t.Errorf("visits not contiguous: %v", d.StageHistory)
	}
	if strings.Join(merged, ",") != "7,8" || d.Type != sales.DealTypeNewBusiness || d.Owner != "" {
		t.Errorf("deal merged %v, type %v, owner %q", merged, d.Type, d.Owner)
	}
	if len(rep.Issues) != 0 {
		t.Errorf("issues = %v, want none", rep.Issues)
	}
}

func TestMapper_amounts(t *testing.T) {
	// Empty, null and missing mean no amount; "0" is an amount; junk is an
	// issue and no amount.
	tests := []struct {
		json   string
		valid  bool
		issues int
	}{
		{`{}`, false, 0}, {`{"amount":null}`, false, 0}, {`{"amount":""}`, false, 0},
		{`{"amount":"0"}`, true, 0}, {`{"amount":"1500.00"}`, true, 0},
		{`{"amount":1500}`, true, 0}, {`{"amount":"12,5"}`, false, 1}, {`{"amount":"NaN"}`, false, 1},
	}
	for _, tt := range tests {
		m, rep := newMapper(time.UTC)
		d, _ := m.deal(decodeObject(t, `{"id":"1","properties":`+tt.json+`}`))
		if d.Amount.Valid != tt.valid || len(rep.Issues) != tt.issues {
			t.Errorf("deal(%s).Amount = %v with %d issues, want valid %v, %d issues",
				tt.json, d.Amount, len(rep.Issues), tt.valid, tt.issues)
		}
	}
}

func TestMapper_activities(t *testing.T) {
	m, rep := newMapper(time.UTC)
	task, _ := m.activity(objTasks, sales.ActivityTask, decodeObject(t, `{"id":"9","properties":{
		"hs_timestamp":"2026-03-10T17:00:00Z","hs_createdate":"2026-03-01T09:00:00Z",
		"hs_task_status":"NOT_STARTED","hs_task_completion_date":"2026-03-10T17:00:00Z"}}`))
	// hs_timestamp is the due date; the completion date of an open task
	// is not trusted.
	if !task.TaskDue.Equal(time.Date(2026, 3, 10, 17, 0, 0, 0, time.UTC)) ||
		!task.Time.Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) || !task.TaskCompleted.IsZero() {
		t.Errorf("task = due %v, time %v, completed %v", task.TaskDue, task.Time, task.TaskCompleted)
	}
	call, _ := m.activity(objCalls, sales.ActivityCall, decodeObject(t, `{"id":"10","properties":{
		"hs_timestamp":"2026-03-10T17:00:00Z","hs_call_duration":"95500",
		"hs_call_disposition":"f240bbac-87c9-4f6e-bf70-924b57d47db7","hs_call_direction":"OUTBOUND"}}`))
	// 95500 ms is 1 min 35.5 s.
	if call.Duration != 95500*time.Millisecond || call.CallOutcome != sales.CallConnected ||
		call.Direction != sales.DirectionOutbound {
		t.Errorf("call = %v %v %v, want 1m35.5s connected outbound", call.Duration, call.CallOutcome,
			call.Direction)
	}
	mail, _ := m.activity(objEmails, sales.ActivityEmail, decodeObject(t, `{"id":"11","properties":{
		"hs_timestamp":"2026-03-10T17:00:00Z","hs_email_direction":"FORWARDED_EMAIL"}}`))
	if mail.Direction != sales.DirectionUnknown || len(rep.Issues) != 1 {
		t.Errorf("forwarded email = %v with issues %v, want unknown and one issue", mail.Direction, rep.Issues)
	}
	note, _ := m.activity(objNotes, sales.ActivityNote, decodeObject(t, `{"id":"12","properties":{
		"hs_timestamp":"2026-03-10T17:00:00Z","hs_note_body":"<p>Called   <b>Ann</b></p>\n<p>ok</p>"}}`))
	if note.Subject != "Called Ann ok" {
		t.Errorf("note subject = %q, want %q", note.Subject, "Called Ann ok")
	}
}

// TestMapper_callStatus checks hs_call_status: an ended call without a
// disposition takes its outcome from the status, a disposition wins over
// the status, and calls under way or never made are left out and counted.
func TestMapper_callStatus(t *testing.T) {
	m, rep := newMapper(time.UTC)
	call := func(props string) (sales.Activity, bool) {
		t.Helper()
		return m.activity(objCalls, sales.ActivityCall, decodeObject(t,
			`{"id":"1","properties":{"hs_timestamp":"2026-03-10T17:00:00Z"`+props+`}}`))
	}
	for _, c := range []struct {
		props string
		want  sales.CallOutcome
	}{
		{`,"hs_call_status":"BUSY"`, sales.CallBusy},
		{`,"hs_call_status":"NO_ANSWER"`, sales.CallNoAnswer},
		{`,"hs_call_status":"missed"`, sales.CallNoAnswer},
		{`,"hs_call_status":"COMPLETED"`, sales.CallOutcomeUnknown},
		{`,"hs_call_status":"NO_ANSWER",` +
			`"hs_call_disposition":"b2cf5968-551e-4856-9783-52b3da59a7d0"`, sales.CallLeftVoicemail},
		{``, sales.CallOutcomeUnknown},
	} {
		a, ok := call(c.props)
		if !ok || a.CallOutcome != c.want {
			t.Errorf("%s: outcome %v, kept %v; want %v, kept", c.props, a.CallOutcome, ok, c.want)
		}
	}
	for _, status := range []string{"QUEUED", "RINGING", "IN_PROGRESS", "CANCELED", "FAILED", "CANCELED"} {
		if _, ok := call(`,"hs_call_status":"` + status + `"`); ok {
			t.Errorf("a call %s was kept", status)
		}
	}
	if rep.SkippedCalls["CANCELED"] != 2 || rep.SkippedCalls["QUEUED"] != 1 || len(rep.SkippedCalls) != 5 {
		t.Errorf("skipped calls %v", rep.SkippedCalls)
	}
	if len(rep.Issues) != 0 {
		t.Errorf("issues %v, want none", rep.Issues)
	}
	if _, ok := call(`,"hs_call_status":"TELEPORTED"`); !ok || len(rep.Issues) != 1 {
		t.Errorf("an unknown status: kept %v, issues %v; want kept with one issue", ok, rep.Issues)
	}
}

func TestMapper_goal(t *testing.T) {
	m, rep := newMapper(time.UTC)
	teams := map[string]string{"77": "EMEA"}
	g, ok := m.goal(decodeObject(t, `{"id":"5","properties":{"hs_goal_type":"sales_quota",
		"hs_target_amount":"5000.00","hs_start_datetime":"2026-01-01T00:00:00Z",
		"hs_end_datetime":"2026-01-31T23:59:59.999Z","hs_assignee_team_id":"77"}}`), teams)
	// The end at the last millisecond of 31 January becomes 1 February.
	if !ok || g.Team != "EMEA" || !g.Period.End.Equal(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)) ||
		g.Metric != sales.TargetWonValue {
		t.Errorf("goal = %+v, %v; want EMEA's won value for January", g, ok)
	}
	if _, ok := m.goal(decodeObject(t, `{"id":"6","properties":{"hs_goal_type":"calls_made"}}`),
		teams); ok || rep.SkippedGoals[`goal type "calls_made" not mapped`] != 1 {
		t.Errorf("a calls goal was not skipped: %v", rep.SkippedGoals)
	}
}

// TestMapper_goalOwner checks that a goal's owner field resolves against
// both owner ids and user ids: an active owner's userId, a deactivated
// owner's userIdIncludingInactive, an owner id as it is, and an id that is
// neither kept as it is.
func TestMapper_goalOwner(t *testing.T) {
	m, _ := newMapper(time.UTC)
	teams := map[string]string{}
	m.owner(owner{ID: "101", FirstName: "Ann", UserID: "9001", UserIDAll: "9001"}, teams)
	m.owner(owner{ID: "102", FirstName: "Bo", UserIDAll: "9002", Archived: true}, teams)
	goal := func(field, v string) sales.OwnerID {
		t.Helper()
		g, ok := m.goal(decodeObject(t, `{"id":"5","properties":{"hs_goal_type":"sales_quota",
			"hs_target_amount":"100","hs_start_datetime":"2026-01-01T00:00:00Z",
			"hs_end_datetime":"2026-02-01T00:00:00Z","`+field+`":"`+v+`"}}`), teams)
		if !ok {
			t.Fatalf("goal with %s %s skipped", field, v)
		}
		return g.Owner
	}
	for _, c := range []struct {
		field, v string
		want     sales.OwnerID
	}{
		{"hs_assignee_user_id", "9001", "101"},
		{"hs_assignee_user_id", "9002", "102"},
		{"hubspot_owner_id", "9001", "101"},
		{"hubspot_owner_id", "102", "102"},
		{"hs_assignee_user_id", "101", "101"},
		{"hs_assignee_user_id", "5555", "5555"},
	} {
		if got := goal(c.field, c.v); got != c.want {
			t.Errorf("%s %s: owner %q, want %q", c.field, c.v, got, c.want)
		}
	}
}

func TestMapper_contact(t *testing.T) {
	m, rep := newMapper(time.UTC)
	c, _ := m.contact(decodeObject(t, `{"id":"3","properties":{"firstname":"Ann","lastname":"Lee",
		"lifecyclestage":"marketingqualifiedlead","hs_lifecyclestage_lead_date":"2026-01-02",
		"hs_calculated_merged_vids":"17:1700000000000;3:1700000000001"}}`))
	// A date-only value is a day of the portal's calendar.
	if c.Name != "Ann Lee" || c.Lifecycle != sales.LifecycleMarketingQualified ||
		!c.Reached.Lead.Equal(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("contact = %+v", c)
	}
	c, merged := m.contact(decodeObject(t, `{"id":"4","properties":{"lifecyclestage":"51439524",
		"hs_calculated_merged_vids":"17:1700000000000"}}`))
	if c.Lifecycle != sales.LifecycleUnknown || len(rep.Issues) != 1 || len(merged) != 1 ||
		merged[0] != "17" {
		t.Errorf("custom stage contact = %v, merged %v, issues %v", c.Lifecycle, merged, rep.Issues)
	}
}

func TestFoldDeal(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	into := sales.Deal{ID: "1", StageHistory: []sales.StageVisit{
		{Stage: "a", Entered: at(1), Left: at(5)}, {Stage: "b", Entered: at(5)}}}
	// The merged deal carries the first visit only: it must count once.
	from := sales.Deal{ID: "2", StageHistory: []sales.StageVisit{{Stage: "a", Entered: at(1), Left: at(5)}}}
	foldDeal(&into, &from)
	if len(into.StageHistory) != 2 || into.StageHistory[1].Stage != "b" || !into.StageHistory[1].Left.IsZero() {
		t.Errorf("foldDeal = %v, want a then b", into.StageHistory)
	}
}
