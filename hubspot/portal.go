package hubspot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// ReadPortal reads a whole portal into the model: the account's time zone
// and company currency, exchange rates, owners (active and archived), deal
// pipelines, deals with the history of their stage and close date,
// companies, contacts, calls, emails, meetings, notes, tasks, products,
// line items, goals, and the associations between them. Every listing is
// followed to its last page.
//
// The Report says what was read and everything the mapping folded, left
// out or could not use. Either the whole portal is read or ReadPortal
// fails: on an error it returns empty records, the report so far (its
// HTTP counts tell how far the read came), and a typed error
// (*AuthError, *RateLimitError, *APIError, *DecodeError, *PagingError or
// *RequestError, which wraps the context's error when ctx ends).
//
// Two optional parts do not make the read fail when the token lacks the
// scope for them (or the portal the tier): exchange rates and goals. A
// note in the report then says what is missing.
func (c *Client) ReadPortal(ctx context.Context, opt ReadOptions) (sales.Records, Report, error) {
	if opt.GoalTypes == nil {
		opt.GoalTypes = DefaultGoalTypes
	}
	r := newReader(c, ctx, &opt)
	steps := []func() error{
		r.readAccount, r.readRates, r.readOwners, r.readPipelines, r.readDeals,
		r.readCompanies, r.readContacts, r.readActivities, r.readProducts,
		r.readLineItems, r.readGoals, r.fold, r.readAssociations,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			r.rep.HTTP = *r.st
			return sales.Records{}, r.rep, err
		}
	}
	r.finish()
	r.rep.HTTP = *r.st
	return r.recs, r.rep, nil
}

// reader holds one ReadPortal's state.
type reader struct {
	c   *Client
	ctx context.Context
	opt *ReadOptions
	rep Report
	st  *Stats
	m   mapper

	recs  sales.Records
	teams map[string]string // team id → name

	// ids lists, per object type, every id read, merged ones included,
	// in the order read; index maps each to its record's position.
	ids   map[string][]string
	index map[string]map[string]int
	// into maps, per object type, a merged record's id to the id of the
	// record it was merged into.
	into map[string]map[string]string
	// raw histories of deals, kept for folding merged deals.
	dealCompanies map[int]*companyPick
	contactComps  map[int]*companyPick
}

func newReader(c *Client, ctx context.Context, opt *ReadOptions) *reader {
	r := &reader{c: c, ctx: ctx, opt: opt, rep: newReport(), st: &Stats{},
		teams: map[string]string{}, ids: map[string][]string{},
		index: map[string]map[string]int{}, into: map[string]map[string]string{},
		dealCompanies: map[int]*companyPick{}, contactComps: map[int]*companyPick{}}
	r.m = mapper{loc: time.UTC, opt: opt, rep: &r.rep}
	r.recs = sales.Records{
		Owners: []sales.Owner{}, Pipelines: []sales.Pipeline{}, Deals: []sales.Deal{},
		Contacts: []sales.Contact{}, Companies: []sales.Company{}, Activities: []sales.Activity{},
		Products: []sales.Product{}, LineItems: []sales.LineItem{}, Targets: []sales.Target{},
	}
	return r
}

func (r *reader) progress(step string, records, pages int) {
	if r.opt.Progress != nil {
		r.opt.Progress(Progress{Step: step, Records: records, Pages: pages, Requests: r.st.Requests})
	}
}

// readAccount sets the time zone and the home currency.
func (r *reader) readAccount() error {
	a, err := r.c.accountDetails(r.ctx, r.st)
	if err != nil {
		return err
	}
	r.rep.Portal = string(a.PortalID)
	tz := a.TimeZone
	if r.opt.TimeZone != "" {
		tz = r.opt.TimeZone
	}
	loc, err := time.LoadLocation(tz)
	switch {
	case err != nil && r.opt.TimeZone != "":
		return fmt.Errorf("hubspot: read portal: time zone %q: unknown location", tz)
	case err != nil:
		r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("the account's time zone %q is not "+
			"known here; times are read in UTC (set ReadOptions.TimeZone)", clip(tz, 60)))
		loc, tz = time.UTC, "UTC"
	}
	r.m.loc = loc
	r.recs.TimeZone = tz
	r.recs.Currency = sales.Currency(a.CompanyCurrency)
	r.rep.TimeZone, r.rep.Currency = tz, r.recs.Currency
	r.progress("account", 1, 1)
	return nil
}

