package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/publish"
	"github.com/treatyline/treatyline/internal/render"
	"github.com/treatyline/treatyline/internal/timeline"
)

// Builder builds one site again and again, as watch and serve do. It keeps
// the site it loaded last, so that [Builder.Rebuild] re-reads only the
// files that changed and renders only the pages that show them. A Builder
// serves one build at a time.
type Builder struct {
	opts Options
	// cache is nil for a build that no rebuild follows: see buildOnce.
	cache *content.Cache
	last  *built // the last good build; nil before one
	// current is true when last is what the cache's last load read: no
	// load since reported an error or went unpublished.
	current bool
	// bodyRebuilds counts the rebuilds that took editBodies' way, so that
	// tests can tell which way a rebuild took.
	bodyRebuilds int
	// reads, when not nil, logs every file a build reads; readsDone, when
	// not nil, is called once a full build has read all it reads, before it
	// renders.
	reads     *readLog
	readsDone func()
}

// built is what a rebuild compares the site with: the last good build.
type built struct {
	out      string
	asOf     date.Date
	config   content.Config
	records  [sha256.Size]byte // config and treaty records, see content.Cache
	theme    *render.Theme
	articles map[string]*content.Article // by slug
	pages    map[string]render.Page      // by path, for their dependencies
	files    *publish.Files              // what the output folder's marker lists
	diags    diag.List                   // the load's warnings
}

// New returns a Builder for the site that opts describe.
func New(opts Options) *Builder {
	return &Builder{opts: opts, cache: content.NewCache()}
}

// Build reads the whole site afresh, renders every page and publishes the
// result. Like the package's Build, it writes nothing when there is any
// error.
func (b *Builder) Build(ctx context.Context) (Stats, diag.List, error) {
	b.cache, b.last, b.current = content.NewCache(), nil, false
	return b.run(ctx, true)
}

// buildOnce is [Builder.Build] for a build that no rebuild follows. It
// keeps nothing for one: what only a rebuild reads (the load's cache, the
// indexes of articles and pages) is never made: about a tenth of what a
// build holds while it renders.
func buildOnce(ctx context.Context, opts Options) (Stats, diag.List, error) {
	return (&Builder{opts: opts}).run(ctx, true)
}

// Rebuild brings the output up to date after the files at changed (slash
// paths relative to the site root; folders stand for what they hold)
// changed, were created or were removed. It reads only those files and
// renders the pages whose inputs differ from the last good build; the
// output is byte for byte what Build would make of the same files. A
// change to config.toml or templates/, or a first build, renders
// everything. On errors nothing is written, and the next Rebuild still
// compares with the last good build.
//
// Edits of known articles below their front matter that leave what other
// pages show of them as it was take a shorter way: only those files are
// read, and the last build's site and page list stand as they are.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (Stats, diag.List, error) {
	full := b.last == nil
	for _, p := range changed {
		if p == "config.toml" || p == "templates" || strings.HasPrefix(p, "templates/") {
			full = true
		}
	}
	if !full && b.current {
		if stats, diags, ok, err := b.editBodies(ctx, changed); ok {
			return stats, diags, err
		}
	}
	b.cache.Forget(changed...)
	return b.run(ctx, full)
}

func (b *Builder) now() time.Time {
	if b.opts.Now == nil {
		return time.Now()
	}
	return b.opts.Now()
}

func (b *Builder) run(ctx context.Context, full bool) (Stats, diag.List, error) {
	start := b.now()
	b.current = false
	site, diags := load(b.opts, b.cache, b.reads)
	if diags.HasErrors() {
		return Stats{}, diags, nil
	}
	stats, err := b.publish(ctx, site, diags, full)
	stats.Duration = b.now().Sub(start)
	return stats, diags, err
}

