package hubspot

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/salespilot/sales"
)

// Associations are read with HubSpot's v4 batch endpoint, a thousand
// records a call; a record with more associations than one answer holds
// gets the rest by further batch requests with its cursor. Ids are resolved through
// merges; an association to a record that was not read (an archived one,
// say) is counted in Report.Dangling and left out.

const (
	assocBatch      = 1000
	assocNotFoundOK = "NOT_FOUND"
)

// companyPick gathers a record's companies to choose its primary one.
// lostPrimary says its primary company is one that was not read.
type companyPick struct {
	primary     string
	all         []string
	lostPrimary bool
}

// readAssociations reads every association the model keeps.
func (r *reader) readAssociations() error {
	deals := r.recs.Deals
	steps := []struct {
		from, to string
		apply    func(pos int, to string, types []assocType)
		// lost, when set, is told of the associations to records that
		// were not read.
		lost func(pos int, types []assocType)
	}{
		{objDeals, objCompanies, func(i int, to string, ts []assocType) {
			pick(r.dealCompanies, i, to, ts, typeDealPrimaryCompany)
		}, func(i int, ts []assocType) {
			pick(r.dealCompanies, i, "", ts, typeDealPrimaryCompany)
		}},
		{objDeals, objContacts, func(i int, to string, _ []assocType) {
			deals[i].Contacts = append(deals[i].Contacts, sales.ContactID(to))
		}, nil},
		{objContacts, objCompanies, func(i int, to string, ts []assocType) {
			pick(r.contactComps, i, to, ts, typeContactPrimaryCompany)
		}, func(i int, ts []assocType) {
			pick(r.contactComps, i, "", ts, typeContactPrimaryCompany)
		}},
		{objLineItems, objDeals, func(i int, to string, _ []assocType) {
			li := &r.recs.LineItems[i]
			if li.Deal != "" && string(li.Deal) != to {
				r.rep.issue(objLineItems, string(li.ID), "deal", to,
					"a line item of several deals; kept on the first")
				return
			}
			li.Deal = sales.DealID(to)
		}, nil},
	}
	for _, s := range steps {
		if err := r.associate(s.from, s.to, s.apply, s.lost); err != nil {
			return err
		}
	}
	acts := r.recs.Activities
	for _, kind := range activityObjects {
		for _, to := range []string{objDeals, objContacts, objCompanies} {
			err := r.associate(kind.name, to, func(i int, id string, _ []assocType) {
				a := &acts[i]
				switch to {
				case objDeals:
					a.Deals = append(a.Deals, sales.DealID(id))
				case objContacts:
					a.Contacts = append(a.Contacts, sales.ContactID(id))
				default:
					a.Companies = append(a.Companies, sales.CompanyID(id))
				}
			}, nil)
			if err != nil {
				return err
			}
		}
	}
	r.settle()
	return nil
}

// pick notes company to among record i's companies; to is "" for a
// company that was not read, which only matters when it is the primary
// one.
func pick(m map[int]*companyPick, i int, to string, types []assocType, primary int) {
	isPrimary := false
	for _, t := range types {
		if t.TypeID == primary && (t.Category == "" || t.Category == "HUBSPOT_DEFINED") {
			isPrimary = true
		}
	}
	if to == "" && !isPrimary {
		return
	}
	p := m[i]
	if p == nil {
		p = &companyPick{}
		m[i] = p
	}
	switch {
	case to == "":
		p.lostPrimary = true
	case isPrimary:
		p.primary = to
		p.all = append(p.all, to)
	default:
		p.all = append(p.all, to)
	}
}

// settle gives each deal and contact its company and puts every list of
// associated ids in order, once.
func (r *reader) settle() {
	for i := range r.recs.Deals {
		d := &r.recs.Deals[i]
		d.Company = sales.CompanyID(r.choose(string(d.ID), r.dealCompanies[i], string(d.Company)))
		d.Contacts = sortIDs(d.Contacts)
	}
	for i := range r.recs.Contacts {
		c := &r.recs.Contacts[i]
		fallback := ""
		if r.contactComps[i] == nil {
			fallback = r.known(objCompanies, string(c.Company))
		}
		c.Company = sales.CompanyID(r.choose(string(c.ID), r.contactComps[i], fallback))
	}
	for i := range r.recs.Activities {
		a := &r.recs.Activities[i]
		a.Deals, a.Contacts, a.Companies = sortIDs(a.Deals), sortIDs(a.Contacts), sortIDs(a.Companies)
	}
}

