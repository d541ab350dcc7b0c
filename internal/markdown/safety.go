package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Links, images and autolinks with a dangerous destination are dropped and
// keep their text. goldmark drops those only in safe mode; here they go
// whatever Options.UnsafeHTML says, which lets raw HTML through and nothing
// more.

// dangerousLink reports whether n is a link, an image or an autolink with a
// dangerous destination.
func dangerousLink(n ast.Node, source []byte) bool {
	switch n := n.(type) {
	case *ast.Link:
		return dangerousURL(n.Destination)
	case *ast.Image:
		return dangerousURL(n.Destination)
	case *ast.AutoLink:
		return dangerousURL(n.URL(source))
	}
	return false
}

// dropLinks replaces links, found by dangerousLink, by their text.
func dropLinks(links []ast.Node, source []byte) {
	for _, n := range links {
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
	var scheme [len("data:image/jpeg")]byte
	n := 0
	for _, c := range u {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case n == 0 && c <= ' ':
			continue
		}
		scheme[n] = lowerASCII(c)
		n++
		if n == len(scheme) {
			break
		}
	}
	s := string(scheme[:n])
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
