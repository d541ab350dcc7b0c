// Package markdown converts article bodies with goldmark (CommonMark, GFM
// tables, strikethrough, autolinks, footnotes, typographer) and adds two
// inline extensions: treaty links, [[new-start]] or [[new-start|the treaty]],
// and dated annotations, [text]{date=2021-02-03 treaty=new-start}.
//
// The package reports references; it does not resolve them. [Markdown.Parse]
// records every treaty link and annotation with its byte offset, the content
// package checks them, and [Markdown.Render] asks a [Resolver] for their hrefs.
// A [Doc] is rendered when it is parsed, so rendering a page costs no more
// than filling in those hrefs.
package markdown

import "crypto/sha256"

// Options configure a [Markdown].
type Options struct {
	// UnsafeHTML lets raw HTML in Markdown through. Dangerous link schemes
	// (javascript:, vbscript:, data: outside images) are dropped regardless.
	UnsafeHTML bool
	// Sums fills in Doc.Sum, which only a comparison with an earlier
	// parse needs.
	Sums bool
}

// Doc is a parsed Markdown body.
type Doc struct {
	// Sum is the SHA-256 of the source, with Options.Sums: equal sums,
	// equal bodies. It is zero without.
	Sum         [sha256.Size]byte
	Links       []*TreatyLink // in source order
	Annotations []*Annotation // in source order

	// The body rendered, with holes for the Resolver: in html, or else
	// in spilled at offset off.
	html    []byte
	spilled *spill
	off     int64
	size    int

	holes     []hole // in order of their offsets
	paragraph bool   // the body is a single paragraph
	err       error  // of the rendering
}

// TreatyLink is a [[target]] or [[target|text]] in the body.
type TreatyLink struct {
	Target string // as written, trimmed
	Text   string // the text after "|", or "" for none
	Offset int    // byte offset of the first "[" in the source
	index  int    // in the document's links
}

// Annotation is a dated annotation [text]{key=value ...} in the body.
type Annotation struct {
	Text   string // the bracketed text, as plain text
	Attrs  []Attr // in source order
	Offset int    // byte offset of the "[" in the source
	// Index is the annotation's position among the document's annotations,
	// counting from 0.
	Index int
}

// Attr is one key=value of an annotation.
type Attr struct {
	Key, Value string
	Offset     int // byte offset of the key in the source
}

// Get returns the value of key and whether it is present.
func (a *Annotation) Get(key string) (string, bool) {
	for _, at := range a.Attrs {
		if at.Key == key {
			return at.Value, true
		}
	}
	return "", false
}

// Resolver gives the renderer the links that the content package resolved.
// Render calls it from the goroutine that called Render.
type Resolver interface {
	// TreatyHref returns the href for a treaty link's target, or ok false
	// when the target is unknown (the text then renders unlinked).
	TreatyHref(target string) (href string, ok bool)
	// AnnotationLink returns the href of the annotation's timeline entry and
	// the id of the anchor to put on the annotation in the page.
	AnnotationLink(a *Annotation) (href, id string)
}
