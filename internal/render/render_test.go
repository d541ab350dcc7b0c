package render

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/diag"
)

func TestPagesListEveryFileSorted(t *testing.T) {
	tests := []struct {
		name    string
		baseURL string
		want    []string
		not     []string
	}{
		{"without base_url", "",
			[]string{"index.html", "404.html", "timeline/index.html", "timeline/2021/index.html", "treaties/index.html",
				"treaties/new-start/index.html", "treaties/new-start/events.ics", "articles/index.html",
				"articles/antonov/index.html", "tags/index.html", "tags/nuclear/index.html", "parties/index.html",
				"parties/russia/index.html", "assets/style.css", "assets/filter.js", "events.ics", "timeline.json",
				"data/treaties.json", "data/timeline.json"},
			[]string{"feed.xml", "sitemap.xml"}},
		{"with base_url", "https://example.org/arms/", []string{"feed.xml", "sitemap.xml"}, nil},
	}
	for _, tt := range tests {
		cfg := baseConfig()
		cfg.BaseURL = tt.baseURL
		files, pages := build(t, cfg, Options{})
		for _, want := range tt.want {
			if _, ok := files[want]; !ok {
				t.Errorf("%s: no page %s", tt.name, want)
			}
		}
		for _, not := range tt.not {
			if _, ok := files[not]; ok {
				t.Errorf("%s: page %s, want none", tt.name, not)
			}
		}
		if !slices.IsSortedFunc(pages, func(a, b Page) int { return strings.Compare(a.Path, b.Path) }) {
			t.Errorf("%s: pages not sorted by path", tt.name)
		}
	}
}

func TestSitemapListsPagesInLinkStyle(t *testing.T) {
	cfg := baseConfig()
	cfg.BaseURL, cfg.PrettyURLs = "https://example.org/arms/", true
	files, _ := build(t, cfg, Options{})
	got := string(files["sitemap.xml"])
	for _, want := range []string{"https://example.org/arms/treaties/new-start/", "https://example.org/arms/timeline/2021/"} {
		if !strings.Contains(got, "<loc>"+want+"</loc>") {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "404") {
		t.Errorf("sitemap.xml lists 404.html:\n%s", got)
	}
}

func TestHTMLPagesHaveTheLayout(t *testing.T) {
	cfg := baseConfig()
	cfg.Language = "de"
	cfg.BaseURL = "https://example.org/"
	files, _ := build(t, cfg, Options{})
	for _, name := range htmlFiles(files) {
		got := string(files[name])
		p := parse(t, name, files[name])
		if p.h1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", name, p.h1)
		}
		if p.lang != "de" {
			t.Errorf("%s: lang %q, want %q", name, p.lang, "de")
		}
		for _, el := range []string{"header", "nav", "main", "footer"} {
			if p.tags[el] == 0 {
				t.Errorf("%s: no <%s>", name, el)
			}
		}
		for _, want := range []string{
			`<!doctype html>`, `<meta charset="utf-8">`, `name="viewport"`, `class="skip" href="#main"`,
			`Status as of <time datetime="2024-06-01">1 June 2024</time>`,
			`<link rel="alternate" type="application/atom+xml"`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %s", name, want)
			}
		}
		if strings.Contains(got, "http://") || strings.Contains(got, "//fonts.") || strings.Contains(got, "cdn") {
			t.Errorf("%s: refers to an external resource", name)
		}
	}
}

func TestNoFeedLinkWithoutBaseURL(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	if got := string(files["index.html"]); strings.Contains(got, "application/atom+xml") || strings.Contains(got, "feed.xml") {
		t.Errorf("index.html links a feed, but the site has no base_url")
	}
}

