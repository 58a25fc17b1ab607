package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// BenchmarkReadShard computes every additive report over one shard that
// holds a whole demo portal, from its JSON lines; decoding the records
// allocates per record, the reports themselves do not.
func BenchmarkReadShard(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			data := oneShard(b, recs)
			shared := recs
			shared.Deals, shared.LineItems, shared.Activities, shared.Contacts = nil, nil, nil, nil
			p := testParams(b, recs)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := readShard(shared, p, bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBundle_Merge merges the bundle of every additive report over
// a demo portal into itself, as the combiner does with two shards'.
func BenchmarkBundle_Merge(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			ds := sales.MustDataset(recs)
			p := testParams(b, recs)
			x := compute(ds, splitDeals, p)
			for _, kind := range []split{splitActivities, splitContacts} {
				if err := x.Merge(compute(ds, kind, p)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				y := x
				if err := y.Merge(x); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// oneShard writes every record of recs as the lines of one shard.
func oneShard(b *testing.B, recs sales.Records) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	put := func(l Line) {
		if err := enc.Encode(l); err != nil {
			b.Fatal(err)
		}
	}
	for i := range recs.Deals {
		put(Line{Deal: &recs.Deals[i]})
	}
	for i := range recs.LineItems {
		put(Line{LineItem: &recs.LineItems[i]})
	}
	for i := range recs.Activities {
		put(Line{Activity: &recs.Activities[i]})
	}
	for i := range recs.Contacts {
		put(Line{Contact: &recs.Contacts[i]})
	}
	return buf.Bytes()
}
