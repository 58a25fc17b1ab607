package sales

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// writeBatch is how many rows (or parents, for a link table) one task
// formats.
const writeBatch = 4096

// writeJob is one file to write: n units (rows, or parents whose links are
// the rows), each appended by row.
type writeJob struct {
	n   int
	row func(e *encoder, b []byte, i int) []byte
}

// encoder formats rows. It keeps the first error of the rows it formats.
type encoder struct {
	zone  zoneCache
	table tableID
	rec   string // id of the record being written, for errors
	err   error
}

func writeTables(dir string, r Records) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("sales: write tables: %w", err)
	}
	jobs := writeJobs(&r)
	workers := runtime.GOMAXPROCS(0)
	tasks := make(chan func(), workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for task := range tasks {
				task()
			}
		}()
	}
	var errs [numTables]error
	var files sync.WaitGroup
	for t := range numTables {
		files.Add(1)
		go func() {
			defer files.Done()
			errs[t] = writeFile(dir, t, jobs[t], tasks, 2*workers)
		}()
	}
	files.Wait()
	close(tasks)
	wg.Wait()
	for t, err := range errs {
		if err != nil {
			return fmt.Errorf("sales: write tables: %s: %w", tableSpecs[t].file, err)
		}
	}
	return nil
}

var writeBufs = sync.Pool{New: func() any { return new([]byte) }}

type formatted struct {
	buf *[]byte
	err error
}

// writeFile writes one file through a temporary one, formatting batches of
// rows on the workers and writing them in order, with at most window
// batches in flight.
func writeFile(dir string, t tableID, job writeJob, tasks chan<- func(), window int) error {
	tmp, err := createTemp(dir, tableSpecs[t].file)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	err = writeRows(tmp, t, job, tasks, window)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, tableSpecs[t].file))
}