func TestContentIsEscaped(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	for _, name := range htmlFiles(files) {
		got := string(files[name])
		if strings.Contains(got, "<script>") || strings.Contains(got, "<b>Evil") {
			t.Errorf("%s: unescaped markup from content", name)
		}
	}
	escaped := `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;`
	for _, name := range []string{"treaties/evil/index.html", "articles/moscow/index.html", "index.html", "treaties/index.html"} {
		if !strings.Contains(string(files[name]), escaped) {
			t.Errorf("%s: no escaped hostile title %s", name, escaped)
		}
	}
	if !strings.Contains(string(files["treaties/evil/index.html"]), `&lt;b&gt;Evil&lt;/b&gt; Party`) {
		t.Errorf("treaties/evil/index.html: hostile party not shown escaped")
	}
}

func TestRenderIsDeterministic(t *testing.T) {
	cfg := baseConfig()
	cfg.BaseURL = "https://example.org/"
	first, _ := build(t, cfg, Options{})
	for range 3 {
		again, _ := build(t, cfg, Options{})
		if len(again) != len(first) {
			t.Fatalf("%d files, then %d", len(first), len(again))
		}
		for name, b := range first {
			if !bytes.Equal(again[name], b) {
				t.Errorf("%s differs between two renders", name)
			}
		}
	}
}

