package activity

import (
	"fmt"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/byowner"
)

// CallCounts counts calls by outcome. Unknown holds calls with no outcome
// logged, or one the library does not know; Total is the sum of all
// seven.
type CallCounts struct {
	Connected       int64 `json:"connected"`
	LeftVoicemail   int64 `json:"left_voicemail"`
	LeftLiveMessage int64 `json:"left_live_message"`
	NoAnswer        int64 `json:"no_answer"`
	Busy            int64 `json:"busy"`
	WrongNumber     int64 `json:"wrong_number"`
	Unknown         int64 `json:"unknown"`
	Total           int64 `json:"total"`
}

// Of returns the count of outcome o; any value the library does not know
// reads as CallOutcomeUnknown.
func (c CallCounts) Of(o sales.CallOutcome) int64 {
	switch o {
	case sales.CallConnected:
		return c.Connected
	case sales.CallLeftVoicemail:
		return c.LeftVoicemail
	case sales.CallLeftLiveMessage:
		return c.LeftLiveMessage
	case sales.CallNoAnswer:
		return c.NoAnswer
	case sales.CallBusy:
		return c.Busy
	case sales.CallWrongNumber:
		return c.WrongNumber
	}
	return c.Unknown
}

// add counts one call with outcome o.
func (c *CallCounts) add(o sales.CallOutcome) {
	switch o {
	case sales.CallConnected:
		c.Connected++
	case sales.CallLeftVoicemail:
		c.LeftVoicemail++
	case sales.CallLeftLiveMessage:
		c.LeftLiveMessage++
	case sales.CallNoAnswer:
		c.NoAnswer++
	case sales.CallBusy:
		c.Busy++
	case sales.CallWrongNumber:
		c.WrongNumber++
	default:
		c.Unknown++
	}
	c.Total++
}

// Merge adds the counts of o to c.
func (c *CallCounts) Merge(o CallCounts) {
	c.Connected += o.Connected
	c.LeftVoicemail += o.LeftVoicemail
	c.LeftLiveMessage += o.LeftLiveMessage
	c.NoAnswer += o.NoAnswer
	c.Busy += o.Busy
	c.WrongNumber += o.WrongNumber
	c.Unknown += o.Unknown
	c.Total += o.Total
}

// RepCalls is one owner's row of CallReport.
type RepCalls struct {
	Owner sales.OwnerID `json:"owner"`
	Name  string        `json:"name"`
	Calls CallCounts    `json:"calls"`
	// ConnectRate is Calls.Connected / Calls.Total; it has no value for
	// an owner with no call.
	ConnectRate sales.Rate `json:"connect_rate"`
}

// CallReport is R02 of the catalogue: the calls of a period per owner and
// outcome.
type CallReport struct {
	Period sales.Period `json:"period"`
	// Reps has a row for every owner, in the order of owner ids, the
	// unassigned row last.
	Reps []RepCalls `json:"reps"`
	// Team adds up the rows; its connect rate is pooled over the calls.
	Team RepCalls `json:"team"`
	// NoTime counts calls with no time, which fall in no period.
	NoTime int64 `json:"no_time"`
}

// CallsPerRep counts the calls made or received in p (by Time, p
// half-open and read in its location) per owner and outcome: connected,
// left voicemail, left live message, no answer, busy, wrong number, and
// unknown for a call with no outcome or one the library does not know.
// This is R02 of the catalogue.
//
// A call counts for its own owner, whoever owns the deal or contact it is
// about; calls without an owner go to the unassigned row. Calls of both
// directions count. Calls with no time are counted in NoTime.
//
// Results over two halves of the activities merge with Merge. CallsPerRep
// fails only when p is not a valid period.
func CallsPerRep(ds *sales.Dataset, p sales.Period) (CallReport, error) {
	if err := checkPeriod(p); err != nil {
		return CallReport{}, fmt.Errorf("activity: calls per rep: %w", err)
	}
	r := CallReport{Period: p}
	t := byowner.New[CallCounts](ds)
	c := ds.ActivityColumns()
	listed := t.ListedRows()
	span := sales.SpanOf(p)
	for _, i := range c.OfType(sales.ActivityCall) {
		if at := c.Time[i]; at < span.Start || at >= span.End {
			if at == sales.NoInstant {
				r.NoTime++
			}
			continue
		}
		if o := c.Owner[i]; o >= 0 {
			listed[o].add(c.CallOutcome[i])
		} else {
			t.Activity(int(i)).add(c.CallOutcome[i])
		}
	}
	r.Reps = byowner.Rows(t, func(id sales.OwnerID, name string, c *CallCounts) RepCalls {
		return repCalls(id, name, *c)
	})
	r.Team = teamCalls(r.Reps)
	return r, nil
}

// Merge adds the calls of o, computed over other activities of the same
// portal for the same period, to r. It fails when the periods differ.
func (r *CallReport) Merge(o CallReport) error {
	if !samePeriod(r.Period, o.Period) {
		return mergeError("calls per rep", r.Period, o.Period)
	}
	r.Reps = byowner.Merge(r.Reps, o.Reps,
		func(x *RepCalls) sales.OwnerID { return x.Owner },
		func(dst, src *RepCalls) {
			dst.Calls.Merge(src.Calls)
			dst.ConnectRate = connectRate(dst.Calls)
		})
	r.Team = teamCalls(r.Reps)
	r.NoTime += o.NoTime
	return nil
}

func repCalls(id sales.OwnerID, name string, c CallCounts) RepCalls {
	return RepCalls{Owner: id, Name: name, Calls: c, ConnectRate: connectRate(c)}
}

func teamCalls(reps []RepCalls) RepCalls {
	var c CallCounts
	for i := range reps {
		c.Merge(reps[i].Calls)
	}
	return repCalls("", "team", c)
}

func connectRate(c CallCounts) sales.Rate {
	return sales.Rate{Num: c.Connected, Den: c.Total}
}
