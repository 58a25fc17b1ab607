// Package benchkit holds what the benchmarks of every package share: demo
// portals of the sizes the library is measured at, generated once per test
// binary and only when a benchmark asks for them, and a runner that times
// a report over each size with its allocations.
//
// The sizes are 10,000 and 100,000 deals (with the demo's ten activities
// and two contacts a deal). The 1,000,000-deal portal takes about 20
// seconds and several gigabytes to generate, so it is opt-in: set
// SALES_BENCH_1M=1. SALES_BENCH_SIZES, a comma-separated list of deal
// counts, replaces the sizes altogether (for a quick run, say "1000").
//
// Run the largest size one package at a time (go test -p 1), so that two
// test binaries never hold a million-deal portal at once.
package benchkit

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// Environment variables that choose the sizes.
const (
	// EnvLarge, set to 1, adds the 1,000,000-deal portal to the sizes.
	EnvLarge = "SALES_BENCH_1M"
	// EnvSizes, a comma-separated list of deal counts, replaces the sizes.
	EnvSizes = "SALES_BENCH_SIZES"
)

// Seed is the demo seed of every benchmark portal.
const Seed = 1

// Year is the demo's last full year, 2026, in its time zone; AsOf is the
// demo's Today.
var (
	Year = sales.Year(2026, demo.Location())
	AsOf = demo.Today()
)

// Sizes returns the portal sizes, in deals, that benchmarks run on.
func Sizes() []int {
	if s := os.Getenv(EnvSizes); s != "" {
		var out []int
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err == nil && n > 0 {
				out = append(out, n)
			}
		}
		return out
	}
	sizes := []int{10_000, 100_000}
	if os.Getenv(EnvLarge) == "1" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

var (
	mu      sync.Mutex
	portals = map[int]*sales.Dataset{}
)

// Portal returns the demo portal of n deals, generated and indexed on the
// first call for n and kept for the rest of the test binary.
func Portal(tb testing.TB, n int) *sales.Dataset {
	tb.Helper()
	mu.Lock()
	defer mu.Unlock()
	if ds, ok := portals[n]; ok {
		return ds
	}
	start := time.Now()
	recs, err := demo.Generate(demo.Options{Seed: Seed, Deals: n})
	if err != nil {
		tb.Fatalf("demo.Generate(%d deals): %v", n, err)
	}
	ds, err := sales.NewDataset(recs)
	if err != nil {
		tb.Fatalf("sales.NewDataset(demo of %d deals): %v", n, err)
	}
	if n >= 1_000_000 {
		tb.Logf("benchkit: demo portal of %d deals made in %v", n,
			time.Since(start).Round(time.Second))
	}
	portals[n] = ds
	return ds
}

// Run runs report over the portal of each size, as a Size%d sub-benchmark
// that reports allocations. The portal is made before the timer starts.
func Run(b *testing.B, report func(ds *sales.Dataset) error) {
	EachSize(b, func(b *testing.B, ds *sales.Dataset) {
		for b.Loop() {
			if err := report(ds); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// EachSize runs body as a Size%d sub-benchmark for the portal of each size,
// with allocations reported and the timer reset, for benchmarks that
// write their own loop. Besides the time it reports cpu-ns/op, the
// processor time of the whole process (every thread, the collector's
// included) per operation: on a shared machine it varies less than the
// time, and it shows how much of the work ran in parallel.
func EachSize(b *testing.B, body func(b *testing.B, ds *sales.Dataset)) {
	for _, n := range Sizes() {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			ds := Portal(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			start := CPUTime()
			body(b, ds)
			if b.N > 0 {
				b.ReportMetric(float64(CPUTime()-start)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// Err drops a report's result and keeps its error, to write a report call
// as one expression: benchkit.Err(kpi.ResultsPerRep(ds, p)).
func Err[T any](_ T, err error) error { return err }
