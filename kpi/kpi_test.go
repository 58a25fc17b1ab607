package kpi

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	. "github.com/salespilot/sales/internal/testkit"
)

// smallPortal is the portal the hand-worked tests share. Every deal's part
// in the expected values is said next to it.
func smallPortal() sales.Records {
	jan := func(d int) time.Time { return Date(2024, time.January, d, nil) }
	return sales.Records{
		Currency:  "USD",
		Rates:     sales.Rates{Base: "USD", ToBase: map[sales.Currency]decimal.Decimal{"EUR": D("1.1")}},
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}, {ID: "b", Name: "Bob"}, {ID: "c", Name: "Cy"}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Deals: []sales.Deal{
			// Ann: won 100 and won without amount, lost 50: 2 won of 3 closed.
			{ID: "d1", Owner: "a", Pipeline: "sales", Stage: "won", Amount: Amount("100"),
				Created: jan(1), CloseDate: jan(10)},
			{ID: "d2", Owner: "a", Pipeline: "sales", Stage: "won",
				Created: jan(1), CloseDate: jan(11)},
			{ID: "d3", Owner: "a", Pipeline: "sales", Stage: "lost", Amount: Amount("50"),
				Created: jan(2), CloseDate: jan(12)},
			// Bob: won 200 EUR = 220 USD, won in GBP (no rate), lost in February.
			{ID: "d4", Owner: "b", Pipeline: "sales", Stage: "won", Amount: Amount("200"),
				Currency: "EUR", Created: jan(3), CloseDate: jan(20)},
			{ID: "d5", Owner: "b", Pipeline: "sales", Stage: "won", Amount: Amount("70"),
				Currency: "GBP", Created: jan(3), CloseDate: jan(21)},
			{ID: "d6", Owner: "b", Pipeline: "sales", Stage: "lost", Amount: Amount("5"),
				Created: jan(3), CloseDate: Date(2024, time.February, 2, nil)},
			// Unassigned: won 10.
			{ID: "d7", Pipeline: "sales", Stage: "won", Amount: Amount("10"),
				Created: jan(4), CloseDate: jan(30)},
			// Open, in an unknown stage, and won with no close date.
			{ID: "d8", Owner: "a", Pipeline: "sales", Stage: "propose", Amount: Amount("300"),
				Created: jan(5), CloseDate: Date(2024, time.March, 1, nil)},
			{ID: "d9", Owner: "a", Pipeline: "sales", Stage: "gone", Created: jan(5)},
			{ID: "d10", Owner: "a", Pipeline: "sales", Stage: "won", Amount: Amount("1"),
				Created: jan(6)},
			// Open, Bob, Negotiate, 0 is an amount; open, Ann, Negotiate, no amount.
			{ID: "d11", Owner: "b", Pipeline: "sales", Stage: "negotiate", Amount: Amount("0"),
				Created: jan(7)},
			{ID: "d12", Owner: "a", Pipeline: "sales", Stage: "negotiate", Created: jan(8)},
			// Open but created after the asOf the tests use (Feb 1).
			{ID: "d13", Owner: "a", Pipeline: "sales", Stage: "qualify", Amount: Amount("9"),
				Created: Date(2024, time.February, 5, nil)},
		},
	}
}

