// Package export writes the site's machine-readable files (SPEC §6): the
// Atom feed, iCalendar files, TimelineJS3 JSON, the JSON data files under
// data/ and the sitemap.
//
// Every export is a function of the site and its timeline alone, so the same
// inputs and as-of date give the same bytes: no build clock, no map order.
// URLs in the data files are relative to the site root, in the site's link
// style; the feed, the sitemap and the calendars' URL properties are absolute,
// made from base_url, and exist only when it is set.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// File is an output file: a slash path from the site root and its bytes.
type File struct {
	Path string
	Data []byte
}

// absolute joins base (an absolute URL ending in "/") and a URL relative to
// the site root.
func absolute(base, rel string) string {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + strings.TrimPrefix(rel, "./")
}

// entryURL returns the URL, relative to the site root, of the entry's place
// on the timeline: the page of its year that shows it, and its anchor.
func entryURL(site *content.Site, tl *timeline.Timeline, style link.Style, e *timeline.Entry) string {
	dir := link.Paged(link.Year(e.Date.Year()), tl.YearPage(e, site.Config.PerPage()))
	return style.Page(dir) + "#" + e.ID
}

// articleURL returns the URL of the article an entry comes from, pointing at
// the annotation when the entry is one; "" for an entry with no article.
func articleURL(style link.Style, e *timeline.Entry) string {
	if e.Article == nil {
		return ""
	}
	u := style.Page(link.Article(e.Article.Slug))
	if anchor := e.SourceAnchor(); anchor != "" {
		u += "#" + anchor
	}
	return u
}

// details returns plain-text lines that describe an entry beyond its title:
// place, party, the annotated text and the note, or an article's summary.
func details(e *timeline.Entry) []string {
	var lines []string
	if e.Kind == timeline.ArticleEntry && e.Article != nil && e.Article.Summary != "" {
		lines = append(lines, e.Article.Summary)
	}
	if ev := e.Event; ev != nil {
		if ev.Place != "" {
			lines = append(lines, "Place: "+ev.Place)
		}
		if ev.Party != "" {
			lines = append(lines, "Party: "+ev.Party)
		}
	}
	if a := e.Annotation; a != nil {
		if a.Party != "" {
			lines = append(lines, "Party: "+a.Party)
		}
		if a.Text != "" {
			lines = append(lines, "“"+a.Text+"”")
		}
	}
	if e.Event != nil && e.Event.Note != "" {
		lines = append(lines, e.Event.Note)
	}
	return lines
}

// jsonObject writes a JSON object indented by two spaces and ended by a
// newline, so that diffs of committed output stay readable, one field at a
// time: a list field is encoded an item at a time, where encoding it
// whole would hold a large site's timeline in memory several times over.
// HTML escaping is off: data files hold plain text, and TimelineJS text is
// escaped before it gets here.
type jsonObject struct {
	w       *bufio.Writer
	scratch bytes.Buffer
	fields  int
	items   int // of the list being written
	err     error
}

func newJSONObject(w io.Writer) *jsonObject { return &jsonObject{w: bufio.NewWriter(w)} }

// field writes the field name with the value v.
func (o *jsonObject) field(name string, v any) {
	o.name(name)
	o.value("  ", v)
}

// list starts the list field name, whose items follow, then endList.
func (o *jsonObject) list(name string) {
	o.name(name)
	o.items = 0
}

func (o *jsonObject) item(v any) {
	o.next(&o.items, "[\n    ", ",\n    ")
	o.value("    ", v)
}

func (o *jsonObject) endList() {
	if o.items == 0 {
		o.w.WriteString("[]")
	} else {
		o.w.WriteString("\n  ]")
	}
}

func (o *jsonObject) name(name string) {
	o.next(&o.fields, "{\n  ", ",\n  ")
	o.value("", name)
	o.w.WriteString(": ")
}

// next writes what goes before an element of a sequence, first before
// the first one and rest before the others, and counts it in n.
func (o *jsonObject) next(n *int, first, rest string) {
	if *n == 0 {
		o.w.WriteString(first)
	} else {
		o.w.WriteString(rest)
	}
	*n++
}

// value writes v, its lines after the first starting with prefix.
func (o *jsonObject) value(prefix string, v any) {
	if o.err != nil {
		return
	}
	o.scratch.Reset()
	enc := json.NewEncoder(&o.scratch)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if o.err = enc.Encode(v); o.err == nil {
		o.w.Write(bytes.TrimSuffix(o.scratch.Bytes(), []byte("\n")))
	}
}

// close ends the object and returns the first error.
func (o *jsonObject) close() error {
	if o.fields == 0 {
		o.w.WriteString("{")
	}
	o.w.WriteString("\n}\n")
	if o.err != nil {
		return o.err
	}
	return o.w.Flush()
}
