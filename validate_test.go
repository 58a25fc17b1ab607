package sales

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// validRecords is a small sound portal; the tests break one field at a time.
func validRecords() Records {
	t0 := time.Date(2024, time.March, 1, 9, 0, 0, 0, time.UTC)
	return Records{
		Currency: "USD",
		Rates:    Rates{Base: "USD", ToBase: map[Currency]decimal.Decimal{"EUR": dec("1.1")}},
		Owners:   []Owner{{ID: "o1", Name: "Ann"}},
		Pipelines: []Pipeline{{ID: "p", Label: "Sales", Stages: []Stage{
			{ID: "open", Label: "Open", Kind: StageOpen, Probability: 0.5},
			{ID: "won", Label: "Won", Kind: StageWon, Probability: 1},
		}}},
		Deals: []Deal{{
			ID: "d1", Owner: "o1", Pipeline: "p", Stage: "won", Amount: decimal.NewNullDecimal(dec("10")),
			Currency: "EUR", Created: t0, CloseDate: t0.AddDate(0, 0, 3),
			StageHistory: []StageVisit{
				{Stage: "open", Entered: t0, Left: t0.AddDate(0, 0, 3)},
				{Stage: "won", Entered: t0.AddDate(0, 0, 3)},
			},
		}},
		Contacts:   []Contact{{ID: "c1", Owner: "o1", Created: t0, Lifecycle: LifecycleLead}},
		Companies:  []Company{{ID: "co1", Name: "Acme"}},
		Activities: []Activity{{ID: "a1", Type: ActivityCall, Owner: "o1", Time: t0, Deals: []DealID{"d1"}}},
		Products:   []Product{{ID: "pr1", Name: "Widget"}},
		LineItems:  []LineItem{{ID: "li1", Deal: "d1", Product: "pr1", Quantity: dec("1"), UnitPrice: dec("10")}},
		Targets: []Target{{Owner: "o1", Period: Month(2024, time.March, time.UTC),
			Metric: TargetWonValue, Value: dec("100")}},
	}
}

func TestValidate_sound(t *testing.T) {
	if err := validRecords().Validate(); err != nil {
		t.Fatalf("Validate() of sound records = %v, want nil", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(r *Records)
		want   []string // "kind id field", one per expected problem
	}{
		{"deal closed before it was created", func(r *Records) {
			r.Deals[0].CloseDate = r.Deals[0].Created.Add(-time.Hour)
		}, []string{"deal d1 close_date"}},
		{"stage not in its pipeline", func(r *Records) {
			r.Deals[0].Stage = "nowhere"
			r.Deals[0].StageHistory = nil
		}, []string{"deal d1 stage"}},
		{"activity with no timestamp", func(r *Records) {
			r.Activities[0].Time = time.Time{}
		}, []string{"activity a1 time"}},
		{"amount in a currency with no rate", func(r *Records) {
			r.Deals[0].Currency = "JPY"
		}, []string{"deal d1 currency"}},
		{"several problems at once, none hiding another", func(r *Records) {
			r.Deals[0].Owner = "ghost"
			r.Deals[0].Created = time.Time{}
			r.Activities[0].Type = 0
			r.Activities[0].Deals = []DealID{"d9"}
			r.Pipelines[0].Stages[0].Probability = 1.5
		}, []string{"pipeline p stages[0].probability", "deal d1 owner", "deal d1 created",
			"activity a1 type", "activity a1 deals[0]"}},
		{"repeated and empty ids", func(r *Records) {
			r.Owners = append(r.Owners, Owner{ID: "o1"}, Owner{})
		}, []string{"owner o1 id", "owner  id"}},
		{"history out of order and not ending in the current stage", func(r *Records) {
			h := r.Deals[0].StageHistory
			h[0].Left = h[0].Entered.Add(-time.Hour)
			h[1].Stage = "open"
		}, []string{"deal d1 stage_history[0].left", "deal d1 stage_history"}},
		{"meeting ending before it starts", func(r *Records) {
			r.Activities[0].Type = ActivityMeeting
			r.Activities[0].MeetingEnd = r.Activities[0].Time.Add(-time.Minute)
		}, []string{"activity a1 meeting_end"}},
		{"target with no period and no metric", func(r *Records) {
			r.Targets[0].Period = Period{}
			r.Targets[0].Metric = 0
		}, []string{"target  period", "target  metric"}},
		{"line item of an unknown deal", func(r *Records) {
			r.LineItems[0].Deal = "d2"
		}, []string{"line_item li1 deal"}},
		{"a deal's contact and an activity's deal named twice", func(r *Records) {
			r.Deals[0].Contacts = []ContactID{"c1", "c1"}
			r.Activities[0].Deals = []DealID{"d1", "d1", "d1"}
		}, []string{"deal d1 contacts[1]", "activity a1 deals[1]", "activity a1 deals[2]"}},
		{"negative quantities and prices", func(r *Records) {
			r.LineItems[0].Quantity = dec("-2")
			r.LineItems[0].UnitPrice = dec("-10")
			r.LineItems[0].Amount = decimal.NewNullDecimal(dec("-20"))
			r.Products[0].Price = decimal.NewNullDecimal(dec("-1"))
		}, []string{"product pr1 price", "line_item li1 quantity", "line_item li1 unit_price",
			"line_item li1 amount"}},
		{"a team target of a team no owner is in", func(r *Records) {
			r.Owners[0].Team = "east"
			r.Targets = append(r.Targets, Target{Team: "west", Period: Month(2024, time.March, time.UTC),
				Metric: TargetWonValue, Value: dec("100")})
		}, []string{"target  team"}},
		{"a stage entered before the deal was created", func(r *Records) {
			r.Deals[0].StageHistory[0].Entered = r.Deals[0].Created.AddDate(-1, 0, 0)
		}, []string{"deal d1 stage_history[0].entered"}},
		{"a long list naming a record twice", func(r *Records) {
			ids := make([]ContactID, 0, 41)
			for k := range 40 {
				c := ContactID("c" + strconv.Itoa(k+2))
				r.Contacts = append(r.Contacts, Contact{ID: c, Owner: "o1", Created: r.Contacts[0].Created,
					Lifecycle: LifecycleLead})
				ids = append(ids, c)
			}
			r.Activities[0].Contacts = append(ids, "c7")
		}, []string{"activity a1 contacts[40]"}},
		{"a call longer than a day", func(r *Records) {
			r.Activities[0].Duration = 25 * time.Hour
		}, []string{"activity a1 duration"}},
		{"placeholder dates beyond what reports measure", func(r *Records) {
			never := time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
			r.Deals[0].StageHistory[1].Left = never
			r.Contacts[0].Reached.Customer = time.Date(1600, time.January, 1, 0, 0, 0, 0, time.UTC)
			r.Activities[0].Type = ActivityTask
			r.Activities[0].TaskDue = never
			r.Targets[0].Period.End = never
		}, []string{"deal d1 stage_history[1].left", "contact c1 reached.customer",
			"activity a1 task_due", "target  period.end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRecords()
			tt.break_(&r)
			err := r.Validate()
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			var got []string
			for _, p := range verr.Problems {
				got = append(got, string(p.Kind)+" "+p.ID+" "+p.Field)
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("Validate() problems = %q, want %q\n%v", got, tt.want, err)
			}
		})
	}
}

func TestValidate_unknownTimeZone(t *testing.T) {
	r := validRecords()
	r.TimeZone = "Mars/Olympus"
	r.Activities[0].Time = time.Time{}
	err := r.Validate()
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Problems) != 2 || verr.Problems[0].Field != "time_zone" {
		t.Fatalf("Validate() = %v, want the time zone and the activity time reported", err)
	}
	if _, err := NewDataset(r); err == nil || !strings.Contains(err.Error(), "Mars/Olympus") {
		t.Errorf("NewDataset() error = %v, want one naming the time zone", err)
	}
}

