package render

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/markdown"
	"github.com/treatyline/treatyline/templates"
)

// Strings that exercise every escaper the default partials use: markup,
// quotes, '+', NUL, non-ASCII and invalid UTF-8, URL schemes html/template
// filters and keeps, and percent escapes valid and not.
var awkward = []string{
	"", "New START", "a & b", `"quoted" 'single'`, "1+1", "<b>bold</b>", "nul\x00", "é ü 日本",
	"\xff\xfe", "\ufdd0", "javascript:alert(1)", "JavaScript:x", "data:text/html,hi", "vbscript:x",
	"http://example.org/a b?c=d&e=f+g#h", "HTTPS://x", "mailto:a@b", "../../treaties/new-start/index.html",
	"#frag", "a:b/c", "/x:y", "%41%zz%4", "[]!$*,;=@()", "tab\there", "line\nbreak", "~_-.",
}

func pick(r *rand.Rand) string {
	s := awkward[r.IntN(len(awkward))]
	if r.IntN(3) == 0 {
		s += awkward[r.IntN(len(awkward))]
	}
	return s
}

func pickRef(r *rand.Rand) *ref {
	if r.IntN(3) == 0 {
		return nil
	}
	return &ref{Title: pick(r), URL: pick(r)}
}

func pickRefs(r *rand.Rand) []ref {
	var rs []ref
	for range r.IntN(4) {
		rs = append(rs, ref{Title: pick(r), URL: pick(r)})
	}
	return rs
}

func pickEntry(r *rand.Rand) entryView {
	v := entryView{
		ID: pick(r), Anchored: r.IntN(2) == 0, Permalink: pick(r),
		Date: dateView{ISO: pick(r), Text: pick(r)}, Kind: pick(r), Badge: pick(r),
		Treaty: pickRef(r), Party: pick(r), Place: pick(r), Until: pick(r), Successor: pickRef(r),
		Note: template.HTML(pick(r)), Source: pick(r), Article: pickRef(r), Reported: r.IntN(2) == 0,
		Quote: pick(r), QuoteURL: pick(r), Future: r.IntN(2) == 0,
		FilterTreaties: pick(r), FilterParties: pick(r),
	}
	if v.Reported && v.Article == nil {
		v.Article = &ref{Title: pick(r), URL: pick(r)}
	}
	return v
}

func pickItem(r *rand.Rand) articleItem {
	return articleItem{
		ref: ref{Title: pick(r), URL: pick(r)}, Date: dateView{ISO: pick(r), Text: pick(r)},
		Summary: template.HTML(pick(r)), Author: pick(r), Source: pick(r), Treaties: pickRefs(r),
	}
}

func pickStatus(r *rand.Rand) statusView {
	return statusView{Kind: pick(r), Label: pick(r), Text: pick(r), Relative: pick(r)}
}

func pickTreatyItem(r *rand.Rand) treatyItem {
	return treatyItem{ref: ref{Title: pick(r), URL: pick(r)}, ID: pick(r), Parties: pickRefs(r),
		Status: pickStatus(r), Summary: template.HTML(pick(r))}
}

func pickItems(r *rand.Rand) []articleItem {
	var its []articleItem
	for range r.IntN(3) {
		its = append(its, pickItem(r))
	}
	return its
}

func pickPager(r *rand.Rand) pager {
	n := 1 + r.IntN(12)
	p := pagerFor(linker{from: "x/index.html"}, "x", 1+r.IntN(n), n)
	if r.IntN(4) == 0 {
		p.Prev, p.Next = pick(r), pick(r)
	}
	return p
}

