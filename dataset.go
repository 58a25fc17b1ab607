package sales

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// Dataset is one portal's records with the look-ups that reports share: a
// deal's pipeline stage, value in the home currency and activities, a
// company's deals, a contact's activities. NewDataset builds them once, in
// time linear in the number of records and associations.
//
// A Dataset is read-only: change its Records after NewDataset and the
// look-ups no longer match. It is safe for concurrent use by reports. The
// zero Dataset, or one built by hand rather than by NewDataset, is not
// usable: reports panic on it, as on any other contradictory argument.
//
// Look-ups are by position: the i-th deal is Deals[i], and a method such as
// DealActivities(i) returns positions in Activities. Where records share an
// id, look-ups by id find the first; Validate reports the others.
type Dataset struct {
	Records

	loc  *time.Location
	home Currency

	owners    idIndex[OwnerID]
	pipelines idIndex[PipelineID]
	deals     idIndex[DealID]
	contacts  idIndex[ContactID]
	companies idIndex[CompanyID]
	products  idIndex[ProductID]

	deal      DealColumns
	dealValue []decimal.Decimal
	activity  ActivityColumns
	contact   ContactColumns
	company   CompanyColumns
	visits    visitTable
	closes    closeTable

	dealActivities    adjacency
	dealLineItems     adjacency
	companyDeals      adjacency
	companyActivities adjacency
	contactActivities adjacency
}

// ValueState says whether a deal has a value in the home currency.
type ValueState uint8

// Value states.
const (
	// ValueOK: the deal has an amount, in or converted into the home
	// currency.
	ValueOK ValueState = iota
	// ValueMissing: the deal has no amount. It counts in volumes and
	// adds nothing to values.
	ValueMissing
	// ValueNoRate: the deal's currency has no rate into the home
	// currency. Reports count it apart rather than add it at face value.
	ValueNoRate
)

var valueStateNames = []string{"ok", "missing", "no_rate"}

// String returns "ok", "missing" or "no_rate".
func (s ValueState) String() string { return enumName(valueStateNames, s, "value_state") }

// NewDataset builds the look-ups and columns over r. It fails only when
// r.TimeZone names no known location; every other defect is left for
// Validate to report and for reports to count. It spreads its work over
// the machine's cores, and allocates what the Dataset keeps plus one
// temporary int32 per association.
func NewDataset(r Records) (*Dataset, error) {
	loc, err := loadLocation(r.TimeZone)
	if err != nil {
		return nil, err
	}
	d := &Dataset{Records: r, loc: loc, home: r.HomeCurrency()}
	if d.Rates.Base == "" {
		d.Rates.Base = d.home // rates given without a base are into the home currency
	}
	d.indexIDs()
	parallel(d.buildDeals, d.buildVisits, d.buildActivities, d.buildContacts,
		d.buildCompanies, d.indexActivities, d.indexDeals)
	return d, nil
}

// parallel runs the tasks at once and waits for them all.
func parallel(tasks ...func()) {
	var wg sync.WaitGroup
	for _, f := range tasks {
		wg.Go(f)
	}
	wg.Wait()
}

