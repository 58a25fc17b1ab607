package sales_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/benchkit"
	"github.com/salespilot/sales/internal/demo"
)

// BenchmarkNewDataset builds the look-ups over demo portals. Besides time
// and allocations it reports, in MiB: records-MiB, the heap the records
// take; dataset-MiB, what the Dataset keeps on top of them; and peak-MiB,
// the largest heap seen while NewDataset ran (records included), sampled
// every half millisecond.
func BenchmarkNewDataset(b *testing.B) {
	for _, n := range benchkit.Sizes() {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) { benchNewDataset(b, n) })
	}
}

// benchNewDataset measures NewDataset on a portal of n deals generated
// apart from benchkit's cache, so that the heap holds the records alone.
func benchNewDataset(b *testing.B, n int) {
	recs, err := demo.Generate(demo.Options{Seed: benchkit.Seed, Deals: n})
	if err != nil {
		b.Fatal(err)
	}
	base := liveHeap()
	b.ReportAllocs()
	b.ResetTimer()
	var kept, peak uint64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		stop := sampleHeap(&peak)
		b.StartTimer()
		start := benchkit.CPUTime()
		d, err := sales.NewDataset(recs)
		if err != nil {
			b.Fatal(err)
		}
		cpu += benchkit.CPUTime() - start
		b.StopTimer()
		stop()
		kept = liveHeap() - base
		runtime.KeepAlive(d)
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(base)/(1<<20), "records-MiB")
	b.ReportMetric(float64(kept)/(1<<20), "dataset-MiB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// sampleHeap records into peak the largest heap it sees until stop is
// called.
func sampleHeap(peak *uint64) (stop func()) {
	var done atomic.Bool
	var wg sync.WaitGroup
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !done.Load() {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			time.Sleep(500 * time.Microsecond)
		}
	}()
	return func() { done.Store(true); wg.Wait() }
}