func TestResultsPerRep(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := ResultsPerRep(ds, sales.Month(2024, time.January, nil))
	if err != nil {
		t.Fatalf("ResultsPerRep: %v", err)
	}
	tests := []struct {
		owner            sales.OwnerID
		won, lost        int64
		value            string
		noAmount, noRate int64
		rateNum, rateDen int64
	}{
		{"a", 2, 1, "100", 1, 0, 2, 3},
		{"b", 2, 0, "220", 0, 1, 2, 2},
		{"c", 0, 0, "0", 0, 0, 0, 0},
		{"", 1, 0, "10", 0, 0, 1, 1},
	}
	if len(got.Reps) != len(tests) {
		t.Fatalf("ResultsPerRep: %d rows, want %d: %+v", len(got.Reps), len(tests), got.Reps)
	}
	for i, tt := range tests {
		r := got.Reps[i]
		if r.Owner != tt.owner || r.Won.Count != tt.won || r.Lost.Count != tt.lost ||
			r.Won.NoAmount != tt.noAmount || r.Won.NoRate != tt.noRate ||
			r.WinRate != (sales.Rate{Num: tt.rateNum, Den: tt.rateDen}) {
			t.Errorf("ResultsPerRep row %d = %+v, want %+v", i, r, tt)
		}
		EqualMoney(t, "ResultsPerRep won value of "+string(tt.owner), r.Won.Value.Decimal(), D(tt.value))
	}
	if _, ok := got.Reps[2].WinRate.Value(); ok {
		t.Errorf("ResultsPerRep: rep without deals has a win rate %+v, want no value", got.Reps[2].WinRate)
	}
	if got.Reps[3].Name != "unassigned" {
		t.Errorf("ResultsPerRep: last row named %q, want unassigned", got.Reps[3].Name)
	}
	// Team: 5 won (330), 1 lost; pooled rate 5/6.
	if got.Team.Won.Count != 5 || got.Team.Lost.Count != 1 || got.Team.WinRate != (sales.Rate{Num: 5, Den: 6}) {
		t.Errorf("ResultsPerRep team = %+v, want 5 won, 1 lost, 5/6", got.Team)
	}
	EqualMoney(t, "ResultsPerRep team won value", got.Team.Won.Value.Decimal(), D("330"))
	if got.NoCloseDate != 1 || got.UnknownStage != 1 {
		t.Errorf("ResultsPerRep: no close date %d, unknown stage %d, want 1 and 1",
			got.NoCloseDate, got.UnknownStage)
	}
}

func TestResultsPerRep_badPeriod(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	jan := Date(2024, time.January, 1, nil)
	for _, p := range []sales.Period{{}, {Start: jan}, {Start: jan, End: jan.AddDate(0, 0, -1)}} {
		if _, err := ResultsPerRep(ds, p); err == nil {
			t.Errorf("ResultsPerRep(%v) succeeded, want an error", p)
		}
	}
}