// TestCompiledPartialsMatchTemplates renders random values with both the
// default theme's templates and their compiled versions.
func TestCompiledPartialsMatchTemplates(t *testing.T) {
	tmpl := template.Must(template.New("default").Funcs(compiledFuncs).ParseFS(templates.FS, "partials.html"))
	r := rand.New(rand.NewPCG(7, 11))
	check := func(name string, data any, got template.HTML, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want strings.Builder
		if err := tmpl.ExecuteTemplate(&want, name, data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(got) != want.String() {
			t.Fatalf("%s of %#v:\ncompiled %q\ntemplate %q", name, data, got, want.String())
		}
	}
	for range 3000 {
		v := pickEntry(r)
		got, err := compiledFuncs["treatylineEntry"].(func(entryView) (template.HTML, error))(v)
		check("entry", v, got, err)

		vs := []entryView{pickEntry(r), pickEntry(r)}[:r.IntN(3)]
		got, err = compiledFuncs["treatylineEntries"].(func([]entryView) (template.HTML, error))(vs)
		check("entries", vs, got, err)

		it := pickItem(r)
		check("article-item", it, compiledFuncs["treatylineArticleItem"].(func(articleItem) template.HTML)(it), nil)

		ti := pickTreatyItem(r)
		check("treaty-item", ti, compiledFuncs["treatylineTreatyItem"].(func(treatyItem) template.HTML)(ti), nil)

		rs := pickRefs(r)
		check("refs", rs, compiledFuncs["treatylineRefs"].(func([]ref) template.HTML)(rs), nil)
	}
}

// TestCompiledPartialsYieldToTheme checks that a theme redefining a partial,
// or a template one calls, gets its own templates.
func TestCompiledPartialsYieldToTheme(t *testing.T) {
	year, err := templates.FS.ReadFile(yearPage)
	if err != nil {
		t.Fatal(err)
	}
	v := []entryView{{ID: "e1", Kind: "signed", Badge: "signed", Date: dateView{ISO: "2010-04-08", Text: "8 April 2010"}}}
	tests := []struct {
		name, partials string
		compiled       []string
		want           string
	}{
		{"default", "", []string{"entries", "entry", "refs", "article-item", "treaty-item"}, `<time datetime="2010-04-08">8 April 2010</time>`},
		{"own date", `{{define "date"}}<b>{{.Text}}</b>{{end}}`, []string{"refs", "treaty-item"}, `<b>8 April 2010</b>`},
		{"own entry", `{{define "entry"}}<li>{{.ID}}</li>{{end}}`, []string{"refs", "article-item", "treaty-item"}, `<ol class="entries"><li>e1</li>`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{yearPage: {Data: append(slices.Clip(year), tt.partials...)}}
		th, err := LoadTheme(Options{Templates: fsys})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for _, p := range compiledPartials {
			tree := th.pages[yearPage].Lookup(p.name).Tree.Root.String()
			want := slices.Contains(tt.compiled, p.name)
			if got := strings.Contains(tree, p.fn); got != want {
				t.Errorf("%s: %s compiled = %v, want %v", tt.name, p.name, got, want)
			}
		}
		var b strings.Builder
		if err := th.executePart(&b, yearPage, "entries", v); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("%s: entries gave %s, want %s in it", tt.name, b.String(), tt.want)
		}
	}
}

// compiledTheme returns the default theme, whose page file must be compiled.
func compiledTheme(t *testing.T, file string) *Theme {
	t.Helper()
	th, err := LoadTheme(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if th.compiled[file] == nil {
		t.Fatalf("the default %s is not compiled", file)
	}
	return th
}

// TestCompiledArticlePageMatchesTemplates renders random article pages
// with the default theme's templates and with the compiled page.
func TestCompiledArticlePageMatchesTemplates(t *testing.T) {
	th := compiledTheme(t, articlePage)
	s := &site{theme: th, shared: newShared(), md: markdown.New(markdown.Options{})}
	r := rand.New(rand.NewPCG(3, 5))
	for range 1000 {
		d := articleData{articleItem: pickItem(r), SourceURL: pick(r), Tags: pickRefs(r), resolver: resolver{s: s}}
		if r.IntN(4) > 0 {
			d.body = s.md.Parse([]byte("Some *text*, " + pick(r) + "\n\n- [a link](" + pick(r) + ")\n"))
		}
		for range r.IntN(3) {
			d.Entries = append(d.Entries, pickEntry(r))
		}
		checkPage(t, r, s, articlePage, d)
	}
}

func TestCompiledArticlePageYieldsToTheme(t *testing.T) {
	for name, data := range map[string]string{
		"article.html":  `{{define "main"}}<p>mine</p>{{end}}`,
		"base.html":     `<!doctype html><title>{{.Title}}</title>{{block "main" .}}{{end}}{{define "site-header"}}{{end}}{{define "site-footer"}}{{end}}`,
		"my-theme.html": `{{define "title"}}My {{.Title}}{{end}}`,
	} {
		th, err := LoadTheme(Options{Templates: fstest.MapFS{name: {Data: []byte(data)}}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if th.compiled[articlePage] != nil {
			t.Errorf("with its own %s, the article page is still compiled", name)
		}
		if compiled := th.compiled[yearPage] != nil; compiled != (name == "article.html") {
			t.Errorf("with its own %s, the year page compiled = %v", name, compiled)
		}
	}
}

// TestCompiledYearPageMatchesTemplates renders random year pages with the
// default theme's templates and with the compiled page.
func TestCompiledYearPageMatchesTemplates(t *testing.T) {
	th := compiledTheme(t, yearPage)
	s := &site{theme: th, shared: newShared()}
	r := rand.New(rand.NewPCG(4, 6))
	pickOptions := func() []option {
		var os []option
		for range r.IntN(3) {
			os = append(os, option{Value: pick(r), Label: pick(r)})
		}
		return os
	}
	for range 1000 {
		d := yearData{Year: r.IntN(3000), Count: r.IntN(500), Prev: pickRef(r), Next: pickRef(r),
			Filters: filters{Treaties: pickOptions(), Kinds: pickOptions(), Parties: pickOptions()}}
		for range r.IntN(4) {
			d.Years = append(d.Years, pageLink{N: r.IntN(3000), URL: pick(r), Current: r.IntN(4) == 0})
		}
		for range r.IntN(3) {
			m := monthGroup{ID: pick(r), Name: pick(r)}
			for range r.IntN(3) {
				m.Entries = append(m.Entries, pickEntry(r))
			}
			d.Months = append(d.Months, m)
		}
		n := 1 + r.IntN(12)
		d.Pager = pagerFor(linker{from: "timeline/2021/index.html"}, "timeline/2021", 1+r.IntN(n), n)
		if r.IntN(4) == 0 {
			d.Pager.Prev, d.Pager.Next = pick(r), pick(r)
		}
		checkPage(t, r, s, yearPage, d)
	}
}

// checkPage renders the page file with data in a random layout, with its
// templates and with its compiled writer, and compares.
func checkPage(t *testing.T, r *rand.Rand, s *site, file string, data any) {
	t.Helper()
	v := view{Lang: pick(r), SiteTitle: pick(r), Title: pick(r), AsOf: dateView{ISO: pick(r), Text: pick(r)},
		Section: pick(r), Data: data, site: s, tmpl: file, at: depth{dirs: r.IntN(4)}}
	v.URL = layoutURLs{Home: pick(r), Timeline: pick(r), Treaties: pick(r), Articles: pick(r), Tags: pick(r),
		Parties: pick(r), Style: pick(r), Script: pick(r), Icon: pick(r), Calendar: pick(r)}
	if r.IntN(2) == 0 {
		v.URL.Feed = pick(r)
	}
	if r.IntN(4) == 0 {
		v.Title = v.SiteTitle
	}
	s.shared = newShared() // the header and footer differ with the view's URLs
	var want strings.Builder
	if err := s.theme.pages[file].ExecuteTemplate(&want, layoutFile, v); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := s.theme.compiled[file](htmlWriter{&got}, &v); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("%s of %#v:\ncompiled %q\ntemplate %q", file, data, got.String(), want.String())
	}
}

// TestCompiledListPagesMatchTemplates renders random article lists, tag
// and party pages and treaty pages with the default theme's templates and
// with their compiled pages.
func TestCompiledListPagesMatchTemplates(t *testing.T) {
	th := compiledTheme(t, articlesPage)
	for _, file := range []string{listPage, treatyPage} {
		if th.compiled[file] == nil {
			t.Fatalf("the default %s is not compiled", file)
		}
	}
	s := &site{theme: th, shared: newShared()}
	r := rand.New(rand.NewPCG(8, 9))
	for range 1000 {
		checkPage(t, r, s, articlesPage, articlesData{Articles: pickItems(r), Pager: pickPager(r)})

		d := listData{Name: pick(r), Articles: pickItems(r), Pager: pickPager(r)}
		for range r.IntN(3) {
			d.Treaties = append(d.Treaties, pickTreatyItem(r))
		}
		checkPage(t, r, s, listPage, d)

		td := treatyData{treatyItem: pickTreatyItem(r), FullTitle: pick(r), Since: dateView{ISO: pick(r), Text: pick(r)},
			Expires: dateView{ISO: pick(r), Text: pick(r)}, Successor: pickRef(r), Description: template.HTML(pick(r)),
			Links: pickRefs(r), Tags: pickRefs(r), Articles: pickItems(r), Calendar: pick(r), Pager: pickPager(r)}
		for range r.IntN(3) {
			td.Aliases = append(td.Aliases, pick(r))
			td.Withdrawn = append(td.Withdrawn, partyDate{Party: ref{Title: pick(r), URL: pick(r)}, Date: dateView{ISO: pick(r), Text: pick(r)}})
			td.Entries = append(td.Entries, pickEntry(r))
		}
		if r.IntN(3) == 0 {
			td.Chart = &chartView{Width: r.IntN(900), Height: r.IntN(300), Title: pick(r), Desc: pick(r)}
		}
		checkPage(t, r, s, treatyPage, td)
	}
}
