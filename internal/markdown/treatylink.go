package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindTreatyLink is the node kind of a [TreatyLinkNode].
var KindTreatyLink = ast.NewNodeKind("TreatyLink")

// TreatyLinkNode is a treaty link, [[target]] or [[target|text]], in the
// AST. It has no children: its text is plain, not Markdown.
type TreatyLinkNode struct {
	ast.BaseInline
	Link *TreatyLink
}

// Kind implements ast.Node.
func (n *TreatyLinkNode) Kind() ast.NodeKind { return KindTreatyLink }

// Dump implements ast.Node.
func (n *TreatyLinkNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": n.Link.Target,
		"Text":   n.Link.Text,
	}, nil)
}

var _ ast.Node = (*TreatyLinkNode)(nil)

// treatyLinkParser reads [[target]] and [[target|text]] on one line.
type treatyLinkParser struct{}

var _ parser.InlineParser = treatyLinkParser{}

func (treatyLinkParser) Trigger() []byte { return []byte{'['} }

func (treatyLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	end := -1
scan:
	for i := 2; i+1 < len(line); i++ {
		switch line[i] {
		case '[', '\n', '\r':
			return nil
		case ']':
			if line[i+1] != ']' {
				return nil
			}
			end = i
			break scan
		}
	}
	if end < 0 {
		return nil
	}
	target, label := splitTreatyLink(line[2:end])
	if target == "" {
		return nil
	}
	block.Advance(end + 2)
	return &TreatyLinkNode{Link: &TreatyLink{Target: target, Text: label, Offset: seg.Start}}
}

// splitTreatyLink splits the inside of [[...]] at its first bar. A bar
// written "\|" separates too, because that is how a GFM table cell holds one;
// later "\|" in the text stand for a bar.
func splitTreatyLink(body []byte) (target, label string) {
	i := bytes.IndexByte(body, '|')
	if i < 0 {
		return strings.TrimSpace(string(body)), ""
	}
	head := body[:i]
	if len(head) > 0 && head[len(head)-1] == '\\' {
		head = head[:len(head)-1]
	}
	label = strings.ReplaceAll(string(body[i+1:]), `\|`, "|")
	return strings.TrimSpace(string(head)), strings.TrimSpace(label)
}

// TreatyLinkHTMLRenderer renders [TreatyLinkNode]s as links to treaty pages.
type TreatyLinkHTMLRenderer struct {
	// Resolver gives the hrefs; nil renders every treaty link as a plain span.
	Resolver Resolver
}

// NewTreatyLinkHTMLRenderer returns a renderer that asks r for hrefs.
func NewTreatyLinkHTMLRenderer(r Resolver) renderer.NodeRenderer {
	return &TreatyLinkHTMLRenderer{Resolver: r}
}

var _ renderer.NodeRenderer = (*TreatyLinkHTMLRenderer)(nil)

// RegisterFuncs implements renderer.NodeRenderer.
func (r *TreatyLinkHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTreatyLink, r.renderTreatyLink)
}

func (r *TreatyLinkHTMLRenderer) renderTreatyLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*TreatyLinkNode)
	hw, deferred := w.(*holeWriter)
	switch {
	case insideLink(n):
		// Whatever the resolver, a link cannot nest in a link.
		writeTreatyLink(w, n.Link, nil)
	case deferred:
		hw.leave(hole{index: uint32(n.Link.index), link: true})
	default:
		writeTreatyLink(w, n.Link, r.Resolver)
	}
	return ast.WalkContinue, nil
}

// insideLink reports whether n sits inside another link, where a second
// <a> would be invalid HTML.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *AnnotationNode:
			return true
		}
	}
	return false
}

// TreatyLinkExtender adds treaty links to a goldmark.Markdown.
type TreatyLinkExtender struct {
	// Resolver gives the renderer its hrefs; it may be nil.
	Resolver Resolver
}

var _ goldmark.Extender = (*TreatyLinkExtender)(nil)

// Extend implements goldmark.Extender.
func (e *TreatyLinkExtender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		// 150: after footnote references (101), which own "[^", and before
		// annotations (199) and goldmark's links (200), which would read
		// "[[new-start]]" as brackets around a shortcut reference.
		util.Prioritized(treatyLinkParser{}, 150),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// 500, as goldmark's own extensions: the kind is ours alone, so
		// nothing competes for it.
		util.Prioritized(NewTreatyLinkHTMLRenderer(e.Resolver), 500),
	))
}
