package sales_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// columnSeed fixes the portals the column properties draw.
const columnSeed = 4321

func columnProperties(t *testing.T) *gopter.Properties {
	parameters := gopter.DefaultTestParametersWithSeed(columnSeed)
	parameters.MinSuccessfulTests = 20
	t.Logf("gopter seed %d", parameters.Seed())
	return gopter.NewProperties(parameters)
}

// genPortal draws demo portals of 50 to 400 deals.
func genPortal() gopter.Gen {
	return gen.Struct(reflect.TypeOf(portalCase{}), map[string]gopter.Gen{
		"Seed":  gen.UInt64Range(1, 1<<40),
		"Deals": gen.IntRange(50, 400),
	})
}

type portalCase struct {
	Seed  uint64
	Deals int
}

func (pc portalCase) dataset() *sales.Dataset {
	recs, err := demo.Generate(demo.Options{Seed: pc.Seed, Deals: pc.Deals})
	if err != nil {
		panic(err)
	}
	return sales.MustDataset(recs)
}

// edgeRecords is a portal of awkward records: a deal in an unlisted
// pipeline, a stage history with an unknown stage and zero times, a close
// date history with a cleared date, deals closed after instants their
// history does not cover, an activity naming three hundred contacts, ids
// that name nothing, an owner with an empty id, an amount with more than
// six decimal places and one too large for millionths.
func edgeRecords() sales.Records {
	t0 := time.Date(2025, time.March, 30, 1, 30, 0, 0, time.UTC)
	day := 24 * time.Hour
	amount := func(s string) decimal.NullDecimal {
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	r := sales.Records{
		TimeZone: "Europe/Paris", Currency: "EUR",
		Rates:  sales.Rates{ToBase: map[sales.Currency]decimal.Decimal{"USD": decimal.RequireFromString("0.9")}},
		Owners: []sales.Owner{{ID: "o1", Name: "Ann"}, {ID: "", Name: "Nobody"}, {ID: "o1", Name: "Twin"}},
		Pipelines: []sales.Pipeline{{ID: "p", Stages: []sales.Stage{
			{ID: "a", Kind: sales.StageOpen, Probability: 0.2},
			{ID: "b", Kind: sales.StageOpen, Probability: 0.6},
			{ID: "w", Kind: sales.StageWon, Probability: 1},
			{ID: "l", Kind: sales.StageLost},
			{ID: "x", Kind: 9},
		}}},
		Companies: []sales.Company{{ID: "co", Type: "CUSTOMER", Region: "EMEA"}, {ID: ""}},
	}
	r.Deals = []sales.Deal{
		{ID: "d0", Owner: "o1", Pipeline: "p", Stage: "w", Created: t0, CloseDate: t0.Add(9 * day),
			Amount: amount("10.1234567"), Company: "co", Source: " web ",
			StageHistory: []sales.StageVisit{
				{Stage: "a", Entered: t0, Left: t0.Add(day)},
				{Stage: "zz", Entered: t0.Add(day), Left: t0.Add(2 * day)},
				{Stage: "b", Entered: time.Time{}, Left: t0.Add(3 * day)},
				{Stage: "a", Entered: t0.Add(3 * day), Left: t0.Add(9 * day)},
				{Stage: "w", Entered: t0.Add(9 * day)},
			},
			CloseDateHistory: []sales.CloseDateChange{
				{At: t0, CloseDate: t0.Add(5 * day)},
				{At: t0.Add(2 * day)},
				{At: t0.Add(4 * day), CloseDate: t0.Add(8 * day)},
			}},
		{ID: "d1", Owner: "ghost", Pipeline: "gone", Stage: "a", Created: t0.Add(day),
			Company: "elsewhere"},
		{ID: "d2", Pipeline: "p", Stage: "l", Created: t0, CloseDate: t0.Add(4 * day),
			Amount: amount("123456789012345678"), Currency: "USD"},
		{ID: "d3", Pipeline: "p", Stage: "b", Amount: amount("5"), Currency: "JPY",
			CloseDateHistory: []sales.CloseDateChange{{At: t0.Add(day), CloseDate: t0.Add(30 * day)}},
			StageHistory:     []sales.StageVisit{{Stage: "b", Entered: t0.Add(2 * day)}}},
		{ID: "d4", Pipeline: "p", Stage: "x", Created: t0.Add(-day), CloseDate: t0},
		{ID: "d0", Pipeline: "p", Stage: "zz", Created: t0.Add(2 * day)},
	}
	many := make([]sales.ContactID, 300)
	for k := range many {
		many[k] = sales.ContactID(fmt.Sprint("c", k%7))
	}
	r.Contacts = []sales.Contact{
		{ID: "c0", Owner: "o1", Created: t0, Lifecycle: sales.LifecycleLead, Source: "ads",
			Reached: sales.LifecycleDates{Lead: t0}},
		{ID: "c1", Owner: "", Lifecycle: 42, LeadStatus: "NEW"},
		{ID: "c2", Owner: "ghost", Created: t0.Add(day), Lifecycle: sales.LifecycleCustomer,
			Reached: sales.LifecycleDates{MarketingQualified: t0, Customer: t0.Add(7 * day)}},
	}
	r.Activities = []sales.Activity{
		{ID: "a0", Type: sales.ActivityTask, Owner: "o1", Time: t0, TaskDue: t0.Add(day),
			Deals: []sales.DealID{"d0", "d0", "nope"}, Contacts: many},
		{ID: "a1", Type: sales.ActivityTask, Time: t0, TaskStatus: sales.TaskCompleted,
			Deals: []sales.DealID{"d2"}, Companies: []sales.CompanyID{"co", "co"}},
		{ID: "a2", Type: sales.ActivityCall, Owner: "ghost", Time: t0.Add(time.Hour),
			Duration: time.Minute, CallOutcome: sales.CallBusy, Direction: sales.DirectionOutbound,
			Deals: []sales.DealID{"d3", "d0"}},
		{ID: "a3", Type: sales.ActivityMeeting, Time: t0.Add(2 * day), MeetingEnd: t0.Add(2*day + time.Hour),
			MeetingOutcome: sales.MeetingCompleted, Contacts: []sales.ContactID{"c2", "c0"}},
		{ID: "a4", Type: 0, Time: time.Time{}},
		{ID: "a5", Type: sales.ActivityTask, Time: t0.Add(day), TaskDue: t0.Add(2 * day),
			TaskCompleted: t0.Add(3 * day), Deals: []sales.DealID{"d3"}},
		{ID: "a6", Type: 77, Time: t0},
	}
	return r
}

// checkColumns compares every column with the records it comes from.
func checkColumns(ds *sales.Dataset) error {
	d, a, c := ds.DealColumns(), ds.ActivityColumns(), ds.ContactColumns()
	for i := range ds.Deals {
		x := &ds.Deals[i]
		stage, _ := ds.DealStage(i)
		v, state := ds.DealValue(i)
		micros := d.Micros[i] != sales.NoMicros
		switch {
		case d.Created[i] != sales.InstantOf(x.Created), d.Close[i] != sales.InstantOf(x.CloseDate):
			return fmt.Errorf("deal %d: times %d %d", i, d.Created[i], d.Close[i])
		case d.Kind[i] != ds.DealKind(i), int(d.Stage[i]) != stage,
			int(d.Pipeline[i]) != ds.DealPipelineIndex(i), !companyCode(ds, d.Company[i], x.Company),
			max(int(d.Company[i]), -1) != ds.DealCompany(i):
			return fmt.Errorf("deal %d: kind %d stage %d pipeline %d company %d", i, d.Kind[i],
				d.Stage[i], d.Pipeline[i], d.Company[i])
		case max(int(d.Owner[i]), -1) != ds.DealOwner(i) || !ownerCode(ds, d.Owner[i], x.Owner):
			return fmt.Errorf("deal %d: owner %d for %q", i, d.Owner[i], x.Owner)
		case d.Value[i] != state, micros && !decimal.New(d.Micros[i], -6).Equal(v):
			return fmt.Errorf("deal %d: value %v %d, want %v %s", i, d.Value[i], d.Micros[i], state, v)
		case d.Source.String(i) != x.Source, d.Region.String(i) != x.Region,
			d.LostReason.String(i) != x.LostReason, d.Type[i] != x.Type:
			return fmt.Errorf("deal %d: source %q, region %q, lost reason %q, type %v",
				i, d.Source.String(i), d.Region.String(i), d.LostReason.String(i), d.Type[i])
		}
		if err := checkHistories(ds, i); err != nil {
			return err
		}
	}
	for i := range ds.Activities {
		x := &ds.Activities[i]
		want := []any{sales.InstantOf(x.Time), x.Type, x.Direction, x.CallOutcome, x.Duration,
			sales.InstantOf(x.MeetingEnd), x.MeetingOutcome, x.TaskStatus, sales.InstantOf(x.TaskDue),
			sales.InstantOf(x.TaskCompleted)}
		got := []any{a.Time[i], a.Type[i], a.Direction[i], a.CallOutcome[i], a.Duration[i],
			a.MeetingEnd[i], a.MeetingOutcome[i], a.TaskStatus[i], a.TaskDue[i], a.TaskCompleted[i]}
		if !reflect.DeepEqual(got, want) || !ownerCode(ds, a.Owner[i], x.Owner) {
			return fmt.Errorf("activity %d: columns %v owner %d, want %v owner %q", i, got, a.Owner[i],
				want, x.Owner)
		}
	}
	for i := range ds.Contacts {
		x := &ds.Contacts[i]
		if c.Created[i] != sales.InstantOf(x.Created) || c.Lifecycle[i] != x.Lifecycle ||
			!ownerCode(ds, c.Owner[i], x.Owner) || c.Source.String(i) != x.Source ||
			c.LeadStatus.String(i) != x.LeadStatus || c.Reached[sales.LifecycleUnknown] != nil {
			return fmt.Errorf("contact %d: columns differ from %+v", i, *x)
		}
		for s := sales.LifecycleSubscriber; int(s) < sales.NumLifecycleStages; s++ {
			if c.Reached[s][i] != sales.InstantOf(x.Reached.Get(s)) {
				return fmt.Errorf("contact %d: reached %s at %d", i, s, c.Reached[s][i])
			}
		}
	}
	co := ds.CompanyColumns()
	for i := range ds.Companies {
		x := &ds.Companies[i]
		if co.Type.String(i) != x.Type || co.Industry.String(i) != x.Industry ||
			co.Region.String(i) != x.Region {
			return fmt.Errorf("company %d: columns differ from %+v", i, *x)
		}
	}
	return checkOfType(ds)
}

// ownerCode reports whether the owner column's value o is right for id.
func ownerCode(ds *sales.Dataset, o int32, id sales.OwnerID) bool {
	i, listed := ds.OwnerIndex(id)
	return positionCode(o, i, listed, id == "")
}

// companyCode reports whether the company column's value c is right for
// id.
func companyCode(ds *sales.Dataset, c int32, id sales.CompanyID) bool {
	i, listed := ds.CompanyIndex(id)
	return positionCode(c, i, listed, id == "")
}

// positionCode reports whether a column's value v is right for a record
// at position i that is listed or not, of an empty id or not.
func positionCode(v int32, i int, listed, empty bool) bool {
	switch {
	case listed:
		return int(v) == i
	case empty:
		return v == sales.Unassigned
	}
	return v == sales.Unlisted
}

// checkHistories compares deal i's visits and close date changes with its
// record.
func checkHistories(ds *sales.Dataset, i int) error {
	x, v, h := &ds.Deals[i], ds.DealVisits(i), ds.DealCloseChanges(i)
	if v.Len() != len(x.StageHistory) || h.Len() != len(x.CloseDateHistory) {
		return fmt.Errorf("deal %d: %d visits, %d changes", i, v.Len(), h.Len())
	}
	for j, s := range x.StageHistory {
		pos := -1
		if p := ds.DealPipeline(i); p != nil {
			pos, _ = p.StageIndex(s.Stage)
		}
		if int(v.Stage[j]) != pos || v.Entered[j] != sales.InstantOf(s.Entered) ||
			v.Left[j] != sales.InstantOf(s.Left) {
			return fmt.Errorf("deal %d visit %d: %d %d %d", i, j, v.Stage[j], v.Entered[j], v.Left[j])
		}
	}
	for j, ch := range x.CloseDateHistory {
		if h.At[j] != sales.InstantOf(ch.At) || h.CloseDate[j] != sales.InstantOf(ch.CloseDate) {
			return fmt.Errorf("deal %d change %d: %d %d", i, j, h.At[j], h.CloseDate[j])
		}
	}
	return nil
}

// checkOfType: the positions by type partition the activities of the
// five types, in order.
func checkOfType(ds *sales.Dataset) error {
	c := ds.ActivityColumns()
	for typ := sales.ActivityType(0); typ < 100; typ++ {
		var want []int32
		if typ >= sales.ActivityCall && typ <= sales.ActivityNote {
			for i := range ds.Activities {
				if ds.Activities[i].Type == typ {
					want = append(want, int32(i))
				}
			}
		}
		if got := c.OfType(typ); !slices.Equal(got, want) {
			return fmt.Errorf("OfType(%d) = %v, want %v", typ, got, want)
		}
	}
	return nil
}

func TestColumns(t *testing.T) {
	if err := checkColumns(sales.MustDataset(edgeRecords())); err != nil {
		t.Errorf("edge portal: %v", err)
	}
	properties := columnProperties(t)
	properties.Property("columns hold the records' fields", prop.ForAll(
		func(pc portalCase) string { return errText(checkColumns(pc.dataset())) }, genPortal()))
	properties.TestingRun(t)
}

func errText(err error) string {
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestTally_micros: a Tally adds values from the millionths column where it
// can and from decimals where it cannot, and past an int64 of millionths,
// and gives the exact decimal sum.
func TestTally_micros(t *testing.T) {
	amounts := []string{"5000000000000", "5000000000000", "1.5", "10.1234567", "", "0.000001",
		"-2.25", "99999999999999999999.5"}
	r := sales.Records{Currency: "EUR", Pipelines: []sales.Pipeline{{ID: "p",
		Stages: []sales.Stage{{ID: "w", Kind: sales.StageWon}}}}}
	for k, a := range amounts {
		d := sales.Deal{ID: sales.DealID(fmt.Sprint("d", k)), Pipeline: "p", Stage: "w"}
		if a != "" {
			d.Amount = decimal.NewNullDecimal(decimal.RequireFromString(a))
		}
		r.Deals = append(r.Deals, d)
	}
	r.Deals = append(r.Deals, sales.Deal{ID: "yen", Pipeline: "p", Stage: "w", Currency: "JPY",
		Amount: decimal.NewNullDecimal(decimal.RequireFromString("7"))})
	ds := sales.MustDataset(r)
	var got sales.Tally
	for i := range ds.Deals {
		got.AddDeal(ds, i)
	}
	// 5e12 + 5e12 + 1.5 + 10.1234567 + 0.000001 - 2.25 + 99999999999999999999.5
	want := decimal.RequireFromString("100000010000000000008.8734577")
	if !got.Value.Decimal().Equal(want) || got.Count != 9 || got.NoAmount != 1 || got.NoRate != 1 {
		t.Errorf("Tally over %v = %+v (value %s), want value %s, 9 deals, 1 without amount, 1 without rate",
			amounts, got, got.Value.Decimal(), want)
	}
	if m := ds.DealColumns().Micros; m[3] != sales.NoMicros || m[7] != sales.NoMicros || m[2] != 1_500_000 {
		t.Errorf("Micros = %v, want NoMicros for 10.1234567 and 99999999999999999999.5, 1500000 for 1.5", m)
	}
}

func TestCodes(t *testing.T) {
	ds := sales.MustDataset(edgeRecords())
	c := ds.ContactColumns().LeadStatus
	if want := []string{"", "NEW"}; !slices.Equal(c.Dict, want) {
		t.Errorf("LeadStatus.Dict = %q, want %q", c.Dict, want)
	}
	if want := []uint32{0, 1, 0}; !slices.Equal(c.Code, want) {
		t.Errorf("LeadStatus.Code = %v, want %v", c.Code, want)
	}
	s := ds.DealColumns().Source
	if got := s.String(0); got != " web " {
		t.Errorf("deal 0's Source.String = %q, want %q", got, " web ")
	}
}
