package markdown

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown parses and renders article bodies. One Markdown serves a whole
// build: Parse, Render, HTML and Inline are safe for concurrent use.
type Markdown struct {
	parser parser.Parser
	sums   bool // Options.Sums
	// renderer renders every parse, with holes for the Resolver to fill.
	renderer renderer.Renderer
	// inline holds the *inlineDoc of each short field given to Inline, by
	// source: a summary or a note shows on several pages.
	inline sync.Map
	// buffers recycles the holeWriters of parses, and filled the
	// filledHoles of renderings to strings.
	buffers, filled sync.Pool
	// bodies keeps what Parse renders, once made; nil without one.
	bodies     *spill
	bodiesOnce sync.Once
}

// New returns a Markdown with CommonMark, GFM (tables, strikethrough,
// autolinks, task lists), footnotes, typographic punctuation, heading ids,
// treaty links and annotations.
func New(opts Options) *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
			&TreatyLinkExtender{},
			&AnnotationExtender{},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var htmlOpts []html.Option
	if opts.UnsafeHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	return &Markdown{
		parser: md.Parser(),
		sums:   opts.Sums,
		renderer: renderer.NewRenderer(renderer.WithNodeRenderers(
			// The priorities are goldmark's own: the core renderer at
			// 1000, extensions at 500.
			util.Prioritized(html.NewRenderer(htmlOpts...), 1000),
			util.Prioritized(extension.NewTableHTMLRenderer(), 500),
			util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
			util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
			util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
			util.Prioritized(NewTreatyLinkHTMLRenderer(nil), 500),
			util.Prioritized(NewAnnotationHTMLRenderer(nil), 500),
		)),
	}
}

// Parse parses src. It never fails: what is not a treaty link or an
// annotation is ordinary Markdown. The Doc does not keep src, and keeps
// its rendering out of memory where it can.
func (m *Markdown) Parse(src []byte) *Doc {
	m.bodiesOnce.Do(func() { m.bodies = newSpill() })
	return m.parse(src, m.bodies)
}

// parse is Parse keeping the rendering in bodies, when not nil.
func (m *Markdown) parse(src []byte, bodies *spill) *Doc {
	root := m.parser.Parse(text.NewReader(src))
	doc := &Doc{}
	if m.sums {
		doc.Sum = sha256.Sum256(src)
	}
	// One walk drops dangerous links, aligns table cells and finds the
	// treaty links and annotations.
	var dangerous []ast.Node
	var annotations []*AnnotationNode
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *TreatyLinkNode:
			doc.Links = append(doc.Links, n.Link)
		case *AnnotationNode:
			annotations = append(annotations, n)
		case *extast.TableCell:
			alignCell(n)
		default:
			if dangerousLink(n, src) {
				dangerous = append(dangerous, n)
			}
		}
		return ast.WalkContinue, nil
	})
	dropLinks(dangerous, src)
	for _, n := range annotations {
		n.Annotation.Text = plainText(n, src)
		doc.Annotations = append(doc.Annotations, n.Annotation)
	}
	// Footnote definitions move to the end of the tree; the lists follow
	// the source.
	slices.SortStableFunc(doc.Links, func(a, b *TreatyLink) int { return cmp.Compare(a.Offset, b.Offset) })
	slices.SortStableFunc(doc.Annotations, func(a, b *Annotation) int { return cmp.Compare(a.Offset, b.Offset) })
	for i, l := range doc.Links {
		l.index = i
	}
	for i, a := range doc.Annotations {
		a.Index = i
	}
	doc.paragraph = root.ChildCount() == 1 && root.FirstChild().Kind() == ast.KindParagraph

	w, _ := m.buffers.Get().(*holeWriter)
	if w == nil {
		w = new(holeWriter)
	}
	doc.err = m.renderer.Render(w, src, root)
	doc.holes, doc.size = slices.Clone(w.holes), w.Len()
	if off, ok := bodies.put(w.Bytes()); ok {
		doc.spilled, doc.off = bodies, off
	} else {
		doc.html = bytes.Clone(w.Bytes())
	}
	w.Reset()
	w.holes = w.holes[:0]
	m.buffers.Put(w)
	return doc
}

// Render writes doc as HTML. Treaty links and annotations get their links
// from r; with r nil they render unlinked.
func (m *Markdown) Render(w io.Writer, doc *Doc, r Resolver) error {
	if doc.err != nil {
		return doc.err
	}
	return doc.render(w, r)
}

// HTML returns doc as Render writes it, in a string made at its final size.
func (m *Markdown) HTML(doc *Doc, r Resolver) (template.HTML, error) {
	if doc.err != nil {
		return "", doc.err
	}
	f, _ := m.filled.Get().(*filledHoles)
	if f == nil {
		f = new(filledHoles)
	}
	defer m.filled.Put(f)
	s, err := doc.renderString(r, f)
	return template.HTML(s), err
}

// Inline renders a short Markdown field, such as a treaty summary or an
// event note. A single paragraph renders without its <p>, ready to sit in
// other markup; anything longer renders as blocks.
func (m *Markdown) Inline(src string, r Resolver) (template.HTML, error) {
	var in *inlineDoc
	if d, ok := m.inline.Load(src); ok {
		in = d.(*inlineDoc)
	} else {
		// Short fields stay in memory.
		in = &inlineDoc{doc: m.parse([]byte(src), nil)}
		if in.fixed() {
			in.html, _ = m.inlineHTML(in.doc, nil)
		}
		m.inline.Store(src, in)
	}
	if in.fixed() {
		return in.html, nil
	}
	return m.inlineHTML(in.doc, r)
}

// inlineDoc is a short field parsed, with its HTML when that does not
// depend on the Resolver: a field without treaty links and annotations, as
// most are, renders alike on every page that shows it, and a large site
// shows its summaries hundreds of thousands of times.
type inlineDoc struct {
	doc  *Doc
	html template.HTML // when fixed
}

// fixed reports whether the field renders alike on every page.
func (in *inlineDoc) fixed() bool { return len(in.doc.holes) == 0 && in.doc.err == nil }

// inlineHTML renders doc as Inline does.
func (m *Markdown) inlineHTML(doc *Doc, r Resolver) (template.HTML, error) {
	out, err := m.HTML(doc, r)
	if err != nil {
		return "", err
	}
	if doc.paragraph {
		out = template.HTML(strings.TrimSuffix(strings.TrimPrefix(string(out), "<p>"), "</p>\n"))
	}
	return out, nil
}

// plainText returns the text under n as a reader sees it: escapes and
// entities resolved, markup and raw HTML left out, line breaks as spaces.
func plainText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(source)
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(util.ResolveEntityNames(util.ResolveNumericReferences(c.Value)))
		case *ast.AutoLink:
			b.Write(c.Label(source))
		case *TreatyLinkNode:
			if c.Link.Text != "" {
				b.WriteString(c.Link.Text)
			} else {
				b.WriteString(c.Link.Target)
			}
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
