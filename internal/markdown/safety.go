package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkFilter drops links, images and autolinks with a dangerous destination
// and keeps their text. goldmark drops those only in safe mode; here they
// go whatever Options.UnsafeHTML says, which lets raw HTML through and
// nothing more.
type linkFilter struct{}

var _ parser.ASTTransformer = linkFilter{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if dangerousURL(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if dangerousURL(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if dangerousURL(n.URL(source)) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			s := ast.NewString(a.Label(source))
			s.SetRaw(true)
			parent.ReplaceChild(parent, n, s)
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerousURL reports whether dest, a destination as written in Markdown,
// would run script or carry a document in a browser: javascript:,
// vbscript:, or data: other than a PNG, GIF, JPEG or WebP image. It reads
// the destination as a browser would: escapes and character references
// resolved, leading spaces and control characters skipped, tabs and line
// breaks ignored, case folded.
func dangerousURL(dest []byte) bool {
	u := util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	var scheme strings.Builder
	for _, c := range u {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case scheme.Len() == 0 && c <= ' ':
			continue
		}
		scheme.WriteByte(lowerASCII(c))
		if scheme.Len() == len("data:image/jpeg") {
			break
		}
	}
	s := scheme.String()
	switch {
	case strings.HasPrefix(s, "javascript:"), strings.HasPrefix(s, "vbscript:"):
		return true
	case strings.HasPrefix(s, "data:"):
		for _, image := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(s, image) {
				return false
			}
		}
		return true
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
