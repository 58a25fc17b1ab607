package hubspot

import (
	"context"
	"sync"
	"time"
)

// FakeClock is a clock whose sleeps return at once and move its time on,
// so that tests of waits take no real time.
type FakeClock struct {
	mu     sync.Mutex
	t      time.Time
	Sleeps []time.Duration
}

// NewFakeClock returns a fake clock at t.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{t: t} }

func (f *FakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *FakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
	f.Sleeps = append(f.Sleeps, d)
	return nil
}

// Slept returns the total time slept.
func (f *FakeClock) Slept() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var s time.Duration
	for _, d := range f.Sleeps {
		s += d
	}
	return s
}

// WithClock makes the client wait on clk.
func WithClock(clk *FakeClock) Option {
	return func(c *Client) error {
		c.clk = clk
		return nil
	}
}

// Exported for the tests of the parsers.
var (
	ParseNumber      = parseNumber
	ParseBool        = parseBool
	ParseProbability = parseProbability
	ParseMillis      = parseMillis
	ParseTimeValue   = func(s string, loc *time.Location) (time.Time, error) {
		t, _, err := parseTime(s, loc)
		return t, err
	}
)

// Now returns the clock's time.
func (f *FakeClock) Now() time.Time { return f.now() }
