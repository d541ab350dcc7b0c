package render

import (
	"fmt"
	"html/template"
	"io"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/markdown"
	"github.com/treatyline/treatyline/internal/timeline"
)

// articleItem is an article in a list.
type articleItem struct {
	ref
	Date     dateView
	Summary  template.HTML
	Author   string
	Source   string
	Treaties []ref
}

func (s *site) articleItem(l linker, a *content.Article) (articleItem, error) {
	it := articleItem{
		ref:    ref{Title: a.Title, URL: l.page(link.Article(a.Slug))},
		Date:   dateOf(a.Date),
		Author: a.Author,
		Source: a.Source,
	}
	for _, id := range a.Refs {
		if t := s.Treaty(id); t != nil {
			it.Treaties = append(it.Treaties, ref{Title: t.Title, URL: l.page(link.Treaty(t.ID))})
		}
	}
	var err error
	it.Summary, err = s.inline(l, a.Summary)
	return it, err
}

func (s *site) articleItems(l linker, as []*content.Article) ([]articleItem, error) {
	out := make([]articleItem, 0, len(as))
	for _, a := range as {
		it, err := s.articleItem(l, a)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// pager leads through the pages of a list.
type pager struct {
	Page, Pages int
	Prev, Next  string // "" on the first and last page
	Links       []pageLink
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool // stands for the pages between its neighbours, unlinked
}

// pagerWindow is how many pages either side of the current one a pager
// links to, besides the first and the last. Linking every page from every
// page would make each page of a long list grow with the list: a hundred
// thousand articles make a thousand pages.
const pagerWindow = 2

// pagerFor is the pager of page i of n of the list whose first page is in dir.
func pagerFor(l linker, dir string, i, n int) pager {
	p := pager{Page: i, Pages: n}
	if i > 1 {
		p.Prev = l.page(link.Paged(dir, i-1))
	}
	if i < n {
		p.Next = l.page(link.Paged(dir, i+1))
	}
	shown := func(k int) bool { return k == 1 || k == n || i-pagerWindow <= k && k <= i+pagerWindow }
	for k := 1; k <= n; k++ {
		switch {
		case shown(k) || shown(k-1) && shown(k+1): // a gap would hide this one page alone
			p.Links = append(p.Links, pageLink{N: k, URL: l.page(link.Paged(dir, k)), Current: k == i})
		case !p.Links[len(p.Links)-1].Gap:
			p.Links = append(p.Links, pageLink{Gap: true})
		}
	}
	return p
}

// articlesData is the data of articles/index.html and its later pages.
type articlesData struct {
	Articles []articleItem
	Pager    pager
}

func (s *site) articleList(i, n int) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		items, err := s.articleItems(l, pageSlice(s.Articles, i, s.perPage()))
		if err != nil {
			return view{}, err
		}
		title := "Articles"
		if i > 1 {
			title = fmt.Sprintf("Articles, page %d of %d", i, n)
		}
		return view{Title: title, Section: "articles",
			Data: articlesData{Articles: items, Pager: pagerFor(l, "articles", i, n)}}, nil
	}
}

// articleData is the data of articles/SLUG/index.html.
type articleData struct {
	articleItem
	SourceURL string
	Tags      []ref
	Entries   []entryView

	// The body and what renders it for the page: the compiled article
	// page writes it straight into the page.
	body     *markdown.Doc
	resolver resolver
}

// Body is the article's body, rendered for the page.
func (d articleData) Body() (template.HTML, error) { return d.resolver.s.render(d.body, d.resolver) }

// writeBody writes the article's body, rendered for the page, to w.
func (d *articleData) writeBody(w io.Writer) error {
	if d.body == nil {
		return nil
	}
	return d.resolver.s.md.Render(w, d.body, d.resolver)
}

func (s *site) article(a *content.Article, linked []*content.Annotation) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		it, err := s.articleItem(l, a)
		if err != nil {
			return view{}, err
		}
		d := articleData{articleItem: it, SourceURL: a.SourceURL, body: a.Body}
		for _, tag := range a.Tags {
			d.Tags = append(d.Tags, s.tagRef(l, tag))
		}
		entries := s.tl.ByArticle[a.Slug]
		d.resolver = resolver{s, l, reportsOf(entries, linked)}
		if d.Entries, err = s.entries(l, entries, false); err != nil {
			return view{}, err
		}
		return view{Title: a.Title, Section: "articles", Data: d}, nil
	}
}

// reportsOf returns the entries that report the annotations linked, by
// their place in linked, from the entries of their article; nil where an
// annotation has none.
func reportsOf(entries []*timeline.Entry, linked []*content.Annotation) []*timeline.Entry {
	var reports []*timeline.Entry
	for i, an := range linked {
		for _, e := range entries {
			if e.Annotation == an {
				if reports == nil {
					reports = make([]*timeline.Entry, len(linked))
				}
				reports[i] = e
				break
			}
		}
	}
	return reports
}
