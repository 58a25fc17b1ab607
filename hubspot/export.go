package hubspot

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// ExportOptions says how to read HubSpot's CSV export files. Exports carry
// labels where the API carries ids (stage and pipeline names, owner
// names), and local times: the caller supplies what turns them back.
type ExportOptions struct {
	// Pipelines is the portal's pipeline catalogue. A deal's stage is
	// found by its pipeline's label (or id) and then the stage's label (or
	// id) within it: stage labels repeat across pipelines.
	Pipelines []sales.Pipeline
	// Owners are the portal's owners, matched by full name or email.
	// With no Owners and no OwnerMap, every owner name met becomes an
	// owner whose id is the name.
	Owners []sales.Owner
	// OwnerMap maps names as the export writes them to owner ids; it
	// decides names that several owners share, or that Owners lacks.
	OwnerMap map[string]sales.OwnerID
	// Location is the portal's time zone, in which exports write times;
	// nil means UTC.
	Location *time.Location
	// DayFirst reads slashed dates as day/month/year, as exports in
	// some languages write them; by default they are month/day/year.
	DayFirst bool
	// DecimalComma reads numbers written "1.234,56"; by default they are
	// written "1234.56" or "1,234.56".
	DecimalComma bool
	// Currency is the portal's home currency, that of every amount with
	// no currency column.
	Currency sales.Currency
	// Columns adds header names: a header (any case) to one of the
	// reader's field names, which ExportColumns lists with the headers
	// it knows already, such as "Région": "region".
	Columns map[string]string
}

// ExportReport says what ReadExport did with each file, and every value it
// could not use.
type ExportReport struct {
	Files []ExportFile `json:"files"`
	// Rejected lists, in file and row order, every cell that could not be
	// used and why; the record is kept without the value, unless the
	// rejection says the row was left out.
	Rejected []Rejection `json:"rejected"`
	// NewOwners lists the owner names that became owners because no
	// Owners were given.
	NewOwners []string `json:"new_owners,omitempty"`
}

// ExportFile is one file read: what it held and how many rows became
// records.
type ExportFile struct {
	Name string `json:"name"`
	// Kind is "deals", "contacts", "companies", "activities", or
	// "unknown" for a file whose header names none of them.
	Kind   string `json:"kind"`
	Rows   int    `json:"rows"`
	Loaded int    `json:"loaded"`
	// Ignored lists the columns the reader has no use for.
	Ignored []string `json:"ignored,omitempty"`
}

