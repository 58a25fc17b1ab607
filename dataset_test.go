package sales

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestDataset_lookups(t *testing.T) {
	r := validRecords()
	t0 := r.Deals[0].Created
	r.Deals = append(r.Deals,
		Deal{ID: "d2", Owner: "ghost", Pipeline: "p", Stage: "open", Created: t0, Company: "co1"},
		Deal{ID: "d3", Pipeline: "nope", Stage: "open", Created: t0, Amount: decimal.NewNullDecimal(dec("5"))},
		Deal{ID: "d4", Pipeline: "p", Stage: "won", Created: t0, Amount: decimal.NewNullDecimal(dec("7")),
			Currency: "JPY", Company: "co1"},
	)
	r.Activities = append(r.Activities,
		Activity{ID: "a2", Type: ActivityEmail, Time: t0, Deals: []DealID{"d2", "d1", "zz"},
			Contacts: []ContactID{"c1"}, Companies: []CompanyID{"co1"}},
		Activity{ID: "a3", Type: ActivityNote, Time: t0, Deals: []DealID{"d1"}},
	)
	ds := MustDataset(r)

	tests := []struct {
		call      string
		got, want any
	}{
		{"DealActivities(d1)", ds.DealActivities(0), []int32{0, 1, 2}},
		{"DealActivities(d2)", ds.DealActivities(1), []int32{1}},
		{"DealActivities(d3)", ds.DealActivities(2), []int32{}},
		{"CompanyDeals(co1)", ds.CompanyDeals(0), []int32{1, 3}},
		{"CompanyActivities(co1)", ds.CompanyActivities(0), []int32{1}},
		{"ContactActivities(c1)", ds.ContactActivities(0), []int32{1}},
		{"DealLineItems(d1)", ds.DealLineItems(0), []int32{0}},
		{"DealOwner(d2)", ds.DealOwner(1), -1},
		{"DealCompany(d2)", ds.DealCompany(1), 0},
		{"DealCompany(d1)", ds.DealCompany(0), -1},
		{"DealKind(d1)", ds.DealKind(0), StageWon},
		{"DealKind(d3)", ds.DealKind(2), StageKind(0)},
		{"OwnerName(ghost)", ds.OwnerName("ghost"), "ghost"},
		{"OwnerName(\"\")", ds.OwnerName(""), "unassigned"},
		{"OwnerName(o1)", ds.OwnerName("o1"), "Ann"},
		{"Currency()", ds.Currency(), Currency("USD")},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.call, tt.got, tt.want)
		}
	}

	values := []struct {
		deal  int
		want  string
		state ValueState
	}{
		{0, "11", ValueOK}, // 10 EUR at 1.1
		{1, "", ValueMissing},
		{2, "5", ValueOK},
		{3, "", ValueNoRate},
	}
	for _, v := range values {
		got, state := ds.DealValue(v.deal)
		if state != v.state || (state == ValueOK && !got.Equal(dec(v.want))) {
			t.Errorf("DealValue(%d) = %s, %v, want %s, %v", v.deal, got, state, v.want, v.state)
		}
	}
}

func TestRecords_JSONRoundTrip(t *testing.T) {
	r := validRecords()
	r.Contacts[0].Reached.Set(LifecycleLead, r.Contacts[0].Created)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("json.Marshal(records): %v", err)
	}
	var back Records
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("json.Unmarshal(records): %v", err)
	}
	b2, _ := json.Marshal(back)
	if string(b) != string(b2) {
		t.Errorf("records changed in a JSON round trip:\n%s\n%s", b, b2)
	}
	if back.Activities[0].Type != ActivityCall || back.Pipelines[0].Stages[1].Kind != StageWon {
		t.Errorf("enums did not survive the round trip: %+v", back.Activities[0])
	}
}

func TestEnum_unknownText(t *testing.T) {
	var k StageKind
	if err := k.UnmarshalText([]byte("maybe")); err == nil {
		t.Errorf("StageKind.UnmarshalText(maybe) succeeded, want an error")
	}
	if got := StageKind(9).String(); got != "stage_kind(9)" {
		t.Errorf("StageKind(9).String() = %q, want stage_kind(9)", got)
	}
}

