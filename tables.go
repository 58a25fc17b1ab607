package sales

import (
	"fmt"
	"io/fs"
	"os"
)

// The table snapshot: a portal as a folder of CSV files, one per table,
// that SQL engines load with their own CSV readers and that ReadTables
// reads back fast. WriteTables and ReadTables are documented below; the
// writer lives in tables_write.go, the reader in tables_read.go and
// tables_decode.go, the CSV and value codecs in tables_csv.go.

// WriteTables writes r into the folder dir as a table snapshot: one CSV
// file per table, named and laid out as TableFiles lists. dir is created
// when missing; table files already there are replaced, each one whole
// (written to a temporary file, then renamed), and other files are left
// alone. Tables are formatted on GOMAXPROCS goroutines and written in
// parallel.
//
// # The format
//
// Every file is RFC 4180 CSV in UTF-8 without a byte-order mark: comma
// separated, lines ending in "\n", a header row with exactly the columns of
// TableFiles in that order, and a field quoted (quotes doubled) only when
// it holds a comma, a quote, a CR or an LF. A table with no rows is a file
// with only its header.
//
//   - An empty field is no value (NULL): an empty id or id reference, a
//     zero time, an invalid (null) decimal, an enum whose text is empty.
//   - Times are RFC 3339 as time.RFC3339Nano writes them, with the offset
//     of the time's own location, such as 2026-03-08T01:30:00-05:00.
//   - Decimals are their plain text, as decimal.Decimal.String gives it:
//     1250.5, -3, 0.
//   - Enums are their text form, the names the JSON form uses (won,
//     new_business, left_voicemail, unknown…; a value no name fits as
//     "stage_kind(9)"); booleans are true and false; durations are whole
//     nanoseconds; a stage probability is strconv.FormatFloat(p, 'g', -1,
//     64), NaN and ±Inf included.
//   - Rows keep the order of the Records slices. portal.csv has exactly one
//     row; rates.csv one per entry of Rates.ToBase, sorted by currency;
//     stages.csv one per stage in pipeline order, pipelines in Records
//     order, and one row with empty stage columns (position included) for
//     a pipeline with no stage.
//   - List-valued fields are link tables (deal_contacts.csv,
//     deal_stage_history.csv, deal_close_date_history.csv,
//     activity_deals.csv, activity_contacts.csv, activity_companies.csv)
//     whose rows name the parent by id and give a 0-based position: they
//     come in the order of the parents, each parent's links in position
//     order.
//
// Two kinds of time RFC 3339 cannot write as they are: a time whose offset
// is not a whole number of minutes (local mean time, before time zones were
// standardised) is written in UTC, the same instant, since RFC 3339 offsets
// have no seconds; and a time outside the years 0 to 9999 is an error, as
// it is for the JSON snapshot.
//
// A duration of 0 is written "0", and read from "0" or the empty field.
//
// WriteTables fails only when a time cannot be written, when a decimal
// lies beyond MaxDecimalDigits or MaxDecimalPlaces (which ReadTables would
// refuse), or on an error of the file system; the records are written as
// they are, other defects included, for Validate to report once they are
// read back.
func WriteTables(dir string, r Records) error {
	// Refuse what ReadTables would refuse, before writing a file.
	if err := checkMagnitudes(&r); err != nil {
		return fmt.Errorf("sales: write tables: %w", err)
	}
	return writeTables(dir, r)
}

// ReadTables reads the table snapshot that WriteTables wrote into dir back
// into Records. See ReadTablesFS.
func ReadTables(dir string) (Records, error) {
	return readTables(os.DirFS(dir), dir)
}

// ReadTablesFS reads a table snapshot from the root of fsys, as ReadTables
// does from a folder. Before it returns the records it runs the garbage
// collector once, so that what reading left behind is gone before the
// caller builds a Dataset: the peak memory of the two is lower by about a
// seventh of the records' size.
//
// The result equals the records written, compared by their JSON form with
// every time read as the same instant in the portal's location, NaN
// probabilities and invalid enums included, with these exceptions:
//
//   - Times come back in the portal's location (portal.csv's time_zone;
//     UTC when it is empty), so that reports see the instants and the zone
//     a Dataset uses. When time_zone names no location this machine knows,
//     or is "Local", each time keeps the fixed offset written, as
//     ReadSnapshot does.
//   - A nil list and an empty one read back alike: an empty table as an
//     empty slice, a parent with no links as a nil one, and an empty
//     Rates.ToBase as nil.
//   - Decimals come back as their plain text reads, 1.50 as 1.5 and 1e3
//     as 1000: equal values with the same JSON form.
//   - Where bad data repeats an id, links can only be told apart by order:
//     a link row belongs to the next parent, from the one the previous row
//     went to on, that has its id, and a position of 0 on a parent that
//     already has links starts the next parent with that id. A parent with
//     no links followed by one with the same id and links therefore reads
//     back with the links on the first.
//
// Besides what WriteTables writes, ReadTablesFS accepts CRLF line ends, a
// byte-order mark before the header and blank lines at the end of a file;
// a decimal is read in plain text only (1e3 is an error), and so is an
// enum's name, which is case-sensitive.
//
// ReadTablesFS reads the tables on GOMAXPROCS goroutines, big files in
// chunks cut at row ends (quotes are followed, so a quoted field with line
// breaks is never cut), each chunk parsed into its place in a slice sized
// beforehand from the file's line count. Ids, names and other texts are
// cut from shared blocks, and texts that repeat (owners, stages,
// currencies, sources) are shared, so the records take about the memory
// they took when written.
//
// NOTE(tables): the slices of the big tables are allocated at their final
// size before they are filled. Should the collector start then, as it
// will in a program that has allocated little so far, it scans them while
// still empty, which costs CPU time and maps their memory twice. A program
// that reads a large folder and can afford it may switch the collector off
// around the call (debug.SetGCPercent(-1), then back); at a million deals
// this saved about a third of the CPU time of the read, and the next
// collection marks the records once, full. The library leaves the
// collector's settings alone, as they belong to the program.
//
// Errors start with "sales: read tables:" and name the file, and for bad
// data the line, the column and the value: a missing file, a header that
// is not the one expected, a row with the wrong number of fields, a field
// that does not parse (a time, decimal, enum, number or boolean), a
// decimal beyond MaxDecimalDigits or MaxDecimalPlaces, a link
// row whose parent id matches no parent from the current one on, or whose
// position is out of order. Nothing is dropped: a folder that does not
// read whole is an error, never records read in part. With several
// defects, the error names the first in the order of TableFiles' reading
// (portal, small tables, parent tables, link tables) and of lines.
func ReadTablesFS(fsys fs.FS) (Records, error) {
	return readTables(fsys, "")
}

