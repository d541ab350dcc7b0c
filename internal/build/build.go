// Package build glues the core together: it loads a site, computes its
// timeline, renders every page on all cores and publishes the result to the
// output folder in one step.
package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/publish"
	"github.com/treatyline/treatyline/internal/render"
)

// Options configure a build.
type Options struct {
	// Source is the site root, the folder that holds config.toml.
	Source string
	// Output overrides the config's output_dir; relative paths are taken
	// from the working folder.
	Output string
	// AsOf overrides the config's as_of; Fallback is used when neither is
	// set (SOURCE_DATE_EPOCH or today, resolved by the caller).
	AsOf, Fallback date.Date
	// BaseURL overrides the config's base_url when not empty.
	BaseURL string
	Drafts  bool
	Logger  *slog.Logger
	// Now measures durations; nil means time.Now.
	Now func() time.Time
	// Progress, when not nil, is called with the number of pages rendered
	// so far and the number of pages in all: once with 0 when rendering
	// starts, then after each page. It is called from the render workers,
	// concurrently, so it must be cheap and safe for concurrent use; done
	// may arrive out of order.
	Progress func(done, total int)
}

// Stats describe one build.
type Stats struct {
	Pages     int // files the site consists of
	Written   int
	Unchanged int
	Removed   int
	Duration  time.Duration
	Rendered  int    // pages rendered; a rebuild leaves the others alone
	Output    string // the output folder
	AsOf      date.Date
	// sizes are the files of a full build's output folder, but the
	// user's, with their sizes.
	sizes map[string]int64
}

func (s Stats) String() string {
	return fmt.Sprintf("%d pages: %d written, %d unchanged, %d removed in %s",
		s.Pages, s.Written, s.Unchanged, s.Removed, s.Duration.Round(time.Millisecond))
}

// Load reads and checks the site at opts.Source. The diagnostics include
// warnings; the site is nil when they include an error.
func Load(opts Options) (*content.Site, diag.List) { return load(opts, nil, nil) }

// load is Load keeping what it reads in cache and logging it in reads,
// each when not nil.
func load(opts Options, cache *content.Cache, reads *readLog) (*content.Site, diag.List) {
	root, err := os.OpenRoot(opts.Source)
	if err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: "config.toml"}, Msg: fmt.Sprintf("opening site root: %v", err)}}
	}
	defer root.Close()
	fsys, release := siteFS(root)
	defer release()
	fsys = logReads(fsys, reads, "")
	site, diags := content.Load(fsys, content.LoadOptions{Drafts: opts.Drafts, Cache: cache})
	if site != nil && opts.BaseURL != "" {
		site.Config.BaseURL = opts.BaseURL
		if site.Config.BaseURL[len(site.Config.BaseURL)-1] != '/' {
			site.Config.BaseURL += "/"
		}
	}
	return site, diags
}

// AsOf returns the status date of a build: the flag, else the config's
// as_of, else the fallback.
func (o Options) asOf(cfg content.Config) date.Date {
	switch {
	case !o.AsOf.IsZero():
		return o.AsOf
	case !cfg.AsOf.IsZero():
		return cfg.AsOf
	}
	return o.Fallback
}

// OutputDir returns the absolute output folder for the site's config.
func (o Options) OutputDir(cfg content.Config) (string, error) {
	dir := o.Output
	switch {
	case dir != "":
	case filepath.IsAbs(filepath.FromSlash(cfg.OutputDir)):
		dir = filepath.FromSlash(cfg.OutputDir)
	default:
		dir = filepath.Join(o.Source, filepath.FromSlash(cfg.OutputDir))
	}
	return filepath.Abs(dir)
}

// Build loads, renders and publishes the site. Diagnostics (errors and
// warnings) come back in the list; on any error nothing is written. The
// error result is for failures other than content errors, such as an
// unwritable output folder.
//
// A build of the same inputs as the last complete one, into an output
// folder whose files are all as it left them, writes nothing and renders
// nothing: it reports every page unchanged. The output folder keeps a
// record of the inputs for that.
func Build(ctx context.Context, opts Options) (Stats, diag.List, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	out, ok := outputFolder(opts)
	if !ok {
		// No output folder to hold a record: the build reports why.
		return buildOnce(ctx, opts)
	}
	rec, ok := usableRecord(out)
	if !ok {
		// Nothing to compare with: the record of this build is made from
		// the files as it read them, each read once. It is made while the
		// pages render, once the build has read all it reads.
		reads := newReadLog(time.Now())
		var digest func() (string, bool)
		b := &Builder{opts: opts, reads: reads}
		b.readsDone = func() { digest = digestInputs(opts, out, reads) }
		stats, diags, err := b.run(ctx, true)
		if digest != nil {
			d, ok := digest()
			if ok && recordable(stats, diags, err, out) {
				keepRecord(opts, stats, d)
			}
		}
		return stats, diags, err
	}
	// The inputs are digested alongside the build, from its start, so that
	// an edit made while the build runs leaves a record that no longer
	// matches: digested at the end, the edit would be recorded as built.
	digest := digestInputs(opts, out, nil)
	defer digest()
	if stats, ok := upToDate(out, rec, digest); ok {
		stats.Duration = now().Sub(start)
		return stats, nil, nil
	}
	stats, diags, err := buildOnce(ctx, opts)
	if recordable(stats, diags, err, out) {
		if d, ok := digest(); ok {
			keepRecord(opts, stats, d)
		}
	}
	return stats, diags, err
}

