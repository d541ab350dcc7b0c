package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// cellAlign writes the alignment of GFM table cells as the style attribute
// that goldmark's table renderer would add, at parse time. The renderer
// adds it to the node while rendering, so a document rendered twice would
// get it twice; with the attribute set and the alignment cleared, every
// rendering of a Doc is the same.
type cellAlign struct{}

var _ parser.ASTTransformer = cellAlign{}

func (cellAlign) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		cell, ok := n.(*extast.TableCell)
		if !ok {
			return ast.WalkContinue, nil
		}
		if cell.Alignment != extast.AlignNone {
			cell.SetAttributeString("style", []byte("text-align:"+cell.Alignment.String()))
			cell.Alignment = extast.AlignNone
		}
		return ast.WalkSkipChildren, nil
	})
}
