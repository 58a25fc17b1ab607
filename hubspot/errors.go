package hubspot

import (
	"fmt"
	"strings"
	"time"
)

// Errors of the client are typed, so that a caller can tell a rate limit,
// an authentication failure, a HubSpot error, a bad body and an incomplete
// read apart with errors.As. None of them ever holds the access token: text
// that comes from the server or the network is scrubbed of it first.

// APIError is an error response from HubSpot: its HTTP status and, as far
// as the body said, its category, message and correlation id (the id to
// quote to HubSpot's support).
type APIError struct {
	// Endpoint is the request's method and path, such as
	// "GET /crm/v3/objects/deals"; Page is the 1-based page of a listing,
	// or 0 for a single call.
	Endpoint      string
	Page          int
	Status        int
	Category      string
	SubCategory   string
	Message       string
	CorrelationID string
}

// Error returns the status, category, message and correlation id on one line.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hubspot: %s", e.Endpoint)
	if e.Page > 0 {
		fmt.Fprintf(&b, " page %d", e.Page)
	}
	fmt.Fprintf(&b, ": status %d", e.Status)
	if e.Category != "" {
		fmt.Fprintf(&b, " %s", e.Category)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.CorrelationID != "" {
		fmt.Fprintf(&b, " (correlation id %s)", e.CorrelationID)
	}
	return b.String()
}

// AuthError is a 401 (the token is invalid or expired) or a 403 (the token
// lacks a scope the call needs) response.
type AuthError struct {
	API *APIError
}

// Error says whether the token was refused or lacks a scope.
func (e *AuthError) Error() string {
	what := "authentication failed (invalid or expired token)"
	if e.API.Status == 403 {
		what = "access denied (missing scope)"
	}
	return strings.Replace(e.API.Error(), ": status", ": "+what+": status", 1)
}

// Unwrap returns the underlying *APIError.
func (e *AuthError) Unwrap() error { return e.API }

// RateLimitError is a 429 response the client gave up on: the daily limit
// (Policy "DAILY"), which no wait within the call can clear, or a burst or
// search limit that persisted through every wait the client allows.
type RateLimitError struct {
	API *APIError
	// Policy is HubSpot's policyName, such as "TEN_SECONDLY_ROLLING" or
	// "DAILY"; empty when the body named none.
	Policy string
	// RetryAfter is the wait the last response asked for; zero when it
	// asked for none.
	RetryAfter time.Duration
	// Waits is how many times the client waited and tried again.
	Waits int
}

// Error names the policy and how many waits the client made.
func (e *RateLimitError) Error() string {
	s := fmt.Sprintf("%s: rate limited", e.API.Error())
	if e.Policy != "" {
		s += " (policy " + e.Policy + ")"
	}
	if e.Waits > 0 {
		s += fmt.Sprintf(" after %d wait(s)", e.Waits)
	}
	return s
}

// Unwrap returns the underlying *APIError.
func (e *RateLimitError) Unwrap() error { return e.API }

// DecodeError is a response body that is not the JSON the endpoint sends:
// malformed, truncated beyond what retries could fix, or of another shape.
type DecodeError struct {
	Endpoint string
	Page     int
	// Offset is the byte of the body where decoding failed, when known.
	Offset int64
	Err    error
}

// Error names the endpoint, the page and where the body went wrong.
func (e *DecodeError) Error() string {
	s := "hubspot: " + e.Endpoint
	if e.Page > 0 {
		s += fmt.Sprintf(" page %d", e.Page)
	}
	if e.Offset > 0 {
		return fmt.Sprintf("%s: bad JSON at byte %d: %v", s, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: bad JSON: %v", s, e.Err)
}

// Unwrap returns the decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// RequestError is a request that failed without a usable response from
// HubSpot (a refused or dropped connection, a body cut short) after every
// retry the client allows, or because the context ended.
type RequestError struct {
	Endpoint string
	Page     int
	Attempts int
	Err      error
	// Last is the failure the client was waiting out when the context
	// ended (a 503, a 429, a dropped connection), nil when it was not
	// waiting: a read that times out while HubSpot is down says so.
	Last error
}

// Error names the endpoint, the page and the number of attempts, and the
// failure the client was waiting out, if any.
func (e *RequestError) Error() string {
	s := "hubspot: " + e.Endpoint
	if e.Page > 0 {
		s += fmt.Sprintf(" page %d", e.Page)
	}
	s = fmt.Sprintf("%s: %d attempt(s): %v", s, e.Attempts, e.Err)
	if e.Last != nil {
		s += " (while waiting out: " + e.Last.Error() + ")"
	}
	return s
}

// Unwrap returns the underlying error, such as context.Canceled. Last is
// not unwrapped: a read that timed out is not an API error, whatever it
// was waiting for.
func (e *RequestError) Unwrap() error { return e.Err }

// PagingError is a listing whose cursor came back to a value it already
// had: following it would loop forever or read records twice.
type PagingError struct {
	Endpoint string
	Page     int
	Cursor   string
}

// Error names the endpoint, the page and the repeated cursor.
func (e *PagingError) Error() string {
	return fmt.Sprintf("hubspot: %s page %d: cursor %q repeats an earlier page's",
		e.Endpoint, e.Page, e.Cursor)
}

// IncompleteError is a read that could not get every record it should
// have: a search window holding more records than the search cap even at
// its narrowest, or a window whose pages held fewer or more records than
// the total the search announced.
type IncompleteError struct {
	Object   string
	From, To time.Time
	Expected int
	Read     int
	Reason   string
}

// Error names the object type, the window and the counts.
func (e *IncompleteError) Error() string {
	return fmt.Sprintf("hubspot: %s modified in [%s, %s): expected %d record(s), read %d: %s",
		e.Object, e.From.UTC().Format(time.RFC3339Nano), e.To.UTC().Format(time.RFC3339Nano),
		e.Expected, e.Read, e.Reason)
}