// readRates reads the exchange rates into the company currency.
func (r *reader) readRates() error {
	rates, err := r.c.exchangeRates(r.ctx, r.st)
	if optional(err) {
		r.rep.Notes = append(r.rep.Notes, "no exchange rates could be read ("+err.Error()+
			"): deals in other currencies than the home one are counted apart")
		return nil
	}
	if err != nil {
		return err
	}
	home := r.recs.Currency
	r.recs.Rates = sales.Rates{Base: home, ToBase: map[sales.Currency]decimal.Decimal{}}
	latest := map[sales.Currency]time.Time{}
	for _, x := range rates {
		from, to := sales.Currency(x.From), sales.Currency(x.To)
		v, ok, perr := parseNumber(string(x.ConversionRate))
		if perr != nil || !ok || v.Sign() <= 0 || to != home || from == home {
			if from != home {
				r.rep.issue("exchange_rates", x.From+"→"+x.To, "conversionRate",
					string(x.ConversionRate), "not a positive rate into the company currency")
			}
			continue
		}
		at, _, _ := parseTime(x.EffectiveAt, time.UTC)
		if prev, seen := latest[from]; seen && at.Before(prev) {
			continue
		}
		latest[from] = at
		r.recs.Rates.ToBase[from] = v
	}
	if len(r.recs.Rates.ToBase) == 0 {
		r.recs.Rates.ToBase = nil
	}
	return nil
}

// optional reports whether err is one that an optional part may meet in a
// portal without the scope or the tier for it.
func optional(err error) bool {
	var ae *AuthError
	var api *APIError
	return errors.As(err, &ae) || (errors.As(err, &api) && api.Status == 404)
}

// readOwners reads active owners, then archived ones.
func (r *reader) readOwners() error {
	seen := map[sales.OwnerID]bool{}
	for _, archived := range []bool{false, true} {
		list, err := r.c.listOwners(r.ctx, archived, r.st)
		if err != nil {
			return err
		}
		for _, o := range list {
			ow := r.m.owner(o, r.teams)
			ow.Archived = ow.Archived || archived
			if seen[ow.ID] {
				continue
			}
			seen[ow.ID] = true
			r.recs.Owners = append(r.recs.Owners, ow)
		}
		r.rep.Read[objOwners] = len(r.recs.Owners)
		r.progress(objOwners, len(r.recs.Owners), 0)
	}
	return nil
}

func (r *reader) readPipelines() error {
	list, err := r.c.listPipelines(r.ctx, r.st)
	if err != nil {
		return err
	}
	sortByDisplayOrder(list)
	for _, p := range list {
		if p.Archived {
			continue
		}
		r.recs.Pipelines = append(r.recs.Pipelines, r.m.pipeline(p))
	}
	r.rep.Read[objPipelines] = len(r.recs.Pipelines)
	r.progress(objPipelines, len(r.recs.Pipelines), 1)
	return nil
}

// list reads every record of spec's object type, live ones and, on
// request, archived ones, and hands each new one to add with its id.
// Records listed twice are reported and read once.
func (r *reader) list(spec listSpec, add func(o *object)) error {
	obj := spec.object
	idx := map[string]int{}
	r.index[obj] = idx
	pages := 0
	modes := []bool{false}
	if r.opt.IncludeArchived {
		modes = append(modes, true)
	}
	for _, archived := range modes {
		spec.archived = archived
		err := r.c.listObjects(r.ctx, spec, r.st, func(page []object) error {
			pages++
			for i := range page {
				r.take(obj, &page[i], archived, add)
			}
			r.progress(obj, len(r.ids[obj]), pages)
			return nil
		})
		if err != nil {
			return err
		}
	}
	r.rep.Read[obj] = len(r.ids[obj])
	return nil
}

func (r *reader) take(obj string, o *object, archived bool, add func(o *object)) {
	id := string(o.ID)
	switch {
	case id == "":
		r.rep.issue(obj, "", "id", "", "a record without an id; left out")
		return
	case o.Archived && !archived:
		r.rep.ArchivedSkipped++
		return
	}
	if _, dup := r.index[obj][id]; dup {
		r.rep.issue(obj, id, "id", id, "listed twice; read once")
		return
	}
	if archived {
		if r.rep.Archived == nil {
			r.rep.Archived = map[string]int{}
		}
		r.rep.Archived[obj]++
	}
	r.ids[obj] = append(r.ids[obj], id)
	add(o)
}

