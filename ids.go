package sales

// Record ids are strings as the source system writes them (HubSpot's
// numeric ids, a CSV export's keys). Each record kind has its own type, so
// the compiler refuses a deal id where an owner id is meant. The empty
// string means "none": a deal with an empty Owner is unassigned.

// OwnerID identifies an Owner: a rep or any other user who owns records.
type OwnerID string

// PipelineID identifies a Pipeline.
type PipelineID string

// StageID identifies a Stage. A stage id is meaningful only together with
// its pipeline's id: two pipelines may use the same stage id.
type StageID string

// DealID identifies a Deal.
type DealID string

// ContactID identifies a Contact.
type ContactID string

// CompanyID identifies a Company.
type CompanyID string

// ActivityID identifies an Activity (a call, email, meeting, task or note).
type ActivityID string

// ProductID identifies a Product.
type ProductID string

// LineItemID identifies a LineItem.
type LineItemID string

// TargetID identifies a Target.
type TargetID string
