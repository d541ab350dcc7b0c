package build

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"sync"
	"time"
)

// readLog keeps the digest of every file a build reads, so that the record
// of its inputs can be made without reading them all a second time, and
// from the very bytes the build used.
type readLog struct {
	start time.Time // when the build began, before it read anything
	mu    sync.Mutex
	files map[string]fileSum // by slash path from the site root
	// incomplete is set when the log may miss a read, or a file was read
	// twice with different bytes, of which the build may have used both.
	incomplete bool
}

type fileSum struct {
	sum  [sha256.Size]byte
	size int
}

func newReadLog(start time.Time) *readLog {
	return &readLog{start: start, files: map[string]fileSum{}}
}

func (r *readLog) add(name string, data []byte) {
	s := fileSum{sha256.Sum256(data), len(data)}
	r.mu.Lock()
	if old, ok := r.files[name]; ok && old != s {
		r.incomplete = true
	}
	r.files[name] = s
	r.mu.Unlock()
}

// rootFS is what os.Root.FS gives: the loader reads folders, stats files
// and links as well as reading files.
type rootFS interface {
	fs.ReadDirFS
	fs.ReadFileFS
	fs.StatFS
	fs.ReadLinkFS
}

// loggingFS is a site file system that adds each file it reads in full to
// a readLog, under its path from the site root: prefix (a folder's, with
// its slash) and name.
type loggingFS struct {
	rootFS
	log    *readLog
	prefix string
}

// logReads returns fsys reporting its reads to log under prefix, or fsys
// itself when log is nil or fsys cannot be wrapped whole, in which case
// the log is incomplete.
func logReads(fsys fs.FS, log *readLog, prefix string) fs.FS {
	if log == nil {
		return fsys
	}
	rfs, ok := fsys.(rootFS)
	if !ok {
		log.mu.Lock()
		log.incomplete = true
		log.mu.Unlock()
		return fsys
	}
	return loggingFS{rfs, log, prefix}
}

func (l loggingFS) ReadFile(name string) ([]byte, error) {
	data, err := l.rootFS.ReadFile(name)
	if err == nil {
		l.log.add(path.Join(l.prefix, name), data)
	}
	return data, err
}

// ReadFileBuffer reads into buf as the wrapped file system does, if it can.
func (l loggingFS) ReadFileBuffer(name string, buf []byte) ([]byte, error) {
	bfs, ok := l.rootFS.(bufferFS)
	if !ok {
		return l.ReadFile(name)
	}
	data, err := bfs.ReadFileBuffer(name, buf)
	if err == nil {
		l.log.add(path.Join(l.prefix, name), data)
	}
	return data, err
}
