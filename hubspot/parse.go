package hubspot

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salespilot/sales"
)

// Every property value arrives as a string, or null, or not at all. The
// parsers below read one value each; they treat "", null and a missing key
// alike (the caller passes ""), report "no value" with ok false, and
// return an error only for text that is present but cannot be read. None
// of them panics, whatever the input: the fuzz tests hold them to it.

// errEmpty is never returned; the parsers use ok == false for "no value".

// maxNumberLen bounds the text a number may take, so that a hostile value
// cannot make decimal parsing slow.
const maxNumberLen = 64

// parseNumber reads a decimal number such as "1500", "1500.00", "-3" or
// "1.5e3". "" means no value; "0" is a value. NaN, infinities, thousands
// separators and currency signs are refused.
func parseNumber(s string) (decimal.Decimal, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return decimal.Decimal{}, false, nil
	}
	if len(s) > maxNumberLen || !numberChars(s) {
		return decimal.Decimal{}, false, errors.New("not a decimal number")
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, false, errors.New("not a decimal number")
	}
	if err := sales.CheckDecimal(d); err != nil {
		return decimal.Decimal{}, false, err
	}
	return d, true, nil
}

// numberChars reports whether s holds only what a plain decimal number is
// written with: digits, one leading sign, a point, an exponent.
func numberChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '.', c == 'e', c == 'E':
		case (c == '-' || c == '+') && (i == 0 || s[i-1] == 'e' || s[i-1] == 'E'):
		default:
			return false
		}
	}
	return true
}

// parseBool reads "true" or "false", in any case. "" means no value.
func parseBool(s string) (bool, bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return false, false, nil
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, errors.New("not true or false")
}

// parseProbability reads a probability in [0, 1], such as "0.2" or the long
// binary expansion "0.200000000000000011102230246251565404236316680908203125"
// some calculated properties carry (which reads as 0.2).
func parseProbability(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	if len(s) > 80 || !numberChars(s) {
		return 0, false, errors.New("not a number")
	}
	p, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(p) || p < 0 || p > 1 {
		return 0, false, errors.New("not a probability in [0, 1]")
	}
	return p, true, nil
}

// parseMillis reads a duration written in milliseconds, such as "3600000"
// for an hour, as HubSpot writes call durations and times in stage. A
// fraction of a millisecond is kept to the nanosecond. Negative values and
// values past about 292 years are refused.
func parseMillis(s string) (time.Duration, bool, error) {
	d, ok, err := parseNumber(s)
	if !ok || err != nil {
		return 0, ok, err
	}
	if d.Sign() < 0 {
		return 0, false, errors.New("negative duration")
	}
	ns := d.Shift(6).Round(0)
	if ns.GreaterThan(decimal.NewFromInt(math.MaxInt64)) {
		return 0, false, errors.New("duration out of range")
	}
	return time.Duration(ns.IntPart()), true, nil
}

// TimeKind says which of HubSpot's encodings a time value used.
type timeKind uint8

const (
	timeNone     timeKind = iota // no value
	timeInstant                  // RFC 3339, such as 2025-09-01T14:03:11.123Z
	timeEpochMs                  // milliseconds since 1970, such as 1756735391123
	timeDateOnly                 // a calendar date, 2025-09-01
)

// Bounds of the instants parseTime accepts: years 1900 to 2200 hold every
// real CRM date and keep epoch arithmetic far from overflow.
var (
	minTime = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// parseTime reads a time in any of the three encodings HubSpot uses:
//
//   - RFC 3339 with or without fractional seconds, "2025-09-01T14:03:11.123Z"
//     or "2025-09-01T14:03:11+02:00" (a value with no offset is UTC);
//   - epoch milliseconds, "1756735391123", where 0 means no value, as in
//     hs_closed_deal_close_date;
//   - a calendar date, "2025-09-01", which HubSpot stores as midnight UTC
//     but which means a day on the portal's calendar: parseTime returns
//     the start of that day in loc (nil means UTC), so that a date falls
//     in the same day, month and quarter in the portal's reports.
//
// Instants are returned in loc. Years outside 1900..2199 are refused.
func parseTime(s string, loc *time.Location) (time.Time, timeKind, error) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	switch {
	case s == "" || s == "0":
		return time.Time{}, timeNone, nil
	case allDigits(s):
		return parseEpochMillis(s, loc)
	case len(s) == len("2006-01-02"):
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			return time.Time{}, timeNone, errors.New("not a date (want YYYY-MM-DD)")
		}
		return inRange(t, timeDateOnly)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", s, time.UTC)
	}
	if err != nil {
		return time.Time{}, timeNone, errors.New("not a time (want RFC 3339, " +
			"epoch milliseconds or YYYY-MM-DD)")
	}
	return inRange(t.In(loc), timeInstant)
}

func parseEpochMillis(s string, loc *time.Location) (time.Time, timeKind, error) {
	if len(s) > 14 {
		return time.Time{}, timeNone, errors.New("epoch milliseconds out of range")
	}
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, timeNone, errors.New("not epoch milliseconds")
	}
	if ms == 0 {
		return time.Time{}, timeNone, nil // "0", "00": no value
	}
	return inRange(time.UnixMilli(ms).In(loc), timeEpochMs)
}

func inRange(t time.Time, k timeKind) (time.Time, timeKind, error) {
	if t.Before(minTime) || !t.Before(maxTime) {
		return time.Time{}, timeNone, errors.New("time out of range (years 1900 to 2199)")
	}
	return t, k, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// splitMulti splits a multi-value property ("a;b;c") into its values,
// dropping empty ones and surrounding spaces.
func splitMulti(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ";")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
