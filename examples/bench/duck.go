package main

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" driver

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/internal/catalog"
)

// queries holds the schema and one query per report id, sql/R01.sql and
// so on.
//
//go:embed sql/*.sql
var queries embed.FS

// query returns the SQL of the report id, and false when there is none.
func query(id string) (string, bool) {
	b, err := queries.ReadFile("sql/" + id + ".sql")
	if err != nil {
		return "", false
	}
	return string(b), true
}

// queryIDs lists the report ids that have a query, in catalogue order.
func queryIDs() []string {
	var ids []string
	for _, r := range catalog.All() {
		if _, ok := query(r.ID); ok {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// duck is one DuckDB database in memory, on one connection so that the
// session's settings (time zone, variables) hold for every query.
type duck struct {
	db    *sql.DB
	conn  *sql.Conn
	spill string // the folder DuckDB spills to when memory runs short
}

// openDuck opens an empty database in memory, with DuckDB's settings left
// as a user would find them but for where it spills: a temporary folder
// of its own rather than ".tmp" in the working directory.
func openDuck(ctx context.Context) (*duck, error) {
	spill, err := os.MkdirTemp("", "sales-bench-duckdb-")
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		os.RemoveAll(spill)
		return nil, fmt.Errorf("duckdb: open: %w", err)
	}
	d := &duck{db: db, spill: spill}
	if d.conn, err = db.Conn(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("duckdb: connect: %w", err)
	}
	if _, err := d.conn.ExecContext(ctx, "SET temp_directory = "+quote(spill)); err != nil {
		d.Close()
		return nil, fmt.Errorf("duckdb: %w", err)
	}
	return d, nil
}

// Close closes the connection and the database, and removes what DuckDB
// spilled.
func (d *duck) Close() error {
	if d.conn != nil {
		d.conn.Close()
	}
	err := d.db.Close()
	os.RemoveAll(d.spill)
	return err
}

// load creates the tables of sql/schema.sql and copies the table snapshot
// in dir into them, each file with DuckDB's own CSV reader.
func (d *duck) load(ctx context.Context, dir string) error {
	schema, err := queries.ReadFile("sql/schema.sql")
	if err != nil {
		return err
	}
	if _, err := d.conn.ExecContext(ctx, string(schema)); err != nil {
		return fmt.Errorf("duckdb: schema: %w", err)
	}
	if err := d.macros(ctx); err != nil {
		return err
	}
	for _, f := range sales.TableFiles() {
		table := strings.TrimSuffix(f.Name, ".csv")
		path := filepath.Join(dir, f.Name)
		stmt := fmt.Sprintf("COPY %s FROM %s (FORMAT csv, HEADER true, NULLSTR '')",
			table, quote(path))
		if _, err := d.conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("duckdb: load %s: %w", f.Name, err)
		}
	}
	return nil
}

// macros creates the macros of sql/macros.sql, the steps several queries
// share (where a deal stood at an instant, its value in the home
// currency), when the file is there.
func (d *duck) macros(ctx context.Context) error {
	text, err := queries.ReadFile("sql/macros.sql")
	if err != nil {
		return nil // no shared steps
	}
	if _, err := d.conn.ExecContext(ctx, string(text)); err != nil {
		return fmt.Errorf("duckdb: macros: %w", err)
	}
	return nil
}

// quote writes s as a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// setParams sets the session's time zone to the portal's and the reports'
// parameters as variables that the queries read with getvariable:
//
//	as_of          TIMESTAMPTZ  the instant reports are seen from
//	period_start   TIMESTAMPTZ  the period, half-open
//	period_end     TIMESTAMPTZ
//	unit           VARCHAR      the bucket unit: day, week, month, quarter, year
//	week_start     VARCHAR      the first day of a week, monday or sunday...
//	top_n          INTEGER      how many rows the top-N reports keep
//	churn_months   INTEGER      R45's months of silence
//	idle_days      INTEGER      R46's days without activity
//	idle_bands     INTEGER[]    R46's age bands, in days, ascending
//	proposal_stage VARCHAR      R37's proposal stage
//	past_instant   TIMESTAMPTZ  B05's instant
//	horizon_start  TIMESTAMPTZ  B01's horizon, half-open
//	horizon_end    TIMESTAMPTZ
//	past_horizon_start, past_horizon_end  B05's horizon
//	velocity_start TIMESTAMPTZ  B03's look-back, ending at as_of
func (d *duck) setParams(ctx context.Context, p catalog.Params, proposal sales.StageID) error {
	loc := p.Period.Start.Location()
	h := catalog.Horizon(p, p.AsOf)
	past := catalog.PastInstant(p)
	ph := catalog.Horizon(p, past)
	stmts := []string{
		"SET TimeZone = " + quote(loc.String()),
		"SET VARIABLE as_of = " + ts(p.AsOf),
		"SET VARIABLE period_start = " + ts(p.Period.Start),
		"SET VARIABLE period_end = " + ts(p.Period.End),
		"SET VARIABLE unit = " + quote(p.Unit.String()),
		"SET VARIABLE week_start = " + quote(strings.ToLower(p.Calendar.WeekStart.Weekday().String())),
		fmt.Sprintf("SET VARIABLE top_n = %d", p.TopN),
		fmt.Sprintf("SET VARIABLE churn_months = %d", catalog.ChurnMonths),
		fmt.Sprintf("SET VARIABLE idle_days = %d", catalog.IdleDays),
		"SET VARIABLE idle_bands = " + intList(catalog.IdleBands),
		"SET VARIABLE proposal_stage = " + quote(string(proposal)),
		"SET VARIABLE past_instant = " + ts(past),
		"SET VARIABLE horizon_start = " + ts(h.Period.Start),
		"SET VARIABLE horizon_end = " + ts(h.Period.End),
		"SET VARIABLE past_horizon_start = " + ts(ph.Period.Start),
		"SET VARIABLE past_horizon_end = " + ts(ph.Period.End),
		"SET VARIABLE velocity_start = " + ts(p.AsOf.AddDate(0, -catalog.VelocityMonths, 0)),
	}
	for _, s := range stmts {
		if _, err := d.conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("duckdb: %s: %w", s, err)
		}
	}
	return nil
}

// intList writes v as a SQL list literal.
func intList(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = strconv.Itoa(n)
	}
	return "[" + strings.Join(parts, ", ") + "]::INTEGER[]"
}

// ts writes t as a TIMESTAMPTZ literal.
func ts(t time.Time) string {
	return "TIMESTAMPTZ " + quote(t.Format(time.RFC3339Nano))
}

// rows runs one query and returns its rows, each cell as canon makes it.
func (d *duck) rows(ctx context.Context, q string) ([][]any, error) {
	rs, err := d.conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rs.Next() {
		cells := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range cells {
			ptrs[i] = &cells[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, c := range cells {
			row[i] = canon(c)
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// sortedKeys returns m's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
