package sales_test

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
	"github.com/salespilot/sales/internal/demo"
)

// tablesSeed is the seed of the table snapshot's properties.
const tablesSeed = 20261204

func tablesProperties(t *testing.T, runs int) *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(tablesSeed)
	params.MinSuccessfulTests = runs
	t.Logf("gopter seed %d", params.Seed())
	return gopter.NewProperties(params)
}

// demoPortal returns the demo portal of the given seed and size; size 0
// is a portal with no record at all.
func demoPortal(t *testing.T, seed uint64, deals int) sales.Records {
	if deals == 0 {
		return sales.Records{}
	}
	r, err := demo.Generate(demo.Options{Seed: seed, Deals: deals})
	if err != nil {
		t.Fatalf("demo.Generate(seed %d, %d deals) = %v", seed, deals, err)
	}
	return r
}

// sameRecords reports whether got equals want as the table snapshot
// promises, logging where they first differ.
func sameRecords(t *testing.T, call string, want, got sales.Records) bool {
	w, g := canonical(t, want), canonical(t, got)
	if w != g {
		t.Logf("%s differs:\n%s", call, firstDiff(w, g))
		return false
	}
	return true
}

func TestTablesRoundTrip_properties(t *testing.T) {
	for _, size := range []int{0, 61, 1000} {
		t.Run(fmt.Sprintf("chunk%d", size), func(t *testing.T) {
			if size > 0 {
				defer sales.SetChunkSize(size)()
			}
			roundTripProperties(t)
		})
	}
}

// roundTripProperties checks the round trip on demo portals and on nasty
// records.
func roundTripProperties(t *testing.T) {
	props := tablesProperties(t, 25)
	props.Property("ReadTables(WriteTables(demo portal)) is the portal", prop.ForAll(
		func(seed uint64, deals int) bool {
			r := demoPortal(t, seed, deals)
			return sameRecords(t, fmt.Sprintf("demo(seed %d, %d deals)", seed, deals),
				r, tablesRoundTrip(t, r))
		},
		gen.UInt64(), gen.IntRange(0, 300),
	))
	props.Property("ReadTables(WriteTables(nasty records)) is the records", prop.ForAll(
		func(seed uint64, n int) bool {
			r := nastyRecords(seed, n)
			return sameRecords(t, fmt.Sprintf("nasty(seed %d, %d)", seed, n), r, tablesRoundTrip(t, r))
		},
		gen.UInt64(), gen.IntRange(0, 40),
	))
	props.TestingRun(t)
}

// TestTablesRoundTrip_reports computes every report of the catalogue on
// demo portals and on their table snapshots: the dashboard's JSON must be
// the same.
func TestTablesRoundTrip_reports(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		r := demoPortal(t, seed, 400)
		back := tablesRoundTrip(t, r)
		want := catalogJSON(t, r)
		got := catalogJSON(t, back)
		for id, w := range want {
			if g := got[id]; g != w {
				t.Errorf("seed %d: %s from the table snapshot differs:\n%s", seed, id,
					firstDiff(w, g))
			}
		}
	}
}

// catalogJSON computes the catalogue on r as the dashboard does, keyed by
// report id.
func catalogJSON(t *testing.T, r sales.Records) map[string]string {
	ds, err := sales.NewDataset(r)
	if err != nil {
		t.Fatal(err)
	}
	loc := ds.Location()
	p := catalog.Params{AsOf: demo.Today(), Period: sales.Quarter(2026, 3, loc),
		Unit: sales.UnitMonth, Seed: 7, TopN: 5}
	out := map[string]string{}
	for id, o := range catalog.Run(ds, p, 2) {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		out[id] = string(b)
	}
	return out
}

