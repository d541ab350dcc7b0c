//go:build !linux

package build

import (
	"io/fs"
	"os"
	"time"
)

// siteFS returns the file system of root and a function that releases it.
// Only Linux has a faster way to read a site's files (readfs_linux.go).
func siteFS(root *os.Root) (fs.FS, func()) { return root.FS(), func() {} }

// changedSince reports whether the file of info changed at or after t, as
// far as its modification time tells.
func changedSince(info fs.FileInfo, t time.Time) bool { return !info.ModTime().Before(t) }
