package hubspot_test

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/fakehub"
)

// BenchmarkReadPortal reads demo portals (ten activities and two contacts
// a deal) from the fake HubSpot over loopback HTTP, with HubSpot's page
// sizes and no throttle: what it measures is the client's decoding and
// mapping, and the local HTTP round trips.
func BenchmarkReadPortal(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			srv := fakehub.New(recs, fakehub.Options{RegionProperty: region})
			defer srv.Close()
			c := newClient(b, srv)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := c.ReadPortal(context.Background(), roundTripOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadExport reads a deals export of demo deals.
func BenchmarkReadExport(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			fsys := fstest.MapFS{"deals.csv": {Data: writeDeals(b, recs, recs.Pipelines)}}
			opt := hubspot.ExportOptions{Pipelines: recs.Pipelines, Owners: recs.Owners}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, _, err := hubspot.ReadExport(fsys, opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
