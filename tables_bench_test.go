package sales_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
)

// benchSizes are the portal sizes, in deals, of the table benchmarks; a
// million deals joins them when SALES_BENCH_1M=1.
func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if os.Getenv("SALES_BENCH_1M") == "1" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

// folderSize returns the bytes of the files in dir.
func folderSize(b *testing.B, dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		n += info.Size()
	}
	return n
}

func BenchmarkWriteTables(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			if err := sales.WriteTables(dir, recs); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(folderSize(b, dir))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := sales.WriteTables(dir, recs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadTables(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "portal")
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			if err := sales.WriteTables(dir, recs); err != nil {
				b.Fatal(err)
			}
			recs = sales.Records{}
			b.SetBytes(folderSize(b, dir))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := sales.ReadTables(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestReadTables_timed reads the table snapshot in the folder named by
// SALES_TABLES_DIR once and logs the time it took, for measurements by
// hand such as
//
//	SALES_TABLES_DIR=/tmp/portal1m go test -run TestReadTables_timed -v .
//
// under /usr/bin/time -v for the peak memory. When the folder holds no
// snapshot yet, the test writes a demo portal of SALES_TABLES_DEALS deals
// (a million by default) there instead, and stops.
func TestReadTables_timed(t *testing.T) {
	dir := os.Getenv("SALES_TABLES_DIR")
	if dir == "" {
		t.Skip("SALES_TABLES_DIR is not set")
	}
	if _, err := os.Stat(filepath.Join(dir, "portal.csv")); err != nil {
		deals := 1_000_000
		if n, err := strconv.Atoi(os.Getenv("SALES_TABLES_DEALS")); err == nil {
			deals = n
		}
		recs, err := demo.Generate(demo.Options{Seed: 1, Deals: deals})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := sales.WriteTables(dir, recs); err != nil {
			t.Fatal(err)
		}
		t.Logf("WriteTables(%d deals) took %v", deals, time.Since(start))
		return
	}
	start := time.Now()
	recs, err := sales.ReadTables(dir)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gcs := ms.NumGC
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("ReadTables(%s): %v for %d deals, %d contacts, %d activities; %d collections; "+
		"records take %d MiB", dir, took, len(recs.Deals), len(recs.Contacts),
		len(recs.Activities), gcs, ms.HeapAlloc>>20)
	runtime.KeepAlive(recs)
}
