package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// limitError says that the system refused more watches: Run falls back to
// polling. Its message is the one-line warning shown to the user.
type limitError struct {
	err  error
	hint string
}

func (e *limitError) Error() string {
	return fmt.Sprintf("watch: %v: the system allows no more file watches, so changes are found by polling (slower); to raise the limit run: %s", e.err, e.hint)
}

// asLimit returns err as a *limitError if it is the system's refusal of
// more watches, or err unchanged.
func asLimit(err error, initializing bool) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return &limitError{err, "sudo sysctl fs.inotify.max_user_watches=524288"}
	case errors.Is(err, syscall.EMFILE) && initializing:
		return &limitError{err, "sudo sysctl fs.inotify.max_user_instances=1024 (or raise ulimit -n)"}
	case errors.Is(err, syscall.EMFILE):
		return &limitError{err, "ulimit -n 65536"}
	}
	return err
}

// notify feeds w.pending from file system notifications until ctx is done.
// It returns a *limitError when the system refuses more watches.
func (w *watcher) notify(ctx context.Context) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return asLimit(err, true)
	}
	defer fw.Close()

	if err := w.addTree(fw, ".", false); err != nil {
		return err
	}
	w.ready()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if err := w.handle(fw, ev); err != nil {
				return err
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("watch error", "err", err)
				continue
			}
			// Events were lost: report every watched file, so the next
			// rebuild misses nothing.
			w.log.Warn("watch events overflowed, rescanning", "root", w.scope.root)
			if err := w.addTree(fw, ".", true); err != nil {
				return err
			}
		}
	}
}

// handle turns one notification into reported paths and keeps the set of
// watched folders in step with the tree.
func (w *watcher) handle(fw *fsnotify.Watcher, ev fsnotify.Event) error {
	rel, ok := w.scope.relative(ev.Name)
	if !ok || w.scope.skipped(rel) {
		return nil
	}
	if ev.Op == fsnotify.Chmod && !touched(ev.Name) {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		unwatch(fw, ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			return w.addTree(fw, rel, true)
		}
	}
	w.report(rel)
	return nil
}

// addTree watches every folder under rel that needs it and, if report is
// set, reports what is there: a folder that appears may already hold files
// created before its watch was added.
func (w *watcher) addTree(fw *fsnotify.Watcher, rel string, report bool) error {
	err := w.scope.walk(rel,
		func(dir string) error {
			err := fw.Add(w.scope.abs(dir))
			if err == nil || errors.Is(err, os.ErrNotExist) {
				return nil
			}
			if limit := asLimit(err, false); limit != err {
				return limit
			}
			w.log.Warn("cannot watch folder", "path", dir, "err", err)
			return filepath.SkipDir
		},
		func(path string, _ os.DirEntry) {
			if report {
				w.report(path)
			}
		})
	switch {
	case err == nil:
		return nil
	case errors.As(err, new(*limitError)):
		return err
	case rel == ".":
		return fmt.Errorf("watching %s: %w", w.scope.root, err)
	}
	// A folder that vanished before it could be walked has nothing to watch.
	return nil
}

// unwatch drops the watches on path and below it: a folder renamed away
// keeps its watches (under stale names) unless they are removed.
func unwatch(fw *fsnotify.Watcher, path string) {
	prefix := path + string(filepath.Separator)
	for _, p := range fw.WatchList() {
		if p == path || strings.HasPrefix(p, prefix) {
			// The watch may already be gone with its folder.
			_ = fw.Remove(p)
		}
	}
}
