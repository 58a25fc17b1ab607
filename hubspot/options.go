package hubspot

import "github.com/salespilot/sales"

// ReadOptions says how ReadPortal reads and maps a portal. The zero value
// reads everything live, in the account's time zone, with HubSpot's
// default vocabularies.
type ReadOptions struct {
	// TimeZone overrides the account's time zone (an IANA name such as
	// "America/Phoenix"): calendar dates are read as days of this zone,
	// and the records carry it for reports to cut periods in.
	TimeZone string
	// IncludeArchived also reads archived (deleted) deals, contacts,
	// companies, activities, line items and products, which listings
	// leave out by default. Archived owners are always read: their
	// records still count.
	IncludeArchived bool
	// Properties names portal-specific properties the model can use.
	Properties PropertyNames
	// CallOutcomes maps a portal's own call dispositions (GUIDs) to
	// outcomes, beside HubSpot's six defaults.
	CallOutcomes map[string]sales.CallOutcome
	// LifecycleStages maps a portal's custom lifecycle stage ids to the
	// model's stages.
	LifecycleStages map[string]sales.LifecycleStage
	// GoalTypes maps hs_goal_type values to target metrics; nil means
	// DefaultGoalTypes. Goals of other types are counted in
	// Report.SkippedGoals.
	GoalTypes map[string]sales.TargetMetric
	// StageKinds decides the kind of stages whose metadata does not (a
	// closed stage with probability 0.5), or overrides it.
	StageKinds map[StageKey]sales.StageKind
	// Progress, when not nil, is called after every page read, from the
	// goroutine that called ReadPortal.
	Progress func(Progress)
}

// PropertyNames names properties that HubSpot does not define but a
// portal may have. Empty names are not read.
type PropertyNames struct {
	// DealRegion is a deal property holding the deal's region.
	DealRegion string
	// CompanyRegion is a company property holding the company's region.
	CompanyRegion string
}

// StageKey names a stage of a pipeline: stage ids are unique only within
// their pipeline.
type StageKey struct {
	Pipeline sales.PipelineID
	Stage    sales.StageID
}

// Progress tells how far a read has come.
type Progress struct {
	// Step is what is being read: an object type ("deals"), or an
	// association ("calls→deals").
	Step string
	// Records counts the records (or associations) of the step read so
	// far; Pages the pages.
	Records int
	Pages   int
	// Requests counts every HTTP request of the read so far.
	Requests int
}
