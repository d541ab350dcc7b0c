package markdown

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAnnotation is the node kind of an [AnnotationNode].
var KindAnnotation = ast.NewNodeKind("Annotation")

// AnnotationNode is a dated annotation, [text]{key=value ...}, in the AST.
// Its children are the bracketed text, parsed as Markdown.
type AnnotationNode struct {
	ast.BaseInline
	Annotation *Annotation
}

// Kind implements ast.Node.
func (n *AnnotationNode) Kind() ast.NodeKind { return KindAnnotation }

// Dump implements ast.Node.
func (n *AnnotationNode) Dump(source []byte, level int) {
	kv := make(map[string]string, len(n.Annotation.Attrs))
	for _, a := range n.Annotation.Attrs {
		kv[a.Key] = a.Value
	}
	ast.DumpHelper(n, source, level, kv, nil)
}

var _ ast.Node = (*AnnotationNode)(nil)

// annotationOpener stands in the AST for the "[" of an annotation until its
// "]{...}" arrives, as goldmark's link label state does for links. One that
// never closes becomes text again in CloseBlock.
type annotationOpener struct {
	ast.BaseInline
	start  int      // offset of the "["
	close  int      // offset of its "]"
	bottom ast.Node // the last emphasis delimiter before the "[", or nil
	below  *annotationOpener
	depth  int // 1 for an outermost annotation
}

// maxAnnotationDepth caps nesting. Each annotation's text includes the
// text of those inside it, so unbounded nesting would make parsing
// quadratic; real articles nest one or two deep.
const maxAnnotationDepth = 16

var kindAnnotationOpener = ast.NewNodeKind("AnnotationOpener")

func (n *annotationOpener) Kind() ast.NodeKind { return kindAnnotationOpener }

func (n *annotationOpener) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

var (
	// annotationOpenersKey holds the innermost open *annotationOpener of
	// the block being parsed.
	annotationOpenersKey = parser.NewContextKey()
	// bracketPairsKey holds the document's *bracketPairs.
	bracketPairsKey = parser.NewContextKey()
)

// bracketPairs holds, for the block being parsed, the offset of each "["
// whose matching "]" is followed by a well-formed attribute list, with the
// offset of that "]". One per document: its slices serve block after block.
type bracketPairs struct {
	block ast.Node      // nil between blocks
	pairs []bracketPair // in order of their "["

	// Scratch of find.
	buf    []byte
	starts []int
	open   []int
}

type bracketPair struct{ open, close int }

// annotationParser reads annotations. It triggers on "[" and "]" like
// goldmark's link parser, so Markdown inside the brackets keeps working:
// "[" opens an annotation only when its matching "]" is followed by an
// attribute list, and that "]" wraps everything parsed since in the node.
type annotationParser struct{}

var (
	_ parser.InlineParser = annotationParser{}
	_ parser.CloseBlocker = annotationParser{}
)

func (annotationParser) Trigger() []byte { return []byte{'[', ']'} }

func (annotationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == '[' {
		end, ok := pairsOf(parent, block.Source(), pc).closeOf(seg.Start)
		if !ok {
			return nil
		}
		op := &annotationOpener{start: seg.Start, close: end, depth: 1}
		op.below, _ = pc.Get(annotationOpenersKey).(*annotationOpener)
		if op.below != nil {
			if op.below.depth == maxAnnotationDepth {
				return nil
			}
			op.depth = op.below.depth + 1
		}
		if d := pc.LastDelimiter(); d != nil {
			op.bottom = d
		}
		pc.Set(annotationOpenersKey, op)
		block.Advance(1)
		return op
	}

	op, _ := pc.Get(annotationOpenersKey).(*annotationOpener)
	// Openers whose "]" went by inside something else (a raw HTML tag, an
	// autolink) can no longer close.
	for op != nil && op.close < seg.Start {
		dissolve(op)
		op = op.below
	}
	pc.Set(annotationOpenersKey, op)
	if op == nil || op.close != seg.Start {
		return nil
	}
	pc.Set(annotationOpenersKey, op.below)
	if op.Parent() != parent {
		dissolve(op)
		return nil
	}
	block.Advance(1)
	attrs, ok := scanAttrs(block)
	if !ok {
		dissolve(op)
		return nil
	}
	parser.ProcessDelimiters(op.bottom, pc)
	node := &AnnotationNode{Annotation: &Annotation{Attrs: attrs, Offset: op.start}}
	for c := op.NextSibling(); c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		node.AppendChild(node, c)
		c = next
	}
	parent.RemoveChild(parent, op)
	node.SetPos(op.start)
	return node
}