// Rejection is one value, or one whole row, of an export file that could
// not be used. Line is the 1-based line of the file it starts on.
type Rejection struct {
	File string `json:"file"`
	Line int    `json:"line"`
	// Column is the header of the cell, empty when the fault is the
	// row's as a whole (a wrong number of cells).
	Column string `json:"column,omitempty"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
	// RowLeftOut says the whole row was left out; otherwise the record
	// was kept without the value.
	RowLeftOut bool `json:"row_left_out,omitempty"`
}

// String returns the rejection as one line, such as
// `deals.csv:12: Close Date "31/31/2024": not a date`.
func (r Rejection) String() string {
	if r.Column == "" {
		return fmt.Sprintf("%s:%d: row: %s", r.File, r.Line, r.Reason)
	}
	return fmt.Sprintf("%s:%d: %s %q: %s", r.File, r.Line, r.Column, r.Value, r.Reason)
}

// ReadExport reads every .csv file at the root of fsys as a HubSpot
// export of deals, contacts, companies or activities, told apart by their
// headers, and maps them into records. It fails only when a file cannot
// be read or is not CSV; every value it cannot use is listed in the
// report by file, line and column.
//
// Files are read in name order. The records carry ExportOptions'
// pipelines, owners (with those made from names), time zone and currency.
func ReadExport(fsys fs.FS, opt ExportOptions) (sales.Records, ExportReport, error) {
	names, err := fs.Glob(fsys, "*.[cC][sS][vV]")
	if err != nil {
		return sales.Records{}, ExportReport{}, fmt.Errorf("hubspot: read export: %w", err)
	}
	sort.Strings(names)
	x := newExportReader(opt)
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return sales.Records{}, ExportReport{}, fmt.Errorf("hubspot: read export: %w", err)
		}
		if err := x.file(path.Base(name), b); err != nil {
			return sales.Records{}, ExportReport{}, err
		}
	}
	return x.recs, x.rep, nil
}

// exportReader holds one ReadExport's state.
type exportReader struct {
	opt    ExportOptions
	loc    *time.Location
	recs   sales.Records
	rep    ExportReport
	owners map[string][]sales.OwnerID // folded name or email → ids
	// ownerIDs holds the ids of ExportOptions.Owners: an owner cell may
	// hold the id (hubspot_owner_id) rather than the name.
	ownerIDs map[sales.OwnerID]bool
	minted   map[string]bool
	// seen holds, per kind of record, the ids read so far and where: an
	// export downloaded twice, or a row repeated, must not count twice.
	seen map[string]map[string]string
	cols map[string]string // folded header → field
}

func newExportReader(opt ExportOptions) *exportReader {
	x := &exportReader{opt: opt, loc: opt.Location, owners: map[string][]sales.OwnerID{},
		minted: map[string]bool{}, cols: map[string]string{}, seen: map[string]map[string]string{}}
	if x.loc == nil {
		x.loc = time.UTC
	}
	x.recs = sales.Records{TimeZone: x.loc.String(), Currency: opt.Currency,
		Owners:    append([]sales.Owner{}, opt.Owners...),
		Pipelines: append([]sales.Pipeline{}, opt.Pipelines...),
		Deals:     []sales.Deal{}, Contacts: []sales.Contact{}, Companies: []sales.Company{},
		Activities: []sales.Activity{}, Products: []sales.Product{}, LineItems: []sales.LineItem{},
		Targets: []sales.Target{}}
	if x.recs.TimeZone == "Local" {
		x.recs.TimeZone = ""
	}
	x.rep.Rejected = []Rejection{}
	x.ownerIDs = make(map[sales.OwnerID]bool, len(opt.Owners))
	for _, o := range opt.Owners {
		x.ownerIDs[o.ID] = true
		for _, k := range []string{o.Name, o.Email} {
			if k = fold(k); k != "" && !slices.Contains(x.owners[k], o.ID) {
				x.owners[k] = append(x.owners[k], o.ID)
			}
		}
	}
	for h, f := range defaultColumns {
		x.cols[fold(h)] = f
	}
	for h, f := range opt.Columns {
		x.cols[fold(h)] = f
	}
	return x
}

// fold folds a header or a name for matching: trimmed, lower case, runs
// of spaces as one.
// ExportColumns returns the headers the export reader knows, each with the
// field it reads into: the labels of HubSpot's English exports and the
// internal property names. ExportOptions.Columns adds to them. The map is
// a copy.
func ExportColumns() map[string]string { return maps.Clone(defaultColumns) }

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// row is one CSV record with its line and the header's field positions.
type row struct {
	x      *exportReader
	file   string
	line   int
	cells  []string
	header []string
	pos    map[string]int // field → column position
}

// get returns the value of field, trimmed, and its column's header.
func (r *row) get(field string) (string, string) {
	i, ok := r.pos[field]
	if !ok || i >= len(r.cells) {
		return "", ""
	}
	return strings.TrimSpace(r.cells[i]), r.header[i]
}

func (r *row) reject(column, val, reason string) {
	r.x.rep.Rejected = append(r.x.rep.Rejected, Rejection{File: r.file, Line: r.line,
		Column: column, Value: clip(val, 100), Reason: reason})
}

// dropRow records that the whole row was left out, for the value of the
// given column.
func (r *row) dropRow(column, val, reason string) {
	r.reject(column, val, reason)
	r.x.rep.Rejected[len(r.x.rep.Rejected)-1].RowLeftOut = true
}

// file reads one export file.
func (x *exportReader) file(name string, b []byte) error {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = sniffComma(b)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		x.rep.Files = append(x.rep.Files, ExportFile{Name: name, Kind: "unknown"})
		return nil
	}
	if err != nil {
		return fmt.Errorf("hubspot: read export %s: %w", name, err)
	}
	pos, ignored := x.fields(header)
	kind := kindOf(pos)
	f := ExportFile{Name: name, Kind: kind, Ignored: ignored}
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("hubspot: read export %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		f.Rows++
		r := &row{x: x, file: name, line: line, cells: cells, header: header, pos: pos}
		if len(cells) != len(header) {
			r.dropRow("", "", fmt.Sprintf("%d cells under a header of %d", len(cells), len(header)))
			continue
		}
		if x.record(kind, r) {
			f.Loaded++
		}
	}
	x.rep.Files = append(x.rep.Files, f)
	return nil
}

// sniffComma returns ';' when the header line holds more semicolons than
// commas, as exports saved in some locales do, else ','.
func sniffComma(b []byte) rune {
	line := b
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		line = b[:i]
	}
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		return ';'
	}
	return ','
}

// fields maps each known header to its field, the first column winning.
func (x *exportReader) fields(header []string) (map[string]int, []string) {
	pos := map[string]int{}
	var ignored []string
	for i, h := range header {
		f, ok := x.cols[fold(h)]
		if !ok {
			ignored = append(ignored, h)
			continue
		}
		if _, dup := pos[f]; !dup {
			pos[f] = i
		}
	}
	return pos, ignored
}

// kindOf tells the kind of a file by the fields its header has.
func kindOf(pos map[string]int) string {
	has := func(f string) bool { _, ok := pos[f]; return ok }
	switch {
	case has("stage") || has("deal_name"):
		return objDeals
	case has("activity_type"):
		return "activities"
	case has("lifecycle") && (has("first_name") || has("email")), has("first_name"), has("email"):
		return objContacts
	case has("company_name") || has("domain"):
		return objCompanies
	}
	return "unknown"
}

func (x *exportReader) record(kind string, r *row) bool {
	id, col := r.get("id")
	if kind != "unknown" && id == "" {
		r.dropRow(col, "", "no record id; row left out")
		return false
	}
	if at, dup := x.seen[kind][id]; dup {
		r.dropRow(col, id, "repeats the record id of "+at+"; row left out")
		return false
	}
	switch kind {
	case objDeals:
		x.recs.Deals = append(x.recs.Deals, x.deal(r, id))
	case objContacts:
		x.recs.Contacts = append(x.recs.Contacts, x.contact(r, id))
	case objCompanies:
		x.recs.Companies = append(x.recs.Companies, x.company(r, id))
	case "activities":
		a, ok := x.activity(r, id)
		if !ok {
			return false
		}
		x.recs.Activities = append(x.recs.Activities, a)
	default:
		return false
	}
	if x.seen[kind] == nil {
		x.seen[kind] = map[string]string{}
	}
	x.seen[kind][id] = fmt.Sprintf("%s:%d", r.file, r.line)
	return true
}

// owner maps an owner's name (or email) to an owner id.
func (x *exportReader) owner(r *row) sales.OwnerID {
	name, col := r.get("owner")
	if name == "" {
		return ""
	}
	if id, ok := x.opt.OwnerMap[name]; ok {
		return id
	}
	ids := x.owners[fold(name)]
	if len(ids) == 0 {
		ids = x.ownerOfSuffixed(name)
	}
	if len(ids) == 0 && x.ownerIDs[sales.OwnerID(name)] {
		return sales.OwnerID(name) // the cell holds the owner's id
	}
	switch {
	case len(ids) == 1:
		return ids[0]
	case len(ids) > 1:
		r.reject(col, name, "several owners have this name; map it with ExportOptions.OwnerMap")
		return ""
	case len(x.opt.Owners) == 0 && len(x.opt.OwnerMap) == 0:
		id := sales.OwnerID(name)
		if !x.minted[name] {
			x.minted[name] = true
			x.recs.Owners = append(x.recs.Owners, sales.Owner{ID: id, Name: name})
			x.rep.NewOwners = append(x.rep.NewOwners, name)
		}
		return id
	}
	r.reject(col, name, "no owner has this name; map it with ExportOptions.OwnerMap")
	return ""
}

// ownerOfSuffixed matches a name written with a parenthesised suffix,
// such as "Ann Lee (ann@example.com)" or "Ann Lee (Deactivated User)", by
// the name before it, else by the suffix as an email.
func (x *exportReader) ownerOfSuffixed(name string) []sales.OwnerID {
	open := strings.LastIndexByte(name, '(')
	if open <= 0 || !strings.HasSuffix(name, ")") {
		return nil
	}
	byName := x.owners[fold(name[:open])]
	if len(byName) == 1 {
		return byName
	}
	if byEmail := x.owners[fold(name[open+1:len(name)-1])]; len(byEmail) == 1 {
		return byEmail // the suffix decides a name several owners share
	}
	return byName
}

// time reads a date or date and time of field, in the portal's zone.
func (x *exportReader) time(r *row, field string) time.Time {
	v, col := r.get(field)
	if v == "" || v == "0" { // "0": epoch 0, HubSpot's "no date"
		return time.Time{}
	}
	t, err := parseExportTime(v, x.loc, x.opt.DayFirst)
	if err != nil {
		r.reject(col, v, err.Error())
	}
	return t
}

// number reads a number of field.
func (x *exportReader) number(r *row, field string) decimal.NullDecimal {
	v, col := r.get(field)
	if v == "" {
		return decimal.NullDecimal{}
	}
	d, err := parseExportNumber(v, x.opt.DecimalComma)
	if err != nil {
		r.reject(col, v, err.Error())
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(d)
}
