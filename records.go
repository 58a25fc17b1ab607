package sales

// Records holds one portal's data as plain values, as a CRM or an export
// gives it. It is what a snapshot file stores: it marshals to and from
// JSON without loss. Build a Dataset from it to run reports.
type Records struct {
	// TimeZone is the portal's IANA time zone name, such as
	// "Europe/Paris"; empty means UTC. Reports cut days, weeks and months
	// in the location of the period they are given, which callers usually
	// take from here.
	TimeZone string `json:"time_zone,omitempty"`
	// Currency is the portal's home currency, the one reports add values
	// in. Empty means Rates.Base, and with no rates either, the currency
	// every record leaves empty.
	Currency Currency `json:"currency,omitempty"`
	// Rates converts amounts of other currencies into the home currency.
	Rates Rates `json:"rates,omitzero"`

	Owners     []Owner    `json:"owners"`
	Pipelines  []Pipeline `json:"pipelines"`
	Deals      []Deal     `json:"deals"`
	Contacts   []Contact  `json:"contacts"`
	Companies  []Company  `json:"companies"`
	Activities []Activity `json:"activities"`
	Products   []Product  `json:"products"`
	LineItems  []LineItem `json:"line_items"`
	Targets    []Target   `json:"targets"`
}

// HomeCurrency returns the currency reports add values in: Currency, else
// Rates.Base.
func (r *Records) HomeCurrency() Currency {
	if r.Currency != "" {
		return r.Currency
	}
	return r.Rates.Base
}

// currencyOf returns c, or the home currency when c is empty.
func (r *Records) currencyOf(c Currency) Currency {
	if c == "" {
		return r.HomeCurrency()
	}
	return c
}
