package render

import (
	"bytes"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/markdown"
	"github.com/treatyline/treatyline/internal/timeline"
)

// hostile is a title that must reach every page escaped.
const hostile = `<script>alert("x")</script>`

// testSite is a small site: New START (extended, suspended by Russia), SORT
// (superseded by New START), a treaty whose title and party are markup, and
// five articles, one reporting an extension in a dated annotation.
func testSite(t *testing.T, cfg content.Config) (*content.Site, *timeline.Timeline) {
	t.Helper()
	d := date.MustParse
	newStart := &content.Treaty{
		ID: "new-start", Title: "New START", FullTitle: "Treaty on Measures for the Further Reduction",
		Aliases: []string{"START III"}, Parties: []string{"United States", "Russia"},
		Expires: d("2021-02-05"), Summary: "Caps warheads; replaced [[sort]].",
		Tags:  []string{"nuclear", "strategic"},
		Links: []content.Link{{Title: "Treaty text", URL: "https://example.com/new-start"}},
		Events: []*content.Event{
			{Date: d("2010-04-08"), Kind: content.Signed, Place: "Prague", Treaty: "new-start"},
			{Date: d("2011-02-05"), Kind: content.InForce, Treaty: "new-start"},
			{Date: d("2021-02-03"), Kind: content.Extended, Until: d("2026-02-05"), Note: "Extended *five* years.", Treaty: "new-start"},
			{Date: d("2023-02-21"), Kind: content.Suspended, Party: "Russia", Source: "https://example.com/s", Treaty: "new-start"},
		},
	}
	sort := &content.Treaty{
		ID: "sort", Title: "SORT", Parties: []string{"United States", "Russia"}, Expires: d("2012-12-31"),
		Tags: []string{"Nuclear"},
		Events: []*content.Event{
			{Date: d("2002-05-24"), Kind: content.Signed, Treaty: "sort"},
			{Date: d("2003-06"), Kind: content.InForce, Treaty: "sort"},
			{Date: d("2011-02-05"), Kind: content.Superseded, By: "new-start", Treaty: "sort"},
		},
	}
	evil := &content.Treaty{
		ID: "evil", Title: hostile, Parties: []string{`<b>Evil</b> Party`, "Russia"}, Tags: []string{hostile},
		Events: []*content.Event{{Date: d("1999"), Kind: content.Negotiations, Treaty: "evil"}},
	}
	md := markdown.New(markdown.Options{})
	article := func(slug, title, day, body string, refs ...string) *content.Article {
		a := &content.Article{Slug: slug, Title: title, Date: d(day), Refs: refs, Tags: []string{"diplomacy"},
			Summary: "About " + slug + ".", Body: md.Parse([]byte(body))}
		for _, n := range a.Body.Annotations {
			get := func(k string) string { v, _ := n.Get(k); return v }
			a.Annotations = append(a.Annotations, &content.Annotation{Date: d(get("date")), Treaty: get("treaty"),
				Kind: content.Kind(get("kind")), Text: n.Text, Node: n})
		}
		return a
	}
	antonov := article("antonov", "Antonov proposes a meeting", "2021-03-05",
		"The treaty [was extended]{date=2021-02-03 treaty=new-start kind=extended until=2026-02-05} by [[START III|the parties]].\n",
		"new-start")
	antonov.Author, antonov.Source, antonov.SourceURL = "A. Writer", "Wire", "https://example.com/wire"
	antonov.Events = []*content.Event{{Date: d("2021-02-03"), Kind: content.Extended, Treaty: "new-start", Until: d("2026-02-05")}}
	articles := []*content.Article{
		antonov,
		article("moscow", hostile, "2021-05", "Nothing <script>alert(1)</script> here.\n", "evil"),
		article("old-news", "Old news", "2011", "SORT [[sort]] ended.\n", "sort"),
		article("suspension", "Russia suspends", "2023-02-21", "Suspended.\n", "new-start"),
		article("undated-ish", "Around the signing", "2010-04", "Signed.\n", "new-start"),
	}
	site := content.NewSite(cfg, []*content.Treaty{newStart, sort, evil}, articles)
	return site, timeline.Build(site, d("2024-06-01"))
}

// build renders every page of the site into a map from path to bytes.
func build(t *testing.T, cfg content.Config, opts Options) (map[string][]byte, []Page) {
	t.Helper()
	site, tl := testSite(t, cfg)
	theme, err := LoadTheme(opts)
	if err != nil {
		t.Fatalf("LoadTheme: %v", err)
	}
	pages := Pages(site, tl, theme, ListOptions{Deps: true})
	files := map[string][]byte{}
	for _, p := range pages {
		var b bytes.Buffer
		if err := p.Render(&b); err != nil {
			t.Fatalf("rendering %s: %v", p.Path, err)
		}
		if _, dup := files[p.Path]; dup {
			t.Fatalf("two pages at %s", p.Path)
		}
		files[p.Path] = b.Bytes()
	}
	return files, pages
}

func baseConfig() content.Config {
	return content.Config{Title: "Arms Control Timeline", Language: "en", Paginate: 100, FeedItems: 20}
}

// emptyTheme is an override folder that changes nothing.
var emptyTheme = fstest.MapFS{}