// loadLocation loads the portal's time zone. "Local" is refused: it names
// the zone of whatever machine runs the reports, and reports must give the
// same numbers everywhere.
func loadLocation(name string) (*time.Location, error) {
	if name == "Local" {
		return nil, fmt.Errorf("sales: records: time_zone %q depends on the machine; "+
			"name the portal's zone, such as \"Europe/Paris\"", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("sales: records: time_zone %q: unknown location", name)
	}
	return loc, nil
}

// MustDataset is NewDataset for records known to be sound, such as a test's
// literals or the demo portal. It panics when NewDataset fails.
func MustDataset(r Records) *Dataset {
	d, err := NewDataset(r)
	if err != nil {
		panic(err)
	}
	return d
}

func (d *Dataset) indexIDs() {
	parallel(func() {
		d.deals = newIDIndex(d.Deals, func(x *Deal) DealID { return x.ID })
	}, func() {
		d.contacts = newIDIndex(d.Contacts, func(c *Contact) ContactID { return c.ID })
	}, func() {
		d.owners = newIDIndex(d.Owners, func(o *Owner) OwnerID { return o.ID })
		d.pipelines = newIDIndex(d.Pipelines, func(p *Pipeline) PipelineID { return p.ID })
		d.companies = newIDIndex(d.Companies, func(c *Company) CompanyID { return c.ID })
		d.products = newIDIndex(d.Products, func(p *Product) ProductID { return p.ID })
	})
}

// homeValue converts an amount in currency c into the home currency.
func (d *Dataset) homeValue(a decimal.NullDecimal, c Currency) (decimal.Decimal, ValueState) {
	if !a.Valid {
		return decimal.Decimal{}, ValueMissing
	}
	v, err := d.Rates.Convert(a.Decimal, d.currencyOf(c), d.home)
	if err != nil {
		return decimal.Decimal{}, ValueNoRate
	}
	return v, ValueOK
}

// indexActivities groups the activities by the deals, companies and
// contacts they name.
func (d *Dataset) indexActivities() {
	nd, nc, nk := len(d.Deals), len(d.Companies), len(d.Contacts)
	parallel(func() {
		d.dealActivities = newAdjacency(nd, d.Activities, &d.deals,
			func(a *Activity) []DealID { return a.Deals })
	}, func() {
		d.companyActivities = newAdjacency(nc, d.Activities, &d.companies,
			func(a *Activity) []CompanyID { return a.Companies })
	}, func() {
		d.contactActivities = newAdjacency(nk, d.Activities, &d.contacts,
			func(a *Activity) []ContactID { return a.Contacts })
	})
}

// indexDeals groups the line items by deal and the deals by company.
func (d *Dataset) indexDeals() {
	d.dealLineItems = newAdjacency1(len(d.Deals), d.LineItems, &d.deals,
		func(li *LineItem) DealID { return li.Deal })
	d.companyDeals = newAdjacency1(len(d.Companies), d.Deals, &d.companies,
		func(x *Deal) CompanyID { return x.Company })
}

// adjacency lists, for each of n records, the positions of the records of
// another kind associated with it, all in one backing array.
type adjacency struct {
	start []int32 // items of record i are items[start[i]:start[i+1]]
	items []int32
}

// newAdjacency groups the positions of recs by the records of ids they
// name, in the order of recs. Ids that name no record are skipped, and so
// are ids a record repeats: an activity that names one deal twice is one
// of the deal's activities, once (Validate reports the repeat). It
// reads each record once, looking each id up once, and keeps what it found
// in two temporary slices: the positions found, and how many ids each
// record has.
func newAdjacency[T any, ID ~string](n int, recs []T, index *idIndex[ID],
	ids func(*T) []ID) adjacency {
	keys := make([]int32, 0, estimateIDs(recs, ids))
	counts := make([]uint8, len(recs)) // 255: see many
	var many map[int]int               // the counts of records with 255 ids or more
	start := make([]int32, n+1)
	var last lastLookup[ID]
	var seen map[int32]bool // the positions a long list named so far
	for i := range recs {
		list := ids(&recs[i])
		base := len(keys)
		long := len(list) > shortList
		if long {
			if seen == nil {
				seen = map[int32]bool{}
			}
			clear(seen)
		}
		for _, id := range list {
			k := last.find(index, id)
			switch {
			case k < 0:
			case long && seen[k], !long && repeats(keys[base:], k):
				k = -1 // a record named twice is associated once
			case long:
				seen[k] = true
			}
			keys = append(keys, k)
			if k >= 0 {
				start[k+1]++
			}
		}
		counts[i] = uint8(min(len(list), 255))
		if len(list) >= 255 {
			if many == nil {
				many = map[int]int{}
			}
			many[i] = len(list)
		}
	}
	items := fill(start)
	next := 0
	for i, c := range counts {
		m := int(c)
		if c == 255 {
			m = many[i]
		}
		for _, k := range keys[next : next+m] {
			if k >= 0 {
				items[start[k]] = int32(i)
				start[k]++
			}
		}
		next += m
	}
	unshift(start)
	return adjacency{start: start, items: items}
}

// shortList is the longest list of ids newAdjacency scans for repeats; a
// longer one (a mass email to thousands of contacts) gets a set, so that
// the time stays linear in the list's length.
const shortList = 32

// repeats reports whether k is among the positions a record named before.
// Records name few others, so a scan beats a set.
func repeats(before []int32, k int32) bool {
	for _, b := range before {
		if b == k {
			return true
		}
	}
	return false
}

// estimateIDs guesses how many ids recs name in all, from the first
// thousand, with a margin, so that the slice of positions rarely grows.
func estimateIDs[T any, ID any](recs []T, ids func(*T) []ID) int {
	sample := min(len(recs), 1000)
	seen := 0
	for i := range sample {
		seen += len(ids(&recs[i]))
	}
	if sample == 0 {
		return 0
	}
	return seen*len(recs)/sample + len(recs)/8 + 16
}

// newAdjacency1 is newAdjacency for records that name at most one other.
func newAdjacency1[T any, ID ~string](n int, recs []T, index *idIndex[ID],
	id func(*T) ID) adjacency {
	keys := make([]int32, len(recs))
	start := make([]int32, n+1)
	var last lastLookup[ID]
	for i := range recs {
		k := last.find(index, id(&recs[i]))
		keys[i] = k
		if k >= 0 {
			start[k+1]++
		}
	}
	items := fill(start)
	for i, k := range keys {
		if k >= 0 {
			items[start[k]] = int32(i)
			start[k]++
		}
	}
	unshift(start)
	return adjacency{start: start, items: items}
}

// lastLookup looks ids up in an index, remembering the last few: records
// in a row often name the same few records (the activities of one deal
// name its contacts in turn), and comparing ids costs much less than a
// look-up in an index of millions, which reaches memory the caches do not
// hold.
type lastLookup[ID ~string] struct {
	ids  [4]ID
	pos  [4]int32
	used int // how many of ids hold an id
	next int // the entry to replace next
}

// find returns the position of id in index, or -1.
func (l *lastLookup[ID]) find(index *idIndex[ID], id ID) int32 {
	for k := range l.used {
		if l.ids[k] == id {
			return l.pos[k]
		}
	}
	p, _ := index.find(id)
	l.ids[l.next], l.pos[l.next] = id, p
	l.next = (l.next + 1) % len(l.ids)
	l.used = max(l.used, l.next)
	if l.next == 0 {
		l.used = len(l.ids)
	}
	return p
}

// fill turns the counts start[k+1] into the offsets start[k] of a counting
// sort and returns the array to sort into. Filling advances start[k] to
// the end of group k; unshift then moves the offsets back.
func fill(start []int32) []int32 {
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	return make([]int32, start[len(start)-1])
}

// unshift restores the offsets after filling: start[k] held the end of
// group k, which is the start of group k+1.
func unshift(start []int32) {
	for k := len(start) - 1; k > 0; k-- {
		start[k] = start[k-1]
	}
	start[0] = 0
}

func (a *adjacency) of(i int) []int32 {
	if i < 0 || i+1 >= len(a.start) {
		return nil
	}
	return a.items[a.start[i]:a.start[i+1]:a.start[i+1]]
}

// Location returns the portal's time zone.
func (d *Dataset) Location() *time.Location { return d.loc }

// Currency returns the home currency that deal values are given in.
func (d *Dataset) Currency() Currency { return d.home }

// UnconvertedCurrencies returns, sorted, the currencies of deal amounts
// that have no rate into the home currency: the deals Tally counts in
// NoRate. It is empty when every amount converts.
func (d *Dataset) UnconvertedCurrencies() []Currency {
	seen := map[Currency]bool{}
	for i := range d.Deals {
		if d.deal.Value[i] == ValueNoRate {
			seen[d.currencyOf(d.Deals[i].Currency)] = true
		}
	}
	out := make([]Currency, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// OwnerIndex returns the position in Owners of the owner with the given id.
func (d *Dataset) OwnerIndex(id OwnerID) (int, bool) { return find(&d.owners, id) }

// PipelineIndex returns the position in Pipelines of the given pipeline.
func (d *Dataset) PipelineIndex(id PipelineID) (int, bool) { return find(&d.pipelines, id) }

// DealIndex returns the position in Deals of the deal with the given id.
func (d *Dataset) DealIndex(id DealID) (int, bool) { return find(&d.deals, id) }

// ContactIndex returns the position in Contacts of the given contact.
func (d *Dataset) ContactIndex(id ContactID) (int, bool) { return find(&d.contacts, id) }

// CompanyIndex returns the position in Companies of the given company.
func (d *Dataset) CompanyIndex(id CompanyID) (int, bool) { return find(&d.companies, id) }

// ProductIndex returns the position in Products of the given product.
func (d *Dataset) ProductIndex(id ProductID) (int, bool) { return find(&d.products, id) }

func find[ID ~string](x *idIndex[ID], id ID) (int, bool) {
	i, ok := x.find(id)
	return int(i), ok
}

// Owner returns the owner with the given id, or nil when there is none
// (an unassigned record, or an id the portal does not list).
func (d *Dataset) Owner(id OwnerID) *Owner {
	if i, ok := d.owners.find(id); ok {
		return &d.Owners[i]
	}
	return nil
}

// OwnerName returns the name of the owner with the given id; "unassigned"
// for the empty id and the id itself for an owner the portal does not
// list.
func (d *Dataset) OwnerName(id OwnerID) string {
	if id == "" {
		return "unassigned"
	}
	if o := d.Owner(id); o != nil && o.Name != "" {
		return o.Name
	}
	return string(id)
}

// DealOwner returns the position in Owners of the i-th deal's owner, or -1
// when the deal is unassigned or its owner is not listed.
func (d *Dataset) DealOwner(i int) int { return max(int(d.deal.Owner[i]), -1) }

// ActivityOwner returns the position in Owners of the i-th activity's
// owner, or -1 when it is unassigned or its owner is not listed.
func (d *Dataset) ActivityOwner(i int) int { return max(int(d.activity.Owner[i]), -1) }

// DealPipeline returns the pipeline of the i-th deal, or nil when its
// pipeline is not in Pipelines.
func (d *Dataset) DealPipeline(i int) *Pipeline {
	if p := d.deal.Pipeline[i]; p >= 0 {
		return &d.Pipelines[p]
	}
	return nil
}

// DealStage returns the position of the i-th deal's current stage in its
// pipeline's Stages, and false when its pipeline has no such stage.
func (d *Dataset) DealStage(i int) (int, bool) {
	s := d.deal.Stage[i]
	return int(s), s >= 0
}

// DealKind returns whether the i-th deal is open, won or lost, from its
// stage's metadata. It returns 0, which is no kind, when the deal's stage
// is not in its pipeline or has no valid kind: reports count such deals
// apart.
func (d *Dataset) DealKind(i int) StageKind { return d.deal.Kind[i] }

// DealValue returns the i-th deal's amount in the home currency, and
// whether it has one.
func (d *Dataset) DealValue(i int) (decimal.Decimal, ValueState) {
	return d.dealValue[i], d.deal.Value[i]
}

// DealCompany returns the position in Companies of the i-th deal's
// company, or -1 when it has none or names one the portal does not list.
func (d *Dataset) DealCompany(i int) int { return max(int(d.deal.Company[i]), -1) }

// DealActivities returns the positions in Activities of the activities
// associated with the i-th deal, in the order of Activities. The slice is
// shared: do not modify it.
func (d *Dataset) DealActivities(i int) []int32 { return d.dealActivities.of(i) }

// DealLineItems returns the positions in LineItems of the i-th deal's line
// items. The slice is shared: do not modify it.
func (d *Dataset) DealLineItems(i int) []int32 { return d.dealLineItems.of(i) }

// CompanyDeals returns the positions in Deals of the i-th company's deals.
// The slice is shared: do not modify it.
func (d *Dataset) CompanyDeals(i int) []int32 { return d.companyDeals.of(i) }

// CompanyActivities returns the positions in Activities of the activities
// associated with the i-th company. The slice is shared: do not modify it.
func (d *Dataset) CompanyActivities(i int) []int32 { return d.companyActivities.of(i) }

// ContactActivities returns the positions in Activities of the activities
// associated with the i-th contact. The slice is shared: do not modify it.
func (d *Dataset) ContactActivities(i int) []int32 { return d.contactActivities.of(i) }