// editBodies is Rebuild's way for edits of the article files at changed
// that leave their front matter, and all that pages other than their own
// show of them, as the last build had it: it renders those articles' own
// pages again, and nothing else. ok is false, with nothing done but the
// cache brought up to date, when the edits need more.
func (b *Builder) editBodies(ctx context.Context, changed []string) (stats Stats, diags diag.List, ok bool, err error) {
	start := b.now()
	root, err := os.OpenRoot(b.opts.Source)
	if err != nil {
		return stats, nil, false, nil
	}
	// Read as a full load reads, so both see the same files.
	fsys, release := siteFS(root)
	articles, ok := b.cache.RereadBodies(fsys, content.LoadOptions{Drafts: b.opts.Drafts}, changed)
	release()
	root.Close()
	if !ok {
		return stats, nil, false, nil
	}
	last := b.last
	var todo []render.Page
	var edited []*content.Article
	for _, a := range articles {
		old := last.articles[a.Slug]
		if old == nil || old.File != a.File || !sameFacts(old, a) {
			return stats, nil, false, nil
		}
		if sameBody(old, a) {
			// The page stays as it is, and so does the article it was
			// made for, whose annotations it knows.
			continue
		}
		p, ok := last.pages[link.File(link.Article(a.Slug))].EditBody(old, a)
		if !ok {
			return stats, nil, false, nil
		}
		todo, edited = append(todo, p), append(edited, a)
	}

	stats = Stats{Pages: len(last.pages), Rendered: len(todo), Output: last.out, AsOf: last.asOf}
	ps, tx, err := b.write(ctx, last, last.out, slices.Clone(todo), nil, false)
	stats.Written, stats.Unchanged, stats.Removed = ps.Written, ps.Unchanged, ps.Removed
	stats.Duration = b.now().Sub(start)
	if err != nil {
		// The cache has read the edits, the output may not show them.
		b.current = false
		return stats, nil, true, err
	}
	for i, p := range todo {
		last.pages[p.Path] = p
		last.articles[edited[i].Slug] = edited[i]
	}
	last.files = tx.Files()
	b.bodyRebuilds++
	return stats, slices.Clone(last.diags), true, nil
}

func (b *Builder) publish(ctx context.Context, site *content.Site, diags diag.List, full bool) (Stats, error) {
	out, err := b.opts.OutputDir(site.Config)
	if err != nil {
		return Stats{}, err
	}
	keep := b.cache != nil
	next := &built{out: out, asOf: b.opts.asOf(site.Config), config: site.Config, diags: diags}
	if keep {
		next.records = b.cache.Records()
		next.articles = make(map[string]*content.Article, len(site.Articles))
		for _, a := range site.Articles {
			next.articles[a.Slug] = a
		}
	}
	last := b.last
	full = full || last == nil || last.out != next.out || last.asOf != next.asOf ||
		last.config != next.config || last.records != next.records
	stats := Stats{Output: out, AsOf: next.asOf}

	if full {
		if next.theme, err = loadTheme(b.opts.Source, site, b.reads); err != nil {
			return stats, err
		}
		if b.readsDone != nil {
			b.readsDone()
		}
	} else {
		next.theme = last.theme
	}
	var todo []render.Page
	if edited, ok := last.bodyEdits(next, full); ok {
		// Only article texts changed: the timeline and every other page
		// are the last build's.
		todo = edited
		next.pages = maps.Clone(last.pages)
		for _, p := range edited {
			next.pages[p.Path] = p
		}
		stats.Pages = len(next.pages)
	} else {
		tl := timeline.Build(site, next.asOf)
		pages := render.Pages(site, tl, next.theme, render.ListOptions{Deps: keep})
		stats.Pages = len(pages)
		if keep {
			next.pages = make(map[string]render.Page, len(pages))
			for _, p := range pages {
				next.pages[p.Path] = p
			}
		}
		todo = pages
		if !full {
			todo = last.stale(next, pages)
		}
	}
	stats.Rendered = len(todo)

	var gone []string
	if !full {
		for p := range last.pages {
			if _, ok := next.pages[p]; !ok {
				gone = append(gone, p)
			}
		}
	}
	ps, tx, err := b.write(ctx, last, out, todo, gone, full)
	stats.Written, stats.Unchanged, stats.Removed = ps.Written, ps.Unchanged, ps.Removed
	if err == nil && full {
		stats.sizes = tx.Sizes()
	}
	if err == nil && keep {
		next.files = tx.Files()
		b.last, b.current = next, true
	}
	return stats, err
}

