package hubspot

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/salespilot/sales"
)

// Files of an export folder beside the CSV files; see ReadExportFolder.
const (
	PipelinesFile = "pipelines.json"
	OwnersFile    = "owners.json"
	AccountFile   = "account.json"
)

// ReadExportFolder reads a folder of HubSpot export files as ReadExport
// does, taking what exports lack from JSON files saved from the API beside
// them:
//
//   - pipelines.json (required): the answer of GET /crm/v3/pipelines/deals,
//     the pipeline catalogue;
//   - owners.json (optional): the answer of GET /crm/v3/owners, whose
//     names are matched against the exports' owner names;
//   - account.json (optional): the answer of GET
//     /account-info/v3/details, for the time zone and the home currency
//     (UTC and no currency without it).
//
// It fails when pipelines.json is missing or one of the files is not
// valid.
func ReadExportFolder(fsys fs.FS) (sales.Records, ExportReport, Report, error) {
	return ReadExportFolderWith(fsys, ExportOptions{})
}

// ReadExportFolderWith is ReadExportFolder with the reading options of
// opt (DayFirst, DecimalComma, OwnerMap, Columns...). What opt leaves
// unset is taken from the folder's files: the pipelines always, the owners
// when opt.Owners is empty, the time zone and currency when opt.Location
// and opt.Currency are.
func ReadExportFolderWith(fsys fs.FS, given ExportOptions) (sales.Records, ExportReport, Report, error) {
	rep := newReport()
	m := mapper{loc: time.UTC, opt: &ReadOptions{GoalTypes: DefaultGoalTypes}, rep: &rep}
	opt := given
	f, err := fsys.Open(PipelinesFile)
	if err != nil {
		return sales.Records{}, ExportReport{}, rep, fmt.Errorf("hubspot: read export folder: %w", err)
	}
	opt.Pipelines, err = decodePipelines(f, &m)
	f.Close()
	if err != nil {
		return sales.Records{}, ExportReport{}, rep, err
	}
	if len(opt.Owners) == 0 {
		if opt.Owners, err = readOwnersFile(fsys, &m); err != nil {
			return sales.Records{}, ExportReport{}, rep, err
		}
	}
	if err := readAccountFile(fsys, &opt); err != nil {
		return sales.Records{}, ExportReport{}, rep, err
	}
	if given.Location != nil {
		opt.Location = given.Location
	}
	if given.Currency != "" {
		opt.Currency = given.Currency
	}
	recs, xrep, err := ReadExport(fsys, opt)
	return recs, xrep, rep, err
}

// ParsePipelines reads deal pipelines in the shape of HubSpot's pipelines
// API answer ({"results": [...]}) into the model, each stage's kind from
// its metadata as ReadPortal decides it; report lists stages whose kind is
// doubtful and values that could not be read.
func ParsePipelines(r io.Reader) ([]sales.Pipeline, Report, error) {
	rep := newReport()
	m := mapper{loc: time.UTC, opt: &ReadOptions{}, rep: &rep}
	ps, err := decodePipelines(r, &m)
	return ps, rep, err
}

func decodePipelines(r io.Reader, m *mapper) ([]sales.Pipeline, error) {
	var list pipelineList
	if err := json.NewDecoder(r).Decode(&list); err != nil {
		return nil, fmt.Errorf("hubspot: %s: %w", PipelinesFile, err)
	}
	if list.Results == nil {
		// Another file, or the answer of another endpoint: reading it as
		// no pipelines would leave every deal in an unknown stage.
		return nil, fmt.Errorf("hubspot: %s: no \"results\" list of pipelines, as "+
			"GET /crm/v3/pipelines/deals answers", PipelinesFile)
	}
	sortByDisplayOrder(list.Results)
	out := []sales.Pipeline{}
	for _, p := range list.Results {
		if !p.Archived {
			out = append(out, m.pipeline(p))
		}
	}
	return out, nil
}

func readOwnersFile(fsys fs.FS, m *mapper) ([]sales.Owner, error) {
	f, err := fsys.Open(OwnersFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("hubspot: %s: %w", OwnersFile, err)
	}
	defer f.Close()
	var page ownerPage
	if err := json.NewDecoder(f).Decode(&page); err != nil {
		return nil, fmt.Errorf("hubspot: %s: %w", OwnersFile, err)
	}
	teams := map[string]string{}
	out := make([]sales.Owner, 0, len(page.Results))
	for _, o := range page.Results {
		out = append(out, m.owner(o, teams))
	}
	return out, nil
}

func readAccountFile(fsys fs.FS, opt *ExportOptions) error {
	f, err := fsys.Open(AccountFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("hubspot: %s: %w", AccountFile, err)
	}
	defer f.Close()
	var a account
	if err := json.NewDecoder(f).Decode(&a); err != nil {
		return fmt.Errorf("hubspot: %s: %w", AccountFile, err)
	}
	if a.TimeZone != "" {
		loc, err := time.LoadLocation(a.TimeZone)
		if err != nil {
			return fmt.Errorf("hubspot: %s: time zone %q: unknown location", AccountFile, a.TimeZone)
		}
		opt.Location = loc
	}
	opt.Currency = sales.Currency(a.CompanyCurrency)
	return nil
}
