package maven

import (
	"io/fs"

	"github.com/salespilot/sales"
)

// readTeams maps each row of sales_teams.csv to an owner.
func (l *loader) readTeams(fsys fs.FS) error {
	required := []string{"sales_agent", "regional_office"}
	return readTable(fsys, teamsFile, &l.sum.SalesTeams, &l.sum, required, func(t *table) {
		id := sales.OwnerID(t.get("sales_agent"))
		switch _, dup := l.owners[id]; {
		case id == "":
			t.rejectRow("empty sales_agent")
		case dup:
			t.rejectRow("sales_agent already listed")
		default:
			l.addOwner(id, t.get("regional_office"))
			t.loaded()
		}
	})
}

// addOwner appends an owner named by id, in the given team.
func (l *loader) addOwner(id sales.OwnerID, team string) {
	l.owners[id] = len(l.recs.Owners)
	l.recs.Owners = append(l.recs.Owners, sales.Owner{ID: id, Name: string(id), Team: team})
}

// owner returns the id of the deal's owner and its team, making an owner
// with no team for an agent that sales_teams.csv does not list.
func (l *loader) owner(name string) (sales.OwnerID, string) {
	id := sales.OwnerID(name)
	if id == "" {
		l.sum.DealsWithoutOwner++
		return "", ""
	}
	l.hasDeals[id] = true
	i, ok := l.owners[id]
	if !ok {
		l.addOwner(id, "")
		l.sum.AgentsNotInTeams = append(l.sum.AgentsNotInTeams, name)
		return id, ""
	}
	return id, l.recs.Owners[i].Team
}
