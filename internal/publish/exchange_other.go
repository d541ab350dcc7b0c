//go:build !linux

package publish

import (
	"errors"
	"io/fs"
)

// exchangeFolders swaps the folders at a and b in one step, which only Linux
// offers; elsewhere Commit falls back to two renames.
func exchangeFolders(a, b string) error {
	return &fs.PathError{Op: "exchange", Path: a, Err: errors.ErrUnsupported}
}

// cannotExchange reports whether err says that the system cannot swap two
// folders in one step.
func cannotExchange(err error) bool {
	return errors.Is(err, errors.ErrUnsupported)
}

// sameDevice reports whether two files are on the same file system; without
// a portable device number it assumes they are.
func sameDevice(a, b fs.FileInfo) bool {
	return true
}