func TestWonAgainstTarget(t *testing.T) {
	recs := smallPortal()
	q1 := sales.Quarter(2024, 1, nil)
	recs.Targets = []sales.Target{
		// Ann: 150 in January and 150 in February, 3 deals in January.
		{Owner: "a", Period: sales.Month(2024, time.January, nil), Metric: sales.TargetWonValue, Value: D("150")},
		{Owner: "a", Period: sales.Month(2024, time.February, nil), Metric: sales.TargetWonValue, Value: D("150")},
		{Owner: "a", Period: sales.Month(2024, time.January, nil), Metric: sales.TargetWonCount, Value: D("3")},
		// Bob's team: 400 for the quarter, not in a January report.
		{Team: "east", Period: q1, Metric: sales.TargetWonValue, Value: D("400")},
		// Portal: 1000 for the quarter; and one straddling January's end.
		{Period: q1, Metric: sales.TargetWonValue, Value: D("1000")},
		{Period: sales.Period{Start: Date(2024, time.January, 15, nil), End: Date(2024, time.February, 15, nil)},
			Metric: sales.TargetWonValue, Value: D("99")},
	}
	ds := sales.MustDataset(recs)

	jan, err := WonAgainstTarget(ds, sales.Month(2024, time.January, nil))
	if err != nil {
		t.Fatalf("WonAgainstTarget(January): %v", err)
	}
	// No portal or team target lies in January: the owners' level is used,
	// 150 for Ann, against Ann's wins only: 100/150. The team won 330 in all.
	if jan.Level != TargetsOwners || jan.PartialTargets != 3 {
		t.Errorf("WonAgainstTarget(January) level %q, partial %d, want owners and 3",
			jan.Level, jan.PartialTargets)
	}
	if v, ok := jan.Team.ValueAttainment.Value(); !ok || !v.Equal(D("0.666667")) {
		t.Errorf("WonAgainstTarget(January) team attainment = %v %v, want 100/150", v, ok)
	}
	EqualMoney(t, "WonAgainstTarget(January) all won", jan.AllWon.Value.Decimal(), D("330"))
	if n := len(jan.Reps); n != 4 || jan.Reps[3].Name != "unassigned" || jan.Reps[3].Won.Count != 1 {
		t.Errorf("WonAgainstTarget(January) reps = %+v, want a, b, c and unassigned with 1 won", jan.Reps)
	}
	ann := jan.Reps[0]
	if v, ok := ann.CountAttainment.Value(); !ok || !v.Equal(D("0.666667")) {
		t.Errorf("WonAgainstTarget(January) Ann's count attainment = %v %v, want 2/3 = 0.666667", v, ok)
	}
	if bob := jan.Reps[1]; bob.ValueTarget != nil {
		t.Errorf("WonAgainstTarget(January) Bob's target = %v, want none", bob.ValueTarget)
	}

	q, err := WonAgainstTarget(ds, q1)
	if err != nil {
		t.Fatalf("WonAgainstTarget(Q1): %v", err)
	}
	// The portal target of 1000 wins over the team's and owners'; the
	// straddling target lies within Q1 and adds 99. Won in Q1: 330.
	if q.Level != TargetsPortal || q.Team.ValueTarget == nil || !q.Team.ValueTarget.Equal(D("1099")) {
		t.Errorf("WonAgainstTarget(Q1) level %q target %v, want portal 1099", q.Level, q.Team.ValueTarget)
	}
	if v, _ := q.Team.ValueAttainment.Value(); !v.Equal(D("0.300273")) {
		t.Errorf("WonAgainstTarget(Q1) attainment = %v, want 330/1099 = 0.300273", v)
	}
	if q.Team.CountTarget != nil {
		t.Errorf("WonAgainstTarget(Q1) count target = %v, want none at the portal level", q.Team.CountTarget)
	}
	// Team "east" has a target of 400 but no members: nothing won against it.
	if len(q.Teams) != 1 || q.Teams[0].Team != "east" || q.Teams[0].Won.Count != 0 ||
		!q.Teams[0].ValueTarget.Equal(D("400")) {
		t.Errorf("WonAgainstTarget(Q1) teams = %+v, want east with a target of 400 and no wins", q.Teams)
	}
}

// TestWonAgainstTarget_teams measures two teams, one with a target and one
// without: the team level counts only the members of the targeted team.
func TestWonAgainstTarget_teams(t *testing.T) {
	recs := smallPortal()
	recs.Owners[0].Team, recs.Owners[1].Team = "east", "west"
	recs.Targets = []sales.Target{{Team: "east", Period: sales.Month(2024, time.January, nil),
		Metric: sales.TargetWonValue, Value: D("200")}}
	r, err := WonAgainstTarget(sales.MustDataset(recs), sales.Month(2024, time.January, nil))
	if err != nil {
		t.Fatalf("WonAgainstTarget: %v", err)
	}
	// East is Ann: won 100 of 200. West (Bob) won 220 with no target.
	if v, _ := r.Team.ValueAttainment.Value(); r.Level != TargetsTeams || !v.Equal(D("0.5")) {
		t.Errorf("WonAgainstTarget level %q attainment %v, want teams and 0.5", r.Level, v)
	}
	if len(r.Teams) != 2 || r.Teams[1].Team != "west" || r.Teams[1].ValueTarget != nil {
		t.Errorf("WonAgainstTarget teams = %+v, want east and west, west without a target", r.Teams)
	}
	EqualMoney(t, "WonAgainstTarget west won", r.Teams[1].Won.Value.Decimal(), D("220"))
	// d7, unassigned, won 10 in January: in no team's row, but counted.
	if r.NoTeam.Count != 1 || r.AllWon.Count != 5 {
		t.Errorf("WonAgainstTarget no team %d of %d won, want 1 of 5", r.NoTeam.Count, r.AllWon.Count)
	}
	EqualMoney(t, "WonAgainstTarget no team won", r.NoTeam.Value.Decimal(), D("10"))
}

