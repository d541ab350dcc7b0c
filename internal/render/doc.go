// Package render turns a site and its timeline into the files of the built
// site (SPEC §6): the HTML pages, 404.html, the theme's assets and the
// exports of package export.
//
// [Pages] lists every file without rendering it; the build renders them,
// in parallel, with [Page.Render]. A page knows which treaty records and
// articles it shows, so a rebuild can render only what a change affects.
//
// # Links
//
// Every link in a page is relative, made by link.Rel from the page's file to
// a target in the site's link style, so the site works under any base path
// and from file://. 404.html, which a server shows at any depth, is the one
// exception: its links start from the path of base_url ("/" without one).
//
// # Themes
//
// A theme is a folder of html/template files and an assets/ folder; the
// default one is package templates. A site's own templates/ folder replaces
// any file of it by name. base.html is the layout, executed for every page;
// it fills the blocks "title", "head", "main" and "scripts" from the page's
// file (home.html, timeline.html, chart.html for the chart of every
// treaty's lifespan, year.html, treaties.html, treaty.html,
// articles.html, article.html, list.html for a tag or a party, terms.html
// for the lists of tags and parties, and 404.html). Every other *.html file
// is shared by all pages (the default theme keeps its partials in
// partials.html).
//
// Each template receives the same value: .Lang, .SiteTitle, .Title (the
// page's own title), .AsOf (.ISO and .Text), .Section (the nav entry the
// page belongs to), .URL (Home, Timeline, Treaties, Articles, Tags, Parties,
// Style, Script, Icon, Calendar, and Feed, empty without base_url), and
// .Data, the page's content; the default theme's templates show its fields.
// .Header and .Footer are base.html's "site-header" and "site-footer"
// templates, rendered once per page file, section and depth.
// Every URL there is ready to print. Only Markdown output is template.HTML;
// html/template escapes everything else.
package render
