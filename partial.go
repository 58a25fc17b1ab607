package sales

// Additive describes a report that adds things up: how to compute it over
// a Dataset, and how to merge two results computed over parts of a
// portal's records into the result over both. The reports whose results
// have a Merge method are additive; their documentation says which
// records their parts may split (deals, activities or contacts). For
// example:
//
//	r10 := sales.Additive[kpi.RepResults]{
//		Compute: func(ds *sales.Dataset) (kpi.RepResults, error) {
//			return kpi.ResultsPerRep(ds, period)
//		},
//		Merge: (*kpi.RepResults).Merge,
//	}
type Additive[R any] struct {
	Compute func(*Dataset) (R, error)
	Merge   func(*R, R) error
}

// Partial is an additive report over the records of one shard of the work:
// the piece a worker produces, to which records are added one at a time,
// and which merges with the pieces of the other shards into the report
// over the whole portal. It is how the reports spread over many machines,
// with an engine such as Apache Beam or a plain worker pool:
//
//	part := sales.NewPartial(shared, r10) // on each worker
//	for _, d := range shardDeals {
//		part.AddDeal(d)
//	}
//	...
//	err := total.Merge(part) // wherever the pieces meet
//	result, err := total.Result()
//
// Shared holds the records every shard needs whole: the time zone,
// currency and rates, owners, pipelines, companies, products, targets, and
// whichever kinds of record the report does not split. A shard adds the
// records of the kind the report splits (its share of the deals, with
// their line items, or of the activities or contacts). Adding a record of a
// kind the report reads whole, or a record twice, gives a wrong result:
// Partial cannot tell.
//
// Partial gathers about BatchSize added records before it computes them
// and folds them into its running result. Where deals are added, a batch
// closes only as the next deal is added, so each deal is computed with the
// records added after it and before the next: add a deal's line items (and
// the activities or contacts that go with it, where the shared records do
// not hold them) right after the deal. Its memory then holds at most
// BatchSize records and those of one deal; records added in another order
// (every deal, then every line item) stay until the next deal or the end.
// Where no deal is added, a batch closes after any record. Merge and
// Result close the batch too: add no record of a deal after them. The
// zero Partial is not usable; build one with NewPartial. A Partial is not
// safe for concurrent use.
type Partial[R any] struct {
	// BatchSize is how many added records the partial gathers before it
	// computes them; 0 means DefaultBatchSize.
	BatchSize int

	report Additive[R]
	shared Records
	batch  Records
	added  int
	deals  bool // a deal was added: batches close only before a deal
	sum    R
	has    bool
}

// DefaultBatchSize is how many records a Partial gathers, unless told
// otherwise, before it computes them.
const DefaultBatchSize = 50_000

// NewPartial returns an empty partial of the report over the shared
// records.
func NewPartial[R any](shared Records, report Additive[R]) *Partial[R] {
	p := &Partial[R]{report: report, shared: shared}
	p.reset()
	return p
}

func (p *Partial[R]) reset() {
	p.batch = p.shared
	p.batch.Deals = append([]Deal(nil), p.shared.Deals...)
	p.batch.LineItems = append([]LineItem(nil), p.shared.LineItems...)
	p.batch.Activities = append([]Activity(nil), p.shared.Activities...)
	p.batch.Contacts = append([]Contact(nil), p.shared.Contacts...)
	p.added = 0
}

// AddDeal adds a deal to the partial. Add the deal's line items right
// after it.
func (p *Partial[R]) AddDeal(d Deal) error {
	if p.full() {
		if err := p.flush(); err != nil {
			return err
		}
	}
	p.batch.Deals = append(p.batch.Deals, d)
	p.deals = true
	p.added++
	return nil
}

// AddLineItem adds a line item; add it right after its deal.
func (p *Partial[R]) AddLineItem(li LineItem) error {
	p.batch.LineItems = append(p.batch.LineItems, li)
	return p.grew()
}

// AddActivity adds an activity to the partial.
func (p *Partial[R]) AddActivity(a Activity) error {
	p.batch.Activities = append(p.batch.Activities, a)
	return p.grew()
}

// AddContact adds a contact to the partial.
func (p *Partial[R]) AddContact(c Contact) error {
	p.batch.Contacts = append(p.batch.Contacts, c)
	return p.grew()
}

// grew counts a record added, and closes the batch when it is full and no
// deal was added (with deals, batches close only before the next deal).
func (p *Partial[R]) grew() error {
	p.added++
	if p.deals || !p.full() {
		return nil
	}
	return p.flush()
}

// full reports whether the batch holds BatchSize records or more.
func (p *Partial[R]) full() bool {
	limit := p.BatchSize
	if limit <= 0 {
		limit = DefaultBatchSize
	}
	return p.added >= limit
}

// flush computes the report over the records gathered since the last
// flush and folds it into the running result.
func (p *Partial[R]) flush() error {
	if p.added == 0 && p.has {
		return nil
	}
	ds, err := NewDataset(p.batch)
	if err != nil {
		return err
	}
	r, err := p.report.Compute(ds)
	if err != nil {
		return err
	}
	p.reset()
	if !p.has {
		p.sum, p.has = r, true
		return nil
	}
	return p.report.Merge(&p.sum, r)
}

// Merge folds the partial q, computed over other records of the same
// portal with the same report and shared records, into p. q is left
// empty.
func (p *Partial[R]) Merge(q *Partial[R]) error {
	r, err := q.Result()
	if err != nil {
		return err
	}
	if err := p.flush(); err != nil {
		return err
	}
	q.has = false
	return p.report.Merge(&p.sum, r)
}

// Result returns the report over every record added to p and to the
// partials merged into it. With nothing added it is the report over the
// shared records alone.
func (p *Partial[R]) Result() (R, error) {
	if err := p.flush(); err != nil {
		var zero R
		return zero, err
	}
	return p.sum, nil
}
