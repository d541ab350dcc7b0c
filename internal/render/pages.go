package render

import (
	"bytes"
	"io"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/export"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/markdown"
	"github.com/treatyline/treatyline/internal/timeline"
)

// Page is one file of the built site, not yet rendered.
//
// Treaties, Articles and Global say what the page shows, for incremental
// rebuilds: a change to a treaty record or an article affects the pages that
// name it, in the page list before the change or after it, and every Global
// page. Every page also depends on the config, the as-of date and the theme;
// a page with no dependencies at all (an asset, 404.html) depends on those
// alone.
type Page struct {
	Path     string   // output file, a slash path: "treaties/new-start/index.html"
	Treaties []string // ids of the treaty records it shows, sorted
	Articles []string // slugs of the articles it shows, sorted
	Global   bool     // it shows the whole site: lists, the timeline, exports
	// Nav is the rest of the site's shape that the page shows, such as the
	// page count of its list or the years it links to: a rebuild renders
	// the page again when it changes.
	Nav string

	render func(w io.Writer) error
	// site and shown are set on article pages, for [Page.EditBody]: shown
	// is the version of the article that the timeline was made from.
	site  *site
	shown *content.Article
}

// Render writes the page. Pages of one [Pages] call may render concurrently.
func (p Page) Render(w io.Writer) error { return p.render(w) }

// site is what the pages of one build share. It is read-only once Pages
// returns, which is what makes concurrent rendering safe.
type site struct {
	*content.Site
	tl    *timeline.Timeline
	theme *Theme
	deps  bool // see ListOptions
	md    *markdown.Markdown
	style link.Style
	// root is the path of base_url ("/" without one): 404.html links from it.
	root    string
	tags    []*term
	parties []*term
	shared  *shared
	words   *words
}

// term is a tag or a party with what carries it.
type term struct {
	Slug, Name string
	Treaties   []*content.Treaty  // by id
	Articles   []*content.Article // newest first
}

// ListOptions say what a listing of pages holds besides the pages.
type ListOptions struct {
	// Deps fills in each page's dependencies, Treaties, Articles and Nav.
	// Only a rebuild reads them, and at a hundred thousand articles they
	// take seconds to work out and tens of megabytes to hold.
	Deps bool
}

