package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
)

// loadSnapshot reads a snapshot file, such as examples/hubspot writes.
func loadSnapshot(path string) (source, error) {
	f, err := os.Open(path)
	if err != nil {
		return source{}, err
	}
	defer f.Close()
	recs, err := sales.ReadSnapshot(f)
	if err != nil {
		return source{}, err
	}
	return source{name: "snapshot " + path, records: recs}, nil
}

// loadHubSpotExport reads a folder of HubSpot export files.
func loadHubSpotExport(dir string) (source, error) {
	recs, xrep, prep, err := hubspot.ReadExportFolder(os.DirFS(dir))
	if err != nil {
		return source{}, fmt.Errorf("%w (in folder %s)", err, dir)
	}
	s := source{name: "HubSpot export files, " + dir, records: recs}
	for _, f := range xrep.Files {
		s.notes = append(s.notes, fmt.Sprintf("%s: %s, %d rows, %d loaded", f.Name, f.Kind,
			f.Rows, f.Loaded))
		if len(f.Ignored) > 0 {
			s.notes = append(s.notes, fmt.Sprintf("%s: columns not read: %s", f.Name,
				strings.Join(f.Ignored, ", ")))
		}
	}
	if n := len(xrep.Rejected); n > 0 {
		s.notes = append(s.notes, fmt.Sprintf("%d value(s) rejected; first: %s", n, xrep.Rejected[0]))
	}
	for _, st := range prep.UnsureStages {
		s.notes = append(s.notes, fmt.Sprintf("stage %s/%s is closed but neither won nor lost "+
			"(probability %q)", st.Pipeline, st.Stage, st.Probability))
	}
	s.notes = append(s.notes, "exports carry no stage history, no close-date history and no "+
		"targets: reports that need them say so below")
	return s, nil
}
