package demo

import (
	"fmt"
	"testing"
)

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{1000, 10_000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Generate(Options{Seed: 1, Deals: n}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