// Pages lists every file of the site: the HTML pages, 404.html, the theme's
// assets and the exports, sorted by Path. It does not render anything.
func Pages(cs *content.Site, tl *timeline.Timeline, theme *Theme, opts ListOptions) []Page {
	s := &site{
		deps:   opts.Deps,
		Site:   cs,
		tl:     tl,
		theme:  theme,
		md:     markdown.New(markdown.Options{UnsafeHTML: cs.Config.UnsafeHTML}),
		style:  link.Style{Pretty: cs.Config.PrettyURLs},
		root:   basePath(cs.Config.BaseURL),
		shared: newShared(),
		words:  newWords(cs, tl),
	}
	s.tags, s.parties = s.terms()

	var pages []Page
	add := func(p Page) { pages = append(pages, p) }
	// addWith adds p with the dependencies that deps fills in, when the
	// listing holds them.
	addWith := func(p Page, deps func(p *Page)) {
		if s.deps {
			deps(&p)
		}
		add(p)
	}
	add(s.htmlPage("", homePage, true, s.home))
	add(s.htmlPage("timeline", overviewPage, true, s.overview))
	add(s.htmlPage(chartDir, chartPage, true, s.fullChart))
	years := make([]string, len(tl.Years))
	for i, y := range tl.Years {
		years[i] = strconv.Itoa(y.Year)
	}
	for i, y := range tl.Years {
		n := pageCount(len(y.Entries), s.perPage())
		for k := 1; k <= n; k++ {
			addWith(s.htmlPage(link.Paged(link.Year(y.Year), k), yearPage, false, s.year(i, k, n)), func(p *Page) {
				p.Treaties, p.Articles = entryDeps(pageSlice(y.Entries, k, s.perPage()))
				p.Nav = strings.Join(years, " ") + " pages " + strconv.Itoa(n)
			})
		}
	}
	add(s.htmlPage("treaties", treatiesPage, true, s.treatyList))
	for _, t := range cs.Treaties {
		entries, referrers := tl.ByTreaty[t.ID], tl.Referrers[t.ID]
		n := max(pageCount(len(entries), s.perPage()), pageCount(len(referrers), s.perPage()))
		for k := 1; k <= n; k++ {
			addWith(s.htmlPage(link.Paged(link.Treaty(t.ID), k), treatyPage, false, s.treaty(t, k, n)), func(p *Page) {
				shown := pageSlice(entries, k, s.perPage())
				p.Treaties, p.Articles = s.treatyDeps(t, shown, pageSlice(referrers, k, s.perPage()))
				p.Nav = strconv.Itoa(n) + " " + s.entryNav(shown)
			})
		}
		addWith(Page{Path: link.Treaty(t.ID) + "/events.ics",
			render: func(w io.Writer) error { return export.Calendar(w, cs, tl, t.ID) }},
			func(p *Page) {
				var events []*timeline.Entry
				for _, e := range entries {
					if e.Kind == timeline.TreatyEvent || e.Kind == timeline.Expiry {
						events = append(events, e)
					}
				}
				p.Treaties, p.Nav = []string{t.ID}, s.entryNav(events)
			})
	}
	n := pageCount(len(cs.Articles), s.perPage())
	for i := 1; i <= n; i++ {
		addWith(s.htmlPage(link.Paged("articles", i), articlesPage, false, s.articleList(i, n)), func(p *Page) {
			p.Treaties, p.Articles = articleDeps(pageSlice(cs.Articles, i, s.perPage()))
			p.Nav = strconv.Itoa(n)
		})
	}
	for _, a := range cs.Articles {
		addWith(s.articlePage(a, a), func(p *Page) { p.Nav = s.entryNav(tl.ByArticle[a.Slug]) })
	}
	for _, group := range []struct {
		dir   string
		title string
		terms []*term
	}{{"tags", "Tags", s.tags}, {"parties", "Parties", s.parties}} {
		add(s.htmlPage(group.dir, termsPage, true, s.termIndex(group.title, group.dir, group.terms)))
		for _, t := range group.terms {
			dir := group.dir + "/" + t.Slug
			n := pageCount(len(t.Treaties)+len(t.Articles), s.perPage())
			for i := 1; i <= n; i++ {
				addWith(s.htmlPage(link.Paged(dir, i), listPage, false, s.termPage(group.dir, t, i, n)), func(p *Page) {
					p.Treaties, p.Articles = termDeps(t, i, s.perPage())
					p.Nav = strconv.Itoa(n)
				})
			}
		}
	}
	add(Page{Path: "404.html", render: func(w io.Writer) error {
		l := linker{from: "404.html", style: s.style, root: s.root}
		return s.write(w, l, notFoundPage, view{Title: "Page not found"})
	}})
	for _, name := range slices.Sorted(maps.Keys(theme.assets)) {
		data := theme.assets[name]
		add(Page{Path: "assets/" + name, render: func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}})
	}
	pages = append(pages, s.exports(pages)...)
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.Path, b.Path) })
	return pages
}

// articlePage is the page of a, whose body's annotations lead to the
// timeline entries of those of shown, the version of a that the timeline
// was made from.
func (s *site) articlePage(a, shown *content.Article) Page {
	p := s.htmlPage(link.Article(a.Slug), articlePage, false, s.article(a, shown.Annotations))
	if s.deps {
		p.Treaties, p.Articles = sortedSet(slices.Clone(a.Refs)), []string{a.Slug}
	}
	p.site, p.shown = s, shown
	return p
}

// EditBody returns the page p of article old made again for a, a new
// version of old that differs in its body alone: its front matter, events,
// annotations and references are old's, in the same order. The page is the
// one [Pages] would list for the site with a in old's place, whose other
// pages are p's siblings unchanged, so an edit of an article's text renders
// one page without listing the site again. ok is false when p is not old's
// page.
func (p Page) EditBody(old, a *content.Article) (edited Page, ok bool) {
	s := p.site
	if s == nil || old.Slug != a.Slug || p.Path != link.File(link.Article(a.Slug)) || len(old.Annotations) != len(a.Annotations) {
		return Page{}, false
	}
	// The new body's annotations lead to the entries of the old ones,
	// which say the same.
	edited = s.articlePage(a, p.shown)
	edited.Nav = p.Nav
	return edited, true
}

