//go:build !unix

package benchkit

import "time"

// CPUTime returns 0: this system's processor time is not read.
func CPUTime() time.Duration { return 0 }
