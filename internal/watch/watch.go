// Package watch reports changes to a site's source files in batches, so that
// one burst of edits gives one rebuild.
//
// It watches folders, not files, because editors save by writing a new file
// and renaming it over the old one: a watch on the old file would go with it.
// Folders are watched recursively, folders created later are added (and the
// files already inside them reported), removed ones are dropped. A file such
// as config.toml is watched through its parent folder. Editors' temporary,
// backup and lock files are ignored (see [ignore.Name]). Events are debounced by a
// quiet period that restarts on every event.
//
// Where the system refuses more watches (the inotify limits on Linux), Run
// says so through [Options.Warn], naming the fix, and keeps watching by
// polling; [Options.Poll] forces polling.
package watch

import (
	"context"
	"errors"
	"fmt"
	"github.com/treatyline/treatyline/internal/ignore"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Options configure [Run].
type Options struct {
	// Root is the site root.
	Root string
	// Paths are the folders (watched recursively) and files to watch,
	// relative to Root, such as "content", "templates" and "config.toml".
	// Missing ones are picked up when they are created. No Paths means all
	// of Root.
	Paths []string
	// Exclude lists folders that are never watched, absolute or relative to
	// Root: the output folder, so that a build never triggers another.
	Exclude []string
	// Ignore reports whether a file or folder name (not a path) is to be
	// ignored; nil means [ignore.Name].
	Ignore func(name string) bool
	// Poll forces polling instead of file system notifications.
	Poll bool
	// Interval is the polling interval; zero means 500ms.
	Interval time.Duration
	// Quiet is how long no event must arrive before a batch is reported;
	// every event restarts it. Zero means 50ms.
	Quiet time.Duration
	// Settle, when not zero, is the shorter quiet period of a change that
	// comes after a pause of at least Quiet: one save, reported as soon as
	// its own few events are over. Once the events of a batch span more
	// than Settle they are a burst, and Quiet applies again; so do changes
	// made while the last batch was being handled. Zero, or more than
	// Quiet, means Quiet.
	Settle time.Duration
	// Ready, when not nil, is called once, from Run's goroutines, as soon
	// as the initial watches are in place (or polling has taken its first
	// snapshot): a change made after it returns is reported. A caller that
	// tells the user it is watching should do so from here.
	Ready func()
	// Logger receives diagnostics about the watcher itself; nil discards them.
	Logger *slog.Logger
	// Warn receives one-line warnings meant for the user, such as the switch
	// to polling when the system refuses more watches; nil logs them.
	Warn func(msg string)
}

// Batch is one burst of changes.
type Batch struct {
	// Paths are the changed files and folders (created, written, removed or
	// renamed), as slash paths relative to the root, sorted and unique. A
	// folder that appears is listed with everything in it; a folder removed
	// or renamed away is listed by its own path, and its files may not be,
	// so a path stands for everything under it.
	Paths []string
}

// Run watches opts.Paths under opts.Root and calls onBatch once per burst of
// changes, after opts.Quiet has passed without a new event. onBatch is called
// from Run's goroutine, never concurrently with itself; changes that arrive
// while it runs are collected and give exactly one more call once it returns.
//
// Run blocks until ctx is done and then returns nil, after releasing every
// watch and goroutine it made; it returns an error if watching cannot start
// (Root cannot be read).
func Run(ctx context.Context, opts Options, onBatch func(Batch)) error {
	w, err := newWatcher(opts)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		wg     sync.WaitGroup
		srcErr error
	)
	// The source goroutine feeds w.pending; Run waits for it before returning.
	wg.Go(func() {
		srcErr = w.watch(ctx)
		cancel()
	})
	w.pending.run(ctx, onBatch)
	cancel()
	wg.Wait()
	return srcErr
}

// watcher is the state of one [Run].
type watcher struct {
	scope    scope
	poll     bool
	interval time.Duration
	log      *slog.Logger
	warn     func(string)
	ready    func() // [Options.Ready], made to run once
	pending  *debouncer
}