// write renders the pages todo into the output folder out and removes the
// pages gone from it: all at once when full, otherwise leaving the other
// pages of the last build as they are. It returns the committed
// transaction, which knows the files it wrote. When the commit fails, the
// output may be half updated, and the next build renders it all.
func (b *Builder) write(ctx context.Context, last *built, out string, todo []render.Page, gone []string, full bool) (publish.Stats, *publish.Tx, error) {
	src, err := filepath.Abs(b.opts.Source)
	if err != nil {
		return publish.Stats{}, nil, err
	}
	popts := publish.Options{SiteRoot: src, Logger: b.opts.Logger, Partial: !full}
	if last != nil && last.out == out {
		popts.Files = last.files
	}
	tx, err := publish.Begin(out, popts)
	if err != nil {
		return publish.Stats{}, nil, err
	}
	// Pages replaced in place leave the folder half updated for a moment:
	// its record of inputs must go first. A full build swaps the folder in
	// one step, and a build killed before the swap leaves the old folder,
	// record and all.
	if !full {
		if err := forgetRecord(out); err != nil {
			return publish.Stats{}, nil, errors.Join(err, tx.Abort())
		}
	}
	for _, p := range gone {
		tx.Remove(p)
	}
	if err := renderAll(ctx, todo, tx, b.opts.Progress); err != nil {
		return publish.Stats{}, nil, errors.Join(err, tx.Abort())
	}
	ps, err := tx.Commit()
	if err != nil {
		b.last = nil
		return ps, nil, err
	}
	return ps, tx, nil
}

// stale returns the pages of next that may differ from their rendering in
// the last build b. The config, the theme, the as-of date and the treaty
// records are the same in both, since anything else renders everything; so
// what differs are articles. An article's page shows its body; every other
// page shows at most an article's front matter, annotations and references,
// and says which articles it shows in its dependencies. Global pages show
// them all.
func (b *built) stale(next *built, pages []render.Page) []render.Page {
	changed := map[string]bool{} // articles whose front matter or references differ
	body := map[string]bool{}    // articles whose body differs
	for slug, a := range next.articles {
		old := b.articles[slug]
		switch {
		case old == a:
		case old == nil || !sameFacts(old, a):
			changed[slug] = true
		case !sameBody(old, a):
			body[slug] = true
		}
	}
	for slug := range b.articles {
		if next.articles[slug] == nil {
			changed[slug] = true
		}
	}
	shape := len(b.pages) != len(next.pages)
	for p := range b.pages {
		if _, ok := next.pages[p]; !ok {
			shape = true
		}
	}

	var out []render.Page
	for _, p := range pages {
		old, ok := b.pages[p.Path]
		var stale bool
		switch {
		case !ok:
			stale = true
		case p.Global:
			stale = shape || len(changed) > 0
		default:
			stale = p.Nav != old.Nav || !slices.Equal(p.Treaties, old.Treaties) || !slices.Equal(p.Articles, old.Articles) ||
				slices.ContainsFunc(p.Articles, func(slug string) bool { return changed[slug] }) ||
				len(p.Articles) == 1 && body[p.Articles[0]] && p.Path == link.File(link.Article(p.Articles[0]))
		}
		if stale {
			out = append(out, p)
		}
	}
	return out
}

// bodyEdits returns the pages to render when next differs from the last
// build b in the bodies of articles alone: their own pages, made again. ok
// is false when anything else may differ, full or not: the set of articles,
// or an article's front matter, events, annotations or references.
func (b *built) bodyEdits(next *built, full bool) (edited []render.Page, ok bool) {
	if full || b == nil || len(b.articles) != len(next.articles) {
		return nil, false
	}
	for slug, a := range next.articles {
		old := b.articles[slug]
		if old == a {
			continue
		}
		if old == nil || !sameFacts(old, a) {
			return nil, false
		}
		p, ok := b.pages[link.File(link.Article(slug))].EditBody(old, a)
		if !ok {
			return nil, false
		}
		edited = append(edited, p)
	}
	return edited, true
}

// sameBody reports whether two versions of an article have the same body.
func sameBody(a, b *content.Article) bool {
	return a.Body.Sum == b.Body.Sum
}

// sameFacts reports whether two versions of an article agree on all but
// their bodies and positions: whether pages other than the article's own
// show them alike.
func sameFacts(a, b *content.Article) bool {
	return reflect.DeepEqual(facts(a), facts(b))
}

// facts is a copy of a without its body and positions.
func facts(a *content.Article) content.Article {
	c := *a
	c.Body = nil
	c.Events = make([]*content.Event, len(a.Events))
	for i, ev := range a.Events {
		e := *ev
		e.Pos = diag.Pos{}
		c.Events[i] = &e
	}
	c.Annotations = make([]*content.Annotation, len(a.Annotations))
	for i, an := range a.Annotations {
		n := *an
		n.Node = nil
		c.Annotations[i] = &n
	}
	return c
}
