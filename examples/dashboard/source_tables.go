package main

import "github.com/salespilot/sales"

// loadTables reads a table snapshot folder, as -save-tables writes it.
func loadTables(dir string) (source, error) {
	recs, err := sales.ReadTables(dir)
	if err != nil {
		return source{}, err
	}
	return source{name: "table snapshot " + dir, records: recs}, nil
}
