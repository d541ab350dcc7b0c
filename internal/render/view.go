package render

import (
	"html/template"
	"io"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/markdown"
	"github.com/treatyline/treatyline/internal/timeline"
)

// view is the data every page template receives. Title is the page's own
// title (its h1); Data is the page's content, one of the *Data types below.
// Every URL in a view is ready to print: relative from the page, or rooted
// at the path of base_url in 404.html.
type view struct {
	Lang      string
	SiteTitle string
	Title     string
	AsOf      dateView
	Section   string // the nav entry the page belongs to: "timeline", "treaties", ...
	URL       layoutURLs
	Data      any

	// site and tmpl make Header and Footer: the page template name, and
	// where the page links from.
	site *site
	tmpl string
	at   depth
}

// Header is the site's header, the "site-header" template of the page's
// theme. It is made once per page template, section and depth, so it sees
// no Title and no Data.
func (v view) Header() (template.HTML, error) { return v.chrome("site-header") }

// Footer is the site's footer, the "site-footer" template, made as Header
// is.
func (v view) Footer() (template.HTML, error) { return v.chrome("site-footer") }

func (v view) chrome(name string) (template.HTML, error) {
	sh := v.site.shared
	key := chromeKey{tmpl: v.tmpl, name: name, section: v.Section, at: v.at}
	return load(sh, sh.chrome, key, func() (template.HTML, error) {
		shown := v
		shown.Title, shown.Data = "", nil
		var b strings.Builder
		if err := v.site.theme.executePart(&b, v.tmpl, name, shown); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	})
}

// layoutURLs are the links of the layout.
type layoutURLs struct {
	Home, Timeline, Treaties, Articles, Tags, Parties string
	Style, Script, Icon                               string
	Feed                                              string // "" when the site has no feed
	Calendar                                          string // events.ics
}

// dateView is a date for a <time> element: ISO for datetime, Text to read.
type dateView struct{ ISO, Text string }

func dateOf(d date.Date) dateView { return dateView{ISO: d.String(), Text: d.Format()} }

// ref is a link to a page of the site.
type ref struct{ Title, URL string }

// linker makes the URLs of one page.
type linker struct {
	from  string // the page's file
	style link.Style
	root  string // set for 404.html: links start from this path, not from the page
}

// to returns the URL of target, a URL relative to the site root.
func (l linker) to(target string) string {
	if l.root != "" {
		return l.root + strings.TrimPrefix(target, "./")
	}
	return link.Rel(l.from, target)
}

// page returns the URL of the page in folder dir, with #fragment when given.
func (l linker) page(dir string, fragment ...string) string {
	frag := ""
	if len(fragment) > 0 {
		frag = fragment[0]
	}
	if l.root == "" {
		return l.style.PageFrom(l.from, dir, frag)
	}
	target := l.style.Page(dir)
	if frag != "" {
		target += "#" + frag
	}
	return l.to(target)
}

// write fills the layout fields of v and executes the page template tmpl.
func (s *site) write(w io.Writer, l linker, tmpl string, v view) error {
	v.Lang = s.Config.Language
	if v.Lang == "" {
		v.Lang = "en"
	}
	v.SiteTitle = s.Config.Title
	v.AsOf = dateOf(s.tl.AsOf)
	v.URL = layoutURLs{
		Home:     l.page(""),
		Timeline: l.page("timeline"),
		Treaties: l.page("treaties"),
		Articles: l.page("articles"),
		Tags:     l.page("tags"),
		Parties:  l.page("parties"),
		Style:    l.to("assets/style.css"),
		Script:   l.to("assets/filter.js"),
		Icon:     l.to("assets/icon.svg"),
		Calendar: l.to("events.ics"),
	}
	if s.Config.BaseURL != "" {
		v.URL.Feed = l.to("feed.xml")
	}
	v.site, v.tmpl, v.at = s, tmpl, l.depth()
	return s.theme.execute(w, tmpl, v)
}

// resolver links treaty links and annotations in Markdown rendered into the
// page of linker l. Annotations link to their timeline entries when they
// have one (an article body): reports holds them by the annotation's index
// in the body. Elsewhere annotations render unlinked.
type resolver struct {
	s       *site
	l       linker
	reports []*timeline.Entry
}

var _ markdown.Resolver = resolver{}

func (r resolver) TreatyHref(target string) (string, bool) {
	t := r.s.Lookup(target)
	if t == nil {
		return "", false
	}
	return r.l.page(link.Treaty(t.ID)), true
}

func (r resolver) AnnotationLink(a *markdown.Annotation) (href, id string) {
	if a.Index >= len(r.reports) || r.reports[a.Index] == nil {
		return "", ""
	}
	e := r.reports[a.Index]
	return r.l.page(r.s.entryDir(e), e.ID), e.SourceAnchor()
}

// inline renders one paragraph of Markdown (a summary, a note) for the page
// of linker l.
func (s *site) inline(l linker, src string) (template.HTML, error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	return s.md.Inline(src, resolver{s: s, l: l})
}

// block renders a Markdown document (an article body, a treaty description)
// for the page of linker l.
func (s *site) block(l linker, doc *markdown.Doc) (template.HTML, error) {
	return s.render(doc, resolver{s: s, l: l})
}

func (s *site) render(doc *markdown.Doc, r resolver) (template.HTML, error) {
	if doc == nil {
		return "", nil
	}
	return s.md.HTML(doc, r)
}
