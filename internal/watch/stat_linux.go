package watch

import (
	"os"
	"syscall"
)

// inode returns fi's inode number.
func inode(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}

// touched reports whether the file at name had its modification time set
// by its last metadata change, as touch does, rather than only its
// permissions or owner: the kernel then sets mtime and ctime to one instant.
// Only the metadata event tells the two apart, and a touch is how users ask
// for a rebuild.
func touched(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Mtim == st.Ctim
}