// TableFile is one file of a table snapshot: its name and its columns in
// order.
type TableFile struct {
	Name    string
	Columns []string
}

// TableFiles returns the files of a table snapshot in a fixed order, with
// their columns, for programs that load them elsewhere (a SQL engine).
func TableFiles() []TableFile {
	out := make([]TableFile, len(tableSpecs))
	for i, t := range tableSpecs {
		out[i] = TableFile{Name: t.file, Columns: append([]string(nil), t.cols...)}
	}
	return out
}

// tableID numbers the files of a table snapshot in the order the reader
// reads them: the portal first (its time zone is needed to read times),
// then the parent tables, then the link tables, which are matched against
// their parents.
type tableID int

const (
	tPortal tableID = iota
	tRates
	tOwners
	tStages
	tProducts
	tTargets
	tDeals
	tContacts
	tCompanies
	tActivities
	tLineItems
	tDealContacts
	tDealStageHistory
	tDealCloseDateHistory
	tActivityDeals
	tActivityContacts
	tActivityCompanies
	numTables
)

// tableSpec is the layout of one file.
type tableSpec struct {
	file string
	cols []string
}

var tableSpecs = [numTables]tableSpec{
	tPortal:   {"portal.csv", []string{"time_zone", "currency", "rates_base"}},
	tRates:    {"rates.csv", []string{"currency", "to_base"}},
	tOwners:   {"owners.csv", []string{"id", "name", "email", "team", "archived"}},
	tStages:   {"stages.csv", stageCols},
	tProducts: {"products.csv", []string{"id", "name", "sku", "price", "currency"}},
	tTargets:  {"targets.csv", []string{"id", "owner", "team", "start", "end", "metric", "value"}},
	tDeals:    {"deals.csv", dealCols},
	tContacts: {"contacts.csv", contactCols},
	tCompanies: {"companies.csv", []string{"id", "name", "type", "industry", "country", "region",
		"owner", "created"}},
	tActivities: {"activities.csv", activityCols},
	tLineItems: {"line_items.csv", []string{"id", "deal", "product", "name", "quantity",
		"unit_price", "amount", "currency"}},
	tDealContacts: {"deal_contacts.csv", []string{"deal", "position", "contact"}},
	tDealStageHistory: {"deal_stage_history.csv", []string{"deal", "position", "stage",
		"entered", "left"}},
	tDealCloseDateHistory: {"deal_close_date_history.csv", []string{"deal", "position", "at",
		"close_date"}},
	tActivityDeals:     {"activity_deals.csv", []string{"activity", "position", "deal"}},
	tActivityContacts:  {"activity_contacts.csv", []string{"activity", "position", "contact"}},
	tActivityCompanies: {"activity_companies.csv", []string{"activity", "position", "company"}},
}

var stageCols = []string{"pipeline", "pipeline_label", "position", "stage", "label", "kind",
	"probability"}

var dealCols = []string{"id", "name", "owner", "pipeline", "stage", "amount", "currency",
	"created", "close_date", "lost_reason", "source", "region", "type", "company"}

var contactCols = []string{"id", "name", "owner", "created", "lifecycle", "lead_status",
	"source", "company", "reached_subscriber", "reached_lead",
	"reached_marketing_qualified", "reached_sales_qualified", "reached_opportunity",
	"reached_customer", "reached_evangelist", "reached_other"}

var activityCols = []string{"id", "type", "owner", "time", "subject", "direction",
	"duration_ns", "call_outcome", "meeting_end", "meeting_outcome", "task_status",
	"task_due", "task_completed"}

// maxCols is the most columns a table has (contacts).
const maxCols = 16
