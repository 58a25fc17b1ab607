//go:build unix

package benchkit

import (
	"syscall"
	"time"
)

// CPUTime returns the processor time the process has used, in user and
// system mode.
func CPUTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
