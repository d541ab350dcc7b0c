//go:build !linux

package build

import (
	"io/fs"
	"os"
)

// siteFS returns the file system of root and a function that releases it.
// Only Linux has a faster way to read a site's files (readfs_linux.go).
func siteFS(root *os.Root) (fs.FS, func()) { return root.FS(), func() {} }
