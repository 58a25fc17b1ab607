package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

// childResult is what one engine measured end to end, in a process of its
// own: from the files on disk to every result.
type childResult struct {
	// Read is the time to read the files: ReadTables and NewDataset for
	// the library, the schema and COPY for DuckDB.
	Read time.Duration `json:"read_ns"`
	// Reports is the time of every report after that.
	Reports time.Duration `json:"reports_ns"`
	// Total is Read plus Reports.
	Total time.Duration `json:"total_ns"`
	// Records is the library's heap once the records are read and nothing
	// else is kept: the size of the loaded records. Dataset is what the
	// Dataset's look-ups and columns add to it. Both are 0 for DuckDB.
	Records uint64 `json:"records_bytes"`
	Dataset uint64 `json:"dataset_bytes"`
	// PeakRSS is the process's peak resident memory, and StartRSS its
	// resident memory before it read anything: the program and its
	// runtime, DuckDB's static library included, which the library's
	// users would not link.
	PeakRSS  int64 `json:"peak_rss_bytes"`
	StartRSS int64 `json:"start_rss_bytes"`
}

// runChild is the -child mode: one engine, end to end on o.dir, with the
// result as JSON on w.
func runChild(ctx context.Context, o options, w io.Writer) error {
	var r childResult
	base, err := procStatus("VmRSS:")
	if err != nil {
		return err
	}
	r.StartRSS = base
	start := time.Now()
	p, err := params(o)
	if err != nil {
		return err
	}
	switch o.child {
	case "library":
		recs, err := sales.ReadTables(o.dir)
		if err != nil {
			return err
		}
		ds, err := sales.NewDataset(recs)
		if err != nil {
			return err
		}
		r.Read = time.Since(start)
		for id, out := range catalog.Run(ds, p, 0) {
			if out.Error != "" {
				return fmt.Errorf("%s: %s", id, out.Error)
			}
		}
		r.Total = time.Since(start)
		all := heapAfterGC()
		runtime.KeepAlive(ds)
		ds = nil
		r.Records = heapAfterGC()
		r.Dataset = all - min(all, r.Records)
		runtime.KeepAlive(recs)
	case "duckdb":
		db, err := openDuck(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.load(ctx, o.dir); err != nil {
			return err
		}
		if err := db.setParams(ctx, p, p.ProposalStage); err != nil {
			return err
		}
		r.Read = time.Since(start)
		for _, id := range queryIDs() {
			q, _ := query(id)
			if _, err := db.rows(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", id, err)
			}
		}
		r.Total = time.Since(start)
	}
	r.Reports = r.Total - r.Read
	if r.PeakRSS, err = procStatus("VmHWM:"); err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(r)
}

// runChildren runs engine end to end o.runs times, each in a new process
// of this program, and returns the run of median total time, with the
// highest peak resident memory of all runs.
func runChildren(ctx context.Context, o options, dir, engine string) (childResult, error) {
	self, err := os.Executable()
	if err != nil {
		return childResult{}, err
	}
	var all []childResult
	var peak int64
	for range o.runs {
		cmd := exec.CommandContext(ctx, self, append([]string{"-child", engine, "-dir", dir},
			o.paramFlags()...)...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			return childResult{}, fmt.Errorf("%s end to end: %v: %s", engine, err, errb.String())
		}
		var r childResult
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			return childResult{}, fmt.Errorf("%s end to end: %v", engine, err)
		}
		peak = max(peak, r.PeakRSS)
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b childResult) int { return int(a.Total - b.Total) })
	r := all[len(all)/2]
	r.PeakRSS = peak
	return r, nil
}

func printEndToEnd(w io.Writer, res sizeResult) {
	lib, duck := res.e2e[0], res.e2e[1]
	fmt.Fprintln(w, "end to end, from the table snapshot's files, a new process per run:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "engine\tread ms\treports ms\ttotal ms\tpeak RSS\tof which at start\t")
	for i, r := range []childResult{lib, duck} {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", []string{"library", "DuckDB"}[i], ms(r.Read),
			ms(r.Reports), ms(r.Total), bytesText(r.PeakRSS), bytesText(r.StartRSS))
	}
	tw.Flush()
	work := float64(lib.PeakRSS - lib.StartRSS)
	fmt.Fprintf(w, "ratio library / DuckDB: %.3f\n", float64(lib.Total)/float64(duck.Total))
	fmt.Fprintf(w, "the library's records take %s and its Dataset %s more; its peak RSS above "+
		"its start is %.2f times the records (%.2f times the records and the Dataset), "+
		"its whole peak RSS %.2f times the records\n",
		bytesText(int64(lib.Records)), bytesText(int64(lib.Dataset)), work/float64(lib.Records),
		work/float64(lib.Records+lib.Dataset), float64(lib.PeakRSS)/float64(lib.Records))
}

// printGrowth prints how each engine's times grew from the first size to
// the last.
func printGrowth(w io.Writer, sizes []sizeResult) {
	a, b := sizes[0], sizes[len(sizes)-1]
	data := float64(b.deals) / float64(a.deals)
	grow := func(x, y time.Duration) string { return fmt.Sprintf("%.2f", float64(y)/float64(x)) }
	fmt.Fprintf(w, "== growth from %d to %d deals (%.0f times the data)\n", a.deals, b.deals, data)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measure\tlibrary\tDuckDB\t")
	fmt.Fprintf(tw, "catalogue, data loaded\t%s\t%s\t\n",
		grow(a.loaded.library, b.loaded.library), grow(a.loaded.duckdb, b.loaded.duckdb))
	fmt.Fprintf(tw, "end to end\t%s\t%s\t\n",
		grow(a.e2e[0].Total, b.e2e[0].Total), grow(a.e2e[1].Total, b.e2e[1].Total))
	fmt.Fprintf(tw, "peak RSS\t%s\t%s\t\n",
		fmt.Sprintf("%.2f", float64(b.e2e[0].PeakRSS)/float64(a.e2e[0].PeakRSS)),
		fmt.Sprintf("%.2f", float64(b.e2e[1].PeakRSS)/float64(a.e2e[1].PeakRSS)))
	tw.Flush()
}

// heapAfterGC collects garbage and returns the bytes of live heap.
func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// procStatus returns a memory line of /proc/self/status, in bytes:
// VmRSS, the resident memory now, or VmHWM, its peak. Unlike getrusage's
// maxrss, which Linux carries over an exec from the parent, VmHWM starts
// afresh in a new program.
func procStatus(key string) (int64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("memory: %w (it is read from Linux's /proc)", err)
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, key); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(
				strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("memory: %s %q: %w", key, rest, err)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("memory: /proc/self/status has no %s line", key)
}