func TestValidationError_Error(t *testing.T) {
	e := &ValidationError{Problems: []Problem{
		{Kind: KindDeal, ID: "1", Field: "created", Message: "missing"},
		{Kind: KindDeal, ID: "2", Field: "created", Message: "missing"},
		{Kind: KindDeal, ID: "3", Field: "created", Message: "missing"},
		{Kind: KindDeal, ID: "4", Field: "created", Message: "missing"},
	}}
	want := `sales: 4 problem(s) in the records; deal "1": created: missing; ` +
		`deal "2": created: missing; deal "3": created: missing; and 1 more`
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var p Problem
	if !errors.As(e, &p) || p.ID != "1" {
		t.Errorf("errors.As(ValidationError, *Problem) = %+v, want the first problem", p)
	}
}

// TestValidate_magnitudes: decimals beyond what any amount holds are
// reported, and refused by the readers, without writing out their digits.
func TestValidate_magnitudes(t *testing.T) {
	r := validRecords()
	r.Deals[0].Amount = decimal.NewNullDecimal(decimal.RequireFromString("1e100000000"))
	r.LineItems[0].Quantity = decimal.RequireFromString("1e-40")
	r.Targets[0].Value = decimal.RequireFromString("123456789012345678901234567890123")
	err := r.Validate()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Validate() = %v", err)
	}
	var got []string
	for _, p := range verr.Problems {
		got = append(got, string(p.Kind)+" "+p.ID+" "+p.Field)
		if len(p.Message) > 200 {
			t.Errorf("message of %d bytes", len(p.Message))
		}
	}
	want := "deal d1 amount; line_item li1 quantity; target  value"
	if strings.Join(got, "; ") != want {
		t.Errorf("problems %q, want %q", got, want)
	}
	for _, s := range []string{"0.000000000000000000000000000001", "999999999999999999999999999999",
		"-12.5", "0"} {
		if why := decimalProblem(decimal.RequireFromString(s)); why != "" {
			t.Errorf("%s: %s", s, why)
		}
	}
	for _, s := range []string{"1e30", "-1e30", "1e-31", "0.0000000000000000000000000000001"} {
		if decimalProblem(decimal.RequireFromString(s)) == "" {
			t.Errorf("%s accepted", s)
		}
	}
}
