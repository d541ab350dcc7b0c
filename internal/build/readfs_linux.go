package build

import (
	"io/fs"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// readFS is the site root's file system with a faster ReadFile. os.Root
// opens every folder on the way to a file, through os.File; reading the
// thousands of articles of a site that way costs three times the system
// calls of one openat2 that keeps to the root (RESOLVE_BENEATH: symbolic
// links may be followed while they stay inside, as os.Root allows). When
// openat2 refuses a path, or is missing, the read goes through root, so
// errors are root's own.
type readFS struct {
	rootFS
	dir int // the root's descriptor
}

// siteFS returns the file system of root and a function that releases it,
// to call before root is closed.
func siteFS(root *os.Root) (fs.FS, func()) {
	rfs, ok := root.FS().(rootFS)
	if !ok {
		return root.FS(), func() {}
	}
	dir, err := root.Open(".")
	if err != nil {
		return rfs, func() {}
	}
	return readFS{rfs, int(dir.Fd())}, func() { dir.Close() }
}

// ReadFile reads the file name of the site.
func (r readFS) ReadFile(name string) ([]byte, error) { return r.ReadFileBuffer(name, nil) }

// ReadFileBuffer is ReadFile reading into buf when the file fits.
func (r readFS) ReadFileBuffer(name string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return r.rootFS.ReadFile(name)
	}
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH}
	fd, err := unix.Openat2(r.dir, name, &how)
	if err != nil {
		return r.rootFS.ReadFile(name)
	}
	data, err := readAll(fd, buf)
	unix.Close(fd)
	if err != nil {
		return r.rootFS.ReadFile(name)
	}
	return data, nil
}

// readAll reads the regular file open at fd into buf, or into a buffer
// sized by fstat as os.ReadFile does when buf is too small; anything else
// is left to os.Root.
func readAll(fd int, buf []byte) ([]byte, error) {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fs.ErrInvalid
	}
	// One byte to spare finds the end with no second buffer.
	data := buf[:0]
	if int64(cap(data)) < st.Size+1 {
		data = make([]byte, 0, st.Size+1)
	}
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, err
		case n == 0:
			return data, nil
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// changedSince reports whether the file of info changed at or after t: its
// inode's change time, which a write, a rename and a new link all set, and
// which no program can set back.
func changedSince(info fs.FileInfo, t time.Time) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	return !time.Unix(st.Ctim.Unix()).Before(t)
}