func TestOpenDealsByStage(t *testing.T) {
	ds := sales.MustDataset(smallPortal())
	got, err := OpenDealsByStage(ds, Date(2024, time.February, 1, nil))
	if err != nil {
		t.Fatalf("OpenDealsByStage: %v", err)
	}
	if len(got.Pipelines) != 1 {
		t.Fatalf("OpenDealsByStage: %d pipelines, want 1", len(got.Pipelines))
	}
	p := got.Pipelines[0]
	if len(p.Stages) != 3 || p.Stages[2].Stage != "negotiate" {
		t.Fatalf("OpenDealsByStage stages = %+v, want qualify, propose, negotiate", p.Stages)
	}
	// Ann: propose 300 (d8), negotiate with no amount (d12); Bob: negotiate 0 (d11).
	ann, bob := p.Reps[0], p.Reps[1]
	if ann.Stages[1].Count != 1 || ann.Stages[2].Count != 1 || ann.Stages[2].NoAmount != 1 ||
		ann.Total.Count != 2 {
		t.Errorf("OpenDealsByStage Ann = %+v", ann)
	}
	EqualMoney(t, "OpenDealsByStage Ann's value", ann.Total.Value.Decimal(), D("300"))
	if bob.Stages[2].Count != 1 || bob.Stages[2].NoAmount != 0 {
		t.Errorf("OpenDealsByStage Bob = %+v, want one valued deal in negotiate", bob)
	}
	if p.Total.Stages[0].Count != 0 || p.Total.Stages[2].Count != 2 || p.Total.Total.Count != 3 {
		t.Errorf("OpenDealsByStage total = %+v, want 0, 1, 2 and 3 in all", p.Total)
	}
	if got.UnknownStage != 1 || got.NotYetCreated != 1 {
		t.Errorf("OpenDealsByStage unknown %d, not yet created %d, want 1 and 1",
			got.UnknownStage, got.NotYetCreated)
	}
	if len(p.Reps) != 3 {
		t.Errorf("OpenDealsByStage: %d rows, want 3 (no unassigned open deal)", len(p.Reps))
	}
}