// nastyRecords draws records full of what a CSV file finds hard: quotes,
// commas, line breaks and other scripts in text, NaN and out-of-range
// probabilities, enums no name fits, zero times and times in many zones
// (daylight saving, half hours, local mean time), missing and zero
// decimals, huge ones, empty pipelines, repeated pipeline ids. Deal and
// activity ids are unique: repeated ones are tested by hand.
func nastyRecords(seed uint64, n int) sales.Records {
	g := nasty{rand.New(rand.NewPCG(seed, seed>>7|1))}
	r := sales.Records{TimeZone: g.pick(zoneNames), Currency: sales.Currency(g.text())}
	r.Rates.Base = sales.Currency(g.text())
	if g.Bool() {
		r.Rates.ToBase = map[sales.Currency]decimal.Decimal{}
		for range g.IntN(4) {
			r.Rates.ToBase[sales.Currency(g.text())] = g.decimal()
		}
	}
	for range g.IntN(n + 1) {
		r.Owners = append(r.Owners, sales.Owner{ID: sales.OwnerID(g.text()), Name: g.text(),
			Email: g.text(), Team: g.text(), Archived: g.Bool()})
	}
	for range g.IntN(4) {
		r.Pipelines = append(r.Pipelines, g.pipeline())
	}
	for i := range g.IntN(n + 1) {
		r.Deals = append(r.Deals, g.deal(i))
	}
	for range g.IntN(n + 1) {
		r.Contacts = append(r.Contacts, g.contact())
	}
	for range g.IntN(n + 1) {
		r.Companies = append(r.Companies, sales.Company{ID: sales.CompanyID(g.text()),
			Name: g.text(), Type: g.text(), Industry: g.text(), Country: g.text(),
			Region: g.text(), Owner: sales.OwnerID(g.text()), Created: g.time()})
	}
	for i := range g.IntN(2*n + 1) {
		r.Activities = append(r.Activities, g.activity(i))
	}
	for range g.IntN(n + 1) {
		r.Products = append(r.Products, sales.Product{ID: sales.ProductID(g.text()),
			Name: g.text(), SKU: g.text(), Price: g.nullDecimal(),
			Currency: sales.Currency(g.text())})
	}
	for range g.IntN(n + 1) {
		r.LineItems = append(r.LineItems, sales.LineItem{ID: sales.LineItemID(g.text()),
			Deal: sales.DealID(g.text()), Product: sales.ProductID(g.text()), Name: g.text(),
			Quantity: g.decimal(), UnitPrice: g.decimal(), Amount: g.nullDecimal(),
			Currency: sales.Currency(g.text())})
	}
	for range g.IntN(n + 1) {
		r.Targets = append(r.Targets, sales.Target{ID: sales.TargetID(g.text()),
			Owner: sales.OwnerID(g.text()), Team: g.text(),
			Period: sales.Period{Start: g.time(), End: g.time()},
			Metric: sales.TargetMetric(g.enum()), Value: g.decimal()})
	}
	return r
}

type nasty struct{ *rand.Rand }

var zoneNames = []string{"", "UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata",
	"Australia/Lord_Howe", "Pacific/Chatham", "Mars/Olympus", "Local"}

var texts = []string{"", "plain", "a,b", `say "hi"`, "two\nlines", "cr\ronly", "\r\n",
	"é漢字🙂", " spaced ", `"`, ",", `""`, `x"`, "trailing\r", "\xff\xfe", "NULL", "0",
	"-", "a\"b,c\nd", "\t", "ünïcödé, \"quoted\"\r\nand more"}

func (g nasty) Bool() bool { return g.IntN(2) == 0 }

func (g nasty) pick(s []string) string { return s[g.IntN(len(s))] }

func (g nasty) text() string {
	if g.IntN(3) == 0 {
		return fmt.Sprintf("id%d", g.IntN(1000))
	}
	return g.pick(texts)
}

func (g nasty) enum() uint8 { return uint8(g.IntN(11)) }

// time returns the zero time, or an instant between 1850 and 2100 in one
// of many locations.
func (g nasty) time() time.Time {
	if g.IntN(4) == 0 {
		return time.Time{}
	}
	lo := time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	t := time.Unix(lo+g.Int64N(hi-lo), 0)
	switch g.IntN(3) {
	case 0:
		t = t.Add(time.Duration(g.IntN(1e9)))
	case 1:
		t = t.Add(time.Duration(g.IntN(1000)) * time.Millisecond)
	}
	return t.In(g.location())
}

var locations = func() []*time.Location {
	out := []*time.Location{time.UTC, time.FixedZone("", 5*3600+30*60),
		time.FixedZone("LMT", -(4*3600 + 56*60 + 2)), time.FixedZone("X", -90*60)}
	for _, name := range []string{"America/New_York", "Europe/Paris", "Asia/Kolkata",
		"Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"} {
		if loc, err := time.LoadLocation(name); err == nil {
			out = append(out, loc)
		}
	}
	return out
}()

