package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"

	"github.com/salespilot/sales"
)

// Counts are how many shards were read and how many records of each kind
// they held (copies of activities left out).
type Counts struct {
	Shards     int64 `json:"shards"`
	Deals      int64 `json:"deals"`
	LineItems  int64 `json:"line_items"`
	Activities int64 `json:"activities"`
	Contacts   int64 `json:"contacts"`
	// StageHistories and CloseDateHistories count the deals that have a
	// stage history and a history of expected close dates.
	StageHistories     int64 `json:"deals_with_stage_history"`
	CloseDateHistories int64 `json:"deals_with_close_date_history"`
}

func (c *Counts) add(o Counts) {
	c.Shards += o.Shards
	c.Deals += o.Deals
	c.LineItems += o.LineItems
	c.Activities += o.Activities
	c.Contacts += o.Contacts
	c.StageHistories += o.StageHistories
	c.CloseDateHistories += o.CloseDateHistories
}

// Bundle holds the results of the additive reports over some shards of a
// portal, keyed by the name of each report: the partial result of the
// shards read so far, which merges with the bundles of the other shards
// into the results over the whole portal. A report that failed (on its
// arguments, the same in every shard) keeps its error instead.
//
// A Bundle marshals to JSON and reads back unchanged: that is how it
// crosses Beam's shuffles, with the coder registered in pipeline.go. The
// zero Bundle is empty and merges like any other.
type Bundle struct {
	counts  Counts
	results map[string]any
	errs    map[string]string
}

// compute runs every report whose shards split kind over ds.
func compute(ds *sales.Dataset, kind split, p *params) Bundle {
	b := Bundle{results: map[string]any{}, errs: map[string]string{}}
	for i := range reports {
		r := &reports[i]
		if r.split != kind {
			continue
		}
		res, err := r.run(ds, p)
		if err != nil {
			b.errs[r.name()] = err.Error()
			continue
		}
		b.results[r.name()] = res
	}
	b.counts = count(ds, kind)
	return b
}

// count counts the records of kind in ds, which holds no other records of
// that kind than the shard's.
func count(ds *sales.Dataset, kind split) Counts {
	var c Counts
	switch kind {
	case splitDeals:
		c.Deals, c.LineItems = int64(len(ds.Deals)), int64(len(ds.LineItems))
		for i := range ds.Deals {
			if len(ds.Deals[i].StageHistory) > 0 {
				c.StageHistories++
			}
			if len(ds.Deals[i].CloseDateHistory) > 0 {
				c.CloseDateHistories++
			}
		}
	case splitActivities:
		c.Activities = int64(len(ds.Activities))
	case splitContacts:
		c.Contacts = int64(len(ds.Contacts))
	}
	return c
}

// additiveBundle is the bundle of the reports of one kind as a
// sales.Additive, for a sales.Partial to compute.
func additiveBundle(kind split, p *params) sales.Additive[Bundle] {
	return sales.Additive[Bundle]{
		Compute: func(ds *sales.Dataset) (Bundle, error) { return compute(ds, kind, p), nil },
		Merge:   (*Bundle).Merge,
	}
}

// Merge adds the results of o, computed over other shards of the same
// portal with the same settings, to b. It fails when two results do not
// merge (see each report's Merge), leaving b as it was.
func (b *Bundle) Merge(o Bundle) error {
	results := make(map[string]any, max(len(b.results), len(o.results)))
	maps.Copy(results, b.results)
	for name, y := range o.results {
		x, ok := results[name]
		if !ok {
			results[name] = y
			continue
		}
		r := byName[name]
		if r == nil {
			return fmt.Errorf("merge: no report %q", name)
		}
		m, err := r.merge(x, y)
		if err != nil {
			return fmt.Errorf("merge %s: %w", name, err)
		}
		results[name] = m
	}
	errs := make(map[string]string, len(b.errs)+len(o.errs))
	maps.Copy(errs, o.errs)
	maps.Copy(errs, b.errs)
	for name := range errs {
		delete(results, name)
	}
	b.results, b.errs = results, errs
	b.counts.add(o.counts)
	return nil
}