func (annotationParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	for op, _ := pc.Get(annotationOpenersKey).(*annotationOpener); op != nil; op = op.below {
		dissolve(op)
	}
	pc.Set(annotationOpenersKey, nil)
	if bp, ok := pc.Get(bracketPairsKey).(*bracketPairs); ok {
		bp.block = nil
	}
}

// dissolve turns an opener that did not become an annotation back into the
// text "[".
func dissolve(op *annotationOpener) {
	if p := op.Parent(); p != nil {
		ast.MergeOrReplaceTextSegment(p, op, text.NewSegment(op.start, op.start+1))
	}
}

// pairsOf returns the bracket pairs of block, finding them on its first "[".
func pairsOf(block ast.Node, source []byte, pc parser.Context) *bracketPairs {
	bp, _ := pc.Get(bracketPairsKey).(*bracketPairs)
	if bp == nil {
		bp = new(bracketPairs)
		pc.Set(bracketPairsKey, bp)
	}
	if bp.block != block {
		bp.block = block
		bp.find(source, block.Lines())
	}
	return bp
}

// closeOf returns the offset of the "]" that pairs with the "[" at open.
func (bp *bracketPairs) closeOf(open int) (int, bool) {
	i, found := slices.BinarySearchFunc(bp.pairs, open, func(p bracketPair, open int) int { return cmp.Compare(p.open, open) })
	if !found {
		return 0, false
	}
	return bp.pairs[i].close, true
}

// find matches the brackets of a block's lines in one pass, skipping
// backslash escapes and code spans as goldmark's inline parser does, and
// keeps the pairs whose "]" is followed by an attribute list. One pass per
// block keeps a run of unmatched "[" linear.
func (bp *bracketPairs) find(source []byte, lines *text.Segments) {
	bp.pairs = bp.pairs[:0]
	// A pair needs "]{" on one line; most blocks have none.
	n, candidate := 0, false
	for li := range lines.Len() {
		seg := lines.At(li)
		n += seg.Len()
		candidate = candidate || bytes.Contains(source[seg.Start:seg.Stop], []byte("]{"))
	}
	if !candidate {
		return
	}
	// buf is the block's lines, concatenated; starts[li] is the index in
	// buf of line li's first byte.
	buf := slices.Grow(bp.buf[:0], n)
	starts := bp.starts[:0]
	for li := range lines.Len() {
		seg := lines.At(li)
		starts = append(starts, len(buf))
		buf = append(buf, source[seg.Start:seg.Stop]...)
	}
	bp.buf, bp.starts = buf, starts
	// lineOf returns the index of the line holding buf[i].
	lineOf := func(i int) int {
		li, found := slices.BinarySearch(starts, i)
		if !found {
			li--
		}
		// Empty lines share their start with the next line: take the last.
		for li+1 < len(starts) && starts[li+1] <= i {
			li++
		}
		return li
	}
	open := bp.open[:0]
	for i := 0; i < len(buf); i++ {
		switch c := buf[i]; {
		case c == '\\' && i+1 < len(buf) && util.IsPunct(buf[i+1]):
			i++
		case c == '`':
			i = skipCodeSpan(buf, i)
		case c == '[':
			open = append(open, i)
		case c == ']' && len(open) > 0:
			start := open[len(open)-1]
			open = open[:len(open)-1]
			if i+1 < len(buf) && buf[i+1] == '{' && lineOf(i) == lineOf(i+1) {
				li := lineOf(i + 1)
				seg := lines.At(li)
				r := text.NewBlockReader(source, lines)
				r.SetPosition(li, text.NewSegment(seg.Start+i+1-starts[li], seg.Stop))
				if _, ok := scanAttrs(r); ok {
					sl := lineOf(start)
					bp.pairs = append(bp.pairs, bracketPair{lines.At(sl).Start + start - starts[sl], seg.Start + i - starts[li]})
				}
			}
		}
	}
	bp.open = open
	// Pairs are found in the order of their "]".
	slices.SortFunc(bp.pairs, func(a, b bracketPair) int { return cmp.Compare(a.open, b.open) })
}

