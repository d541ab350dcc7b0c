// Package templates holds treatyline's default theme: the html/template
// files of every page and the assets/ they use (style sheet, filter script,
// icon). A site's own templates/ folder overrides any of these files by name;
// see internal/render.
//
// base.html is the layout: a page file fills its blocks ("title", "head",
// "main") and partials.html holds the pieces pages share (entry, badge,
// pager, as-of line). The data each page receives is documented in
// internal/render.
package templates

import "embed"

// FS is the default theme: *.html at its root and the assets/ folder.
//
//go:embed *.html assets
var FS embed.FS