// merged notes that the records with ids from were merged into id.
func (r *reader) merged(obj, id string, from []string) {
	for _, f := range from {
		if f == id {
			continue
		}
		if r.into[obj] == nil {
			r.into[obj] = map[string]string{}
		}
		r.into[obj][f] = id
	}
}

func (r *reader) readDeals() error {
	spec := listSpec{object: objDeals, props: dealProps, history: dealHistory}
	if p := r.opt.Properties.DealRegion; p != "" {
		spec.props = append(append([]string(nil), dealProps...), p)
	}
	return r.list(spec, func(o *object) {
		d, from := r.m.deal(o)
		r.index[objDeals][string(d.ID)] = len(r.recs.Deals)
		r.recs.Deals = append(r.recs.Deals, d)
		r.merged(objDeals, string(d.ID), from)
	})
}

func (r *reader) readCompanies() error {
	spec := listSpec{object: objCompanies, props: companyProps}
	if p := r.opt.Properties.CompanyRegion; p != "" {
		spec.props = append(append([]string(nil), companyProps...), p)
	}
	return r.list(spec, func(o *object) {
		c, from := r.m.company(o)
		r.index[objCompanies][string(c.ID)] = len(r.recs.Companies)
		r.recs.Companies = append(r.recs.Companies, c)
		r.merged(objCompanies, string(c.ID), from)
	})
}

func (r *reader) readContacts() error {
	spec := listSpec{object: objContacts, props: contactProps}
	return r.list(spec, func(o *object) {
		c, from := r.m.contact(o)
		r.index[objContacts][string(c.ID)] = len(r.recs.Contacts)
		r.recs.Contacts = append(r.recs.Contacts, c)
		r.merged(objContacts, string(c.ID), from)
	})
}

func (r *reader) readActivities() error {
	for _, kind := range activityObjects {
		spec := listSpec{object: kind.name, props: activityProps[kind.name]}
		err := r.list(spec, func(o *object) {
			a, ok := r.m.activity(kind.name, kind.typ, o)
			if !ok {
				return
			}
			r.index[kind.name][string(a.ID)] = len(r.recs.Activities)
			r.recs.Activities = append(r.recs.Activities, a)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) readProducts() error {
	return r.list(listSpec{object: objProducts, props: productProps}, func(o *object) {
		p := r.m.product(o)
		r.index[objProducts][string(p.ID)] = len(r.recs.Products)
		r.recs.Products = append(r.recs.Products, p)
	})
}

func (r *reader) readLineItems() error {
	return r.list(listSpec{object: objLineItems, props: lineItemProps}, func(o *object) {
		li := r.m.lineItem(o)
		r.index[objLineItems][string(li.ID)] = len(r.recs.LineItems)
		r.recs.LineItems = append(r.recs.LineItems, li)
	})
}

// readGoals reads goal targets, which not every portal has.
func (r *reader) readGoals() error {
	err := r.list(listSpec{object: objGoals, props: goalProps}, func(o *object) {
		if t, ok := r.m.goal(o, r.teams); ok {
			r.recs.Targets = append(r.recs.Targets, t)
		}
	})
	if optional(err) {
		r.rep.Notes = append(r.rep.Notes, "no goals could be read ("+err.Error()+
			"): reports against targets have none")
		r.recs.Targets = []sales.Target{}
		return nil
	}
	return err
}

// finish checks deals against the pipelines, and their stage history
// against their stage.
func (r *reader) finish() {
	stages := map[StageKey]bool{}
	for _, p := range r.recs.Pipelines {
		for _, s := range p.Stages {
			stages[StageKey{p.ID, s.ID}] = true
		}
	}
	for _, d := range r.recs.Deals {
		if !stages[StageKey{d.Pipeline, d.Stage}] {
			r.rep.UnknownStages = append(r.rep.UnknownStages,
				StageRef{Deal: d.ID, Pipeline: d.Pipeline, Stage: d.Stage})
		}
		h := d.StageHistory
		if n := len(h); n > 0 && (h[n-1].Stage != d.Stage || !h[n-1].Left.IsZero()) {
			r.rep.issue(objDeals, string(d.ID), "dealstage history", string(h[n-1].Stage),
				"the history does not end in the deal's stage "+strconv.Quote(string(d.Stage)))
		}
	}
}

func sortByDisplayOrder(ps []pipeline) {
	slices.SortStableFunc(ps, func(a, b pipeline) int {
		return cmp.Compare(a.DisplayOrder, b.DisplayOrder)
	})
}
