package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/treatyline/treatyline/templates"
)

// The partials that every list of a big site repeats (the entries of
// timeline, treaty and article pages, the items of article lists) are, as
// templates, most of a build's rendering time: html/template evaluates each
// field and each escaper through reflection. So while a theme keeps the
// default definition of such a partial and of every template it calls, the
// partial is replaced by a Go function that writes the same bytes. A theme
// that redefines any of them gets its templates, as written.

// A compiledPartial is a default partial written in Go.
type compiledPartial struct {
	name  string
	calls []string // the templates the default definition calls
	fn    string   // the template function that renders it
}

// compiledPartials, in an order where a partial comes after those it calls.
var compiledPartials = []compiledPartial{
	{name: "refs", calls: []string{"ref"}, fn: "treatylineRefs"},
	{name: "entry", calls: []string{"date"}, fn: "treatylineEntry"},
	{name: "entries", calls: []string{"entry", "date"}, fn: "treatylineEntries"},
	{name: "article-item", calls: []string{"date", "refs", "ref"}, fn: "treatylineArticleItem"},
	{name: "treaty-item", calls: []string{"status-badge", "refs", "ref"}, fn: "treatylineTreatyItem"},
}

var compiledFuncs = template.FuncMap{
	"treatylineRefs": func(rs []ref) template.HTML {
		return partial(func(w htmlWriter) error { w.refs(rs); return nil })
	},
	"treatylineEntry": func(v entryView) (template.HTML, error) {
		return partialErr(func(w htmlWriter) error { return w.entry(&v) })
	},
	"treatylineEntries": func(vs []entryView) (template.HTML, error) {
		return partialErr(func(w htmlWriter) error { return w.entries(vs) })
	},
	"treatylineArticleItem": func(it articleItem) template.HTML {
		return partial(func(w htmlWriter) error { w.articleItem(&it); return nil })
	},
	"treatylineTreatyItem": func(it treatyItem) template.HTML {
		return partial(func(w htmlWriter) error { w.treatyItem(&it); return nil })
	},
}

// buffers are the buffers compiled partials and pages write into before
// their result is copied, to its exact size or to the page's writer.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// putBuffer recycles b unless a rare large page made it grow: the small
// ones that follow should not keep that memory.
func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		buffers.Put(b)
	}
}

func partialErr(write func(w htmlWriter) error) (template.HTML, error) {
	b := getBuffer()
	defer putBuffer(b)
	err := write(htmlWriter{b})
	return template.HTML(b.String()), err
}

func partial(write func(w htmlWriter) error) template.HTML {
	h, _ := partialErr(write)
	return h
}

// defaultSets are the default theme's template sets, by page file, never
// executed: a theme's own templates must equal them, parse tree for parse
// tree, to be compiled.
var defaultSets = sync.OnceValues(func() (map[string]*template.Template, error) {
	files := map[string][]byte{}
	if err := collect(templates.FS, files); err != nil {
		return nil, err
	}
	return parsePages(files)
})

// defaultIn returns a test of whether a template of t, the set of the page
// file, is the default theme's.
func defaultIn(file string, t *template.Template) (func(name string) bool, error) {
	sets, err := defaultSets()
	if err != nil {
		return nil, fmt.Errorf("reading the default theme: %w", err)
	}
	return func(name string) bool {
		d, def := t.Lookup(name), sets[file].Lookup(name)
		return d != nil && d.Tree != nil && def != nil && d.Tree.Root.String() == def.Tree.Root.String()
	}, nil
}

// compile replaces, in the unexecuted template set t of the page file,
// each partial of compiledPartials whose definition and callees are the
// default ones.
func compile(file string, t *template.Template) error {
	isDefault, err := defaultIn(file, t)
	if err != nil {
		return err
	}
	// Decide first: replacing a partial changes its tree, which would make
	// the partials calling it look redefined.
	var keep []compiledPartial
	for _, p := range compiledPartials {
		if isDefault(p.name) && allOf(p.calls, isDefault) {
			keep = append(keep, p)
		}
	}
	for _, p := range keep {
		if _, err := t.New(p.name).Parse("{{" + p.fn + " .}}"); err != nil {
			return err
		}
	}
	return nil
}

func allOf(names []string, f func(string) bool) bool {
	for _, n := range names {
		if !f(n) {
			return false
		}
	}
	return true
}