func TestPagesRenderConcurrently(t *testing.T) {
	site, tl := testSite(t, baseConfig())
	theme, err := LoadTheme(Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := Pages(site, tl, theme, ListOptions{})
	want := map[string][]byte{}
	for _, p := range pages {
		var b bytes.Buffer
		if err := p.Render(&b); err != nil {
			t.Fatal(err)
		}
		want[p.Path] = b.Bytes()
	}
	var wg sync.WaitGroup
	for _, p := range pages {
		wg.Go(func() {
			var b bytes.Buffer
			if err := p.Render(&b); err != nil {
				t.Errorf("%s: %v", p.Path, err)
			}
			if !bytes.Equal(b.Bytes(), want[p.Path]) {
				t.Errorf("%s: concurrent render differs", p.Path)
			}
		})
	}
	wg.Wait()
}

func TestPaginationAtTwoPerPage(t *testing.T) {
	cfg := baseConfig()
	cfg.Paginate = 2
	files, _ := build(t, cfg, Options{})
	tests := []struct {
		page      string
		want, not []string
	}{
		// Articles are newest first: suspension, moscow | antonov, old-news | undated-ish.
		{"articles/index.html", []string{"Russia suspends", `href="../articles/page/2/index.html" rel="next"`}, []string{"Antonov", `rel="prev"`}},
		{"articles/page/2/index.html", []string{"Antonov proposes a meeting", "Old news", `rel="prev"`, `rel="next"`, `aria-current="page"`}, []string{"Russia suspends"}},
		{"articles/page/3/index.html", []string{"Around the signing", `href="../../../articles/page/2/index.html" rel="prev"`}, []string{`rel="next"`}},
		{"tags/diplomacy/page/3/index.html", []string{"Around the signing"}, nil},
		{"parties/russia/page/2/index.html", []string{"SORT"}, []string{`treaties/new-start/index.html">New START`}},
		// Year pages and treaty pages hold two entries and two articles each.
		{"timeline/2021/index.html", []string{`href="../../timeline/2021/page/2/index.html" rel="next"`, "Timeline 2021</h1>"}, []string{"Previous page"}},
		{"timeline/2021/page/3/index.html", []string{"Timeline 2021, page 3 of 3", `href="../../../../timeline/2021/page/2/index.html" rel="prev"`, `name="treaty"`}, []string{"Next page"}},
		{"treaties/new-start/page/4/index.html", []string{"New START, page 4 of 4", `rel="prev"`}, []string{`rel="next"`, "No article refers", "No events yet"}},
	}
	for _, tt := range tests {
		got, ok := files[tt.page]
		if !ok {
			t.Errorf("no page %s", tt.page)
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(string(got), want) {
				t.Errorf("%s: no %s", tt.page, want)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(string(got), not) {
				t.Errorf("%s: has %s, want none", tt.page, not)
			}
		}
	}
	for _, absent := range []string{"articles/page/4/index.html", "articles/page/1/index.html", "tags/nuclear/page/2/index.html", "timeline/2021/page/4/index.html", "timeline/1999/page/2/index.html", "treaties/evil/page/2/index.html"} {
		if _, ok := files[absent]; ok {
			t.Errorf("page %s, want none", absent)
		}
	}
}

func TestTimelineLinksBothWays(t *testing.T) {
	site, tl := testSite(t, baseConfig())
	files, _ := build(t, baseConfig(), Options{})
	var checked int
	for _, e := range tl.Entries {
		year := "timeline/" + e.Date.String()[:4] + "/index.html"
		if !parse(t, year, files[year]).ids[e.ID] {
			t.Errorf("%s: no entry with id %s", year, e.ID)
		}
		if anchor := e.SourceAnchor(); anchor != "" {
			checked++
			page := "articles/" + e.Article.Slug + "/index.html"
			if !parse(t, page, files[page]).ids[anchor] {
				t.Errorf("%s: no annotation anchor %s", page, anchor)
			}
			if want := `href="../../articles/` + e.Article.Slug + `/index.html#` + anchor + `"`; !strings.Contains(string(files[year]), want) {
				t.Errorf("%s: entry %s does not link back with %s", year, e.ID, want)
			}
			if want := `href="../../timeline/2021/index.html#` + e.ID + `"`; !strings.Contains(string(files[page]), want) {
				t.Errorf("%s: annotation does not link to its entry with %s", page, want)
			}
		}
	}
	if checked == 0 || len(site.Articles) == 0 {
		t.Fatal("the test site has no annotation")
	}
}

func TestYearPageEntries(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	got := string(files["timeline/2023/index.html"])
	for _, want := range []string{
		`<h2 id="m02">February 2023</h2>`,
		`data-kind="suspended" data-treaty="new-start" data-party="russia"`,
		`<span class="badge kind kind-suspended">suspended</span>`,
		`<span class="party">by Russia</span>`,
		`<a href="../../timeline/2021/index.html" rel="prev">`,
		`<a href="../../timeline/2026/index.html" rel="next">`,
		`<form class="filters" data-filters hidden`,
		`<script src="../../assets/filter.js" defer></script>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("timeline/2023/index.html: no %s", want)
		}
	}
	if got := string(files["timeline/1999/index.html"]); !strings.Contains(got, `<h2 id="during">During 1999</h2>`) {
		t.Errorf("timeline/1999/index.html: a year-precision entry is not under its year")
	}
}

func TestTreatyPage(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	tests := []struct {
		page string
		want []string
	}{
		{"treaties/new-start/index.html", []string{
			`<h1>New START</h1>`, "Also known as", "START III",
			`<span class="badge status status-in-force">In force</span> In force — expires on 5 February 2026 (in 1 year)`,
			`href="../../parties/russia/index.html">Russia</a>`,
			`href="../../tags/strategic/index.html">strategic</a>`,
			`href="../../treaties/new-start/events.ics"`,
			`href="../../articles/antonov/index.html">Antonov proposes a meeting</a>`,
			`href="https://example.com/new-start" rel="external">Treaty text</a>`,
		}},
		{"treaties/sort/index.html", []string{
			"Superseded on 5 February 2011 by New START",
			`Superseded by <a href="../../treaties/new-start/index.html">New START</a>`,
		}},
		{"treaties/evil/index.html", []string{`status-negotiating">In negotiation</span>`}},
	}
	for _, tt := range tests {
		got := string(files[tt.page])
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %s", tt.page, want)
			}
		}
	}
}