// createTemp creates a new file beside name in dir, with the permissions a
// new file gets (0666 less the umask), which os.CreateTemp would restrict
// to the owner.
func createTemp(dir, name string) (*os.File, error) {
	for {
		path := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", name, rand.Uint64()))
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

func writeRows(f *os.File, t tableID, job writeJob, tasks chan<- func(), window int) error {
	if _, err := f.WriteString(strings.Join(tableSpecs[t].cols, ",") + "\n"); err != nil {
		return err
	}
	batches := (job.n + writeBatch - 1) / writeBatch
	results := make([]chan formatted, batches)
	write := func(k int) error {
		res := <-results[k]
		results[k] = nil
		defer writeBufs.Put(res.buf)
		if res.err != nil {
			return res.err
		}
		_, err := f.Write(*res.buf)
		return err
	}
	for k := range batches {
		if k >= window {
			if err := write(k - window); err != nil {
				return err
			}
		}
		ch := make(chan formatted, 1)
		results[k] = ch
		tasks <- func() { ch <- format(t, job, k) }
	}
	for k := max(0, batches-window); k < batches; k++ {
		if err := write(k); err != nil {
			return err
		}
	}
	return nil
}

// format formats batch k of a job.
func format(t tableID, job writeJob, k int) formatted {
	buf := writeBufs.Get().(*[]byte)
	b := (*buf)[:0]
	e := encoder{table: t}
	for i := k * writeBatch; i < min(job.n, (k+1)*writeBatch) && e.err == nil; i++ {
		b = job.row(&e, b, i)
	}
	*buf = b
	return formatted{buf, e.err}
}

// Field appenders: each appends a value and a comma; end turns the row's
// last comma into a line feed.

func (e *encoder) str(b []byte, s string) []byte {
	return append(appendField(b, s), ',')
}

func (e *encoder) time(b []byte, t time.Time, col int) []byte {
	b, err := appendTime(b, t, &e.zone)
	if err != nil && e.err == nil {
		e.err = fmt.Errorf("%s %q, column %s: %w", tableSpecs[e.table].cols[0], e.rec,
			tableSpecs[e.table].cols[col], err)
	}
	return append(b, ',')
}

func (e *encoder) decimal(b []byte, d decimal.Decimal) []byte {
	return append(appendDecimal(b, d), ',')
}

func (e *encoder) nullDecimal(b []byte, d decimal.NullDecimal) []byte {
	if d.Valid {
		b = appendDecimal(b, d.Decimal)
	}
	return append(b, ',')
}

func (e *encoder) int(b []byte, v int64) []byte {
	return append(strconv.AppendInt(b, v, 10), ',')
}

func enumField[E ~uint8](b []byte, names []string, v E, kind string) []byte {
	return append(appendEnum(b, names, v, kind), ',')
}

func end(b []byte) []byte {
	b[len(b)-1] = '\n'
	return b
}

// writeJobs returns how each file's rows are formatted.
func writeJobs(r *Records) [numTables]writeJob {
	var jobs [numTables]writeJob
	jobs[tPortal] = writeJob{1, func(e *encoder, b []byte, _ int) []byte {
		b = e.str(b, r.TimeZone)
		b = e.str(b, string(r.Currency))
		return end(e.str(b, string(r.Rates.Base)))
	}}
	currencies := slices.Sorted(mapKeys(r.Rates.ToBase))
	jobs[tRates] = writeJob{len(currencies), func(e *encoder, b []byte, i int) []byte {
		b = e.str(b, string(currencies[i]))
		return end(e.decimal(b, r.Rates.ToBase[currencies[i]]))
	}}
	jobs[tOwners] = writeJob{len(r.Owners), func(e *encoder, b []byte, i int) []byte {
		o := &r.Owners[i]
		b = e.str(b, string(o.ID))
		b = e.str(b, o.Name)
		b = e.str(b, o.Email)
		b = e.str(b, o.Team)
		return end(append(strconv.AppendBool(b, o.Archived), ','))
	}}
	jobs[tStages] = writeJob{len(r.Pipelines), func(e *encoder, b []byte, i int) []byte {
		return e.pipeline(b, &r.Pipelines[i])
	}}
	jobs[tProducts] = writeJob{len(r.Products), func(e *encoder, b []byte, i int) []byte {
		p := &r.Products[i]
		b = e.str(b, string(p.ID))
		b = e.str(b, p.Name)
		b = e.str(b, p.SKU)
		b = e.nullDecimal(b, p.Price)
		return end(e.str(b, string(p.Currency)))
	}}
	jobs[tTargets] = writeJob{len(r.Targets), func(e *encoder, b []byte, i int) []byte {
		return e.target(b, &r.Targets[i])
	}}
	jobs[tDeals] = writeJob{len(r.Deals), func(e *encoder, b []byte, i int) []byte {
		return e.deal(b, &r.Deals[i])
	}}
	jobs[tContacts] = writeJob{len(r.Contacts), func(e *encoder, b []byte, i int) []byte {
		return e.contact(b, &r.Contacts[i])
	}}
	jobs[tCompanies] = writeJob{len(r.Companies), func(e *encoder, b []byte, i int) []byte {
		return e.company(b, &r.Companies[i])
	}}
	jobs[tActivities] = writeJob{len(r.Activities), func(e *encoder, b []byte, i int) []byte {
		return e.activity(b, &r.Activities[i])
	}}
	jobs[tLineItems] = writeJob{len(r.LineItems), func(e *encoder, b []byte, i int) []byte {
		return e.lineItem(b, &r.LineItems[i])
	}}
	linkJobs(r, &jobs)
	return jobs
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func linkJobs(r *Records, jobs *[numTables]writeJob) {
	deals, acts := r.Deals, r.Activities
	jobs[tDealContacts] = writeJob{len(deals), func(e *encoder, b []byte, i int) []byte {
		return links(b, string(deals[i].ID), deals[i].Contacts,
			func(b []byte, v ContactID) []byte { return appendField(b, string(v)) })
	}}
	jobs[tDealStageHistory] = writeJob{len(deals), func(e *encoder, b []byte, i int) []byte {
		e.rec = string(deals[i].ID)
		return links(b, e.rec, deals[i].StageHistory, func(b []byte, v StageVisit) []byte {
			b = e.str(b, string(v.Stage))
			b = e.time(b, v.Entered, 3)
			b = e.time(b, v.Left, 4)
			return b[:len(b)-1]
		})
	}}
	jobs[tDealCloseDateHistory] = writeJob{len(deals), func(e *encoder, b []byte, i int) []byte {
		e.rec = string(deals[i].ID)
		return links(b, e.rec, deals[i].CloseDateHistory, func(b []byte, v CloseDateChange) []byte {
			b = e.time(b, v.At, 2)
			b = e.time(b, v.CloseDate, 3)
			return b[:len(b)-1]
		})
	}}
	jobs[tActivityDeals] = writeJob{len(acts), func(e *encoder, b []byte, i int) []byte {
		return links(b, string(acts[i].ID), acts[i].Deals,
			func(b []byte, v DealID) []byte { return appendField(b, string(v)) })
	}}
	jobs[tActivityContacts] = writeJob{len(acts), func(e *encoder, b []byte, i int) []byte {
		return links(b, string(acts[i].ID), acts[i].Contacts,
			func(b []byte, v ContactID) []byte { return appendField(b, string(v)) })
	}}
	jobs[tActivityCompanies] = writeJob{len(acts), func(e *encoder, b []byte, i int) []byte {
		return links(b, string(acts[i].ID), acts[i].Companies,
			func(b []byte, v CompanyID) []byte { return appendField(b, string(v)) })
	}}
}

// links appends one row per value of a parent's list: the parent's id,
// the position and the value's fields.
func links[V any](b []byte, parent string, vals []V, val func([]byte, V) []byte) []byte {
	if len(vals) == 0 {
		return b
	}
	id := len(b)
	b = append(appendField(b, parent), ',')
	idText := b[id:] // reused for the parent's other rows
	for k, v := range vals {
		if k > 0 {
			b = append(b, idText...)
		}
		b = append(strconv.AppendInt(b, int64(k), 10), ',')
		b = append(val(b, v), '\n')
		idText = b[id : id+len(idText)]
	}
	return b
}

func (e *encoder) pipeline(b []byte, p *Pipeline) []byte {
	if len(p.Stages) == 0 {
		b = e.str(b, string(p.ID))
		b = e.str(b, p.Label)
		return append(b, ",,,,\n"...)
	}
	for k := range p.Stages {
		s := &p.Stages[k]
		b = e.str(b, string(p.ID))
		b = e.str(b, p.Label)
		b = e.int(b, int64(k))
		b = e.str(b, string(s.ID))
		b = e.str(b, s.Label)
		b = enumField(b, stageKindNames, s.Kind, "stage_kind")
		b = strconv.AppendFloat(b, s.Probability, 'g', -1, 64)
		b = append(b, '\n')
	}
	return b
}

func (e *encoder) target(b []byte, x *Target) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = e.str(b, string(x.Owner))
	b = e.str(b, x.Team)
	b = e.time(b, x.Period.Start, 3)
	b = e.time(b, x.Period.End, 4)
	b = enumField(b, targetMetricNames, x.Metric, "target_metric")
	return end(e.decimal(b, x.Value))
}

func (e *encoder) deal(b []byte, x *Deal) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = e.str(b, x.Name)
	b = e.str(b, string(x.Owner))
	b = e.str(b, string(x.Pipeline))
	b = e.str(b, string(x.Stage))
	b = e.nullDecimal(b, x.Amount)
	b = e.str(b, string(x.Currency))
	b = e.time(b, x.Created, 7)
	b = e.time(b, x.CloseDate, 8)
	b = e.str(b, x.LostReason)
	b = e.str(b, x.Source)
	b = e.str(b, x.Region)
	b = enumField(b, dealTypeNames, x.Type, "deal_type")
	return end(e.str(b, string(x.Company)))
}

func (e *encoder) contact(b []byte, x *Contact) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = e.str(b, x.Name)
	b = e.str(b, string(x.Owner))
	b = e.time(b, x.Created, 3)
	b = enumField(b, lifecycleNames, x.Lifecycle, "lifecycle_stage")
	b = e.str(b, x.LeadStatus)
	b = e.str(b, x.Source)
	b = e.str(b, string(x.Company))
	for s := LifecycleSubscriber; s <= LifecycleOther; s++ {
		b = e.time(b, x.Reached.Get(s), 7+int(s))
	}
	return end(b)
}