// recordable reports whether a build that gave stats, diags and err into
// out leaves a record of its inputs. Warnings are shown by every build, so
// a site with warnings is always built.
func recordable(stats Stats, diags diag.List, err error, out string) bool {
	return err == nil && len(diags) == 0 && stats.Output == out
}

// keepRecord writes the record of a build; one that cannot be written only
// costs the next build its shortcut.
func keepRecord(opts Options, stats Stats, digest string) {
	if err := writeRecord(stats, digest); err != nil && opts.Logger != nil {
		opts.Logger.Warn("recording the build's inputs", "err", err)
	}
}

// loadTheme loads the site's theme, logging the templates it reads in
// reads when not nil.
func loadTheme(source string, site *content.Site, reads *readLog) (*render.Theme, error) {
	var opts render.Options
	if site.Templates {
		opts.Templates = logReads(os.DirFS(filepath.Join(source, "templates")), reads, "templates")
	}
	return render.LoadTheme(opts)
}

// maxKeptBuffer bounds the buffer a render worker keeps between pages.
const maxKeptBuffer = 1 << 20

// renderWorkers is the number of render workers per core. Writing a page
// can wait on the kernel, for the lock of a folder that the other workers
// are adding to; a spare worker renders meanwhile.
const renderWorkers = 2

// renderAll renders pages on every core and hands each to tx as it is done,
// so no more than a page per worker is held in memory at once, and reports
// each page to progress when it is not nil. The output does not depend on
// the order: tx keys files by path. It clears pages as it hands them out,
// so that what only one page needs is freed once that page is rendered.
func renderAll(ctx context.Context, pages []render.Page, tx *publish.Tx, progress func(done, total int)) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan render.Page)
	var wg sync.WaitGroup
	var done atomic.Int64
	if progress != nil {
		progress(0, len(pages))
	}
	for range renderWorkers * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range next {
				buf.Reset()
				w := &pageWriter{tx: tx, path: p.Path, buf: &buf, limit: maxKeptBuffer}
				err := renderPage(p, w)
				if cerr := w.close(err == nil); err == nil {
					err = cerr
				}
				if err != nil {
					cancel(err)
				}
				if buf.Cap() > maxKeptBuffer {
					// A page just under the limit should not keep its
					// memory for the small ones that follow.
					buf = bytes.Buffer{}
				}
				if progress != nil {
					progress(int(done.Add(1)), len(pages))
				}
			}
		})
	}
feed:
	for i, p := range pages {
		pages[i] = render.Page{}
		select {
		case next <- p:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// renderPage renders one page. A panic in a template or renderer is a bug,
// but it must not take the previous output with it: it becomes an error
// naming the page.
func renderPage(p render.Page, w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering %s: internal error: %v", p.Path, r)
		}
	}()
	if err := p.Render(w); err != nil {
		return fmt.Errorf("rendering %s: %w", p.Path, err)
	}
	return nil
}

// pageWriter hands a page to the output: in one piece when it fits in buf
// up to limit bytes, as nearly every page does, else as it is written, so
// that an export of a large site, hundreds of megabytes, is never whole in
// memory.
type pageWriter struct {
	tx    *publish.Tx
	path  string
	buf   *bytes.Buffer
	limit int
	file  *publish.File // once the page outgrew buf
}

func (w *pageWriter) Write(p []byte) (int, error) {
	if w.file == nil && w.buf.Len()+len(p) <= w.limit {
		return w.buf.Write(p)
	}
	if err := w.spill(); err != nil {
		return 0, err
	}
	return w.file.Write(p)
}

// WriteString and WriteByte spare the renderers a buffer of their own.
func (w *pageWriter) WriteString(s string) (int, error) {
	if w.file == nil && w.buf.Len()+len(s) <= w.limit {
		return w.buf.WriteString(s)
	}
	if err := w.spill(); err != nil {
		return 0, err
	}
	return w.file.WriteString(s)
}

func (w *pageWriter) WriteByte(c byte) error {
	if w.file == nil && w.buf.Len() < w.limit {
		return w.buf.WriteByte(c)
	}
	if err := w.spill(); err != nil {
		return err
	}
	return w.file.WriteByte(c)
}

// spill moves the page to a file of the output, once.
func (w *pageWriter) spill() error {
	if w.file != nil {
		return nil
	}
	f, err := w.tx.Create(w.path)
	if err != nil {
		return err
	}
	w.file = f
	_, err = f.Write(w.buf.Bytes())
	w.buf.Reset()
	return err
}

// close completes the page when it rendered, or lets go of its file.
func (w *pageWriter) close(rendered bool) error {
	switch {
	case w.file != nil:
		return w.file.Close()
	case rendered:
		return w.tx.Put(w.path, w.buf.Bytes())
	}
	return nil
}
