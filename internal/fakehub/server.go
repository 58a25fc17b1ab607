// Package fakehub is a fake HubSpot for tests: an httptest server on the
// loopback interface that serves any portal's records in the JSON shapes of
// HubSpot's CRM API (v3 object listings and search, owners, pipelines,
// account details, exchange rates, v4 associations), with the page sizes,
// archived and merged records, and faults a test chooses.
package fakehub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/salespilot/sales"
)

// Options chooses how the fake serves a portal. The zero value serves it
// as HubSpot would with default page sizes.
type Options struct {
	// Token is the access token the fake accepts; empty accepts any.
	Token string
	// TimeZone is the account's time zone; empty means the records'.
	TimeZone string
	// PageSize caps listings' pages (default 100), HistoryPageSize those
	// with property history (default 50), AssocPageSize the associations
	// one record gets per answer (default 500).
	PageSize, HistoryPageSize, AssocPageSize int
	// SearchCap is the most results a search returns (default 10000).
	SearchCap int
	// RegionProperty is the custom deal and company property that holds
	// regions; empty leaves regions out.
	RegionProperty string
	// Archived are records served only to listings with archived=true.
	Archived sales.Records
	// NoRates answers the exchange-rate endpoint with 403, as for a token
	// without the scope.
	NoRates bool
	// RepeatCursor names an object type whose listing sends, from its
	// second page on, the cursor it was given again.
	RepeatCursor string
	// Fault, when not nil, is asked before each request is served (n
	// counts requests from 1) and may replace the answer.
	Fault func(n int, r *http.Request) Fault
}

// Fault replaces one answer of the fake.
type Fault struct {
	// Status and Body answer with this status (and JSON body) instead.
	Status int
	Body   string
	Header http.Header
	// DropMidBody sends the headers and half the real body, then cuts
	// the connection.
	DropMidBody bool
	// Malformed sends a body that is not JSON with status 200.
	Malformed bool
}

// Server is a running fake HubSpot.
type Server struct {
	*httptest.Server
	opt  Options
	enc  *encoder
	live map[string][]*obj
	arch map[string][]*obj
	recs *sales.Records

	mu       sync.Mutex
	requests int
	paths    map[string]int
}

