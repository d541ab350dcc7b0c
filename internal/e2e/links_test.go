package e2e

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// page is what the link check needs of an HTML file.
type page struct {
	ids   map[string]bool
	links []string // href and src values, as written
}

func parsePage(t *testing.T, file string) page {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("parsing %s: %v", file, err)
	}
	p := page{ids: map[string]bool{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
					p.ids[a.Val] = true
				case a.Key == "href" && n.Data != "base", a.Key == "src":
					p.links = append(p.links, a.Val)
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

// TestEveryInternalLinkResolves follows every relative link of every page
// as a browser would from file://: the target file exists (a folder link
// needs its index.html) and its fragment names an element there.
func TestEveryInternalLinkResolves(t *testing.T) {
	dir := sampleSite(t)
	pages := map[string]page{}
	load := func(rel string) page {
		if p, ok := pages[rel]; ok {
			return p
		}
		p := parsePage(t, filepath.Join(dir, filepath.FromSlash(rel)))
		pages[rel] = p
		return p
	}
	checked := 0
	for _, rel := range htmlPages(t, dir) {
		if rel == "404.html" {
			continue // its links start from base_url's path, by design
		}
		for _, link := range load(rel).links {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", rel, link, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" || strings.HasPrefix(link, "/") {
				if u.Scheme == "" {
					t.Errorf("%s: link %q is not relative", rel, link)
				}
				continue
			}
			target := rel
			if u.Path != "" {
				target = path.Join(path.Dir(rel), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "." || u.Path == ".." {
					target = path.Join(target, "index.html")
				}
			}
			if strings.HasPrefix(target, "../") {
				t.Errorf("%s: link %q leaves the site", rel, link)
				continue
			}
			info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(target)))
			if err != nil || info.IsDir() {
				t.Errorf("%s: link %q: no file %s", rel, link, target)
				continue
			}
			checked++
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !load(target).ids[u.Fragment] {
				t.Errorf("%s: link %q: no id %q in %s", rel, link, u.Fragment, target)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d links checked; the sample site should have many more", checked)
	}
}
