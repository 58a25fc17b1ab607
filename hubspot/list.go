package hubspot

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// listSpec says what to list of one object type.
type listSpec struct {
	object   string // name in the path, such as "deals"
	props    []string
	history  []string
	archived bool
}

// listObjects reads every page of a v3 listing, following the cursor to
// the end, and hands each page's records to page. It fails with a
// *PagingError when a cursor repeats, and with the request's error
// otherwise; records already handed over then belong to an incomplete read
// that the caller must discard.
func (c *Client) listObjects(ctx context.Context, spec listSpec, st *Stats,
	page func([]object) error) error {
	q := url.Values{}
	size := c.pageSize
	if len(spec.history) > 0 {
		size = c.histSize
		q.Set("propertiesWithHistory", strings.Join(spec.history, ","))
	}
	q.Set("limit", strconv.Itoa(size))
	if len(spec.props) > 0 {
		q.Set("properties", strings.Join(spec.props, ","))
	}
	q.Set("archived", strconv.FormatBool(spec.archived))
	path := "/crm/v3/objects/" + spec.object
	return c.paginate(ctx, path, q, st, func(cl call) (*paging, error) {
		var p objectPage
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, err
		}
		if p.Results == nil {
			return nil, notAPage(cl)
		}
		return p.Paging, page(p.Results)
	})
}

// paginate calls fetch for page 1, 2, … with the cursor of the page
// before, until a page has no next cursor.
func (c *Client) paginate(ctx context.Context, path string, q url.Values, st *Stats,
	fetch func(call) (*paging, error)) error {
	seen := map[string]bool{}
	for n := 1; ; n++ {
		cl := call{method: http.MethodGet, path: path, query: q, page: n, stats: st}
		next, err := fetch(cl)
		if err != nil {
			return err
		}
		after, more := next.after()
		if !more {
			return nil
		}
		if seen[after] {
			return &PagingError{Endpoint: cl.endpoint(), Page: n, Cursor: clip(c.redact(after), 60)}
		}
		seen[after] = true
		q = cloneWith(q, "after", after)
	}
}

func cloneWith(q url.Values, key, val string) url.Values {
	out := make(url.Values, len(q)+1)
	for k, v := range q {
		out[k] = v
	}
	out.Set(key, val)
	return out
}

// listOwners reads every owner, active ones then archived ones (archived
// true lists only those).
func (c *Client) listOwners(ctx context.Context, archived bool, st *Stats) ([]owner, error) {
	var out []owner
	q := url.Values{"limit": {"100"}, "archived": {strconv.FormatBool(archived)}}
	err := c.paginate(ctx, "/crm/v3/owners", q, st, func(cl call) (*paging, error) {
		var p ownerPage
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, err
		}
		if p.Results == nil {
			return nil, notAPage(cl)
		}
		out = append(out, p.Results...)
		return p.Paging, nil
	})
	return out, err
}

// listPipelines reads the deal pipelines with their stages; the endpoint
// is not paged.
func (c *Client) listPipelines(ctx context.Context, st *Stats) ([]pipeline, error) {
	var p pipelineList
	cl := call{method: http.MethodGet, path: "/crm/v3/pipelines/deals", stats: st}
	if err := c.do(ctx, cl, &p); err != nil {
		return nil, err
	}
	if p.Results == nil {
		return nil, notAPage(cl)
	}
	return p.Results, nil
}

// notAPage is the error of a response to cl that decoded but holds no
// "results" array: not what the endpoint answers, and taking it for an
// empty page would end the listing short.
func notAPage(cl call) error {
	return &DecodeError{Endpoint: cl.endpoint(), Page: cl.page,
		Err: errors.New(`no "results" array: not a page of a listing`)}
}

// accountDetails reads the portal's time zone and company currency.
func (c *Client) accountDetails(ctx context.Context, st *Stats) (account, error) {
	var a account
	cl := call{method: http.MethodGet, path: "/account-info/v3/details", stats: st}
	err := c.do(ctx, cl, &a)
	return a, err
}

// exchangeRates reads the current exchange rates into the company
// currency.
func (c *Client) exchangeRates(ctx context.Context, st *Stats) ([]exchangeRate, error) {
	var out []exchangeRate
	q := url.Values{"limit": {"100"}}
	path := "/settings/v3/currencies/exchange-rates/current"
	err := c.paginate(ctx, path, q, st, func(cl call) (*paging, error) {
		var p ratePage
		if err := c.do(ctx, cl, &p); err != nil {
			return nil, err
		}
		// A portal of one currency may answer with no list at all; a
		// deal in a currency without a rate is reported when it is read.
		out = append(out, p.Results...)
		return p.Paging, nil
	})
	return out, err
}
