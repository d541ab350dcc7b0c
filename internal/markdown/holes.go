package markdown

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/yuin/goldmark/util"
)

// A Doc keeps its body as HTML rendered once at parse time, with holes
// where treaty links and annotations go: their hrefs depend on the page
// and the site, which the parse does not know. Rendering a page fills the
// holes; the goldmark tree and the source are not kept, so a site of many
// articles holds only their HTML.

// hole is a place in a Doc's HTML that depends on the Resolver. It holds
// no pointer, so the holes of a site's docs cost the garbage collector
// nothing to scan.
type hole struct {
	at uint32 // offset in the HTML
	// index is that of a treaty link in Doc.Links, whose whole element
	// goes here when link is set, or else of an annotation in
	// Doc.Annotations, whose element's start tag goes here if open, else
	// its end tag.
	index      uint32
	link, open bool
	// span is set for an annotation inside a link or around one, where
	// its wrapper cannot be an <a>.
	span bool
}

// holeWriter is the goldmark writer of a parse: the node renderers of
// treaty links and annotations find it and leave holes instead of asking a
// Resolver.
type holeWriter struct {
	bytes.Buffer
	holes []hole
}

var _ util.BufWriter = (*holeWriter)(nil)

func (w *holeWriter) Available() int { return w.Cap() - w.Len() }
func (w *holeWriter) Buffered() int  { return 0 }
func (w *holeWriter) Flush() error   { return nil }

func (w *holeWriter) leave(h hole) {
	h.at = uint32(w.Len())
	w.holes = append(w.holes, h)
}

// htmlWriter is what the link writers need; strings.Builder, bytes.Buffer
// and bufio.Writer all are one.
type htmlWriter interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// render writes d's HTML with its holes filled by r.
func (d *Doc) render(w io.Writer, r Resolver) error {
	if d.spilled != nil {
		return d.spilled.read(d.off, d.size, func(html []byte) error { return d.fill(w, html, r) })
	}
	return d.fill(w, d.html, r)
}

// fill writes html, d's rendering, with its holes filled by r.
func (d *Doc) fill(w io.Writer, html []byte, r Resolver) error {
	hw, ok := w.(htmlWriter)
	var bw *bufio.Writer
	if !ok {
		bw = bufio.NewWriter(w)
		hw = bw
	}
	at := uint32(0)
	for _, h := range d.holes {
		if _, err := hw.Write(html[at:h.at]); err != nil {
			return err
		}
		d.fillHole(hw, h, r)
		at = h.at
	}
	if _, err := hw.Write(html[at:]); err != nil {
		return err
	}
	if bw != nil {
		return bw.Flush()
	}
	return nil
}

func (d *Doc) fillHole(w htmlWriter, h hole, r Resolver) {
	switch {
	case h.link:
		writeTreatyLink(w, d.Links[h.index], r)
	case h.open:
		writeAnnotationStart(w, d.Annotations[h.index], wrapper(r, h.span), r)
	default:
		writeAnnotationEnd(w, wrapper(r, h.span))
	}
}

// filledHoles holds the holes of a Doc filled in, so that the string of
// its HTML can be made at its final size.
type filledHoles struct {
	bytes.Buffer
	ends []int // where each hole's text ends in Buffer
}

// renderString returns d's HTML with its holes filled by r, using f.
func (d *Doc) renderString(r Resolver, f *filledHoles) (string, error) {
	f.Reset()
	f.ends = f.ends[:0]
	for _, h := range d.holes {
		d.fillHole(&f.Buffer, h, r)
		f.ends = append(f.ends, f.Len())
	}
	var b strings.Builder
	b.Grow(d.size + f.Len())
	write := func(html []byte) error {
		at, from := 0, 0
		for i, h := range d.holes {
			b.Write(html[at:h.at])
			b.Write(f.Bytes()[from:f.ends[i]])
			at, from = int(h.at), f.ends[i]
		}
		b.Write(html[at:])
		return nil
	}
	if d.spilled != nil {
		if err := d.spilled.read(d.off, d.size, write); err != nil {
			return "", err
		}
	} else {
		_ = write(d.html)
	}
	return b.String(), nil
}

// writeTreatyLink writes a treaty link as a link to its treaty, or as a
// plain span without a resolver or for a target it does not know.
func writeTreatyLink(w htmlWriter, l *TreatyLink, r Resolver) {
	label := l.Text
	if label == "" {
		label = l.Target
	}
	href, ok := "", false
	if r != nil {
		href, ok = r.TreatyHref(l.Target)
	}
	switch {
	case r == nil:
		writeTreatySpan(w, `<span class="treaty-link">`, label)
	case !ok:
		writeTreatySpan(w, `<span class="treaty-link unknown">`, label)
	default:
		_, _ = w.WriteString(`<a class="treaty-link" href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(href)))
		_, _ = w.WriteString(`">`)
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		_, _ = w.WriteString(`</a>`)
	}
}

func writeTreatySpan(w htmlWriter, start, label string) {
	_, _ = w.WriteString(start)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`</span>`)
}

// wrapper returns the element that carries an annotation's anchor: "a",
// linking to the timeline; "span" where an <a> would nest in another link,
// so the anchor stays a target; or "" without a resolver.
func wrapper(r Resolver, span bool) string {
	switch {
	case r == nil:
		return ""
	case span:
		return "span"
	}
	return "a"
}

func writeAnnotationStart(w htmlWriter, a *Annotation, wrapper string, r Resolver) {
	if wrapper == "" {
		return
	}
	href, id := r.AnnotationLink(a)
	_, _ = w.WriteString("<" + wrapper + ` class="annotation"`)
	if id != "" {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(id)))
		_ = w.WriteByte('"')
	}
	if wrapper == "a" {
		_, _ = w.WriteString(` href="`)
		_, _ = w.Write(util.EscapeHTML([]byte(href)))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
}

func writeAnnotationEnd(w htmlWriter, wrapper string) {
	if wrapper != "" {
		_, _ = w.WriteString("</" + wrapper + ">")
	}
}
