package watch

import (
	"context"
	"os"
	"time"
)

// fileState is what polling compares to see a change: a write changes the
// modification time or the size, a rename over the file changes the inode.
// Permissions are left out, so a chmod alone is no change.
type fileState struct {
	mod   time.Time
	size  int64
	inode uint64
	dir   bool
}

// snapshot records the state of every file and folder in scope.
func (w *watcher) snapshot() (map[string]fileState, error) {
	snap := map[string]fileState{}
	err := w.scope.walk(".", func(string) error { return nil }, func(rel string, d os.DirEntry) {
		fi, err := d.Info()
		if err != nil {
			return
		}
		st := fileState{dir: fi.IsDir()}
		if !st.dir { // a folder's own times change with its entries, which are reported themselves
			st.mod, st.size, st.inode = fi.ModTime(), fi.Size(), inode(fi)
		}
		snap[rel] = st
	})
	return snap, err
}

// pollLoop feeds w.pending by comparing snapshots every w.interval until ctx
// is done.
func (w *watcher) pollLoop(ctx context.Context) error {
	prev, err := w.snapshot()
	if err != nil {
		return err
	}
	w.ready()
	tick := time.NewTicker(w.interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		cur, err := w.snapshot()
		if err != nil {
			// The root is gone for now: everything under it changed.
			w.log.Warn("polling", "err", err)
		}
		for rel, st := range cur {
			if old, ok := prev[rel]; !ok || old != st {
				w.report(rel)
			}
		}
		for rel := range prev {
			if _, ok := cur[rel]; !ok {
				w.report(rel)
			}
		}
		prev = cur
	}
}