func TestActivity_StateAt(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Paris")
	created := time.Date(2024, time.May, 2, 9, 0, 0, 0, loc)
	asOf := time.Date(2024, time.May, 10, 12, 0, 0, 0, loc)
	task := func(f func(a *Activity)) Activity {
		a := Activity{Type: ActivityTask, Time: created}
		f(&a)
		return a
	}
	tests := []struct {
		name string
		a    Activity
		want TaskState
	}{
		{"no due date is never overdue", task(func(a *Activity) {}), TaskStateInProgress},
		{"due later today is in progress", task(func(a *Activity) {
			a.TaskDue = asOf.Add(6 * time.Hour)
		}), TaskStateInProgress},
		{"due before asOf is overdue", task(func(a *Activity) {
			a.TaskDue = asOf.Add(-time.Minute)
		}), TaskStateOverdue},
		{"completed is never overdue", task(func(a *Activity) {
			a.TaskDue = created
			a.TaskCompleted = asOf.Add(-time.Hour)
			a.TaskStatus = TaskCompleted
		}), TaskStateCompleted},
		{"completed after asOf was not yet completed", task(func(a *Activity) {
			a.TaskDue = created
			a.TaskCompleted = asOf.Add(time.Hour)
		}), TaskStateOverdue},
		{"completed status without a time", task(func(a *Activity) {
			a.TaskStatus = TaskCompleted
		}), TaskStateCompleted},
		{"created after asOf", task(func(a *Activity) { a.Time = asOf.Add(time.Second) }), TaskStateNone},
		{"not a task", Activity{Type: ActivityCall, Time: created}, TaskStateNone},
	}
	for _, tt := range tests {
		if got := tt.a.StateAt(asOf); got != tt.want {
			t.Errorf("%s: StateAt = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDeal_StageAt(t *testing.T) {
	t0 := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	d := Deal{Stage: "won", Created: t0, StageHistory: []StageVisit{
		{Stage: "a", Entered: t0, Left: day(3)},
		{Stage: "b", Entered: day(3), Left: day(5)},
		{Stage: "a", Entered: day(5), Left: day(9)},
		{Stage: "won", Entered: day(9)},
	}}
	for _, tt := range []struct {
		at   time.Time
		want StageID
		ok   bool
	}{
		{t0.Add(-time.Second), "", false},
		{t0, "a", true},
		{day(4), "b", true},
		{day(5), "a", true},
		{day(100), "won", true},
	} {
		got, ok := d.StageAt(tt.at)
		if got != tt.want || ok != tt.ok {
			t.Errorf("StageAt(%s) = %q, %v, want %q, %v", tt.at, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDataset_ExpectedCloseAt(t *testing.T) {
	r := validRecords()
	t0 := r.Deals[0].Created
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	r.Deals = []Deal{
		// Open, expected on day 10, moved to day 20 on day 5.
		{ID: "moved", Pipeline: "p", Stage: "open", Created: t0, CloseDate: day(20),
			CloseDateHistory: []CloseDateChange{{At: t0, CloseDate: day(10)}, {At: day(5), CloseDate: day(20)}}},
		// Open, no history.
		{ID: "plain", Pipeline: "p", Stage: "open", Created: t0, CloseDate: day(7)},
		// Won on day 9, no history: nothing was recorded as expected.
		{ID: "won", Pipeline: "p", Stage: "won", Created: t0, CloseDate: day(9)},
	}
	ds := MustDataset(r)
	for _, tt := range []struct {
		deal int
		at   time.Time
		want time.Time
	}{
		{0, day(1), day(10)},
		{0, day(5), day(20)},
		{0, t0.Add(-time.Hour), day(10)}, // before the history: its first value
		{1, day(1), day(7)},
		{2, day(1), time.Time{}},
	} {
		if got := ds.ExpectedCloseAt(tt.deal, tt.at); !got.Equal(tt.want) {
			t.Errorf("ExpectedCloseAt(%s, %s) = %s, want %s", ds.Deals[tt.deal].ID, tt.at, got, tt.want)
		}
	}
}

// TestDataset_longList: an activity naming thousands of contacts, one of
// them twice, is each contact's activity once.
func TestDataset_longList(t *testing.T) {
	r := validRecords()
	t0 := r.Deals[0].Created
	var ids []ContactID
	for k := range 2000 {
		id := ContactID(fmt.Sprint("m", k))
		r.Contacts = append(r.Contacts, Contact{ID: id, Created: t0})
		ids = append(ids, id)
	}
	r.Activities[0].Contacts = append(ids, "m7", "c1")
	ds := MustDataset(r)
	for _, k := range []int{0, 1, 8, 2000} {
		if got := ds.ContactActivities(k); len(got) != 1 || got[0] != 0 {
			t.Errorf("ContactActivities(%d) = %v, want [0]", k, got)
		}
	}
}

// BenchmarkNewDataset_longList builds a Dataset around one activity that
// names every contact: the time grows with the list's length, not its
// square.
func BenchmarkNewDataset_longList(b *testing.B) {
	for _, n := range []int{10_000, 40_000} {
		r := Records{}
		t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		ids := make([]ContactID, n)
		for k := range n {
			ids[k] = ContactID(fmt.Sprint("c", k))
			r.Contacts = append(r.Contacts, Contact{ID: ids[k], Created: t0})
		}
		r.Activities = []Activity{{ID: "a", Type: ActivityEmail, Time: t0, Contacts: ids}}
		b.Run(fmt.Sprint("Contacts", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewDataset(r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
