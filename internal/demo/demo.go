package demo

import (
	"fmt"
	"math"
	"time"
	_ "time/tzdata" // the demo's zone must load where the system has no zoneinfo

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// TimeZone is the demo portal's IANA time zone. It has daylight saving, so
// reports over the demo meet 23- and 25-hour days.
const TimeZone = "America/New_York"

// Default sizes, used for the zero fields of Options.
const (
	DefaultDeals             = 5000
	DefaultActivitiesPerDeal = 10.0
	DefaultContactsPerDeal   = 2.0
)

// Upper bounds of Options, far above what a demo needs; larger values are
// an error rather than an exhausted machine.
const (
	MaxDeals             = 10_000_000
	MaxActivitiesPerDeal = 1000
	MaxContactsPerDeal   = 100
)

var location = loadLocation()

func loadLocation() *time.Location {
	loc, err := time.LoadLocation(TimeZone)
	if err != nil {
		// Unreachable: time/tzdata embeds the zone.
		panic("demo: " + err.Error())
	}
	return loc
}

// Location returns the demo portal's location, TimeZone loaded.
func Location() *time.Location { return location }

// Today returns the demo portal's "now", 2026-11-30 17:00 in TimeZone: the
// instant its data stops and the default asOf of reports over it. Only
// meetings planned ahead and the due dates of open tasks lie after it.
func Today() time.Time {
	return time.Date(2026, time.November, 30, 17, 0, 0, 0, location)
}

// Options sets the demo portal's size and seed. Zero fields take the
// defaults: DefaultDeals, DefaultActivitiesPerDeal, DefaultContactsPerDeal.
type Options struct {
	// Seed picks the portal: the same options give the same records, byte
	// for byte once marshalled to JSON.
	Seed uint64
	// Deals is the number of deals, at most MaxDeals.
	Deals int
	// ActivitiesPerDeal is the number of activities per deal, at most
	// MaxActivitiesPerDeal: the portal has round(Deals × ActivitiesPerDeal)
	// of them. Up to 30% are the first outreach to contacts, the rest
	// belongs to deals.
	ActivitiesPerDeal float64
	// ContactsPerDeal is the number of contacts per deal, at most
	// MaxContactsPerDeal: the portal has round(Deals × ContactsPerDeal) of
	// them, at least a fifth of them leads that no deal brought.
	ContactsPerDeal float64
}

// withDefaults returns o with its zero fields set, or an error for a
// negative, non-finite or too large size.
func (o Options) withDefaults() (Options, error) {
	if o.Deals == 0 {
		o.Deals = DefaultDeals
	}
	if o.ActivitiesPerDeal == 0 {
		o.ActivitiesPerDeal = DefaultActivitiesPerDeal
	}
	if o.ContactsPerDeal == 0 {
		o.ContactsPerDeal = DefaultContactsPerDeal
	}
	switch {
	case o.Deals < 0 || o.Deals > MaxDeals:
		return o, fmt.Errorf("demo: generate: deals %d outside 0..%d", o.Deals, MaxDeals)
	case !inRange(o.ActivitiesPerDeal, MaxActivitiesPerDeal):
		return o, fmt.Errorf("demo: generate: activities per deal %v outside 0..%d",
			o.ActivitiesPerDeal, MaxActivitiesPerDeal)
	case !inRange(o.ContactsPerDeal, MaxContactsPerDeal):
		return o, fmt.Errorf("demo: generate: contacts per deal %v outside 0..%d",
			o.ContactsPerDeal, MaxContactsPerDeal)
	}
	return o, nil
}

// inRange reports whether v is a number in [0, hi].
func inRange(v, hi float64) bool { return v >= 0 && v <= hi }

// Generate builds a demo portal: two years of a sales team's records
// ending at Today, in TimeZone, in US dollars with a few deals in euros.
// Its records are sound (sales.Records.Validate finds nothing) and hold
// something for every report of the catalogue: closed and open deals at
// every stage, slipped close dates, calls of every outcome, overdue tasks,
// contacts at every lifecycle stage, targets, line items, and the odd
// records reports must count apart (no owner, no amount, no meeting end).
//
// The records share backing arrays between them: a deal's Contacts slice
// is also its activities' Contacts. Every slice has its capacity cut to
// its length, so appending to one copies it; change elements only after
// copying.
//
// Generate returns an error only for a negative, non-finite or too large
// size (see MaxDeals and the others). Its time and memory are linear in
// the size: a million deals, with ten million activities, take about
// twenty seconds and four and a half GiB.
func Generate(o Options) (sales.Records, error) {
	o, err := o.withDefaults()
	if err != nil {
		return sales.Records{}, err
	}
	g := newGenerator(o)
	g.run()
	return g.recs, nil
}

// generator holds one generation's state. Working data lives in compact
// side tables (dealInfo, contactInfo, companyInfo) indexed like the
// records; maps are avoided, both for speed and because their order is
// random.
type generator struct {
	opt    Options
	rnd    rng
	days   *days
	demand []float64 // from days.demand
	leave  int64     // when the archived rep left
	flows  [2]flow

	recs sales.Records

	companies  []companyInfo
	companyCum []float64 // running sums of company weights, in creation order
	customers  []int32   // companies in the order of their first won deal
	companyIDs []sales.CompanyID

	deals    []dealInfo
	dealIDs  []sales.DealID
	slotsOf  []int32 // deal i's contacts are dealSlot[slotsOf[i]:slotsOf[i+1]]
	dealSlot []int32 // contact indexes, in generation order

	hops []hop // scratch of walk

	contacts     []contactInfo
	linkedLeft   int // contacts deals may still create
	contactIDs   []sales.ContactID
	contactOrder []int32 // contactOrder[k] is the position of the k-th contact created
	touches      int     // contacts reached, one activity each
	follows      int     // follow-ups of leads without deals

	quantities [501]decimal.Decimal // see quantity

	visits  slab[sales.StageVisit]
	changes slab[sales.CloseDateChange]
	slots   slab[sales.ContactID]
}

func newGenerator(o Options) *generator {
	g := &generator{opt: o, rnd: newRNG(o.Seed), days: newDays()}
	g.demand = g.days.demand()
	g.leave = time.Date(2025, time.September, 30, 18, 0, 0, 0, location).Unix()
	g.recs = sales.Records{
		TimeZone: TimeZone,
		Currency: "USD",
		Rates: sales.Rates{
			Base:   "USD",
			ToBase: map[sales.Currency]decimal.Decimal{"EUR": decimal.New(108, -2)},
		},
		Owners:    owners(),
		Pipelines: pipelines(),
		Products:  products(),
	}
	g.flows = [2]flow{newBusinessFlow(&g.recs.Pipelines[0]), renewalsFlow(&g.recs.Pipelines[1])}
	return g
}

// run builds the records in dependency order: companies before the deals
// that pick them, deals before the contacts and activities they bring.
func (g *generator) run() {
	g.makeCompanies()
	g.makeDeals()
	g.makeLeads()
	g.finishCompanies()
	g.finishContacts()
	g.finishDeals()
	g.makeActivities()
	g.makeLineItems()
	g.makeTargets()
}

// round returns x rounded to the nearest integer, as an int.
func round(x float64) int { return int(math.Round(x)) }