// bundleJSON is the JSON form of a Bundle.
type bundleJSON struct {
	Counts  Counts                     `json:"counts"`
	Results map[string]json.RawMessage `json:"results"`
	Errors  map[string]string          `json:"errors,omitempty"`
}

// MarshalJSON encodes b as its counts, its results keyed by report and its
// errors.
func (b Bundle) MarshalJSON() ([]byte, error) {
	w := bundleJSON{Counts: b.counts, Results: make(map[string]json.RawMessage, len(b.results)),
		Errors: b.errs}
	for name, r := range b.results {
		raw, err := json.Marshal(r)
		if err != nil {
			return nil, fmt.Errorf("bundle: %s: %w", name, err)
		}
		w.Results[name] = raw
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes a bundle written by MarshalJSON, each result into
// its report's type.
func (b *Bundle) UnmarshalJSON(data []byte) error {
	var w bundleJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	out := Bundle{counts: w.Counts, results: make(map[string]any, len(w.Results)),
		errs: w.Errors}
	for name, raw := range w.Results {
		r := byName[name]
		if r == nil {
			return fmt.Errorf("bundle: no report %q", name)
		}
		v, err := r.decode(raw)
		if err != nil {
			return fmt.Errorf("bundle: %s: %w", name, err)
		}
		out.results[name] = v
	}
	*b = out
	return nil
}

// readShard computes every additive report over one shard, whose lines
// are read from rd, and the shared records. The deals' reports see the
// whole shard at once, since R13 and R14 count each deal's activities;
// the activities' and contacts' reports take them in batches, in memory
// that does not grow with the shard.
func readShard(shared sales.Records, p *params, rd io.Reader) (Bundle, error) {
	deals := sales.NewPartial(shared, additiveBundle(splitDeals, p))
	deals.BatchSize = math.MaxInt
	acts := sales.NewPartial(shared, additiveBundle(splitActivities, p))
	people := sales.NewPartial(shared, additiveBundle(splitContacts, p))

	dec := json.NewDecoder(bufio.NewReaderSize(rd, 1<<20))
	for n := 1; ; n++ {
		var l Line
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = addLine(&l, deals, acts, people)
		}
		if err != nil {
			return Bundle{}, fmt.Errorf("record %d: %w", n, err)
		}
	}

	b, err := deals.Result()
	if err != nil {
		return Bundle{}, err
	}
	for _, part := range []*sales.Partial[Bundle]{acts, people} {
		x, err := part.Result()
		if err == nil {
			err = b.Merge(x)
		}
		if err != nil {
			return Bundle{}, err
		}
	}
	b.counts.Shards = 1
	return b, nil
}

// addLine adds the record of l to the partial that reads its kind.
func addLine(l *Line, deals, acts, people *sales.Partial[Bundle]) error {
	if !l.valid() {
		return errors.New("a line holds one deal, line item, activity or contact; " +
			"only an activity is a copy")
	}
	switch {
	case l.Deal != nil:
		return deals.AddDeal(*l.Deal)
	case l.LineItem != nil:
		return deals.AddLineItem(*l.LineItem)
	case l.Contact != nil:
		return people.AddContact(*l.Contact)
	}
	if len(l.Activity.Deals) > 0 {
		if err := deals.AddActivity(*l.Activity); err != nil {
			return err
		}
	}
	if l.Copy {
		return nil
	}
	return acts.AddActivity(*l.Activity)
}

// valid reports whether l holds exactly one record, and is a copy only of
// an activity.
func (l *Line) valid() bool {
	n := 0
	for _, set := range []bool{l.Deal != nil, l.LineItem != nil, l.Activity != nil,
		l.Contact != nil} {
		if set {
			n++
		}
	}
	return n == 1 && (!l.Copy || l.Activity != nil)
}