// TestOpenDealsByStage_past looks at the pipeline as it stood before some
// deals moved on: from stage histories where deals have them, from close
// dates where they do not.
func TestOpenDealsByStage_past(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return Date(2024, m, d, nil) }
	recs := sales.Records{
		Currency:  "USD",
		Owners:    []sales.Owner{{ID: "a", Name: "Ann"}},
		Pipelines: []sales.Pipeline{SalesPipeline},
		Deals: []sales.Deal{
			// In qualify in April, won in May: open in qualify on April 15.
			{ID: "won-since", Owner: "a", Pipeline: "sales", Stage: "won", Amount: Amount("100"),
				Created: day(4, 1), CloseDate: day(5, 10), StageHistory: []sales.StageVisit{
					{Stage: "qualify", Entered: day(4, 1), Left: day(5, 10)},
					{Stage: "won", Entered: day(5, 10)},
				}},
			// In propose on April 15, negotiate now.
			{ID: "moved-on", Owner: "a", Pipeline: "sales", Stage: "negotiate", Amount: Amount("20"),
				Created: day(4, 2), StageHistory: []sales.StageVisit{
					{Stage: "qualify", Entered: day(4, 2), Left: day(4, 5)},
					{Stage: "propose", Entered: day(4, 5), Left: day(5, 1)},
					{Stage: "negotiate", Entered: day(5, 1)},
				}},
			// Lost in May with no history: open on April 15, stage unknown.
			{ID: "lost-since", Owner: "a", Pipeline: "sales", Stage: "lost",
				Created: day(4, 3), CloseDate: day(5, 2)},
			// Created after April 15.
			{ID: "later", Owner: "a", Pipeline: "sales", Stage: "qualify", Created: day(4, 20)},
			// Lost before April 15.
			{ID: "lost-before", Owner: "a", Pipeline: "sales", Stage: "lost",
				Created: day(3, 1), CloseDate: day(4, 10)},
		},
	}
	ds := sales.MustDataset(recs)
	got, err := OpenDealsByStage(ds, day(4, 15))
	if err != nil {
		t.Fatalf("OpenDealsByStage(April 15): %v", err)
	}
	total := got.Pipelines[0].Total
	counts := []int64{total.Stages[0].Count, total.Stages[1].Count, total.Stages[2].Count}
	if counts[0] != 1 || counts[1] != 1 || counts[2] != 0 {
		t.Errorf("OpenDealsByStage(April 15) per stage = %v, want [1 1 0]", counts)
	}
	EqualMoney(t, "OpenDealsByStage(April 15) value", total.Total.Value.Decimal(), D("120"))
	if got.StageUnknownThen != 1 || got.NotYetCreated != 1 {
		t.Errorf("OpenDealsByStage(April 15) stage unknown %d, not yet created %d, want 1 and 1",
			got.StageUnknownThen, got.NotYetCreated)
	}

	now, _ := OpenDealsByStage(ds, day(6, 1))
	total = now.Pipelines[0].Total
	if total.Stages[0].Count != 1 || total.Stages[2].Count != 1 || total.Total.Count != 2 {
		t.Errorf("OpenDealsByStage(June 1) = %+v, want later in qualify, moved-on in negotiate", total)
	}
}

// TestWonAgainstTarget_oddTargets: a target with no known metric measures
// nothing and makes its owner no target holder; a target of an owner the
// portal does not list shows in a row of its own, so that the team's
// target adds up the rows. By hand, January: Ann's only target has no
// metric, so the owners' level holds zz's 70 alone, against zz's wins,
// none: 0/70. Ann's 100 is not set against anyone's target.
func TestWonAgainstTarget_oddTargets(t *testing.T) {
	recs := smallPortal()
	jan := sales.Month(2024, time.January, nil)
	recs.Targets = []sales.Target{
		{Owner: "a", Period: jan, Value: D("150")},
		{Owner: "zz", Period: jan, Metric: sales.TargetWonValue, Value: D("70")},
		{Team: "east", Period: jan, Value: D("5")},
	}
	r, err := WonAgainstTarget(sales.MustDataset(recs), jan)
	if err != nil {
		t.Fatalf("WonAgainstTarget: %v", err)
	}
	if r.Level != TargetsOwners || r.UnknownMetric != 2 || r.PartialTargets != 0 {
		t.Errorf("WonAgainstTarget level %q, unknown metric %d, partial %d; want owners, 2, 0",
			r.Level, r.UnknownMetric, r.PartialTargets)
	}
	if v, ok := r.Team.ValueAttainment.Value(); !ok || !v.IsZero() || r.Team.Won.Count != 0 {
		t.Errorf("WonAgainstTarget team = %+v, want 0 won against 70", r.Team)
	}
	if ann := r.Reps[0]; ann.ValueTarget != nil || ann.CountTarget != nil {
		t.Errorf("WonAgainstTarget Ann = %+v, want no target", ann)
	}
	var owners []sales.OwnerID
	for _, rep := range r.Reps {
		owners = append(owners, rep.Owner)
	}
	if len(r.Reps) != 5 || r.Reps[3].Owner != "zz" || r.Reps[3].ValueTarget == nil ||
		!r.Reps[3].ValueTarget.Equal(D("70")) || r.Reps[3].Won.Count != 0 {
		t.Errorf("WonAgainstTarget reps %v, want a, b, c, zz with a target of 70, unassigned", owners)
	}
	if len(r.Teams) != 0 {
		t.Errorf("WonAgainstTarget teams = %+v, want none: east's only target has no metric", r.Teams)
	}
}
