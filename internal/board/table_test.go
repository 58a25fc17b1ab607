package board

import (
	"bytes"
	"strings"
	"testing"
)

// TestTable_cleansCells checks that a cell's control characters and
// invalid bytes cannot break the table or reach the terminal.
func TestTable_cleansCells(t *testing.T) {
	tb := newTable("owner", "won")
	tb.add("Ann\tLee\n\x1b[31mred", "3")
	tb.add("Bo\xffb", "4")
	var out bytes.Buffer
	tb.write(&out)
	text := out.String()
	if strings.ContainsAny(text, "\t\x1b\r") || strings.Count(text, "\n") != 3 {
		t.Errorf("table holds control characters or extra lines:\n%q", text)
	}
	if !strings.Contains(text, "Ann Lee  [31mred") || !strings.Contains(text, "Bo\uFFFDb") {
		t.Errorf("cells not cleaned as expected:\n%s", text)
	}
	if got := clean("Zoë Ø"); got != "Zoë Ø" {
		t.Errorf("clean changed a clean cell: %q", got)
	}
}
