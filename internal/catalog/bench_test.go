package catalog

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
)

// benchParams are the dashboard's defaults on the demo portal: as of the
// demo's Today, over its last full year, by month, weeks from Monday.
var benchParams = Params{AsOf: benchkit.AsOf, Period: benchkit.Year, Unit: sales.UnitMonth,
	Seed: 1, TopN: 5}

// BenchmarkRun computes the whole catalogue together on one portal, its
// look-ups built once, on one worker and on every core.
func BenchmarkRun(b *testing.B) {
	for _, w := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("Workers%d", w), func(b *testing.B) {
			benchkit.EachSize(b, func(b *testing.B, ds *sales.Dataset) {
				for b.Loop() {
					outs := Run(ds, benchParams, w)
					for id, o := range outs {
						if o.Error != "" {
							b.Fatalf("%s: %s", id, o.Error)
						}
					}
				}
			})
		})
	}
}

// BenchmarkReport computes each report of the catalogue alone, with the
// parameters of BenchmarkRun; the ids that are the same computation as
// another are left out.
func BenchmarkReport(b *testing.B) {
	for _, r := range reports {
		if !r.Computed() || !firstOfKey(r) {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			benchkit.Run(b, func(ds *sales.Dataset) error {
				_, err := r.run(ds, benchParams)
				return err
			})
		})
	}
}

// firstOfKey reports whether r is the first report of its computation.
func firstOfKey(r Report) bool {
	for _, s := range reports {
		if s.key == r.key {
			return s.ID == r.ID
		}
	}
	return false
}
