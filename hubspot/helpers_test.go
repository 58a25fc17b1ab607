package hubspot_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/salespilot/sales"
	"github.com/salespilot/sales/hubspot"
	"github.com/salespilot/sales/internal/fakehub"
)

// testToken is the token tests give the client and the fake; every error
// text is checked not to hold it.
const testToken = "pat-na1-00000000-1111-2222-3333-444444444444"

// region is the custom property the fake keeps regions in.
const region = "sp_region"

// roundTripOptions are the read options that let HubSpot carry
// everything the demo portal holds.
func roundTripOptions() hubspot.ReadOptions {
	return hubspot.ReadOptions{
		Properties: hubspot.PropertyNames{DealRegion: region, CompanyRegion: region},
		GoalTypes: map[string]sales.TargetMetric{
			"sales_quota": sales.TargetWonValue, "deals_won": sales.TargetWonCount,
		},
	}
}

// newClient returns a client of srv that does not throttle itself and
// retries at once.
func newClient(t testing.TB, srv *fakehub.Server, opts ...hubspot.Option) *hubspot.Client {
	t.Helper()
	base := []hubspot.Option{
		hubspot.WithBaseURL(srv.URL), hubspot.WithHTTPClient(srv.Client()),
		hubspot.WithRateLimit(1_000_000, time.Second),
		hubspot.WithSearchRateLimit(1_000_000, time.Second),
		hubspot.WithRetries(3, time.Millisecond, 2*time.Millisecond),
	}
	c, err := hubspot.NewClient(testToken, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient = %v", err)
	}
	return c
}

func read(t testing.TB, c *hubspot.Client, opt hubspot.ReadOptions) (sales.Records, hubspot.Report, error) {
	t.Helper()
	return c.ReadPortal(context.Background(), opt)
}

// normalise puts what HubSpot does not keep in one form: the order of
// association lists (sorted as the client sorts them), and empty lists.
func normalise(r sales.Records) sales.Records {
	r.Deals = slices.Clone(r.Deals)
	for i := range r.Deals {
		d := &r.Deals[i]
		d.Contacts = sorted(d.Contacts)
	}
	r.Activities = slices.Clone(r.Activities)
	for i := range r.Activities {
		a := &r.Activities[i]
		a.Deals, a.Contacts, a.Companies = sorted(a.Deals), sorted(a.Contacts), sorted(a.Companies)
	}
	return r
}

func sorted[ID ~string](ids []ID) []ID {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b ID) int {
		if c := cmp.Compare(len(a), len(b)); c != 0 {
			return c
		}
		return strings.Compare(string(a), string(b))
	})
	return slices.Compact(out)
}

// diff compares two portals record by record, by their JSON (times as
// instants in the portal's zone, decimals as written), and returns the
// first differences found, or "".
func diff(want, got sales.Records) string {
	want, got = normalise(want), normalise(got)
	var b strings.Builder
	n := 0
	cmpList := func(kind string, w, g any) {
		wj, gj := lines(w), lines(g)
		if len(wj) != len(gj) {
			fmt.Fprintf(&b, "%s: %d records, want %d\n", kind, len(gj), len(wj))
			n++
		}
		for i := range min(len(wj), len(gj)) {
			if wj[i] != gj[i] && n < 8 {
				fmt.Fprintf(&b, "%s[%d]:\n  got  %s\n  want %s\n", kind, i, gj[i], wj[i])
				n++
			}
		}
	}
	cmpList("header", []any{want.TimeZone, want.HomeCurrency(), want.Rates},
		[]any{got.TimeZone, got.HomeCurrency(), got.Rates})
	cmpList("owners", ownersByID(want.Owners), ownersByID(got.Owners))
	cmpList("pipelines", want.Pipelines, got.Pipelines)
	cmpList("deals", want.Deals, got.Deals)
	cmpList("contacts", want.Contacts, got.Contacts)
	cmpList("companies", want.Companies, got.Companies)
	cmpList("activities", byID(want.Activities), byID(got.Activities))
	cmpList("products", want.Products, got.Products)
	cmpList("line_items", want.LineItems, got.LineItems)
	cmpList("targets", want.Targets, got.Targets)
	return b.String()
}

// byID orders activities by id: the client reads them type by type.
func byID(as []sales.Activity) []sales.Activity {
	out := slices.Clone(as)
	slices.SortStableFunc(out, func(a, b sales.Activity) int {
		if c := cmp.Compare(len(a.ID), len(b.ID)); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	return out
}

// lines returns the JSON of each element of a slice.
func lines(v any) []string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return []string{string(raw)}
	}
	out := make([]string, len(elems))
	for i, e := range elems {
		var buf bytes.Buffer
		json.Compact(&buf, e)
		out[i] = buf.String()
	}
	return out
}

// ownersByID orders owners by id: the client reads active owners, then
// archived ones.
func ownersByID(os []sales.Owner) []sales.Owner {
	out := slices.Clone(os)
	slices.SortStableFunc(out, func(a, b sales.Owner) int {
		if c := cmp.Compare(len(a.ID), len(b.ID)); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	return out
}
