//go:build !linux

package watch

import "os"

// inode returns 0: polling then compares modification times and sizes only.
func inode(os.FileInfo) uint64 { return 0 }

// touched reports false: without a portable ctime, a metadata-only event is
// taken as a chmod and ignored.
func touched(string) bool { return false }
