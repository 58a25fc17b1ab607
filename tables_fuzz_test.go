package sales_test

import (
	"testing"
	"testing/fstest"

	"github.com/salespilot/sales"
)

// FuzzReadTablesFS replaces one file of a small portal's snapshot with any
// text. ReadTablesFS must not panic, and what it accepts must write and
// read back to the same records.
func FuzzReadTablesFS(f *testing.F) {
	base := tablesFS(f, smallPortal())
	files := sales.TableFiles()
	for i, tf := range files {
		f.Add(uint8(i), base[tf.Name].Data)
	}
	f.Add(uint8(11), []byte("deal,position,contact\nd1,0,c1\nd1,1,\"c,2\"\nd2,0,x\n"))
	f.Add(uint8(3), []byte("pipeline,pipeline_label,position,stage,label,kind,probability\n"+
		"p,P,,,,,\np,P,0,s,S,won,NaN\n"))
	f.Fuzz(func(t *testing.T, table uint8, text []byte) {
		fsys := fstest.MapFS{}
		for name, file := range base {
			fsys[name] = file
		}
		fsys[files[int(table)%len(files)].Name] = &fstest.MapFile{Data: text}
		r, err := sales.ReadTablesFS(fsys)
		if err != nil {
			return
		}
		back := tablesRoundTrip(t, r)
		if want, got := canonical(t, r), canonical(t, back); want != got {
			t.Fatalf("ReadTables(WriteTables(ReadTablesFS(…))) differs:\n%s", firstDiff(want, got))
		}
	})
}
