package hubspot

import (
	"bytes"
	"encoding/json"
	"reflect"
)

var reflectString = reflect.TypeFor[string]()

// The JSON shapes of HubSpot's CRM API (v3 objects, owners, pipelines,
// account details, exchange rates; v4 associations), decoded leniently:
// a property may be a string, null, a number or a boolean, and an id a
// string or a number.

// value is a property value as it arrives: a string, or nothing (null or
// missing). Numbers and booleans are kept as their JSON text.
type value string

// UnmarshalJSON accepts a string, null, a number or a boolean.
func (v *value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*v = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = value(s)
	case b[0] == '{' || b[0] == '[':
		return &json.UnmarshalTypeError{Value: "object or array", Type: reflectString}
	default:
		*v = value(b)
	}
	return nil
}

// flexID is an id sent as a JSON string or number.
type flexID string

// UnmarshalJSON accepts a string or a number.
func (f *flexID) UnmarshalJSON(b []byte) error {
	var v value
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	*f = flexID(v)
	return nil
}

// props holds an object's properties by name.
type props map[string]value

// get returns the value of name, "" when absent or null.
func (p props) get(name string) string { return string(p[name]) }

// historyEntry is one value a property took.
type historyEntry struct {
	Value     value  `json:"value"`
	Timestamp string `json:"timestamp"`
}

// object is a CRM record as the v3 object endpoints return it.
type object struct {
	ID                    flexID                    `json:"id"`
	Properties            props                     `json:"properties"`
	PropertiesWithHistory map[string][]historyEntry `json:"propertiesWithHistory"`
	CreatedAt             string                    `json:"createdAt"`
	UpdatedAt             string                    `json:"updatedAt"`
	Archived              bool                      `json:"archived"`
	ArchivedAt            string                    `json:"archivedAt"`
}

// paging is a listing's link to its next page; absent on the last page.
type paging struct {
	Next *struct {
		After string `json:"after"`
		Link  string `json:"link"`
	} `json:"next"`
}

func (p *paging) after() (string, bool) {
	if p == nil || p.Next == nil || p.Next.After == "" {
		return "", false
	}
	return p.Next.After, true
}

// objectPage is one page of a v3 listing.
type objectPage struct {
	// Results is nil when the body had no "results" array: not a page.
	Results []object `json:"results"`
	Paging  *paging  `json:"paging"`
}

// searchPage is one page of a v3 search. Total counts every match, even
// past the search cap.
type searchPage struct {
	Total   int      `json:"total"`
	Results []object `json:"results"`
	Paging  *paging  `json:"paging"`
}

// team is an owner's team.
type team struct {
	ID      flexID `json:"id"`
	Name    string `json:"name"`
	Primary bool   `json:"primary"`
}

// owner is one entry of the owners API.
type owner struct {
	ID        flexID `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	UserID    flexID `json:"userId"`
	// UserIDAll is userIdIncludingInactive: the user id, kept once the
	// user is deactivated and userId is null.
	UserIDAll flexID `json:"userIdIncludingInactive"`
	Archived  bool   `json:"archived"`
	Teams     []team `json:"teams"`
}

type ownerPage struct {
	Results []owner `json:"results"`
	Paging  *paging `json:"paging"`
}

// stage is a pipeline stage; its metadata values are strings.
type stage struct {
	ID           flexID `json:"id"`
	Label        string `json:"label"`
	DisplayOrder int    `json:"displayOrder"`
	Metadata     props  `json:"metadata"`
	Archived     bool   `json:"archived"`
}

// pipeline is a deal pipeline with its stages.
type pipeline struct {
	ID           flexID  `json:"id"`
	Label        string  `json:"label"`
	DisplayOrder int     `json:"displayOrder"`
	Archived     bool    `json:"archived"`
	Stages       []stage `json:"stages"`
}

type pipelineList struct {
	Results []pipeline `json:"results"`
}

// account is the account details endpoint's answer.
type account struct {
	PortalID        flexID `json:"portalId"`
	TimeZone        string `json:"timeZone"`
	CompanyCurrency string `json:"companyCurrency"`
}

// exchangeRate converts one unit of From into ConversionRate units of To,
// the company currency.
type exchangeRate struct {
	From           string `json:"fromCurrencyCode"`
	To             string `json:"toCurrencyCode"`
	ConversionRate value  `json:"conversionRate"`
	EffectiveAt    string `json:"effectiveAt"`
}

type ratePage struct {
	Results []exchangeRate `json:"results"`
	Paging  *paging        `json:"paging"`
}

// assocType is one type of a v4 association.
type assocType struct {
	Category string `json:"category"`
	TypeID   int    `json:"typeId"`
	Label    string `json:"label"`
}

// assocTo is one record an object is associated with, by v4.
type assocTo struct {
	ToObjectID flexID      `json:"toObjectId"`
	Types      []assocType `json:"associationTypes"`
}

// assocResult lists the associations of one object in a v4 batch read.
type assocResult struct {
	From struct {
		ID flexID `json:"id"`
	} `json:"from"`
	To     []assocTo `json:"to"`
	Paging *paging   `json:"paging"`
}

// assocError is one input of a v4 batch read that had no result.
type assocError struct {
	Status   string `json:"status"`
	Category string `json:"category"`
	Message  string `json:"message"`
	Context  struct {
		FromObjectID []string `json:"fromObjectId"`
		IDs          []string `json:"ids"`
	} `json:"context"`
}

type assocBatchPage struct {
	Status  string        `json:"status"`
	Results []assocResult `json:"results"`
	Errors  []assocError  `json:"errors"`
}

// idInput names one record in a batch request and, to read further
// associations of it, the cursor an answer gave.
type idInput struct {
	ID    string `json:"id"`
	After string `json:"after,omitempty"`
}