// exports are the machine-readable files; the sitemap lists the HTML pages
// already in pages.
func (s *site) exports(pages []Page) []Page {
	global := func(p string, fn func(w io.Writer) error) Page {
		return Page{Path: p, Global: true, render: fn}
	}
	out := []Page{
		global("events.ics", func(w io.Writer) error { return export.Calendar(w, s.Site, s.tl, "") }),
		global("timeline.json", func(w io.Writer) error { return export.TimelineJS(w, s.Site, s.tl, s.style) }),
		global("data/treaties.json", func(w io.Writer) error { return export.TreatiesJSON(w, s.Site, s.tl, s.style) }),
		global("data/timeline.json", func(w io.Writer) error { return export.TimelineData(w, s.Site, s.tl, s.style) }),
	}
	if s.Config.BaseURL == "" {
		return out
	}
	out = append(out, global("feed.xml", func(w io.Writer) error { return export.Atom(w, s.Site, s.tl) }))
	var urls []string
	for _, p := range pages {
		if dir, ok := strings.CutSuffix(p.Path, "index.html"); ok {
			urls = append(urls, s.style.Page(dir))
		}
	}
	slices.Sort(urls)
	for _, f := range export.Sitemap(s.Config.BaseURL, urls) {
		out = append(out, global(f.Path, func(w io.Writer) error {
			_, err := io.Copy(w, bytes.NewReader(f.Data))
			return err
		}))
	}
	return out
}

// htmlPage is the page in folder dir, rendered from the page template tmpl
// with the view that fill makes.
func (s *site) htmlPage(dir, tmpl string, global bool, fill func(l linker) (view, error)) Page {
	file := link.File(dir)
	return Page{Path: file, Global: global,
		render: func(w io.Writer) error {
			l := linker{from: file, style: s.style}
			v, err := fill(l)
			if err != nil {
				return err
			}
			return s.write(w, l, tmpl, v)
		}}
}

// treatyDeps are the records a page of a treaty shows: the treaty, its
// successor, the treaties its description links to, the records of the
// entries it shows and the articles it lists.
func (s *site) treatyDeps(t *content.Treaty, entries []*timeline.Entry, referrers []*content.Article) (treaties, articles []string) {
	treaties = []string{t.ID}
	for _, e := range t.Events {
		if e.By != "" {
			treaties = append(treaties, e.By)
		}
	}
	if t.Description != nil {
		for _, tl := range t.Description.Links {
			if u := s.Lookup(tl.Target); u != nil {
				treaties = append(treaties, u.ID)
			}
		}
	}
	et, ea := entryDeps(entries)
	lt, la := articleDeps(referrers)
	return sortedSet(slices.Concat(treaties, et, lt)), sortedSet(slices.Concat(ea, la))
}

// entryDir is the folder of the page that shows e on its year's timeline.
func (s *site) entryDir(e *timeline.Entry) string {
	return link.Paged(link.Year(e.Date.Year()), s.tl.YearPage(e, s.perPage()))
}

// entryNav names the pages that the permalinks of entries lead to, so that
// a page showing them renders again when an entry moves to another page of
// its year.
func (s *site) entryNav(entries []*timeline.Entry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(s.entryDir(e))
		b.WriteByte(' ')
	}
	return b.String()
}

// termDeps are the records on page i of a term's list, which holds its
// treaties, then its articles, per to a page.
func termDeps(t *term, i, per int) (treaties, articles []string) {
	shown, as := t.page(i, per)
	for _, tr := range shown {
		treaties = append(treaties, tr.ID)
	}
	refs, articles := articleDeps(as)
	return sortedSet(append(treaties, refs...)), articles
}

