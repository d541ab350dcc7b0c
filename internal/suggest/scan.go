package suggest

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/markdown"
)

// span is a byte range [start, end) of the article source.
type span struct{ start, end int }

func (s span) contains(off int) bool { return s.start <= off && off < s.end }

// run is a stretch of plain text: consecutive text nodes of one parent with
// nothing but line breaks between them, so that a name or a date broken
// across lines is still found.
type run struct {
	span
	block   span // the text of the enclosing block, where sentences end
	inTable bool
}

// existingLink is a treaty link already in the body.
type existingLink struct {
	offset int
	id     string // "" when the target names no known treaty
}

// existingAnnotation is a dated annotation already in the body.
type existingAnnotation struct {
	offset int
	date   date.Date // zero when the annotation's date does not parse
}

// body is what the Markdown parser tells the engine about an article body.
type body struct {
	runs        []run
	links       []existingLink
	annotations []existingAnnotation
}

// scanBody parses src[bodyOffset:] with the same extensions as the site's
// Markdown, so that what is a link, a code span or an annotation there is
// one here, and collects the plain text around them.
func scanBody(src []byte, bodyOffset int, names *nameIndex) body {
	p := goldmark.New(goldmark.WithExtensions(
		extension.GFM,
		extension.Footnote,
		&markdown.TreatyLinkExtender{},
		&markdown.AnnotationExtender{},
	)).Parser()
	source := src[bodyOffset:]
	root := p.Parse(text.NewReader(source))
	var b body
	var last *ast.Text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan,
			*ast.RawHTML, *ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *markdown.AnnotationNode:
			iso, _ := n.Annotation.Get("date")
			d, _ := date.Parse(iso)
			b.annotations = append(b.annotations, existingAnnotation{offset: bodyOffset + n.Annotation.Offset, date: d})
			return ast.WalkSkipChildren, nil
		case *markdown.TreatyLinkNode:
			b.links = append(b.links, existingLink{
				offset: bodyOffset + n.Link.Offset,
				id:     names.resolve(n.Link.Target),
			})
		case *ast.Text:
			seg := span{bodyOffset + n.Segment.Start, bodyOffset + n.Segment.Stop}
			if k := len(b.runs) - 1; last != nil && n.PreviousSibling() == last && onlySpace(src[b.runs[k].end:seg.start]) {
				b.runs[k].end = seg.end
			} else {
				blk, inTable := enclosingBlock(n, bodyOffset, seg)
				b.runs = append(b.runs, run{span: seg, block: blk, inTable: inTable})
			}
			last = n
		}
		return ast.WalkContinue, nil
	})
	return b
}

// enclosingBlock returns the source span of the block holding n, and
// whether that block is a table cell.
func enclosingBlock(n ast.Node, bodyOffset int, fallback span) (span, bool) {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock {
			continue
		}
		_, inTable := p.(*extast.TableCell)
		lines := p.Lines()
		if lines.Len() == 0 {
			return fallback, inTable
		}
		return span{bodyOffset + lines.At(0).Start, bodyOffset + lines.At(lines.Len()-1).Stop}, inTable
	}
	return fallback, false
}

// soleTreaty returns the one treaty named in sentence before the offset
// upto, by a mention among found or by an existing link, or "" if there are
// none or several. A treaty named after a date is more often an aside ("the
// model for later agreements such as START I") than the date's subject.
func (b body) soleTreaty(sentence span, upto int, found []Suggestion) string {
	sentence.end = min(sentence.end, upto)
	id := ""
	for _, s := range found {
		if s.Kind != TreatyMention || !sentence.contains(s.Offset) {
			continue
		}
		if id != "" && id != s.Treaty {
			return ""
		}
		id = s.Treaty
	}
	for _, l := range b.links {
		if !sentence.contains(l.offset) {
			continue
		}
		if l.id == "" || (id != "" && id != l.id) {
			return ""
		}
		id = l.id
	}
	return id
}

// annotated reports whether sentence already holds an annotation dated
// inside d, as in "[the United States withdrew]{date=2018-05-08} in May
// 2018", where annotating the date again would say the same thing twice.
func (b body) annotated(sentence span, d date.Date) bool {
	for _, a := range b.annotations {
		if sentence.contains(a.offset) && !a.date.IsZero() && !a.date.Before(d.Start()) && a.date.Before(d.End()) {
			return true
		}
	}
	return false
}

// linked reports whether the body already links treaty id.
func (b body) linked(id string) bool {
	for _, l := range b.links {
		if l.id == id {
			return true
		}
	}
	return false
}

// sentenceAround returns the sentence of block that holds [start, end).
func sentenceAround(src []byte, block span, start, end int) span {
	s := span{block.start, block.end}
	for i := start - 1; i > block.start; i-- {
		if endsSentence(src, block.start, i) {
			s.start = i + 1
			break
		}
	}
	for i := end; i < block.end; i++ {
		if endsSentence(src, block.start, i) {
			s.end = i + 1
			break
		}
	}
	return s
}

// endsSentence reports whether the punctuation at src[i] ends a sentence:
// it is followed by white space and does not close an initial ("George W.
// Bush") or an abbreviation with inner stops ("U.S.").
func endsSentence(src []byte, from, i int) bool {
	switch src[i] {
	case '!', '?':
	case '.':
		k := i
		for k > from && (isASCIILetter(src[k-1]) || src[k-1] == '.') {
			k--
		}
		word := src[k:i]
		if len(word) == 1 && word[0] >= 'A' && word[0] <= 'Z' {
			return false
		}
		for _, c := range word {
			if c == '.' {
				return false
			}
		}
	default:
		return false
	}
	return i+1 >= len(src) || isSpace(src[i+1])
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func onlySpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// collapseSpace joins the lines of a phrase broken across lines.
func collapseSpace(b []byte) string {
	out := make([]byte, 0, len(b))
	for i, c := range b {
		if isSpace(c) {
			if i > 0 && isSpace(b[i-1]) {
				continue
			}
			c = ' '
		}
		out = append(out, c)
	}
	return string(out)
}
