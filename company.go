package sales

import "time"

// Company is an organisation the team sells to.
type Company struct {
	ID   CompanyID `json:"id"`
	Name string    `json:"name"`
	// Type is the CRM's company type, such as "PROSPECT" or "CUSTOMER".
	Type     string `json:"type,omitempty"`
	Industry string `json:"industry,omitempty"`
	Country  string `json:"country,omitempty"`
	Region   string `json:"region,omitempty"`
	// Owner is the rep in charge of the account; empty means unassigned.
	Owner   OwnerID   `json:"owner,omitempty"`
	Created time.Time `json:"created,omitzero"`
}
