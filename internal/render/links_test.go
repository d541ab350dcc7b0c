package render

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parsed is what the tests need of an HTML page.
type parsed struct {
	ids   map[string]bool
	links []string // href and src values, in document order
	h1    int
	tags  map[string]int // element counts
	lang  string
}

func parse(t *testing.T, name string, b []byte) parsed {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := parsed{ids: map[string]bool{}, tags: map[string]int{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			p.tags[n.Data]++
			if n.Data == "h1" {
				p.h1++
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if p.ids[a.Val] {
						t.Errorf("%s: duplicate id %q", name, a.Val)
					}
					p.ids[a.Val] = true
				case a.Key == "href" || a.Key == "src":
					p.links = append(p.links, a.Val)
				case a.Key == "lang" && n.Data == "html":
					p.lang = a.Val
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func htmlFiles(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// resolve returns the file and fragment that a relative link from page
// leads to, and ok false for a link that leaves the site.
func resolve(page, href string) (file, fragment string, ok bool) {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", "", false
	}
	target := u.Path
	if target == "" {
		target = path.Base(page)
	}
	file = path.Join(path.Dir(page), target)
	if strings.HasSuffix(target, "/") || file == "." {
		file = path.Join(file, "index.html")
	}
	return strings.TrimPrefix(file, "./"), u.Fragment, true
}

func TestEveryInternalLinkResolves(t *testing.T) {
	for _, pretty := range []bool{false, true} {
		cfg := baseConfig()
		cfg.PrettyURLs = pretty
		cfg.BaseURL = "https://example.org/arms/"
		cfg.Paginate = 2
		files, _ := build(t, cfg, Options{})
		pages := map[string]parsed{}
		for _, name := range htmlFiles(files) {
			pages[name] = parse(t, name, files[name])
		}
		checked := 0
		for _, name := range htmlFiles(files) {
			if name == "404.html" {
				continue // links from the base path; see TestNotFoundLinksStartFromBasePath
			}
			for _, href := range pages[name].links {
				if strings.HasPrefix(href, "/") || strings.Contains(href, "..//") {
					t.Errorf("pretty=%v %s: link %q is not relative", pretty, name, href)
					continue
				}
				file, frag, ok := resolve(name, href)
				if !ok {
					continue
				}
				checked++
				if _, exists := files[file]; !exists {
					t.Errorf("pretty=%v %s: link %q leads to %s, which is not generated", pretty, name, href, file)
					continue
				}
				if frag != "" && !pages[file].ids[frag] {
					t.Errorf("pretty=%v %s: link %q: no id %q in %s", pretty, name, href, frag, file)
				}
			}
		}
		if checked < 100 {
			t.Errorf("pretty=%v: checked only %d links, want a site's worth", pretty, checked)
		}
	}
}

func TestPrettyURLsSwitchLinkStyle(t *testing.T) {
	tests := []struct {
		pretty    bool
		page      string
		want, not string
	}{
		{false, "index.html", `href="treaties/new-start/index.html"`, `href="treaties/new-start/"`},
		{true, "index.html", `href="treaties/new-start/"`, `href="treaties/new-start/index.html"`},
		{false, "treaties/new-start/index.html", `href="../../index.html"`, `href="../../"`},
		{true, "treaties/new-start/index.html", `href="../../"`, `href="../../index.html"`},
		{true, "articles/page/2/index.html", `href="../../../articles/"`, `index.html"`},
	}
	for _, tt := range tests {
		cfg := baseConfig()
		cfg.PrettyURLs = tt.pretty
		cfg.Paginate = 2
		files, _ := build(t, cfg, Options{})
		got := string(files[tt.page])
		if !strings.Contains(got, tt.want) {
			t.Errorf("pretty=%v %s: no %s", tt.pretty, tt.page, tt.want)
		}
		if strings.Contains(got, tt.not) {
			t.Errorf("pretty=%v %s: has %s, want none", tt.pretty, tt.page, tt.not)
		}
	}
}

func TestNotFoundLinksStartFromBasePath(t *testing.T) {
	tests := []struct {
		baseURL string
		pretty  bool
		want    []string
	}{
		{"", false, []string{"/index.html", "/timeline/index.html", "/assets/style.css"}},
		{"https://example.org/", true, []string{"/", "/timeline/", "/assets/style.css"}},
		{"https://example.org/arms/", false, []string{"/arms/index.html", "/arms/treaties/index.html", "/arms/assets/style.css", "/arms/feed.xml"}},
		{"https://example.org/arms", true, []string{"/arms/", "/arms/articles/", "/arms/assets/style.css"}},
	}
	for _, tt := range tests {
		cfg := baseConfig()
		cfg.BaseURL, cfg.PrettyURLs = tt.baseURL, tt.pretty
		files, _ := build(t, cfg, Options{})
		p := parse(t, "404.html", files["404.html"])
		for _, want := range tt.want {
			if !slices.Contains(p.links, want) {
				t.Errorf("base_url %q: 404.html links %q, want one to %q", tt.baseURL, p.links, want)
			}
		}
		for _, href := range p.links {
			if !strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "#") {
				t.Errorf("base_url %q: 404.html link %q does not start from the base path", tt.baseURL, href)
			}
		}
	}
}

func TestPagerLinksAWindowOfPages(t *testing.T) {
	tests := []struct {
		page, pages int
		want        string
	}{
		{1, 1, "[1]"},
		{3, 5, "1 2 [3] 4 5"},
		{1, 20, "[1] 2 3 … 20"},
		{4, 20, "1 2 3 [4] 5 6 … 20"},
		{5, 20, "1 2 3 4 [5] 6 7 … 20"},
		{10, 20, "1 … 8 9 [10] 11 12 … 20"},
		{20, 20, "1 … 18 19 [20]"},
		{500, 1000, "1 … 498 499 [500] 501 502 … 1000"},
	}
	for _, tt := range tests {
		p := pagerFor(linker{from: "articles/index.html"}, "articles", tt.page, tt.pages)
		var got []string
		for _, l := range p.Links {
			switch {
			case l.Gap:
				got = append(got, "…")
			case l.Current:
				got = append(got, fmt.Sprintf("[%d]", l.N))
			default:
				got = append(got, strconv.Itoa(l.N))
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("page %d of %d: links %s, want %s", tt.page, tt.pages, s, tt.want)
		}
	}
}
