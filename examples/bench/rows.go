package main

import (
	"fmt"
	"sort"
)

// spec says how to read one report's result as the rows its query
// returns: rows lays the library's result out in the query's columns, and
// ordered says whether the order of the rows is part of the report (an
// alert table sorted most urgent first) or not (a tally per owner).
type spec struct {
	rows    func(res any) ([][]any, error)
	ordered bool
}

// specs holds a spec per report id that has a query in sql/.
var specs = map[string]spec{}

// register adds the spec of report id. rows gets the library's result as
// the report's own type T.
func register[T any](id string, ordered bool, rows func(res T) [][]any) {
	if _, dup := specs[id]; dup {
		panic("bench: two specs for " + id)
	}
	specs[id] = spec{ordered: ordered, rows: func(res any) ([][]any, error) {
		r, ok := res.(T)
		if !ok {
			var want T
			return nil, fmt.Errorf("%s: the library returned %T, the rows expect %T", id, res, want)
		}
		return rows(r), nil
	}}
}

// specIDs lists the ids that have a spec, sorted.
func specIDs() []string {
	ids := make([]string, 0, len(specs))
	for id := range specs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
