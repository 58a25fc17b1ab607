package sales_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/demo"
	"github.com/salespilot/sales/internal/testkit"
)

func TestSnapshotRoundTrip(t *testing.T) {
	recs, err := demo.Generate(demo.Options{Seed: 7, Deals: 200})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := sales.WriteSnapshot(&buf, recs); err != nil {
		t.Fatalf("WriteSnapshot = %v, want nil", err)
	}
	got, err := sales.ReadSnapshot(&buf)
	if err != nil {
		t.Fatalf("ReadSnapshot = %v, want nil", err)
	}
	want, _ := json.Marshal(recs)
	have, _ := json.Marshal(got)
	if !bytes.Equal(want, have) {
		t.Errorf("ReadSnapshot(WriteSnapshot(demo)) differs from demo")
	}
	if _, err := sales.NewDataset(got); err != nil {
		t.Errorf("NewDataset(snapshot) = %v", err)
	}
}

func TestReadSnapshot_errors(t *testing.T) {
	good := `{"format":"salespilot/sales-snapshot","version":1,"records":{"owners":[]}}`
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "unexpected EOF"},
		{"not an object", `[1]`, "where"},
		{"no format", `{"version":1,"records":{}}`, "format"},
		{"other format", `{"format":"x","version":1,"records":{}}`, `format "x"`},
		{"future version", `{"format":"salespilot/sales-snapshot","version":2,"records":{}}`,
			"version 2"},
		{"no records", `{"format":"salespilot/sales-snapshot","version":1}`, "no records"},
		{"truncated", good[:len(good)-3], "unexpected EOF"},
		{"bad record", `{"format":"salespilot/sales-snapshot","version":1,` +
			`"records":{"deals":[{"type":"bogus"}]}}`, "deal type"},
		{"bad record named by its kind and position", `{"format":"salespilot/sales-snapshot","version":1,` +
			`"records":{"activities":[{"id":"a1"},{"id":"a2","type":"call","time":"noon"}]}}`,
			`records: activities: activity record 1 (counting from 0): parsing time "noon"`},
		{"records not an object", `{"format":"salespilot/sales-snapshot","version":1,"records":null}`,
			"sales: read snapshot: records: found <nil> where an object"},
		{"record that is no object", `{"format":"salespilot/sales-snapshot","version":1,` +
			`"records":{"deals":[{"id":"d1"},7]}}`, `deal record 1 (counting from 0)`},
		{"record cut short", `{"format":"salespilot/sales-snapshot","version":1,` +
			`"records":{"deals":[{"id":"d1"},{"id":`, `record 1 (counting from 0)`},
		{"trailing", good + `{}`, "after the snapshot"},
		{"an amount of absurd size", `{"format":"salespilot/sales-snapshot","version":1,` +
			`"records":{"deals":[{"id":"d1"},{"id":"d2","amount":"1e100000000"}]}}`,
			`deal "d2" (record 1): amount: 1e100000000 has more than 30 digits`},
	}
	for _, tt := range tests {
		_, err := sales.ReadSnapshot(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) ||
			!strings.HasPrefix(err.Error(), "sales: read snapshot") {
			t.Errorf("%s: ReadSnapshot(%.40q) = %v, want an error containing %q",
				tt.name, tt.in, err, tt.want)
		}
	}
	if _, err := sales.ReadSnapshot(strings.NewReader(good)); err != nil {
		t.Errorf("ReadSnapshot(%q) = %v, want nil", good, err)
	}
}

func ExampleWriteSnapshot() {
	recs := sales.Records{TimeZone: "Europe/Paris", Currency: "EUR",
		Owners: []sales.Owner{{ID: "1", Name: "Ada"}}}
	var buf bytes.Buffer
	if err := sales.WriteSnapshot(&buf, recs); err != nil {
		panic(err)
	}
	back, err := sales.ReadSnapshot(&buf)
	if err != nil {
		panic(err)
	}
	fmt.Println(back.TimeZone, back.Currency, back.Owners[0].Name)
	// Output: Europe/Paris EUR Ada
}