// skipCodeSpan returns the index of the last backtick of the code span that
// opens at buf[i], or of the backtick run at buf[i] when nothing closes it.
func skipCodeSpan(buf []byte, i int) int {
	n := 0
	for i+n < len(buf) && buf[i+n] == '`' {
		n++
	}
	for j := i + n; j < len(buf); {
		if buf[j] != '`' {
			j++
			continue
		}
		m := 0
		for j+m < len(buf) && buf[j+m] == '`' {
			m++
		}
		if m == n {
			return j + m - 1
		}
		j += m
	}
	return i + n - 1
}

// AnnotationHTMLRenderer renders [AnnotationNode]s as a <time> in an <a>
// that links to the annotation's timeline entry and carries the anchor the
// entry links back to.
type AnnotationHTMLRenderer struct {
	// Resolver gives the links; nil renders the <time> alone.
	Resolver Resolver
}

// NewAnnotationHTMLRenderer returns a renderer that asks r for links.
func NewAnnotationHTMLRenderer(r Resolver) renderer.NodeRenderer {
	return &AnnotationHTMLRenderer{Resolver: r}
}

var _ renderer.NodeRenderer = (*AnnotationHTMLRenderer)(nil)

// RegisterFuncs implements renderer.NodeRenderer.
func (r *AnnotationHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAnnotation, r.renderAnnotation)
}

func (r *AnnotationHTMLRenderer) renderAnnotation(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*AnnotationNode)
	span := insideLink(n) || containsLink(n)
	hw, deferred := w.(*holeWriter)
	if !entering {
		_, _ = w.WriteString("</time>")
		if deferred {
			hw.leave(hole{index: uint32(n.Annotation.Index), span: span})
		} else {
			writeAnnotationEnd(w, wrapper(r.Resolver, span))
		}
		return ast.WalkContinue, nil
	}
	if deferred {
		hw.leave(hole{index: uint32(n.Annotation.Index), open: true, span: span})
	} else {
		writeAnnotationStart(w, n.Annotation, wrapper(r.Resolver, span), r.Resolver)
	}
	if d, _ := n.Annotation.Get("date"); validDate(d) {
		_, _ = w.WriteString(`<time datetime="`)
		_, _ = w.WriteString(d)
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString("<time>")
	}
	return ast.WalkContinue, nil
}

// containsLink reports whether a link renders as an <a> under n.
func containsLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Link, *ast.AutoLink:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

var dateShape = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// validDate reports whether s is a calendar date of year, month or day
// precision, the forms a datetime attribute accepts.
func validDate(s string) bool {
	if !dateShape.MatchString(s) {
		return false
	}
	layout := "2006-01-02"[:len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// AnnotationExtender adds dated annotations to a goldmark.Markdown.
type AnnotationExtender struct {
	// Resolver gives the renderer its links; it may be nil.
	Resolver Resolver
}

var _ goldmark.Extender = (*AnnotationExtender)(nil)

// Extend implements goldmark.Extender.
func (e *AnnotationExtender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// 199: after treaty links (150), so "[[" stays a treaty link, and
		// before goldmark's links (200), so the "]" of "]{" closes the
		// annotation instead of a link label.
		util.Prioritized(annotationParser{}, 199),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// 500, as goldmark's own extensions: the kind is ours alone, so
		// nothing competes for it.
		util.Prioritized(NewAnnotationHTMLRenderer(e.Resolver), 500),
	))
}
