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
	"strconv"
	"strings"
	"unicode/utf8"

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
	out     jsonOut
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
	if a, ok := v.(jsonAppender); ok {
		o.out.b, o.out.prefix = o.out.b[:0], prefix
		a.appendJSON(&o.out)
		o.w.Write(o.out.b)
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

// A jsonAppender writes itself as encoding/json would, indented the same,
// without reflection: the timeline exports have one per timeline entry.
type jsonAppender interface {
	appendJSON(j *jsonOut)
}

// jsonOut appends indented JSON, two spaces a level after a prefix.
type jsonOut struct {
	b      []byte
	prefix string
	fields []int // written in each open object
}

func (j *jsonOut) begin() {
	j.b = append(j.b, '{')
	j.fields = append(j.fields, 0)
}

func (j *jsonOut) end() {
	n := j.fields[len(j.fields)-1]
	j.fields = j.fields[:len(j.fields)-1]
	if n > 0 {
		j.newline()
	}
	j.b = append(j.b, '}')
}

// newline starts a line at the depth of the open objects.
func (j *jsonOut) newline() {
	j.b = append(j.b, '\n')
	j.b = append(j.b, j.prefix...)
	for range len(j.fields) {
		j.b = append(j.b, ' ', ' ')
	}
}

// key starts the next field of the open object.
func (j *jsonOut) key(k string) {
	if j.fields[len(j.fields)-1] > 0 {
		j.b = append(j.b, ',')
	}
	j.fields[len(j.fields)-1]++
	j.newline()
	j.b = appendJSONString(j.b, k)
	j.b = append(j.b, ':', ' ')
}

func (j *jsonOut) str(k, v string) {
	j.key(k)
	j.b = appendJSONString(j.b, v)
}

// optStr writes a field that omitempty leaves out when empty.
func (j *jsonOut) optStr(k, v string) {
	if v != "" {
		j.str(k, v)
	}
}

func (j *jsonOut) strPtr(k string, v *string) {
	if v == nil {
		j.key(k)
		j.b = append(j.b, "null"...)
		return
	}
	j.str(k, *v)
}

func (j *jsonOut) boolean(k string, v bool) {
	j.key(k)
	j.b = strconv.AppendBool(j.b, v)
}

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