func newWatcher(opts Options) (*watcher, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", opts.Root, err)
	}
	w := &watcher{
		scope:    scope{root: root, ignore: opts.Ignore},
		poll:     opts.Poll,
		interval: opts.Interval,
		log:      opts.Logger,
		warn:     opts.Warn,
		pending:  newDebouncer(opts.Quiet, opts.Settle),
	}
	if w.scope.ignore == nil {
		w.scope.ignore = ignore.Name
	}
	if w.interval <= 0 {
		w.interval = 500 * time.Millisecond
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if w.warn == nil {
		w.warn = func(msg string) { w.log.Warn(msg) }
	}
	w.ready = func() {}
	if opts.Ready != nil {
		// Notifications that hit the watch limit fall back to polling,
		// which gets ready in turn: the caller hears it once.
		w.ready = sync.OnceFunc(opts.Ready)
	}
	for _, p := range opts.Paths {
		if rel, ok := w.scope.relative(p); ok {
			w.scope.paths = append(w.scope.paths, rel)
		}
	}
	for _, e := range opts.Exclude {
		if rel, ok := w.scope.relative(e); ok && rel != "." {
			w.scope.exclude = append(w.scope.exclude, rel)
		}
	}
	return w, nil
}

// watch feeds w.pending until ctx is done, with notifications where the
// system allows them and by polling otherwise.
func (w *watcher) watch(ctx context.Context) error {
	if !w.poll {
		err := w.notify(ctx)
		var limit *limitError
		if !errors.As(err, &limit) {
			return err
		}
		w.warn(limit.Error())
	}
	return w.pollLoop(ctx)
}

// report records a change at rel if it lies in the watched scope.
func (w *watcher) report(rel string) {
	if w.scope.contains(rel) {
		w.pending.add(rel)
	}
}

// scope decides which paths under root matter. Every path it takes is a
// slash path relative to root, "." for root itself.
type scope struct {
	root    string
	paths   []string // empty: all of root
	exclude []string
	ignore  func(name string) bool
}

// relative turns p (absolute, or relative to root) into a slash path
// relative to root; ok is false for a path outside root.
func (s *scope) relative(p string) (rel string, ok bool) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(s.root, p)
	}
	r, err := filepath.Rel(s.root, p)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

func (s *scope) abs(rel string) string {
	return filepath.Join(s.root, filepath.FromSlash(rel))
}

// within reports whether rel is dir or lies under it.
func within(rel, dir string) bool {
	return dir == "." || rel == dir || strings.HasPrefix(rel, dir+"/")
}

// skipped reports whether rel is excluded or has an ignored name in it.
func (s *scope) skipped(rel string) bool {
	if rel == "." {
		return false
	}
	for _, e := range s.exclude {
		if within(rel, e) {
			return true
		}
	}
	for name := range strings.SplitSeq(rel, "/") {
		if s.ignore(name) {
			return true
		}
	}
	return false
}

// contains reports whether a change at rel is to be reported.
func (s *scope) contains(rel string) bool {
	if s.skipped(rel) {
		return false
	}
	if len(s.paths) == 0 {
		return rel != "."
	}
	for _, p := range s.paths {
		if within(rel, p) {
			return true
		}
	}
	return false
}

// leadsIn reports whether a folder at rel must be watched: it is in scope,
// or the creation of a watched path inside it has to be seen.
func (s *scope) leadsIn(rel string) bool {
	if s.skipped(rel) {
		return false
	}
	if rel == "." || s.contains(rel) {
		return true
	}
	for _, p := range s.paths {
		if strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

// walk visits the folders to watch under rel (rel included, if it is a
// folder) and the entries in scope below them: dir is called on a folder
// before its entries are read, so that a watch added there misses nothing;
// entry is called on every file and folder in scope, rel included. Entries
// that vanish or cannot be read during the walk are skipped; only a failure
// on rel itself is returned.
func (s *scope) walk(rel string, dir func(rel string) error, entry func(rel string, d os.DirEntry)) error {
	start := s.abs(rel)
	return filepath.WalkDir(start, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if p == start {
				return err
			}
			return nil
		}
		r, ok := s.relative(p)
		if !ok {
			return filepath.SkipDir
		}
		if d.IsDir() {
			if !s.leadsIn(r) {
				return filepath.SkipDir
			}
			if err := dir(r); err != nil {
				return err
			}
		}
		if s.contains(r) {
			entry(r, d)
		}
		return nil
	})
}