func (e *encoder) company(b []byte, x *Company) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = e.str(b, x.Name)
	b = e.str(b, x.Type)
	b = e.str(b, x.Industry)
	b = e.str(b, x.Country)
	b = e.str(b, x.Region)
	b = e.str(b, string(x.Owner))
	return end(e.time(b, x.Created, 7))
}

func (e *encoder) activity(b []byte, x *Activity) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = enumField(b, activityTypeNames, x.Type, "activity_type")
	b = e.str(b, string(x.Owner))
	b = e.time(b, x.Time, 3)
	b = e.str(b, x.Subject)
	b = enumField(b, directionNames, x.Direction, "direction")
	b = e.int(b, int64(x.Duration))
	b = enumField(b, callOutcomeNames, x.CallOutcome, "call_outcome")
	b = e.time(b, x.MeetingEnd, 8)
	b = enumField(b, meetingOutcomeNames, x.MeetingOutcome, "meeting_outcome")
	b = enumField(b, taskStatusNames, x.TaskStatus, "task_status")
	b = e.time(b, x.TaskDue, 11)
	return end(e.time(b, x.TaskCompleted, 12))
}

func (e *encoder) lineItem(b []byte, x *LineItem) []byte {
	e.rec = string(x.ID)
	b = e.str(b, string(x.ID))
	b = e.str(b, string(x.Deal))
	b = e.str(b, string(x.Product))
	b = e.str(b, x.Name)
	b = e.decimal(b, x.Quantity)
	b = e.decimal(b, x.UnitPrice)
	b = e.nullDecimal(b, x.Amount)
	return end(e.str(b, string(x.Currency)))
}
