package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/activity"
	"github.com/salespilot/sales/internal/demo"
)

func TestMain(m *testing.M) {
	beamlog.LogLevel = "warn" // read by beam.Init, which ptest.Main calls
	ptest.Main(m)
}

// The demo portal the pipeline tests share, and how it is spread.
const (
	testSeed   = 11
	testDeals  = 1500
	testShards = 6
)

// testFlags are the dashboard's default settings.
var testFlags = Flags{Unit: "month", WeekStart: "monday", Top: 5}

// writeAndRun writes the portal recs with header h into dir, as shards,
// runs the pipeline on Prism, the runner that encodes every element it
// moves, and returns the settings and the output keyed by id.
func writeAndRun(t *testing.T, dir string, recs sales.Records, h Header, shards int) (Settings,
	map[string]json.RawMessage) {
	t.Helper()
	ctx := context.Background()
	if _, err := writeShards(ctx, dir, recs, h, shards); err != nil {
		t.Fatal(err)
	}
	h, err := readHeader(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := resolve(testFlags, h)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "reports.json")
	p, s := beam.NewPipelineWithRoot()
	build(s, dir, out, st)
	if _, err := beam.Run(ctx, "prism", p); err != nil {
		t.Fatalf("pipeline on Prism: %v", err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return st, doc
}

// demoPortal loads the tests' demo portal as the program does.
func demoPortal(t *testing.T) (sales.Records, Header) {
	t.Helper()
	recs, h, err := load(&options{seed: testSeed, deals: testDeals})
	if err != nil {
		t.Fatal(err)
	}
	return recs, h
}

// aboutTwoDeals returns a copy of recs in which every third activity
// about a deal is about another deal too, and some records carry what
// the reports count apart: an owner the portal does not list, a stage its
// pipeline lacks, no amount.
func aboutTwoDeals(recs sales.Records) sales.Records {
	out := recs
	out.Activities = append([]sales.Activity(nil), recs.Activities...)
	n := len(recs.Deals)
	for i := range out.Activities {
		a := &out.Activities[i]
		if len(a.Deals) != 1 || i%3 != 0 {
			continue
		}
		if other := recs.Deals[i*7%n].ID; other != a.Deals[0] {
			a.Deals = []sales.DealID{a.Deals[0], other}
		}
	}
	out.Deals = append([]sales.Deal(nil), recs.Deals...)
	for i := 0; i < n; i += 50 {
		out.Deals[i].Owner = "ghost"
		out.Deals[i+1].Stage = "gone"
		out.Deals[i+2].Amount = decimal.NullDecimal{}
	}
	return out
}

// resultOf returns the result an outcome of the output holds, as JSON.
func resultOf(t *testing.T, doc map[string]json.RawMessage, id string) []byte {
	t.Helper()
	var o struct {
		Result      json.RawMessage `json:"result"`
		Unavailable string          `json:"unavailable"`
		Error       string          `json:"error"`
	}
	if err := json.Unmarshal(doc[id], &o); err != nil {
		t.Fatalf("output of %s: %v", id, err)
	}
	if o.Result == nil {
		t.Fatalf("output of %s has no result (unavailable %q, error %q)", id, o.Unavailable, o.Error)
	}
	return compact(t, o.Result)
}

func compact(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPipeline runs the pipeline on Prism over a demo portal spread over
// several shards, some of its activities about deals of two shards, and
// checks every result against the library's result over the whole portal
// in memory.
func TestPipeline(t *testing.T) {
	recs, h := demoPortal(t)
	recs = aboutTwoDeals(recs)
	st, doc := writeAndRun(t, t.TempDir(), recs, h, testShards)
	p, err := st.params()
	if err != nil {
		t.Fatal(err)
	}
	ds := sales.MustDataset(recs)
	for i := range reports {
		r := &reports[i]
		want, err := r.run(ds, p)
		if err != nil {
			t.Errorf("%s over the whole portal: %v", r.name(), err)
			continue
		}
		wantJSON, _ := json.Marshal(want)
		for _, id := range r.ids {
			if got := resultOf(t, doc, id); !bytes.Equal(got, wantJSON) {
				t.Errorf("%s over %d shards differs from the whole:\n got %.400s\nwant %.400s",
					id, testShards, got, wantJSON)
			}
		}
	}

	r05, _ := activity.AverageCallTimePerDay(ds, p.period)
	if got, want := resultOf(t, doc, "R05"), mustJSON(t, r05); !bytes.Equal(got, want) {
		t.Errorf("R05 over shards = %.300s, want %.300s", got, want)
	}
	var m meta
	if err := json.Unmarshal(doc["meta"], &m); err != nil {
		t.Fatal(err)
	}
	want := Counts{Shards: testShards, Deals: int64(len(recs.Deals)),
		LineItems: int64(len(recs.LineItems)), Activities: int64(len(recs.Activities)),
		Contacts: int64(len(recs.Contacts))}
	got := m.Records
	got.StageHistories, got.CloseDateHistories = 0, 0
	if got != want {
		t.Errorf("records read = %+v, want %+v", got, want)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPipeline_dashboard compares the pipeline's output, id by id, with
// what examples/dashboard -json prints for the same portal: the same
// results, titles and aliases. It runs the dashboard with the go command.
func TestPipeline_dashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the dashboard with the go command")
	}
	recs, h := demoPortal(t)
	_, doc := writeAndRun(t, t.TempDir(), recs, h, testShards)
	dash := dashboardJSON(t, "-deals", strconv.Itoa(testDeals), "-seed", strconv.Itoa(testSeed))
	compareWithDashboard(t, doc, dash)
}

// TestPipeline_maven runs the pipeline over the Maven data set, which
// has no activities, contacts or stage history, and compares it with the
// dashboard's output on the same data.
func TestPipeline_maven(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "maven-crm-sales-opportunities")
	if _, err := os.Stat(dir); err != nil || testing.Short() {
		t.Skipf("no Maven data set at %s, or -short", dir)
	}
	recs, h, err := load(&options{maven: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, doc := writeAndRun(t, t.TempDir(), recs, h, 5)
	abs, _ := filepath.Abs(dir)
	compareWithDashboard(t, doc, dashboardJSON(t, "-maven", abs))
}

// dashboardJSON runs examples/dashboard -json with args and returns its
// output keyed by id.
func dashboardJSON(t *testing.T, args ...string) map[string]json.RawMessage {
	t.Helper()
	cmd := exec.Command("go", append([]string{"run", "./examples/dashboard", "-json"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go run ./examples/dashboard: %v\n%s", err, stderr.Bytes())
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// compareWithDashboard checks that every report the pipeline computes is
// shown as the dashboard shows it.
func compareWithDashboard(t *testing.T, doc, dash map[string]json.RawMessage) {
	t.Helper()
	for id := range titles {
		if _, left := notMerged[id]; left {
			continue
		}
		got, want := compact(t, doc[id]), compact(t, dash[id])
		if !bytes.Equal(got, want) {
			t.Errorf("%s: pipeline and dashboard differ:\n got %.400s\nwant %.400s", id, got, want)
		}
	}
}

// TestBundleCoder encodes a bundle with the coder Beam uses for it and
// decodes it: every result must come back whole, decimals included.
func TestBundleCoder(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 2, Deals: 200})
	if err != nil {
		t.Fatal(err)
	}
	p := testParams(t, recs)
	ds := sales.MustDataset(recs)
	b := compute(ds, splitDeals, p)
	if err := b.Merge(compute(ds, splitActivities, p)); err != nil {
		t.Fatal(err)
	}
	rt := reflect.TypeOf(b)
	var buf bytes.Buffer
	if err := beam.NewElementEncoder(rt).Encode(b, &buf); err != nil {
		t.Fatalf("encode: %v", err)
	}
	back, err := beam.NewElementDecoder(rt).Decode(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if got, want := mustJSON(t, back), mustJSON(t, b); !bytes.Equal(got, want) {
		t.Errorf("a bundle through Beam's coder = %.300s, want %.300s", got, want)
	}
}

// testParams are the dashboard's default settings over recs, as of the
// demo's today.
func testParams(t testing.TB, recs sales.Records) *params {
	t.Helper()
	h := Header{Format: HeaderFormat, Shards: 1, AsOf: demo.Today(), Shared: recs}
	st, err := resolve(testFlags, h)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.params()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadShard_copies spreads by hand a portal whose activity is about
// two deals in two shards: each shard's effort (R13, R14) counts it for
// its own deal, and the activity reports count it once.
func TestReadShard_copies(t *testing.T) {
	loc := demo.Location()
	day := func(d int) time.Time { return time.Date(2026, time.March, d, 10, 0, 0, 0, loc) }
	recs := sales.Records{
		TimeZone:  loc.String(),
		Currency:  "USD",
		Owners:    []sales.Owner{{ID: "o1", Name: "Ann"}},
		Pipelines: demoPipelines(t),
		Deals: []sales.Deal{
			{ID: "d1", Owner: "o1", Pipeline: demo.NewBusiness, Stage: "closedwon",
				Created: day(1), CloseDate: day(20)},
			{ID: "d2", Owner: "o1", Pipeline: demo.NewBusiness, Stage: "closedwon",
				Created: day(2), CloseDate: day(21)},
		},
		// One call about both deals, one email about d2.
		Activities: []sales.Activity{
			{ID: "a1", Type: sales.ActivityCall, Owner: "o1", Time: day(5),
				Deals: []sales.DealID{"d1", "d2"}},
			{ID: "a2", Type: sales.ActivityEmail, Owner: "o1", Time: day(6),
				Deals: []sales.DealID{"d2"}},
		},
	}
	shared := recs
	shared.Deals, shared.Activities = nil, nil
	// Shard 0: d1 and the call; shard 1: d2, a copy of the call, the email.
	shards := [][]Line{
		{{Deal: &recs.Deals[0]}, {Activity: &recs.Activities[0]}},
		{{Deal: &recs.Deals[1]}, {Activity: &recs.Activities[0], Copy: true},
			{Activity: &recs.Activities[1]}},
	}
	p := testParams(t, recs)
	var merged Bundle
	for k, lines := range shards {
		var buf bytes.Buffer
		for _, l := range lines {
			buf.Write(mustJSON(t, l))
			buf.WriteByte('\n')
		}
		b, err := readShard(shared, p, &buf)
		if err != nil {
			t.Fatalf("readShard(shard %d): %v", k, err)
		}
		if err := merged.Merge(b); err != nil {
			t.Fatalf("Merge(shard %d): %v", k, err)
		}
	}
	// By hand: 2 won deals with 1 + 2 = 3 activities; 2 activities, a call
	// and an email.
	effort := merged.results["R13"].(activity.EffortReport)
	if w := effort.Team.Won; w.Deals != 2 || w.Activities != 3 {
		t.Errorf("R13 over the shards = %d deals, %d activities; want 2 and 3", w.Deals, w.Activities)
	}
	types := merged.results["R01"].(activity.TypeReport)
	if c := types.Total; c.Total != 2 || c.Calls != 1 || c.Emails != 1 {
		t.Errorf("R01 over the shards = %+v, want 1 call and 1 email", c)
	}
	if merged.counts.Activities != 2 || merged.counts.Deals != 2 || merged.counts.Shards != 2 {
		t.Errorf("counts = %+v, want 2 shards, 2 deals, 2 activities", merged.counts)
	}
}

func demoPipelines(t *testing.T) []sales.Pipeline {
	t.Helper()
	recs, err := demo.Generate(demo.Options{Seed: 1, Deals: 1})
	if err != nil {
		t.Fatal(err)
	}
	return recs.Pipelines
}

// TestReadShard_badLines: a line that is not JSON, or holds no record or
// two, fails the shard with the record's number.
func TestReadShard_badLines(t *testing.T) {
	recs, _ := demo.Generate(demo.Options{Seed: 1, Deals: 1})
	p := testParams(t, recs)
	for _, in := range []string{
		`{"deal":{"id":"d1"}}` + "\n" + `{"deal":`,
		`{"deal":{"id":"d1"}}` + "\n" + `{}`,
		`{"deal":{"id":"d1"},"contact":{"id":"c1"}}`,
		`{"contact":{"id":"c1"},"copy":true}`,
	} {
		if _, err := readShard(sales.Records{}, p, bytes.NewBufferString(in)); err == nil {
			t.Errorf("readShard(%q) succeeded, want an error", in)
		}
	}
}

// TestDocument_missingShard: the output refuses a merge of fewer shards
// than the header lists.
func TestDocument_missingShard(t *testing.T) {
	recs, _ := demo.Generate(demo.Options{Seed: 1, Deals: 20})
	p := testParams(t, recs)
	b := compute(sales.MustDataset(recs), splitDeals, p)
	b.counts.Shards = 3
	if _, err := document(b, Header{Shards: 4, Shared: recs}, p); err == nil {
		t.Errorf("document of 3 shards of 4 succeeded, want an error")
	}
}

// TestOptions_check rejects contradictory flags.
func TestOptions_check(t *testing.T) {
	for _, o := range []options{
		{snapshot: "a", maven: "b", shards: 1},
		{input: "a", write: "b", shards: 1},
		{input: "a", snapshot: "b", shards: 1},
		{shards: 0},
	} {
		if err := o.check(); err == nil {
			t.Errorf("check(%+v) succeeded, want an error", o)
		}
	}
}