// htmlWriter writes HTML as the default partials' templates do, escaping
// each value as html/template does in the same place.
type htmlWriter struct{ *bytes.Buffer }

// text writes s in text or in a quoted attribute value: html/template's
// htmlEscaper and attrEscaper for a string.
func (w htmlWriter) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// url writes s as a whole quoted URL attribute value: html/template's
// urlFilter, urlNormalizer and attrEscaper.
func (w htmlWriter) url(s string) {
	if !safeURL(s) {
		w.WriteString("#ZgotmplZ")
		return
	}
	w.percentEncode(s, true)
}

// urlPart writes s after the start of a URL attribute's fragment or query:
// html/template's urlEscaper, whose output needs no attribute escaping.
func (w htmlWriter) urlPart(s string) { w.percentEncode(s, false) }

// safeURL reports whether a URL is relative or its scheme is http, https or
// mailto, as html/template's urlFilter decides.
func safeURL(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// percentEncode writes s with the bytes that html/template's URL processor
// encodes percent-encoded; with norm, it keeps URL syntax and valid escapes
// and escapes the two of those that an attribute value may not hold as
// they are.
func (w htmlWriter) percentEncode(s string, norm bool) {
	const hex = "0123456789abcdef"
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		esc := ""
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			switch c {
			case '&':
				esc = "&amp;"
			case '+':
				esc = "&#43;"
			default:
				continue
			}
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		w.WriteString(s[last:i])
		if esc != "" {
			w.WriteString(esc)
		} else {
			w.WriteByte('%')
			w.WriteByte(hex[c>>4])
			w.WriteByte(hex[c&0xf])
		}
		last = i + 1
	}
	w.WriteString(s[last:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// date is the "date" partial.
func (w htmlWriter) date(d dateView) {
	w.WriteString(`<time datetime="`)
	w.text(d.ISO)
	w.WriteString(`">`)
	w.text(d.Text)
	w.WriteString(`</time>`)
}

// link writes a link to u with text: open is the start of the <a> element
// up to its href's opening quote.
func (w htmlWriter) link(open, u, text string) {
	w.WriteString(open)
	w.url(u)
	w.WriteString(`">`)
	w.text(text)
	w.WriteString(`</a>`)
}

// ref is the "ref" partial.
func (w htmlWriter) ref(r ref) {
	if r.URL == "" {
		w.text(r.Title)
		return
	}
	w.link(`<a href="`, r.URL, r.Title)
}

// refs is the "refs" partial.
func (w htmlWriter) refs(rs []ref) {
	for i, r := range rs {
		if i > 0 {
			w.WriteString(", ")
		}
		w.ref(r)
	}
}

// entries is the "entries" partial.
func (w htmlWriter) entries(vs []entryView) error {
	w.WriteString(`<ol class="entries">`)
	for i := range vs {
		if err := w.entry(&vs[i]); err != nil {
			return err
		}
	}
	w.WriteString("\n</ol>")
	return nil
}

// entry is the "entry" partial.
func (w htmlWriter) entry(v *entryView) error {
	if v.Reported && v.Article == nil {
		return fmt.Errorf("entry %s: a report without its article", v.ID)
	}
	w.WriteString("\n<li class=\"entry kind-")
	w.text(v.Kind)
	if v.Future {
		w.WriteString(" future")
	}
	w.WriteString(`"`)
	if v.Anchored {
		w.WriteString(` id="`)
		w.text(v.ID)
		w.WriteString(`"`)
	}
	w.WriteString(` data-kind="`)
	w.text(v.Kind)
	w.WriteString(`" data-treaty="`)
	w.text(v.FilterTreaties)
	w.WriteString(`" data-party="`)
	w.text(v.FilterParties)
	w.WriteString("\">\n<p class=\"entry-head\">")
	if v.Permalink != "" {
		w.WriteString(`<a class="when" href="`)
		w.url(v.Permalink)
	} else {
		w.WriteString(`<a class="when" href="#`)
		w.urlPart(v.ID)
	}
	w.WriteString(`">`)
	w.date(v.Date)
	w.WriteString("</a>\n<span class=\"badge kind kind-")
	w.text(v.Kind)
	w.WriteString(`">`)
	w.text(v.Badge)
	w.WriteString(`</span>`)
	if t := v.Treaty; t != nil {
		w.link(` <a class="treaty" href="`, t.URL, t.Title)
	}
	if a := v.Article; a != nil && !v.Reported {
		w.link(` <a class="article" href="`, a.URL, a.Title)
	}
	w.span("party", "by ", v.Party)
	w.span("place", "in ", v.Place)
	w.span("until", "", v.Until)
	if t := v.Successor; t != nil {
		w.WriteString(` <span class="successor">by <a href="`)
		w.url(t.URL)
		w.WriteString(`">`)
		w.text(t.Title)
		w.WriteString(`</a></span>`)
	}
	w.WriteString("\n</p>")
	if v.Note != "" {
		w.WriteString("\n<p class=\"note\">")
		w.WriteString(string(v.Note))
		w.WriteString("</p>")
	}
	if v.Reported {
		w.link("\n<p class=\"report\">Reported in <a href=\"", v.Article.URL, v.Article.Title)
		if v.Quote != "" {
			w.WriteString(`: `)
			if v.QuoteURL != "" {
				w.WriteString(`<a class="quote" href="`)
				w.url(v.QuoteURL)
				w.WriteString(`"><q>`)
				w.text(v.Quote)
				w.WriteString(`</q></a>`)
			} else {
				w.WriteString(`<q>`)
				w.text(v.Quote)
				w.WriteString(`</q>`)
			}
		}
		w.WriteString(`</p>`)
	}
	if v.Source != "" {
		w.WriteString("\n<p class=\"source\"><a href=\"")
		w.url(v.Source)
		w.WriteString(`" rel="external">Source</a></p>`)
	}
	w.WriteString("\n</li>")
	return nil
}

// span writes ` <span class="class">` prefix, s and `</span>` when s is
// not empty.
func (w htmlWriter) span(class, prefix, s string) {
	if s == "" {
		return
	}
	w.WriteString(` <span class="`)
	w.WriteString(class)
	w.WriteString(`">`)
	w.WriteString(prefix)
	w.text(s)
	w.WriteString(`</span>`)
}

// articleItem is the "article-item" partial.
func (w htmlWriter) articleItem(it *articleItem) {
	w.WriteString("\n<li class=\"article-item\"><a class=\"title\" href=\"")
	w.url(it.URL)
	w.WriteString(`">`)
	w.text(it.Title)
	w.WriteString("</a>\n<span class=\"meta\">")
	w.date(it.Date)
	if it.Source != "" {
		w.WriteString(" · ")
		w.text(it.Source)
	}
	if it.Author != "" {
		w.WriteString(" · ")
		w.text(it.Author)
	}
	w.WriteString(`</span>`)
	if it.Summary != "" {
		w.WriteString("\n<span class=\"summary\">")
		w.WriteString(string(it.Summary))
		w.WriteString(`</span>`)
	}
	if len(it.Treaties) > 0 {
		w.WriteString("\n<span class=\"treaties\">Treaties: ")
		w.refs(it.Treaties)
		w.WriteString(`</span>`)
	}
	w.WriteString("\n</li>")
}

// statusBadge is the "status-badge" partial.
func (w htmlWriter) statusBadge(st *statusView) {
	w.WriteString(`<span class="badge status status-`)
	w.text(st.Kind)
	w.WriteString(`">`)
	w.text(st.Label)
	w.WriteString(`</span>`)
}

// statusText writes a status's text, and how long ago or ahead it is when
// known, as the treaty item and page show them.
func (w htmlWriter) statusText(st *statusView) {
	w.text(st.Text)
	if st.Relative != "" {
		w.WriteString(" (")
		w.text(st.Relative)
		w.WriteString(")")
	}
}

// treatyItem is the "treaty-item" partial.
func (w htmlWriter) treatyItem(it *treatyItem) {
	w.WriteString("\n<li class=\"treaty-item\"><a class=\"title\" href=\"")
	w.url(it.URL)
	w.WriteString(`">`)
	w.text(it.Title)
	w.WriteString("</a> ")
	w.statusBadge(&it.Status)
	w.WriteString("\n<span class=\"status-text\">")
	w.statusText(&it.Status)
	w.WriteString("</span>")
	if len(it.Parties) > 0 {
		w.WriteString("\n<span class=\"parties\">Parties: ")
		w.refs(it.Parties)
		w.WriteString("</span>")
	}
	w.WriteString("\n</li>")
}

// articleItems writes `<ul class="articles">` with the "article-item" of
// each article.
func (w htmlWriter) articleItems(its []articleItem) {
	w.WriteString("\n<ul class=\"articles\">")
	for i := range its {
		w.articleItem(&its[i])
	}
	w.WriteString("\n</ul>")
}

// A compiled page is a default page file and layout written in Go, for the
// page a site has one of per article.
type compiledPage struct {
	file string
	// templates are those the page's default templates execute: the
	// layout, its blocks and the partials they call.
	templates []string
	write     func(w htmlWriter, v *view) error
}

var compiledPages = []compiledPage{
	{
		file:      articlePage,
		templates: []string{layoutFile, "title", "head", "main", "scripts", "date", "refs", "ref", "entries", "entry"},
		write:     pageWith("article page", htmlWriter.articleMain, false),
	},
	{
		file:      yearPage,
		templates: []string{layoutFile, "title", "head", "main", "scripts", "date", "entries", "entry", "pager"},
		write:     pageWith("year page", htmlWriter.yearMain, true),
	},
	{
		file:      articlesPage,
		templates: []string{layoutFile, "title", "head", "main", "scripts", "date", "refs", "ref", "article-item", "pager"},
		write:     pageWith("article list page", htmlWriter.articlesMain, false),
	},
	{
		file: listPage,
		templates: []string{layoutFile, "title", "head", "main", "scripts", "date", "refs", "ref",
			"article-item", "treaty-item", "status-badge", "pager"},
		write: pageWith("list page", htmlWriter.listMain, false),
	},
	{
		file: treatyPage,
		templates: []string{layoutFile, "title", "head", "main", "scripts", "date", "refs", "ref",
			"status-badge", "entries", "entry", "article-item", "pager", "lifespan-chart"},
		write: pageWith("treaty page", htmlWriter.treatyMain, false),
	},
}

// pageWith returns the writer of a compiled page, named page in errors,
// whose view's data is a D: the layout around main, with the year page's
// script when script is set.
func pageWith[D any](page string, main func(htmlWriter, *view, *D) error, script bool) func(htmlWriter, *view) error {
	return func(w htmlWriter, v *view) error {
		d, ok := v.Data.(D)
		if !ok {
			return fmt.Errorf("%s: data of type %T", page, v.Data)
		}
		return w.layout(v, func() error { return main(w, v, &d) }, script)
	}
}

// compiledPageOf returns the Go writer of the page file whose template set
// is t, or nil unless t's templates for it are the default ones.
func compiledPageOf(file string, t *template.Template) (func(htmlWriter, *view) error, error) {
	isDefault, err := defaultIn(file, t)
	if err != nil {
		return nil, err
	}
	for _, p := range compiledPages {
		if p.file == file && allOf(p.templates, isDefault) {
			return p.write, nil
		}
	}
	return nil, nil
}

// layout is the default base.html with its default "title" and "head"
// blocks, main writing the "main" block, and the "scripts" block of
// year.html when script is set, else the default one.
func (w htmlWriter) layout(v *view, main func() error, script bool) error {
	header, err := v.Header()
	if err != nil {
		return err
	}
	footer, err := v.Footer()
	if err != nil {
		return err
	}
	w.WriteString("<!doctype html>\n<html lang=\"")
	w.text(v.Lang)
	w.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if v.Title != "" && v.Title != v.SiteTitle {
		w.text(v.Title)
		w.WriteString(" · ")
	}
	w.text(v.SiteTitle)
	w.WriteString("</title>\n<link rel=\"stylesheet\" href=\"")
	w.url(v.URL.Style)
	w.WriteString("\">\n<link rel=\"icon\" href=\"")
	w.url(v.URL.Icon)
	w.WriteString(`" type="image/svg+xml">`)
	if v.URL.Feed != "" {
		w.WriteString("\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
		w.text(v.SiteTitle)
		w.WriteString(`" href="`)
		w.url(v.URL.Feed)
		w.WriteString(`">`)
	}
	w.WriteString("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
	w.WriteString(string(header))
	w.WriteString("\n<main id=\"main\" tabindex=\"-1\">\n")
	if err := main(); err != nil {
		return err
	}
	w.WriteString("\n</main>\n")
	w.WriteString(string(footer))
	if script {
		w.WriteString("\n<script src=\"")
		w.url(v.URL.Script)
		w.WriteString(`" defer></script>`)
	}
	w.WriteString("\n</body>\n</html>\n")
	return nil
}

// articleMain is the "main" block of the default article.html.
func (w htmlWriter) articleMain(_ *view, d *articleData) error {
	w.WriteString("\n<article class=\"article\">\n<header>\n<h1>")
	w.text(d.Title)
	w.WriteString("</h1>\n<p class=\"meta\">")
	w.date(d.Date)
	if d.Author != "" {
		w.WriteString(" · by ")
		w.text(d.Author)
	}
	switch {
	case d.SourceURL != "":
		w.WriteString(` · <a href="`)
		w.url(d.SourceURL)
		w.WriteString(`" rel="external">`)
		if d.Source != "" {
			w.text(d.Source)
		} else {
			w.WriteString("Source")
		}
		w.WriteString("</a>")
	case d.Source != "":
		w.WriteString(" · ")
		w.text(d.Source)
	}
	w.WriteString("</p>")
	if d.Summary != "" {
		w.WriteString("\n<p class=\"summary\">")
		w.WriteString(string(d.Summary))
		w.WriteString("</p>")
	}
	w.WriteString("\n</header>\n<div class=\"body\">\n")
	if err := d.writeBody(w); err != nil {
		return err
	}
	w.WriteString("\n</div>\n<footer>\n<dl class=\"facts\">")
	if len(d.Treaties) > 0 {
		w.WriteString("\n<dt>Treaties</dt>\n<dd>")
		w.refs(d.Treaties)
		w.WriteString("</dd>")
	}
	if len(d.Tags) > 0 {
		w.WriteString("\n<dt>Tags</dt>\n<dd>")
		w.refs(d.Tags)
		w.WriteString("</dd>")
	}
	w.WriteString("\n</dl>")
	if len(d.Entries) > 0 {
		w.WriteString("\n<section aria-labelledby=\"s-timeline\">\n<h2 id=\"s-timeline\">On the timeline</h2>\n")
		if err := w.entries(d.Entries); err != nil {
			return err
		}
		w.WriteString("\n</section>")
	}
	w.WriteString("\n</footer>\n</article>\n")
	return nil
}

// yearMain is the "main" block of the default year.html.
func (w htmlWriter) yearMain(v *view, d *yearData) error {
	w.WriteString("\n<h1>")
	w.text(v.Title)
	w.WriteString("</h1>\n<nav class=\"year-nav\" aria-label=\"Years\">\n<ul class=\"prev-next\">")
	if p := d.Prev; p != nil {
		w.WriteString("\n<li><a href=\"")
		w.url(p.URL)
		w.WriteString(`" rel="prev"><span aria-hidden="true">← </span>`)
		w.text(p.Title)
		w.WriteString("</a></li>")
	}
	if n := d.Next; n != nil {
		w.WriteString("\n<li><a href=\"")
		w.url(n.URL)
		w.WriteString(`" rel="next">`)
		w.text(n.Title)
		w.WriteString(`<span aria-hidden="true"> →</span></a></li>`)
	}
	w.WriteString("\n</ul>\n<details class=\"jump\">\n<summary>Jump to a year</summary>\n<ul class=\"year-list\">")
	for _, y := range d.Years {
		w.WriteString("\n<li><a href=\"")
		w.url(y.URL)
		w.WriteString(`"`)
		if y.Current {
			w.WriteString(` aria-current="page"`)
		}
		w.WriteString(">")
		w.WriteString(strconv.Itoa(y.N))
		w.WriteString("</a></li>")
	}
	w.WriteString("\n</ul>\n</details>\n</nav>\n<p class=\"lead\">")
	w.WriteString(strconv.Itoa(d.Count))
	w.WriteString(" entries in ")
	w.WriteString(strconv.Itoa(d.Year))
	w.WriteString(", as of ")
	w.date(v.AsOf)
	w.WriteString(".</p>\n<form class=\"filters\" data-filters hidden aria-label=\"Filter entries\">\n" +
		"<div class=\"field\"><label for=\"filter-treaty\">Treaty</label>\n" +
		"<select id=\"filter-treaty\" name=\"treaty\"><option value=\"\">All treaties</option>")
	w.options(d.Filters.Treaties)
	w.WriteString("</select></div>\n<div class=\"field\"><label for=\"filter-kind\">Kind</label>\n" +
		"<select id=\"filter-kind\" name=\"kind\"><option value=\"\">All kinds</option>")
	w.options(d.Filters.Kinds)
	w.WriteString("</select></div>\n<div class=\"field\"><label for=\"filter-party\">Party</label>\n" +
		"<select id=\"filter-party\" name=\"party\"><option value=\"\">All parties</option>")
	w.options(d.Filters.Parties)
	w.WriteString("</select></div>\n<button type=\"reset\">Show all</button>\n" +
		"<p class=\"filter-count\" role=\"status\" data-filter-count></p>\n</form>")
	for i := range d.Months {
		m := &d.Months[i]
		w.WriteString("\n<section class=\"month\" aria-labelledby=\"")
		w.text(m.ID)
		w.WriteString("\">\n<h2 id=\"")
		w.text(m.ID)
		w.WriteString("\">")
		w.text(m.Name)
		w.WriteString("</h2>\n")
		if err := w.entries(m.Entries); err != nil {
			return err
		}
		w.WriteString("\n</section>")
	}
	w.pager(&d.Pager)
	w.WriteString("\n")
	return nil
}

func (w htmlWriter) options(os []option) {
	for _, o := range os {
		w.WriteString(`<option value="`)
		w.text(o.Value)
		w.WriteString(`">`)
		w.text(o.Label)
		w.WriteString("</option>")
	}
}

// pager is the "pager" partial.
func (w htmlWriter) pager(p *pager) {
	if p.Pages <= 1 {
		return
	}
	w.WriteString("\n<nav class=\"pager\" aria-label=\"Pages\">\n<ul>")
	if p.Prev != "" {
		w.WriteString("\n<li><a href=\"")
		w.url(p.Prev)
		w.WriteString(`" rel="prev">Previous page</a></li>`)
	}
	for _, l := range p.Links {
		if l.Gap {
			w.WriteString("\n<li aria-hidden=\"true\">…</li>")
			continue
		}
		w.WriteString("\n<li><a href=\"")
		w.url(l.URL)
		w.WriteString(`"`)
		if l.Current {
			w.WriteString(` aria-current="page"`)
		}
		w.WriteString(`><span class="visually-hidden">Page </span>`)
		w.WriteString(strconv.Itoa(l.N))
		w.WriteString("</a></li>")
	}
	if p.Next != "" {
		w.WriteString("\n<li><a href=\"")
		w.url(p.Next)
		w.WriteString(`" rel="next">Next page</a></li>`)
	}
	w.WriteString("\n</ul>\n</nav>")
}

// heading writes the page's <h1>, as the list pages start.
func (w htmlWriter) heading(title string) {
	w.WriteString("\n<h1>")
	w.text(title)
	w.WriteString("</h1>")
}

// listEnd writes the pager that ends a list page, on a line of its own.
func (w htmlWriter) listEnd(p *pager) {
	w.WriteString("\n")
	w.pager(p)
	w.WriteString("\n")
}

// articlesMain is the "main" block of the default articles.html.
func (w htmlWriter) articlesMain(v *view, d *articlesData) error {
	w.heading(v.Title)
	if len(d.Articles) > 0 {
		w.articleItems(d.Articles)
	} else {
		w.WriteString("\n<p>No articles yet.</p>")
	}
	w.listEnd(&d.Pager)
	return nil
}

// listMain is the "main" block of the default list.html.
func (w htmlWriter) listMain(v *view, d *listData) error {
	w.heading(v.Title)
	if len(d.Treaties) > 0 {
		w.WriteString("\n<section aria-labelledby=\"list-treaties\">\n<h2 id=\"list-treaties\">Treaties</h2>\n<ul class=\"treaties\">")
		for i := range d.Treaties {
			w.treatyItem(&d.Treaties[i])
		}
		w.WriteString("\n</ul>\n</section>")
	}
	if len(d.Articles) > 0 {
		w.WriteString("\n<section aria-labelledby=\"list-articles\">\n<h2 id=\"list-articles\">Articles</h2>")
		w.articleItems(d.Articles)
		w.WriteString("\n</section>")
	}
	w.listEnd(&d.Pager)
	return nil
}

// treatyMain is the "main" block of the default treaty.html. The lifespan
// chart, on the first page only, is left to its template.
func (w htmlWriter) treatyMain(v *view, d *treatyData) error {
	w.WriteString("\n<article class=\"treaty\">\n<h1>")
	w.text(d.Title)
	w.WriteString("</h1>")
	if d.FullTitle != "" {
		w.WriteString("\n<p class=\"full-title\">")
		w.text(d.FullTitle)
		w.WriteString("</p>")
	}
	if len(d.Aliases) > 0 {
		w.WriteString("\n<p class=\"aliases\">Also known as ")
		for i, a := range d.Aliases {
			if i > 0 {
				w.WriteString(", ")
			}
			w.WriteString(`<span class="alias">`)
			w.text(a)
			w.WriteString("</span>")
		}
		w.WriteString("</p>")
	}
	w.WriteString("\n<section class=\"status-box\" aria-labelledby=\"s-status\">\n<h2 id=\"s-status\">Status</h2>\n<p class=\"status-line\">")
	w.statusBadge(&d.Status)
	w.WriteString(" ")
	w.statusText(&d.Status)
	w.WriteString("</p>")
	if len(d.Withdrawn) > 0 {
		w.WriteString("\n<p>Withdrawn: ")
		for i, p := range d.Withdrawn {
			if i > 0 {
				w.WriteString(", ")
			}
			w.ref(p.Party)
			w.WriteString(" on ")
			w.date(p.Date)
		}
		w.WriteString("</p>")
	}
	if s := d.Successor; s != nil {
		w.link("\n<p>Superseded by <a href=\"", s.URL, s.Title)
		w.WriteString("</p>")
	}
	w.WriteString("\n<dl class=\"facts\">\n<dt>Parties</dt>\n<dd>")
	w.refs(d.Parties)
	w.WriteString("</dd>")
	if d.Since.ISO != "" {
		w.WriteString("\n<dt>Since</dt>\n<dd>")
		w.date(d.Since)
		w.WriteString("</dd>")
	}
	if d.Expires.ISO != "" {
		w.WriteString("\n<dt>Expiry</dt>\n<dd>")
		w.date(d.Expires)
		w.WriteString("</dd>")
	}
	if len(d.Tags) > 0 {
		w.WriteString("\n<dt>Tags</dt>\n<dd>")
		w.refs(d.Tags)
		w.WriteString("</dd>")
	}
	w.WriteString("\n</dl>\n</section>")
	if d.Chart != nil {
		w.WriteString("\n<section class=\"lifespans\" aria-labelledby=\"s-lifespan\">\n<h2 id=\"s-lifespan\">Lifespan</h2>\n")
		if err := v.site.theme.executePart(w, treatyPage, "lifespan-chart", d.Chart); err != nil {
			return err
		}
		w.WriteString("\n<p class=\"chart-note\">Every event is listed, with its date, under <a href=\"#s-timeline\">Timeline</a>.</p>\n</section>")
	}
	if d.Summary != "" {
		w.WriteString("\n<p class=\"summary\">")
		w.WriteString(string(d.Summary))
		w.WriteString("</p>")
	}
	if d.Description != "" {
		w.WriteString("\n<section class=\"description\" aria-labelledby=\"s-about\">\n<h2 id=\"s-about\">About</h2>\n")
		w.WriteString(string(d.Description))
		w.WriteString("\n</section>")
	}
	if len(d.Links) > 0 {
		w.WriteString("\n<section aria-labelledby=\"s-links\">\n<h2 id=\"s-links\">Links</h2>\n<ul class=\"links\">")
		for _, l := range d.Links {
			w.WriteString("\n<li><a href=\"")
			w.url(l.URL)
			w.WriteString(`" rel="external">`)
			w.text(l.Title)
			w.WriteString("</a></li>")
		}
		w.WriteString("\n</ul>\n</section>")
	}
	w.WriteString("\n<section aria-labelledby=\"s-timeline\">\n<h2 id=\"s-timeline\">Timeline</h2>")
	switch {
	case len(d.Entries) > 0:
		w.WriteString("\n")
		if err := w.entries(d.Entries); err != nil {
			return err
		}
	case d.Pager.Page == 1:
		w.WriteString("\n<p>No events yet.</p>")
	}
	w.WriteString("\n<p class=\"subscribe\"><a href=\"")
	w.url(d.Calendar)
	w.WriteString("\" type=\"text/calendar\">Subscribe to this treaty's events (iCalendar)</a></p>\n</section>\n" +
		"<section aria-labelledby=\"s-articles\">\n<h2 id=\"s-articles\">Articles</h2>")
	switch {
	case len(d.Articles) > 0:
		w.articleItems(d.Articles)
	case d.Pager.Page == 1:
		w.WriteString("\n<p>No article refers to this treaty yet.</p>")
	}
	w.WriteString("\n</section>")
	w.pager(&d.Pager)
	w.WriteString("\n</article>\n")
	return nil
}