// known returns id when a record of obj with it was read, resolved
// through merges, and "" otherwise.
func (r *reader) known(obj, id string) string {
	if id == "" {
		return ""
	}
	id = r.resolve(obj, id)
	if _, ok := r.index[obj][id]; !ok {
		r.dangling("property→" + obj)
		return ""
	}
	return id
}

// choose returns the primary company, else the only one, else fallback
// (a property's value) when there are no associations at all.
func (r *reader) choose(id string, p *companyPick, fallback string) string {
	if p == nil {
		return fallback
	}
	all := slices.Compact(slices.Sorted(slices.Values(p.all)))
	switch {
	case p.primary != "":
		return p.primary
	case p.lostPrimary:
		// Another company would take revenue that is not its own.
		r.rep.PrimaryNotRead = append(r.rep.PrimaryNotRead, id)
		return ""
	case len(all) == 1:
		return all[0]
	}
	r.rep.NoPrimaryCompany = append(r.rep.NoPrimaryCompany, id)
	return ""
}

func (r *reader) dangling(key string) {
	if r.rep.Dangling == nil {
		r.rep.Dangling = map[string]int{}
	}
	r.rep.Dangling[key]++
}

// sortIDs sorts ids (numbers by value when they are numbers of the same
// form) and drops repeats; it returns nil for none.
func sortIDs[ID ~string](ids []ID) []ID {
	if len(ids) == 0 {
		return nil
	}
	slices.SortFunc(ids, func(a, b ID) int { return compareIDs(string(a), string(b)) })
	return slices.Compact(ids)
}

// compareIDs orders shorter ids first, then by text: numeric ids sort by
// value.
func compareIDs(a, b string) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// associate reads the associations from every record of type from to
// records of type to, and applies each to the position of its (resolved)
// record.
func (r *reader) associate(from, to string, apply func(int, string, []assocType),
	lost func(int, []assocType)) error {
	ids := r.ids[from]
	step := from + "→" + to
	found, pages := 0, 0
	each := func(fromID string, list []assocTo) {
		pos, ok := r.index[from][r.resolve(from, fromID)]
		if !ok {
			return
		}
		for _, t := range list {
			tid := r.resolve(to, string(t.ToObjectID))
			if _, read := r.index[to][tid]; !read {
				r.dangling(step)
				if lost != nil {
					lost(pos, t.Types)
				}
				continue
			}
			found++
			apply(pos, tid, t.Types)
		}
	}
	for start := 0; start < len(ids); start += assocBatch {
		batch := ids[start:min(start+assocBatch, len(ids))]
		pages++
		if err := r.c.batchAssociations(r.ctx, from, to, batch, pages, r.st, each); err != nil {
			return err
		}
		r.progress(step, found, pages)
	}
	return nil
}

// batchAssociations reads the associations of ids (at most assocBatch)
// from type from to type to. A record with more associations than one
// answer holds comes back with a cursor, which the next request gives
// beside its id, as HubSpot's batch read documents; a cursor that repeats
// fails the read with a *PagingError.
func (c *Client) batchAssociations(ctx context.Context, from, to string, ids []string, page int,
	st *Stats, each func(string, []assocTo)) error {
	in := make([]idInput, len(ids))
	for i, id := range ids {
		in[i] = idInput{ID: id}
	}
	seen := map[idInput]bool{}
	for len(in) > 0 {
		cl := call{method: http.MethodPost, path: "/crm/v4/associations/" + from + "/" + to +
			"/batch/read", body: map[string]any{"inputs": in}, page: page, stats: st}
		var b assocBatchPage
		if err := c.do(ctx, cl, &b); err != nil {
			return err
		}
		if err := c.batchErrors(&cl, b.Errors); err != nil {
			return err
		}
		in = in[:0:0]
		for _, res := range b.Results {
			each(string(res.From.ID), res.To)
			after, more := res.Paging.after()
			if !more {
				continue
			}
			next := idInput{ID: string(res.From.ID), After: after}
			if seen[next] {
				return &PagingError{Endpoint: cl.endpoint(), Page: page, Cursor: clip(c.redact(after), 60)}
			}
			seen[next] = true
			in = append(in, next)
		}
	}
	return nil
}

// batchErrors fails on an error of a batch read other than "no
// associations found" for a record.
func (c *Client) batchErrors(cl *call, errs []assocError) error {
	for _, e := range errs {
		cat := strings.ToUpper(e.Category)
		if !strings.Contains(cat, assocNotFoundOK) && !strings.Contains(cat, "NO_ASSOCIATIONS") {
			return &APIError{Endpoint: cl.endpoint(), Page: cl.page, Status: 207,
				Category: clip(c.redact(e.Category), 100), Message: clip(c.redact(e.Message), 300)}
		}
	}
	return nil
}
