package publish

import (
	"errors"
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps the folders at a and b in one step.
func exchangeFolders(a, b string) error {
	if err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE); err != nil {
		return &fs.PathError{Op: "renameat2 RENAME_EXCHANGE", Path: a, Err: err}
	}
	return nil
}

// cannotExchange reports whether err says that the kernel or the file system
// does not know RENAME_EXCHANGE, as opposed to a failure of the swap itself.
func cannotExchange(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP)
}

// sameDevice reports whether two files are on the same file system.
func sameDevice(a, b fs.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Dev == sb.Dev
}
