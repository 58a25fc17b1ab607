package sales_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

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
