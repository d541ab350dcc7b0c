package watch

import (
	"testing"

	"golang.org/x/sys/unix"
)

// touch sets the file's times to now as touch(1) does, with UTIME_NOW,
// which os.Chtimes cannot express.
func touch(t *testing.T, name string) {
	t.Helper()
	now := unix.Timespec{Nsec: unix.UTIME_NOW}
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, name, []unix.Timespec{now, now}, 0); err != nil {
		t.Fatal(err)
	}
}
