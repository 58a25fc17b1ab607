package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// DefaultSearchCap is the most results HubSpot's search returns for one
// query: asking for a page past it fails.
const DefaultSearchCap = 10_000

// searchPageSize is the page size of searches, HubSpot's maximum.
const searchPageSize = 200

// WithSearchCap sets the search cap the client plans around (see
// DefaultSearchCap), for a server that has another.
func WithSearchCap(n int) Option {
	return func(c *Client) error {
		if n < 1 {
			return fmt.Errorf("hubspot: search cap %d: want at least 1", n)
		}
		c.searchCap = n
		return nil
	}
}

// ModifiedIDs returns the ids of the records of an object type ("deals",
// "contacts", "calls"…) last modified in [from, to), sorted, for an
// incremental read. It uses HubSpot's search, which returns at most the
// search cap of results per query: a window holding as many or more is
// split in two, again and again, so that no record is lost. When even a
// one-millisecond window holds that many, or when a window's pages hold another number of
// records than the total the search announced (records changed while they
// were read), ModifiedIDs fails with an *IncompleteError saying how many
// were expected and how many read; it never returns a partial list.
//
// Search never returns archived records, and HubSpot indexes changes
// after a few seconds: let windows overlap to catch late ones.
func (c *Client) ModifiedIDs(ctx context.Context, object string, from, to time.Time) ([]string, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("hubspot: modified ids: window [%s, %s) is empty",
			from.Format(time.RFC3339Nano), to.Format(time.RFC3339Nano))
	}
	prop := "hs_lastmodifieddate"
	if object == objContacts {
		prop = "lastmodifieddate"
	}
	var ids []string
	st := &Stats{}
	if err := c.searchWindow(ctx, object, prop, from.UnixMilli(), to.UnixMilli(), st, &ids); err != nil {
		return nil, err
	}
	slices.SortFunc(ids, compareIDs)
	return slices.Compact(ids), nil
}

// searchWindow adds to ids the records modified in [lo, hi) milliseconds.
func (c *Client) searchWindow(ctx context.Context, object, prop string, lo, hi int64, st *Stats,
	ids *[]string) error {
	first, err := c.searchPage(ctx, object, prop, lo, hi, "", 1, st)
	if err != nil {
		return err
	}
	// A total at the cap may be the cap itself rather than the count
	// (HubSpot does not say whether total counts past it): split then too.
	if first.Total >= c.cap() {
		if hi-lo <= 1 {
			return &IncompleteError{Object: object, From: time.UnixMilli(lo), To: time.UnixMilli(hi),
				Expected: first.Total, Read: 0, Reason: "more records than the search cap " +
					"share one millisecond of modification"}
		}
		mid := lo + (hi-lo)/2
		if err := c.searchWindow(ctx, object, prop, lo, mid, st, ids); err != nil {
			return err
		}
		return c.searchWindow(ctx, object, prop, mid, hi, st, ids)
	}
	read := 0
	page := first
	seen := map[string]bool{}
	for n := 1; ; n++ {
		for _, o := range page.Results {
			*ids = append(*ids, string(o.ID))
		}
		read += len(page.Results)
		after, more := page.Paging.after()
		if !more || len(page.Results) == 0 {
			break
		}
		if seen[after] {
			return &PagingError{Endpoint: "POST /crm/v3/objects/" + object + "/search", Page: n,
				Cursor: clip(c.redact(after), 60)}
		}
		seen[after] = true
		if page, err = c.searchPage(ctx, object, prop, lo, hi, after, n+1, st); err != nil {
			return err
		}
	}
	if read != first.Total {
		return &IncompleteError{Object: object, From: time.UnixMilli(lo), To: time.UnixMilli(hi),
			Expected: first.Total, Read: read, Reason: "records changed while the window was read"}
	}
	return nil
}

func (c *Client) cap() int {
	if c.searchCap > 0 {
		return c.searchCap
	}
	return DefaultSearchCap
}

// searchPage asks for one page of records modified in [lo, hi), sorted by
// id so that pages do not shift under the offset cursor.
func (c *Client) searchPage(ctx context.Context, object, prop string, lo, hi int64, after string,
	page int, st *Stats) (searchPage, error) {
	body := map[string]any{
		"filterGroups": []any{map[string]any{"filters": []any{
			map[string]string{"propertyName": prop, "operator": "GTE", "value": strconv.FormatInt(lo, 10)},
			map[string]string{"propertyName": prop, "operator": "LT", "value": strconv.FormatInt(hi, 10)},
		}}},
		"sorts":      []any{map[string]string{"propertyName": "hs_object_id", "direction": "ASCENDING"}},
		"properties": []string{"hs_object_id"},
		"limit":      min(searchPageSize, c.cap()),
	}
	if after != "" {
		body["after"] = after
	}
	cl := call{method: http.MethodPost, path: "/crm/v3/objects/" + object + "/search", body: body,
		page: page, search: true, stats: st}
	var p searchPage
	err := c.do(ctx, cl, &p)
	return p, err
}
