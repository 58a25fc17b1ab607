package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/salespilot/sales"
)

// outcome is what the output says about one catalogue report, in the
// dashboard's shape.
type outcome struct {
	Title       string `json:"title"`
	Result      any    `json:"result,omitempty"`
	SameAs      string `json:"same_as,omitempty"`
	Unavailable string `json:"unavailable,omitempty"`
	Error       string `json:"error,omitempty"`
}

// meta describes the run.
type meta struct {
	Source   string         `json:"source"`
	AsOf     time.Time      `json:"as_of"`
	Period   sales.Period   `json:"period"`
	Unit     sales.Unit     `json:"unit"`
	TimeZone string         `json:"time_zone"`
	Currency sales.Currency `json:"currency"`
	Records  Counts         `json:"records"`
}

// notMerged says, for each report left out, why it does not run over
// shards.
var notMerged = map[string]string{
	"R22": "its median does not merge over shards",
	"R23": "its median and 90th percentile do not merge over shards",
	"R24": "its median and 90th percentile do not merge over shards",
	"R39": "its median times between steps do not merge over shards",
	"R40": "its medians do not merge over shards",
	"B02": "its quantiles, and the win rates it learns from every deal, do not merge over shards",
	"B03": "a product of averages does not merge over shards",
	"B04": "a ratio to the target left does not merge over shards",
	"R45": "an alert judges each customer from all its deals, over the whole portal",
	"R46": "an alert judges each deal from all its activities, over the whole portal",
	"R47": "an alert ranks its rows over the whole portal",
	"R48": "an alert judges each deal from all its tasks, over the whole portal",
}

// runDashboard is what the output says to do about a report left out.
const runDashboard = ": run examples/dashboard"

// document writes the merged bundle b of every shard of the portal with
// header h as one JSON object keyed by catalogue id, with a "meta" entry,
// as examples/dashboard -json does.
func document(b Bundle, h Header, p *params) ([]byte, error) {
	if b.counts.Shards != int64(h.Shards) {
		return nil, fmt.Errorf("read %d shards of the %d the header lists", b.counts.Shards, h.Shards)
	}
	has := available(b.counts, &h.Shared)
	doc := make(map[string]any, len(titles)+1)
	for id, why := range notMerged {
		doc[id] = outcome{Title: titles[id], Unavailable: why + runDashboard}
	}
	for i := range reports {
		r := &reports[i]
		o := outcome{Result: b.results[r.name()], Error: b.errs[r.name()]}
		if missing := has.missing(r.needs); missing != "" {
			o = outcome{Unavailable: "the data has no " + missing}
		} else if o.Error == noProposal {
			o = outcome{Unavailable: noProposal}
		} else if o.Result == nil && o.Error == "" {
			return nil, fmt.Errorf("no result of %s", r.name())
		}
		for _, id := range r.ids {
			o.Title = titles[id]
			doc[id] = o
		}
		for id, d := range derived {
			if d.from == r.name() {
				o.Title = titles[id]
				if o.Result != nil {
					o.Result = d.of(o.Result)
				}
				doc[id] = o
			}
		}
	}
	for id, of := range aliases {
		doc[id] = outcome{Title: titles[id], SameAs: of}
	}
	if len(doc) != len(titles) {
		return nil, fmt.Errorf("%d of the %d catalogue reports placed", len(doc), len(titles))
	}
	doc["meta"] = meta{Source: h.Source, AsOf: p.asOf, Period: p.period, Unit: p.unit,
		TimeZone: p.loc.String(), Currency: h.Shared.HomeCurrency(), Records: b.counts}
	return json.MarshalIndent(doc, "", "  ")
}

// holdings says which kinds of data the whole portal holds.
type holdings map[need]bool

func available(c Counts, shared *sales.Records) holdings {
	return holdings{
		needActivities:       c.Activities > 0,
		needStageHistory:     c.StageHistories > 0,
		needContacts:         c.Contacts > 0,
		needLineItems:        c.LineItems > 0,
		needCompanies:        len(shared.Companies) > 0,
		needCloseDateHistory: c.CloseDateHistories > 0,
	}
}

// missing names the needs the portal lacks, or returns "".
func (h holdings) missing(needs []need) string {
	var out []string
	for _, n := range needs {
		if !h[n] {
			out = append(out, needText[n])
		}
	}
	return strings.Join(out, ", no ")
}

// titles gives each catalogue id its title.
var titles = map[string]string{
	"R01": "Activities by type",
	"R02": "Calls and outcomes per rep",
	"R03": "Emails per rep over time",
	"R04": "Call time per rep per day",
	"R05": "Average call time per day",
	"R06": "Tasks completed per rep",
	"R07": "Tasks in progress per rep",
	"R08": "Tasks overdue per rep",
	"R09": "Deals won against target",
	"R10": "Results per rep, volume and value",
	"R11": "Deals won per rep",
	"R12": "Open deals by stage per rep",
	"R13": "Activities per won deal per rep",
	"R14": "Activities per deal before conversion per rep",
	"R15": "Conversion rate per rep",
	"R16": "Deals won per rep",
	"R17": "Open deals by stage per rep",
	"R18": "Average meeting duration per rep",
	"R19": "Meetings held vs no-show vs canceled per rep",
	"R20": "Results per rep, volume and value",
	"R21": "Deals to close this week per rep",
	"R22": "Average won deal amount",
	"R23": "Sales cycle of won deals",
	"R24": "Sales cycle of lost deals",
	"R25": "Active leads by stage",
	"R26": "Open deals by stage",
	"R27": "New leads vs last week",
	"R28": "Leads created by stage over time",
	"R29": "Average time in each deal stage",
	"R30": "Pipeline conversion funnel",
	"R31": "Won deals by region over time",
	"R32": "Leads by source",
	"R33": "Deals by source",
	"R34": "Revenue vs target vs last year",
	"R35": "Lost deals by reason",
	"R36": "New opportunities over time",
	"R37": "Proposals vs previous period",
	"R38": "Average basket vs previous period",
	"R39": "MQL-to-customer funnel",
	"R40": "Response time to inbound contacts",
	"R41": "Best-selling products",
	"R42": "Sales to new vs existing customers",
	"R43": "Revenue by customer type",
	"R44": "Revenue share of the best customers",
	"R45": "Churn risk",
	"R46": "Deals without activity",
	"R47": "Overdue tasks",
	"R48": "Deals without a planned task",
	"B01": "Weighted pipeline",
	"B02": "Forecast with uncertainty",
	"B03": "Sales velocity",
	"B04": "Pipeline coverage",
	"B05": "Pipeline as of any date",
	"B06": "Slipped deals",
}