func (g nasty) location() *time.Location { return locations[g.IntN(len(locations))] }

func (g nasty) decimal() decimal.Decimal {
	switch g.IntN(6) {
	case 0:
		return decimal.Decimal{}
	case 1:
		return decimal.Zero
	case 2:
		v, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
		return decimal.NewFromBigInt(v, -int32(g.IntN(12)))
	case 3:
		return decimal.New(g.Int64N(1000), int32(g.IntN(5)))
	}
	return decimal.New(g.Int64()>>g.IntN(60), -int32(g.IntN(10)))
}

func (g nasty) nullDecimal() decimal.NullDecimal {
	if g.IntN(3) == 0 {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(g.decimal())
}

var probabilities = []float64{math.NaN(), math.Inf(1), math.Inf(-1), -0.5, 1.5, 0, 1, 0.2,
	1e-300, math.Copysign(0, -1), 0.1 + 0.2}

func (g nasty) pipeline() sales.Pipeline {
	p := sales.Pipeline{ID: sales.PipelineID(g.pick([]string{"p", "p", "q,r", ""})),
		Label: g.text()}
	for range g.IntN(4) {
		p.Stages = append(p.Stages, sales.Stage{ID: sales.StageID(g.text()), Label: g.text(),
			Kind: sales.StageKind(g.enum()), Probability: probabilities[g.IntN(len(probabilities))]})
	}
	return p
}

func (g nasty) deal(i int) sales.Deal {
	d := sales.Deal{ID: sales.DealID(fmt.Sprintf("%s%d", g.pick(texts), i)), Name: g.text(),
		Owner: sales.OwnerID(g.text()), Pipeline: sales.PipelineID(g.text()),
		Stage: sales.StageID(g.text()), Amount: g.nullDecimal(),
		Currency: sales.Currency(g.text()), Created: g.time(), CloseDate: g.time(),
		LostReason: g.text(), Source: g.text(), Region: g.text(), Type: sales.DealType(g.enum()),
		Company: sales.CompanyID(g.text())}
	for range g.IntN(3) {
		d.Contacts = append(d.Contacts, sales.ContactID(g.text()))
	}
	for range g.IntN(4) {
		d.StageHistory = append(d.StageHistory, sales.StageVisit{Stage: sales.StageID(g.text()),
			Entered: g.time(), Left: g.time()})
	}
	for range g.IntN(3) {
		d.CloseDateHistory = append(d.CloseDateHistory,
			sales.CloseDateChange{At: g.time(), CloseDate: g.time()})
	}
	return d
}

func (g nasty) contact() sales.Contact {
	c := sales.Contact{ID: sales.ContactID(g.text()), Name: g.text(),
		Owner: sales.OwnerID(g.text()), Created: g.time(),
		Lifecycle: sales.LifecycleStage(g.enum()), LeadStatus: g.text(), Source: g.text(),
		Company: sales.CompanyID(g.text())}
	for s := sales.LifecycleSubscriber; s <= sales.LifecycleOther; s++ {
		c.Reached.Set(s, g.time())
	}
	return c
}

func (g nasty) activity(i int) sales.Activity {
	a := sales.Activity{ID: sales.ActivityID(fmt.Sprintf("%s%d", g.pick(texts), i)),
		Type: sales.ActivityType(g.enum()), Owner: sales.OwnerID(g.text()), Time: g.time(),
		Subject: g.text(), Direction: sales.Direction(g.enum()),
		Duration: time.Duration(g.Int64() >> g.IntN(64)), CallOutcome: sales.CallOutcome(g.enum()),
		MeetingEnd: g.time(), MeetingOutcome: sales.MeetingOutcome(g.enum()),
		TaskStatus: sales.TaskStatus(g.enum()), TaskDue: g.time(), TaskCompleted: g.time()}
	if g.Bool() {
		a.Duration = -a.Duration
	}
	for range g.IntN(3) {
		a.Deals = append(a.Deals, sales.DealID(g.text()))
	}
	for range g.IntN(3) {
		a.Contacts = append(a.Contacts, sales.ContactID(g.text()))
	}
	for range g.IntN(3) {
		a.Companies = append(a.Companies, sales.CompanyID(g.text()))
	}
	return a
}
