//go:build !unix

package benchkit

import "time"

// cpuTime returns 0: this system's processor time is not read.
func cpuTime() time.Duration { return 0 }
