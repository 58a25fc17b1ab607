package sales

import (
	"fmt"
	"slices"
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

	owners    map[OwnerID]int32
	pipelines map[PipelineID]int32
	deals     map[DealID]int32
	contacts  map[ContactID]int32
	companies map[CompanyID]int32
	products  map[ProductID]int32

	dealOwner     []int32 // position in Owners, or -1
	activityOwner []int32 // position in Owners, or -1
	dealPipeline  []int32 // position in Pipelines, or -1
	dealStage     []int32 // position in the pipeline's Stages, or -1
	dealCompany   []int32 // position in Companies, or -1
	dealValue     []decimal.Decimal
	dealValueOf   []ValueState

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

// NewDataset builds the look-ups over r. It fails only when r.TimeZone
// names no known location; every other defect is left for Validate to
// report and for reports to count.
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
	d.indexDeals()
	d.indexAssociations()
	return d, nil
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
	d.owners = indexBy(d.Owners, func(o *Owner) OwnerID { return o.ID })
	d.pipelines = indexBy(d.Pipelines, func(p *Pipeline) PipelineID { return p.ID })
	d.deals = indexBy(d.Deals, func(x *Deal) DealID { return x.ID })
	d.contacts = indexBy(d.Contacts, func(c *Contact) ContactID { return c.ID })
	d.companies = indexBy(d.Companies, func(c *Company) CompanyID { return c.ID })
	d.products = indexBy(d.Products, func(p *Product) ProductID { return p.ID })
}

// indexBy maps each id to the position of the first record that has it.
func indexBy[T any, ID comparable](recs []T, id func(*T) ID) map[ID]int32 {
	m := make(map[ID]int32, len(recs))
	for i := range recs {
		k := id(&recs[i])
		if _, dup := m[k]; !dup {
			m[k] = int32(i)
		}
	}
	return m
}

