package markdown

import (
	extast "github.com/yuin/goldmark/extension/ast"
)

// alignCell writes the alignment of a GFM table cell as the style attribute
// that goldmark's table renderer would add, and clears the alignment: the
// renderer would format a fresh attribute for every aligned cell.
func alignCell(cell *extast.TableCell) {
	if cell.Alignment == extast.AlignNone {
		return
	}
	cell.SetAttributeString("style", alignStyles[cell.Alignment])
	cell.Alignment = extast.AlignNone
}

// alignStyles are the style attributes of the alignments, shared by every
// cell: the renderer only reads them. They are boxed once, here.
var alignStyles = [...]any{
	extast.AlignLeft:   []byte("text-align:left"),
	extast.AlignRight:  []byte("text-align:right"),
	extast.AlignCenter: []byte("text-align:center"),
}
