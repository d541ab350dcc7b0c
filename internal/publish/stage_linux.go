package publish

import (
	"io"
	"io/fs"
	"os"
	"path"

	"golang.org/x/sys/unix"
)

// stage makes folders and writes new files in the staging folder through a
// descriptor of it, resolving each path in one openat2 call that follows no
// symbolic link and never leaves the folder. os.Root gives the same safety
// by opening every folder on the way, which is most of the system calls of
// a build that writes thousands of pages, each in a folder of its own.
type stage struct {
	dir *os.File
	fd  int
}

// newStage opens the folder name of root, or returns nil when the kernel
// has no openat2 (Linux before 5.6, or a sandbox that filters it): the
// caller then goes through root.
func newStage(root *os.Root, name string) *stage {
	dir, err := root.Open(name)
	if err != nil {
		return nil
	}
	s := &stage{dir: dir, fd: int(dir.Fd())}
	fd, err := s.open(".", unix.O_PATH|unix.O_DIRECTORY, 0)
	if err != nil {
		dir.Close()
		return nil
	}
	unix.Close(fd)
	return s
}

// open opens name, a slash path in the folder, with flags.
func (s *stage) open(name string, flags int, mode uint32) (int, error) {
	how := unix.OpenHow{
		Flags:   uint64(flags | unix.O_CLOEXEC),
		Mode:    uint64(mode),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	}
	for {
		fd, err := unix.Openat2(s.fd, name, &how)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// mkdir makes the folder name, a slash path in the staging folder whose
// parent exists.
func (s *stage) mkdir(name string) error {
	parent, base := path.Split(name)
	dirfd := s.fd
	if parent != "" {
		fd, err := s.open(parent, unix.O_PATH|unix.O_DIRECTORY, 0)
		if err != nil {
			return &fs.PathError{Op: "openat2", Path: parent, Err: err}
		}
		defer unix.Close(fd)
		dirfd = fd
	}
	for {
		err := unix.Mkdirat(dirfd, base, 0o755)
		if err == nil {
			return nil
		}
		if err != unix.EINTR {
			return &fs.PathError{Op: "mkdirat", Path: name, Err: err}
		}
	}
}

// writeFile creates the file name, a slash path in the staging folder
// whose folder exists, with data.
func (s *stage) writeFile(name string, data []byte) error {
	fd, err := s.open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
	if err != nil {
		return &fs.PathError{Op: "openat2", Path: name, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = unix.Write(fd, data)
		switch {
		case err == unix.EINTR:
			err = nil
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		data = data[max(n, 0):]
	}
	if cerr := unix.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return nil
}

// close releases the folder's descriptor.
func (s *stage) close() error { return s.dir.Close() }