// page returns the items of page i (1-based) of the term's list: its
// treaties, then its articles.
func (t *term) page(i, per int) ([]*content.Treaty, []*content.Article) {
	lo := min((i-1)*per, len(t.Treaties)+len(t.Articles))
	hi := min(lo+per, len(t.Treaties)+len(t.Articles))
	nt := len(t.Treaties)
	return t.Treaties[min(lo, nt):min(hi, nt)], t.Articles[max(0, lo-nt):max(0, hi-nt)]
}

// articleDeps are the records a list of articles shows: the articles and
// the treaties they reference, whose titles the list names.
func articleDeps(as []*content.Article) (treaties, articles []string) {
	for _, a := range as {
		articles = append(articles, a.Slug)
		treaties = append(treaties, a.Refs...)
	}
	return sortedSet(treaties), sortedSet(articles)
}

// entryDeps are the records that timeline entries show: their treaties,
// successors and articles, and the treaties those articles reference.
func entryDeps(es []*timeline.Entry) (treaties, articles []string) {
	for _, e := range es {
		if e.Treaty != nil {
			treaties = append(treaties, e.Treaty.ID)
		}
		if e.Successor != nil {
			treaties = append(treaties, e.Successor.ID)
		}
		if e.Article != nil {
			articles = append(articles, e.Article.Slug)
			treaties = append(treaties, e.Article.Refs...)
		}
	}
	return sortedSet(treaties), sortedSet(articles)
}

// terms gathers the tags (of treaties and articles) and the parties (of
// treaties), sorted by slug. A name's first spelling in site order names its
// page; names that make no slug get no page.
func (s *site) terms() (tags, parties []*term) {
	tagBy, partyBy := map[string]*term{}, map[string]*term{}
	get := func(m map[string]*term, name string) *term {
		slug := link.Slug(name)
		if slug == "" {
			return nil
		}
		if m[slug] == nil {
			m[slug] = &term{Slug: slug, Name: strings.TrimSpace(name)}
		}
		return m[slug]
	}
	for _, t := range s.Treaties {
		for _, name := range t.Tags {
			if tm := get(tagBy, name); tm != nil && !endsWith(tm.Treaties, t) {
				tm.Treaties = append(tm.Treaties, t)
			}
		}
		for _, name := range t.Parties {
			if tm := get(partyBy, name); tm != nil && !endsWith(tm.Treaties, t) {
				tm.Treaties = append(tm.Treaties, t)
			}
		}
	}
	for _, a := range s.Articles {
		for _, name := range a.Tags {
			if tm := get(tagBy, name); tm != nil && !endsWith(tm.Articles, a) {
				tm.Articles = append(tm.Articles, a)
			}
		}
	}
	sorted := func(m map[string]*term) []*term {
		var out []*term
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, m[k])
		}
		return out
	}
	return sorted(tagBy), sorted(partyBy)
}

// endsWith reports whether x is the last of list. Records are visited one
// after another, so a record that two names of one term carry (spellings
// that make the same slug) can only be the last one added; looking further
// back would make gathering a large tag quadratic.
func endsWith[T comparable](list []T, x T) bool {
	return len(list) > 0 && list[len(list)-1] == x
}

func (s *site) perPage() int { return s.Config.PerPage() }

// pageCount is the number of pages a list of n items takes: at least one, so
// an empty list still has its page.
func pageCount(n, per int) int {
	return max(1, (n+per-1)/per)
}

// pageSlice returns the items of page i (1-based).
func pageSlice[T any](items []T, i, per int) []T {
	lo := min(len(items), (i-1)*per)
	hi := min(len(items), lo+per)
	return items[lo:hi]
}

// basePath is the path of base_url, ending in "/"; "/" without one.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.EscapedPath() == "" {
		return "/"
	}
	p := path.Clean("/" + u.EscapedPath())
	if p != "/" {
		p += "/"
	}
	return p
}

// sortedSet sorts s in place and returns its distinct strings in a slice
// of their own, no longer than it must be: dependency lists stay in memory
// with their pages, and s may hold each string many times.
func sortedSet(s []string) []string {
	slices.Sort(s)
	return slices.Clone(slices.Compact(s))
}
