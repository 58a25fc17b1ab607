package hubspot

import (
	"fmt"

	"github.com/salespilot/sales"
)

// Report says what a read did: how many records of each kind it read,
// what it folded, left out or could not map, and what the HTTP traffic
// took. Nothing the mapping could not use disappears without a line here.
type Report struct {
	// Portal is HubSpot's id of the portal, and TimeZone and Currency the
	// zone and home currency the records were read with.
	Portal   string         `json:"portal,omitempty"`
	TimeZone string         `json:"time_zone"`
	Currency sales.Currency `json:"currency"`

	// Read counts the records read of each object type, by HubSpot's
	// name ("deals", "calls", "owners"…), archived ones included.
	Read map[string]int `json:"read"`
	// Archived counts, per object type, the archived records included on
	// request (ReadOptions.IncludeArchived).
	Archived map[string]int `json:"archived,omitempty"`
	// ArchivedSkipped counts archived records a listing returned although
	// they were not asked for; they are left out.
	ArchivedSkipped int `json:"archived_skipped,omitempty"`
	// Merged lists the records folded into the record they were merged
	// into, which keeps their associations and history.
	Merged []Merge `json:"merged,omitempty"`

	// UnknownStages lists the deals whose stage their pipeline does not
	// list (a deleted stage, or another pipeline's); they are kept as
	// they are, and reports count them apart.
	UnknownStages []StageRef `json:"unknown_stages,omitempty"`
	// UnsureStages lists the stages whose metadata says neither open, won
	// nor lost: closed with a probability other than 0 or 1, or with no
	// readable isClosed. They are kept with no kind (Validate reports
	// them) unless ReadOptions.StageKinds decides.
	UnsureStages []StageRef `json:"unsure_stages,omitempty"`
	// NoPrimaryCompany lists deals and contacts associated with several
	// companies, none marked primary: they are left without a company
	// rather than given one at random.
	NoPrimaryCompany []string `json:"no_primary_company,omitempty"`
	// PrimaryNotRead lists deals and contacts whose primary company was
	// not read (archived, or beyond what the token may read): they keep
	// no company rather than another one of theirs.
	PrimaryNotRead []string `json:"primary_not_read,omitempty"`
	// Dangling counts, per association ("calls→deals"), the associations
	// to records that were not read, such as archived ones; they are left
	// out.
	Dangling map[string]int `json:"dangling,omitempty"`
	// SkippedGoals counts goals left out, by reason: a goal type no
	// ReadOptions.GoalTypes entry maps, no amount, no period.
	SkippedGoals map[string]int `json:"skipped_goals,omitempty"`
	// SkippedCalls counts calls left out, by their hs_call_status: calls
	// still under way when read (QUEUED, RINGING, IN_PROGRESS…) and calls
	// never made (CANCELED, FAILED), which no report should count as
	// calls.
	SkippedCalls map[string]int `json:"skipped_calls,omitempty"`
	// Issues lists every property value that could not be read, and
	// every value the model has no place for.
	Issues []Issue `json:"issues,omitempty"`
	// Notes says which optional parts could not be read (exchange rates
	// or goals without the scope for them) and what that means.
	Notes []string `json:"notes,omitempty"`

	// HTTP counts the requests, retries and waits of the read.
	HTTP Stats `json:"http"`
}

// Merge is one record folded into another.
type Merge struct {
	Object string `json:"object"`
	From   string `json:"from"`
	Into   string `json:"into"`
}

// StageRef names a stage of a pipeline and, where it applies, the deal
// that is in it and the metadata that made it doubtful.
type StageRef struct {
	Deal        sales.DealID     `json:"deal,omitempty"`
	Pipeline    sales.PipelineID `json:"pipeline"`
	Stage       sales.StageID    `json:"stage"`
	IsClosed    string           `json:"is_closed,omitempty"`
	Probability string           `json:"probability,omitempty"`
}

// Issue is one value that could not be used: which record, which
// property, the value (cut to 100 bytes) and why.
type Issue struct {
	Object   string `json:"object"`
	ID       string `json:"id"`
	Property string `json:"property"`
	Value    string `json:"value"`
	Reason   string `json:"reason"`
}

// String returns the issue as one line, such as
// `deals "42": amount "12,5": not a decimal number`.
func (i Issue) String() string {
	return fmt.Sprintf("%s %q: %s %q: %s", i.Object, i.ID, i.Property, i.Value, i.Reason)
}

func newReport() Report {
	return Report{Read: map[string]int{}}
}

func (r *Report) issue(object, id, prop, val, reason string) {
	r.Issues = append(r.Issues, Issue{Object: object, ID: id, Property: prop,
		Value: clip(val, 100), Reason: reason})
}

func (r *Report) skipCall(status string) {
	if r.SkippedCalls == nil {
		r.SkippedCalls = map[string]int{}
	}
	r.SkippedCalls[status]++
}

func (r *Report) skipGoal(reason string) {
	if r.SkippedGoals == nil {
		r.SkippedGoals = map[string]int{}
	}
	r.SkippedGoals[reason]++
}