// New starts a fake serving recs. Close it when done.
func New(recs sales.Records, o Options) *Server {
	o.PageSize = orDefault(o.PageSize, 100)
	o.HistoryPageSize = orDefault(o.HistoryPageSize, 50)
	o.AssocPageSize = orDefault(o.AssocPageSize, 500)
	o.SearchCap = orDefault(o.SearchCap, 10000)
	s := &Server{opt: o, recs: &recs, paths: map[string]int{}}
	s.enc = newEncoder(&s.opt)
	s.enc.records(&recs, false)
	s.live = s.enc.objs
	s.enc.objs = map[string][]*obj{}
	s.enc.records(&o.Archived, true)
	s.arch = s.enc.objs
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// Requests returns how many requests the fake has answered.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// Merge makes the fake serve a merge: record loser (a deal, contact or
// company) is listed as a copy of into with id loser and the first half of
// into's history, into lists loser in hs_merged_object_ids, and every
// other association into has is split between the two.
func (s *Server) Merge(kind, into, loser string) {
	var src *obj
	for _, o := range s.live[kind] {
		if o.id == into {
			src = o
		}
	}
	if src == nil {
		panic("fakehub: merge into unknown " + kind + " " + into)
	}
	cp := &obj{id: loser, created: src.created, modified: src.modified,
		props: map[string]string{}, history: map[string][]hist{}}
	for k, v := range src.props {
		cp.props[k] = v
	}
	for k, h := range src.history {
		cp.history[k] = h[:(len(h)+1)/2]
	}
	ids := strings.Split(src.props["hs_merged_object_ids"], ";")
	src.props["hs_merged_object_ids"] = strings.TrimPrefix(strings.Join(append(ids, loser), ";"), ";")
	s.live[kind] = append(s.live[kind], cp)
	n := 0
	for key, m := range s.enc.links {
		from, to, _ := strings.Cut(key, "→")
		if from == kind {
			if l := m[into]; len(l) > 1 {
				m[loser] = l[len(l)/2:]
				m[into] = l[:len(l)/2]
			}
			continue
		}
		if to != kind {
			continue
		}
		for fromID, ls := range m {
			for i := range ls {
				if ls[i].to == into && n%2 == 0 {
					ls[i].to = loser
				}
				if ls[i].to == into || ls[i].to == loser {
					n++
				}
			}
			m[fromID] = ls
		}
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	n := s.requests
	s.paths[r.URL.Path]++
	s.mu.Unlock()

	if s.opt.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.opt.Token {
		writeError(w, 401, "INVALID_AUTHENTICATION", "Authentication credentials not found.")
		return
	}
	var f Fault
	if s.opt.Fault != nil {
		f = s.opt.Fault(n, r)
	}
	if f.Status != 0 {
		for k, v := range f.Header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(f.Status)
		fmt.Fprint(w, f.Body)
		return
	}
	status, body := s.route(r)
	switch {
	case f.Malformed:
		body = []byte(`{"results":[{"id":"1","properties":{"amount":` + "\x00" + `]}`)
	case f.DropMidBody:
		drop(w, status, body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// drop writes half of body under a Content-Length that promises all of
// it, then closes the connection.
func drop(w http.ResponseWriter, status int, body []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		w.WriteHeader(500)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n",
		status, http.StatusText(status), len(body))
	buf.Write(body[:len(body)/2])
	buf.Flush()
}

func writeError(w http.ResponseWriter, status int, category, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"status": "error", "message": msg,
		"category": category, "correlationId": "0f1e2d3c-aaaa-bbbb-cccc-000000000001"})
}

func jsonBody(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func errBody(status int, category, msg string) (int, []byte) {
	return status, jsonBody(map[string]string{"status": "error", "message": msg,
		"category": category, "correlationId": "0f1e2d3c-aaaa-bbbb-cccc-000000000002"})
}

// route answers a request that no fault replaced.
func (s *Server) route(r *http.Request) (int, []byte) {
	p := r.URL.Path
	parts := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case p == "/account-info/v3/details":
		tz := s.opt.TimeZone
		if tz == "" {
			tz = s.recs.TimeZone
		}
		return 200, jsonBody(map[string]any{"portalId": 4242, "timeZone": tz,
			"companyCurrency": string(s.recs.HomeCurrency()), "utcOffset": "+00:00"})
	case p == "/settings/v3/currencies/exchange-rates/current":
		return s.rates()
	case p == "/crm/v3/owners":
		return s.ownersPage(r)
	case p == "/crm/v3/pipelines/deals":
		return 200, jsonBody(map[string]any{"results": s.enc.pipes})
	case len(parts) == 4 && parts[0] == "crm" && parts[2] == "objects" && r.Method == "GET":
		return s.list(parts[3], r)
	case len(parts) == 5 && parts[2] == "objects" && parts[4] == "search" && r.Method == "POST":
		return s.search(parts[3], r)
	case len(parts) == 7 && parts[1] == "v4" && parts[2] == "associations" && parts[6] == "read":
		return s.batchAssoc(parts[3], parts[4], r)
	}
	return errBody(404, "OBJECT_NOT_FOUND", "no such endpoint "+p)
}

func (s *Server) rates() (int, []byte) {
	if s.opt.NoRates {
		return errBody(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes.")
	}
	var out []map[string]any
	var codes []string
	for c := range s.recs.Rates.ToBase {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	for _, c := range codes {
		v := s.recs.Rates.ToBase[sales.Currency(c)]
		f, _ := v.Float64()
		out = append(out, map[string]any{"fromCurrencyCode": c,
			"toCurrencyCode": string(s.recs.Rates.Base), "conversionRate": f,
			"effectiveAt": "2024-01-01T00:00:00Z", "visibleInUI": true, "id": "r" + c})
	}
	return 200, jsonBody(map[string]any{"results": out})
}

// window returns the slice [start, start+size) of n items and the cursor
// of the next page, "" on the last.
func window(after string, size, n int) (int, int, string) {
	start, _ := strconv.Atoi(after)
	start = min(max(start, 0), n)
	end := min(start+size, n)
	if end < n {
		return start, end, strconv.Itoa(end)
	}
	return start, end, ""
}

func pagingOf(next string) any {
	if next == "" {
		return nil
	}
	return map[string]any{"next": map[string]string{"after": next, "link": "?after=" + next}}
}

func (s *Server) ownersPage(r *http.Request) (int, []byte) {
	q := r.URL.Query()
	archived := q.Get("archived") == "true"
	var list []ownerJSON
	for _, o := range s.enc.owners {
		if o.Archived == archived {
			list = append(list, o)
		}
	}
	size := min(orDefault(atoi(q.Get("limit")), 100), 500)
	start, end, next := window(q.Get("after"), size, len(list))
	return 200, jsonBody(map[string]any{"results": nonNil(list[start:end]), "paging": pagingOf(next)})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// list answers a v3 object listing.
func (s *Server) list(kind string, r *http.Request) (int, []byte) {
	q := r.URL.Query()
	src := s.live[kind]
	if q.Get("archived") == "true" {
		src = s.arch[kind]
	}
	props := splitComma(q.Get("properties"))
	hist := splitComma(q.Get("propertiesWithHistory"))
	size := min(orDefault(atoi(q.Get("limit")), 10), s.opt.PageSize)
	if len(hist) > 0 {
		size = min(size, s.opt.HistoryPageSize)
	}
	after := q.Get("after")
	start, end, next := window(after, size, len(src))
	if s.opt.RepeatCursor == kind && after != "" {
		next = after
	}
	out := make([]map[string]any, 0, end-start)
	for i, o := range src[start:end] {
		out = append(out, render(o, props, hist, start+i))
	}
	return 200, jsonBody(map[string]any{"results": out, "paging": pagingOf(next)})
}

func splitComma(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// render writes one record as HubSpot does: the requested properties,
// empty ones left out, null or "" by turns, and the requested history,
// newest first.
func render(o *obj, props, hist []string, n int) map[string]any {
	p := map[string]any{"hs_object_id": o.id}
	for _, name := range props {
		v, ok := o.props[name]
		switch {
		case ok && v != "":
			p[name] = v
		case n%3 == 1:
			p[name] = nil
		case n%3 == 2:
			p[name] = ""
		}
	}
	out := map[string]any{"id": o.id, "properties": p, "archived": o.archived,
		"createdAt": stamp(o.created), "updatedAt": stamp(o.modified)}
	if o.archived {
		out["archivedAt"] = "2026-01-01T00:00:00.000Z"
	}
	if len(hist) > 0 {
		h := map[string]any{}
		for _, name := range hist {
			entries := []map[string]any{}
			list := o.history[name]
			for i := len(list) - 1; i >= 0; i-- {
				entries = append(entries, map[string]any{"value": list[i].value,
					"timestamp": stamp(list[i].at), "sourceType": "CRM_UI"})
			}
			h[name] = entries
		}
		out["propertiesWithHistory"] = h
	}
	return out
}

// searchRequest is the part of a search body the fake understands: one
// filter group of GTE/LT filters on a date property, offset paging.
type searchRequest struct {
	FilterGroups []struct {
		Filters []struct {
			PropertyName string `json:"propertyName"`
			Operator     string `json:"operator"`
			Value        string `json:"value"`
		} `json:"filters"`
	} `json:"filterGroups"`
	Limit int    `json:"limit"`
	After string `json:"after"`
}

func (s *Server) search(kind string, r *http.Request) (int, []byte) {
	var req searchRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return errBody(400, "VALIDATION_ERROR", "bad search body")
	}
	lo, hi := int64(-1<<62), int64(1<<62)
	for _, g := range req.FilterGroups {
		for _, f := range g.Filters {
			v, _ := strconv.ParseInt(f.Value, 10, 64)
			switch f.Operator {
			case "GTE":
				lo = v
			case "LT":
				hi = v
			}
		}
	}
	var match []*obj
	for _, o := range s.live[kind] {
		if ms := o.modified.UnixMilli(); ms >= lo && ms < hi {
			match = append(match, o)
		}
	}
	sort.SliceStable(match, func(i, j int) bool { return lessID(match[i].id, match[j].id) })
	size := min(orDefault(req.Limit, 10), 200)
	start := atoi(req.After)
	if start+size > s.opt.SearchCap {
		return errBody(400, "VALIDATION_ERROR", fmt.Sprintf("paging past %d results", s.opt.SearchCap))
	}
	start, end, next := window(req.After, size, len(match))
	out := make([]map[string]any, 0, end-start)
	for i, o := range match[start:end] {
		out = append(out, render(o, []string{"hs_object_id"}, nil, i))
	}
	return 200, jsonBody(map[string]any{"total": len(match), "results": out, "paging": pagingOf(next)})
}

func lessID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func assocJSON(ls []link) []map[string]any {
	out := make([]map[string]any, 0, len(ls))
	for _, l := range ls {
		types := []map[string]any{}
		for _, t := range l.types {
			label := any(nil)
			if t == 5 || t == 1 {
				label = "Primary"
			}
			types = append(types, map[string]any{"category": "HUBSPOT_DEFINED", "typeId": t,
				"label": label})
		}
		var to any = l.to
		if n, err := strconv.ParseInt(l.to, 10, 64); err == nil {
			to = n // HubSpot sends numeric ids as numbers here
		}
		out = append(out, map[string]any{"toObjectId": to, "associationTypes": types})
	}
	return out
}

func (s *Server) batchAssoc(from, to string, r *http.Request) (int, []byte) {
	var req struct {
		Inputs []struct {
			ID    string `json:"id"`
			After string `json:"after"`
		} `json:"inputs"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Inputs) > 1000 {
		return errBody(400, "VALIDATION_ERROR", "bad batch body")
	}
	links := s.enc.links[from+"→"+to]
	var results, errs []map[string]any
	for _, in := range req.Inputs {
		ls := links[in.ID]
		if len(ls) == 0 {
			errs = append(errs, map[string]any{"status": "error", "category": "OBJECT_NOT_FOUND",
				"message": "No " + to + " is associated with " + in.ID,
				"context": map[string][]string{"fromObjectId": {in.ID}}})
			continue
		}
		res := map[string]any{"from": map[string]string{"id": in.ID}}
		start, end, next := window(in.After, s.opt.AssocPageSize, len(ls))
		res["to"] = assocJSON(ls[start:end])
		if next != "" {
			res["paging"] = pagingOf(next)
		}
		results = append(results, res)
	}
	status := 200
	body := map[string]any{"status": "COMPLETE", "results": nonNil(results),
		"startedAt": stamp(time.Unix(0, 0)), "completedAt": stamp(time.Unix(1, 0))}
	if len(errs) > 0 {
		status = 207
		body["errors"] = errs
		body["numErrors"] = len(errs)
	}
	return status, jsonBody(body)
}
