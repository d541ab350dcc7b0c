package markdown

import (
	"fmt"
	"os"
	"sync"
)

// A site's rendered bodies are most of what a build holds: ten thousand
// articles make over a hundred megabytes of HTML that stays needed until
// their pages render. They go to a temporary file, removed from its
// folder as soon as it is made, so the operating system's page cache holds
// them instead of the heap, and the file vanishes when the process ends,
// whatever way it ends. Without a usable temporary folder bodies stay in
// memory.

// spill is an append-only store of bodies in an unlinked file. It is safe
// for concurrent use; the file closes when the last Doc using it is
// garbage (os.File closes itself then).
type spill struct {
	f    *os.File
	mu   sync.Mutex
	size int64
	bufs sync.Pool // of *[]byte, for reading bodies back
}

// newSpill makes the store, or returns nil when no temporary file can be
// made or unlinked.
func newSpill() *spill {
	f, err := os.CreateTemp("", "treatyline-bodies-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil
	}
	return &spill{f: f}
}

// put stores b and returns its offset, or ok false when it cannot; s may
// be nil, which stores nothing.
func (s *spill) put(b []byte) (off int64, ok bool) {
	if s == nil {
		return 0, false
	}
	s.mu.Lock()
	off = s.size
	s.size += int64(len(b))
	s.mu.Unlock()
	// Writers own disjoint ranges, so they need not hold the lock.
	_, err := s.f.WriteAt(b, off)
	return off, err == nil
}

// read calls fn with the n bytes at off. They are fn's only during the
// call.
func (s *spill) read(off int64, n int, fn func([]byte) error) error {
	bp, _ := s.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer s.bufs.Put(bp)
	if cap(*bp) < n {
		*bp = make([]byte, n)
	}
	b := (*bp)[:n]
	if _, err := s.f.ReadAt(b, off); err != nil {
		return fmt.Errorf("reading a rendered body back: %w", err)
	}
	return fn(b)
}