func (d *Dataset) indexDeals() {
	n := len(d.Deals)
	d.dealPipeline = make([]int32, n)
	d.dealStage = make([]int32, n)
	d.dealCompany = make([]int32, n)
	d.dealValue = make([]decimal.Decimal, n)
	d.dealValueOf = make([]ValueState, n)
	d.dealOwner = make([]int32, n)
	for i := range d.Deals {
		deal := &d.Deals[i]
		d.dealOwner[i] = lookup(d.owners, deal.Owner)
		d.dealPipeline[i], d.dealStage[i] = -1, -1
		if p, ok := d.pipelines[deal.Pipeline]; ok {
			d.dealPipeline[i] = p
			if s, ok := d.Pipelines[p].StageIndex(deal.Stage); ok {
				d.dealStage[i] = int32(s)
			}
		}
		d.dealCompany[i] = lookup(d.companies, deal.Company)
		d.dealValue[i], d.dealValueOf[i] = d.homeValue(deal.Amount, deal.Currency)
	}
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

func lookup[ID comparable](m map[ID]int32, id ID) int32 {
	if i, ok := m[id]; ok {
		return i
	}
	return -1
}

func (d *Dataset) indexAssociations() {
	d.activityOwner = make([]int32, len(d.Activities))
	for i := range d.Activities {
		d.activityOwner[i] = lookup(d.owners, d.Activities[i].Owner)
	}
	nd, nc, nk := len(d.Deals), len(d.Companies), len(d.Contacts)
	d.dealActivities = newAdjacency(nd, d.Activities, func(a *Activity, add func(int32)) {
		for _, id := range a.Deals {
			add(lookup(d.deals, id))
		}
	})
	d.companyActivities = newAdjacency(nc, d.Activities, func(a *Activity, add func(int32)) {
		for _, id := range a.Companies {
			add(lookup(d.companies, id))
		}
	})
	d.contactActivities = newAdjacency(nk, d.Activities, func(a *Activity, add func(int32)) {
		for _, id := range a.Contacts {
			add(lookup(d.contacts, id))
		}
	})
	d.dealLineItems = newAdjacency(nd, d.LineItems, func(li *LineItem, add func(int32)) {
		add(lookup(d.deals, li.Deal))
	})
	d.companyDeals = newAdjacency(nc, d.Deals, func(x *Deal, add func(int32)) {
		add(lookup(d.companies, x.Company))
	})
}

// adjacency lists, for each of n records, the positions of the records of
// another kind associated with it, all in one backing array.
type adjacency struct {
	start []int32 // items of record i are items[start[i]:start[i+1]]
	items []int32
}

// newAdjacency groups the positions of recs by the records each one names
// through keys. Keys of -1 (records that do not exist) are skipped.
func newAdjacency[T any](n int, recs []T, keys func(*T, func(int32))) adjacency {
	start := make([]int32, n+1)
	for i := range recs {
		keys(&recs[i], func(k int32) {
			if k >= 0 {
				start[k+1]++
			}
		})
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	items := make([]int32, start[n])
	next := make([]int32, n)
	copy(next, start[:n])
	for i := range recs {
		keys(&recs[i], func(k int32) {
			if k >= 0 {
				items[next[k]] = int32(i)
				next[k]++
			}
		})
	}
	return adjacency{start: start, items: items}
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
		if d.dealValueOf[i] == ValueNoRate {
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
func (d *Dataset) OwnerIndex(id OwnerID) (int, bool) { return find(d.owners, id) }

// PipelineIndex returns the position in Pipelines of the given pipeline.
func (d *Dataset) PipelineIndex(id PipelineID) (int, bool) { return find(d.pipelines, id) }

// DealIndex returns the position in Deals of the deal with the given id.
func (d *Dataset) DealIndex(id DealID) (int, bool) { return find(d.deals, id) }

// ContactIndex returns the position in Contacts of the given contact.
func (d *Dataset) ContactIndex(id ContactID) (int, bool) { return find(d.contacts, id) }

// CompanyIndex returns the position in Companies of the given company.
func (d *Dataset) CompanyIndex(id CompanyID) (int, bool) { return find(d.companies, id) }

// ProductIndex returns the position in Products of the given product.
func (d *Dataset) ProductIndex(id ProductID) (int, bool) { return find(d.products, id) }

func find[ID comparable](m map[ID]int32, id ID) (int, bool) {
	i, ok := m[id]
	if !ok {
		return -1, false
	}
	return int(i), true
}

// Owner returns the owner with the given id, or nil when there is none
// (an unassigned record, or an id the portal does not list).
func (d *Dataset) Owner(id OwnerID) *Owner {
	if i, ok := d.owners[id]; ok {
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
func (d *Dataset) DealOwner(i int) int { return int(d.dealOwner[i]) }

// ActivityOwner returns the position in Owners of the i-th activity's
// owner, or -1 when it is unassigned or its owner is not listed.
func (d *Dataset) ActivityOwner(i int) int { return int(d.activityOwner[i]) }

// DealPipeline returns the pipeline of the i-th deal, or nil when its
// pipeline is not in Pipelines.
func (d *Dataset) DealPipeline(i int) *Pipeline {
	if p := d.dealPipeline[i]; p >= 0 {
		return &d.Pipelines[p]
	}
	return nil
}

// DealStage returns the position of the i-th deal's current stage in its
// pipeline's Stages, and false when its pipeline has no such stage.
func (d *Dataset) DealStage(i int) (int, bool) {
	s := d.dealStage[i]
	return int(s), s >= 0
}

// DealKind returns whether the i-th deal is open, won or lost, from its
// stage's metadata. It returns 0, which is no kind, when the deal's stage
// is not in its pipeline or has no valid kind: reports count such deals
// apart.
func (d *Dataset) DealKind(i int) StageKind {
	s := d.dealStage[i]
	if s < 0 {
		return 0
	}
	if k := d.Pipelines[d.dealPipeline[i]].Stages[s].Kind; k.valid() {
		return k
	}
	return 0
}

// DealValue returns the i-th deal's amount in the home currency, and
// whether it has one.
func (d *Dataset) DealValue(i int) (decimal.Decimal, ValueState) {
	return d.dealValue[i], d.dealValueOf[i]
}

// DealCompany returns the position in Companies of the i-th deal's
// company, or -1 when it has none or names one the portal does not list.
func (d *Dataset) DealCompany(i int) int { return int(d.dealCompany[i]) }

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