func TestHomePageChart(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	got := string(files["index.html"])
	for _, want := range []string{
		`<title id="chart-title">Treaty lifespans</title>`, `<desc id="chart-desc">Lifespans of 2 treaties, 2002 to 2026`,
		`class="bar in-force"`, `class="bar pending"`, `class="as-of-line"`, `>as of 1 June 2024</text>`,
		`<polygon class="mark kind-signed"`, `<title>SORT: superseded, 5 February 2011</title>`,
		`<a xlink:href="treaties/sort/index.html">`, `>2010</text>`,
		`<td>since 5 February 2011</td>`, `<td>June 2003 – 5 February 2011</td>`,
		`<h3 id="status-superseded">Superseded</h3>`, `<h2 id="upcoming">Coming up</h2>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("index.html: no %s", want)
		}
	}
}

func TestThemeOverridesFilesByName(t *testing.T) {
	override := fstest.MapFS{
		"404.html":           {Data: []byte(`{{define "main"}}<h1>Lost</h1><p class="custom">{{.SiteTitle}}</p>{{end}}`)},
		"assets/style.css":   {Data: []byte("body { color: red }")},
		"assets/extra.txt":   {Data: []byte("extra")},
		"assets/.style.swp":  {Data: []byte("junk")},
		"notes/ignored.html": {Data: []byte("{{")},
	}
	files, _ := build(t, baseConfig(), Options{Templates: override})
	if got := string(files["404.html"]); !strings.Contains(got, `<h1>Lost</h1><p class="custom">Arms Control Timeline</p>`) ||
		!strings.Contains(got, `<!doctype html>`) {
		t.Errorf("404.html did not use the override inside the default layout:\n%s", got)
	}
	if got := string(files["assets/style.css"]); got != "body { color: red }" {
		t.Errorf("assets/style.css = %q, want the override", got)
	}
	if got := string(files["assets/extra.txt"]); got != "extra" {
		t.Errorf("assets/extra.txt = %q, want the site's extra asset", got)
	}
	if _, ok := files["assets/.style.swp"]; ok {
		t.Errorf("an editor's swap file was published")
	}
	if !strings.Contains(string(files["index.html"]), `<h1>Arms Control Timeline</h1>`) {
		t.Errorf("index.html lost the default theme's home page")
	}
}

func TestThemeParseErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"page", fstest.MapFS{"treaty.html": {Data: []byte("{{define \"main\"}}\n<h1>{{.Title</h1>\n{{end}}")}},
			"templates/treaty.html:2: "},
		{"shared", fstest.MapFS{"partials.html": {Data: []byte("\n\n{{nosuchfunc}}")}},
			`templates/partials.html:3: function "nosuchfunc" not defined`},
	}
	for _, tt := range tests {
		_, err := LoadTheme(Options{Templates: tt.fsys})
		var list diag.List
		if !errors.As(err, &list) {
			t.Errorf("%s: LoadTheme error %v, want a diag.List", tt.name, err)
			continue
		}
		if got := list[0].String(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: LoadTheme error %q, want it to start with %q", tt.name, got, tt.want)
		}
	}
}

func TestPageDependencies(t *testing.T) {
	_, pages := build(t, baseConfig(), Options{})
	byPath := map[string]Page{}
	for _, p := range pages {
		byPath[p.Path] = p
	}
	tests := []struct {
		path     string
		treaties []string
		articles []string
		global   bool
	}{
		{"treaties/sort/index.html", []string{"new-start", "sort"}, []string{"old-news"}, false},
		{"articles/antonov/index.html", []string{"new-start"}, []string{"antonov"}, false},
		{"tags/nuclear/index.html", []string{"new-start", "sort"}, nil, false},
		{"timeline/2021/index.html", []string{"evil", "new-start"}, []string{"antonov", "moscow"}, false},
		{"articles/index.html", []string{"evil", "new-start", "sort"}, []string{"antonov", "moscow", "old-news", "suspension", "undated-ish"}, false},
		{"index.html", nil, nil, true},
		{"data/treaties.json", nil, nil, true},
		{"assets/style.css", nil, nil, false},
	}
	for _, tt := range tests {
		p, ok := byPath[tt.path]
		if !ok {
			t.Errorf("no page %s", tt.path)
			continue
		}
		if !slices.Equal(p.Treaties, tt.treaties) || !slices.Equal(p.Articles, tt.articles) || p.Global != tt.global {
			t.Errorf("%s depends on treaties %q, articles %q, global %v; want %q, %q, %v",
				tt.path, p.Treaties, p.Articles, p.Global, tt.treaties, tt.articles, tt.global)
		}
	}
}

func TestRenderReportsTemplateErrors(t *testing.T) {
	override := fstest.MapFS{"terms.html": {Data: []byte(`{{define "main"}}{{.Data.NoSuchField}}{{end}}`)}}
	site, tl := testSite(t, baseConfig())
	theme, err := LoadTheme(Options{Templates: override})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Pages(site, tl, theme, ListOptions{}) {
		if p.Path == "tags/index.html" {
			if err := p.Render(io.Discard); err == nil || !strings.Contains(err.Error(), "terms.html") {
				t.Errorf("Render(tags/index.html) = %v, want an error naming terms.html", err)
			}
			return
		}
	}
	t.Fatal("no tags/index.html")
}

func TestTermPageSpansTreatiesThenArticles(t *testing.T) {
	tr := func(id string) *content.Treaty { return &content.Treaty{ID: id} }
	ar := func(slug string) *content.Article { return &content.Article{Slug: slug} }
	term := &term{Treaties: []*content.Treaty{tr("a"), tr("b"), tr("c")}, Articles: []*content.Article{ar("x"), ar("y")}}
	ids := func(ts []*content.Treaty, as []*content.Article) string {
		var out []string
		for _, t := range ts {
			out = append(out, t.ID)
		}
		for _, a := range as {
			out = append(out, a.Slug)
		}
		return strings.Join(out, " ")
	}
	for i, want := range []string{"a b", "c x", "y", ""} {
		if got := ids(term.page(i+1, 2)); got != want {
			t.Errorf("page %d = %q, want %q", i+1, got, want)
		}
	}
}

func TestListingWithoutDepsRendersTheSame(t *testing.T) {
	withDeps, pages := build(t, baseConfig(), Options{})
	site, tl := testSite(t, baseConfig())
	theme, err := LoadTheme(Options{})
	if err != nil {
		t.Fatal(err)
	}
	bare := Pages(site, tl, theme, ListOptions{})
	if len(bare) != len(pages) {
		t.Fatalf("%d pages without dependencies, %d with", len(bare), len(pages))
	}
	for i, p := range bare {
		if p.Path != pages[i].Path || p.Global != pages[i].Global {
			t.Errorf("page %d is %s (global %v), want %s (global %v)", i, p.Path, p.Global, pages[i].Path, pages[i].Global)
		}
		if p.Treaties != nil || p.Articles != nil || p.Nav != "" {
			t.Errorf("%s lists dependencies %q %q %q", p.Path, p.Treaties, p.Articles, p.Nav)
		}
		var b bytes.Buffer
		if err := p.Render(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), withDeps[p.Path]) {
			t.Errorf("%s renders differently without dependencies", p.Path)
		}
	}
}

func TestTermListsARecordOnceForSpellingsOfOneSlug(t *testing.T) {
	tr := &content.Treaty{ID: "t", Title: "T", Tags: []string{"Arms Control", "arms-control"}, Parties: []string{"Russia", " russia"}}
	a := &content.Article{Slug: "a", Tags: []string{"Arms control", "ARMS CONTROL"}}
	s := &site{Site: content.NewSite(content.Config{}, []*content.Treaty{tr}, []*content.Article{a})}
	tags, parties := s.terms()
	if len(tags) != 1 || len(tags[0].Treaties) != 1 || len(tags[0].Articles) != 1 || tags[0].Name != "Arms Control" {
		t.Errorf("tags = %+v, want one, Arms Control, with the treaty and the article once each", tags)
	}
	if len(parties) != 1 || len(parties[0].Treaties) != 1 {
		t.Errorf("parties = %+v, want one with the treaty once", parties)
	}
}
