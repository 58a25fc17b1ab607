package sales

// Owner is a user who owns records: a rep, a manager, anyone a deal or an
// activity can be assigned to.
type Owner struct {
	ID    OwnerID `json:"id"`
	Name  string  `json:"name"`
	Email string  `json:"email,omitempty"`
	// Team groups owners for team targets and team views; empty means
	// the owner belongs to no team.
	Team string `json:"team,omitempty"`
	// Archived marks an owner who has left the portal. Their records
	// still count; reports list them like any other owner.
	Archived bool `json:"archived,omitempty"`
}