func BenchmarkWriteSnapshot(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := sales.WriteSnapshot(io.Discard, recs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkReadSnapshot(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("Size%d", n), func(b *testing.B) {
			recs, err := demo.Generate(demo.Options{Seed: 1, Deals: n})
			if err != nil {
				b.Fatal(err)
			}
			var buf bytes.Buffer
			if err := sales.WriteSnapshot(&buf, recs); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(buf.Len()))
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := sales.ReadSnapshot(bytes.NewReader(buf.Bytes())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestWrite_refusesHugeDecimals: what ReadSnapshot and ReadTables would
// refuse is refused when written, naming the record and the field, before
// anything is written.
func TestWrite_refusesHugeDecimals(t *testing.T) {
	huge := decimal.RequireFromString("1" + strings.Repeat("0", 39))
	recs := sales.Records{Deals: []sales.Deal{{ID: "d1"},
		{ID: "d2", Amount: decimal.NullDecimal{Decimal: huge, Valid: true}}}}
	var buf bytes.Buffer
	err := sales.WriteSnapshot(&buf, recs)
	if err == nil || !strings.Contains(err.Error(), `"d2"`) || !strings.Contains(err.Error(), "amount") {
		t.Errorf("WriteSnapshot of a 40-digit amount = %v, want an error naming d2 and amount", err)
	}
	if buf.Len() != 0 {
		t.Errorf("WriteSnapshot wrote %d bytes before failing", buf.Len())
	}
	dir := t.TempDir()
	err = sales.WriteTables(dir, recs)
	if err == nil || !strings.Contains(err.Error(), `"d2"`) {
		t.Errorf("WriteTables of a 40-digit amount = %v, want an error naming d2", err)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("WriteTables wrote %d files before failing", len(files))
	}
	if err := sales.CheckDecimal(huge.Shift(-10)); err != nil {
		t.Errorf("CheckDecimal(1e30) = %v, want nil", err)
	}
}

// TestCheckDecimal_text checks how a refused decimal is written: as it
// reads when short, else as its first digits and a power of ten.
func TestCheckDecimal_text(t *testing.T) {
	long := strings.Repeat("1234567890", 8) // 80 digits
	for _, tc := range []struct{ in, want string }{
		{strings.Repeat("9", 40), strings.Repeat("9", 40) + " has more than 30 digits before the point"},
		{"0." + strings.Repeat("1", 40), "0." + strings.Repeat("1", 40) + " has more than 30 decimal places"},
		{"-" + strings.Repeat("9", 31), "-" + strings.Repeat("9", 31) + " has more than 30 digits"},
		{"1e100000000", "1e100000000 has more than 30 digits"},
		{"-25e99", "-2.5e100 has more than 30 digits"},
		{long, "1.23456789012…e79 has more than 30 digits"},
	} {
		err := sales.CheckDecimal(decimal.RequireFromString(tc.in))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("CheckDecimal(%.20s…) = %v, want %q…", tc.in, err, tc.want)
		}
	}
}

// TestReadTables_decimalBounds reads back decimals at the bounds: 30
// digits before the point and 30 places after it.
func TestReadTables_decimalBounds(t *testing.T) {
	r := smallPortal()
	r.Deals[1].Amount = testkit.Amount("-" + strings.Repeat("9", 30))
	r.LineItems[0].Quantity = testkit.D("0." + strings.Repeat("0", 29) + "1")
	got, err := sales.ReadTablesFS(tablesFS(t, r))
	if err != nil {
		t.Fatalf("ReadTablesFS = %v, want nil", err)
	}
	if a, q := got.Deals[1].Amount.Decimal, got.LineItems[0].Quantity; !a.Equal(r.Deals[1].Amount.Decimal) ||
		!q.Equal(r.LineItems[0].Quantity) {
		t.Errorf("read back amount %s and quantity %s, want %s and %s", a, q,
			r.Deals[1].Amount.Decimal, r.LineItems[0].Quantity)
	}
}
