package export

import (
	"encoding/xml"
	"fmt"
	"slices"
	"testing"
)

type parsedURLSet struct {
	XMLName xml.Name
	Locs    []string `xml:"url>loc"`
}

type parsedIndex struct {
	XMLName xml.Name
	Locs    []string `xml:"sitemap>loc"`
}

func TestSitemapListsAbsoluteURLsSortedOnce(t *testing.T) {
	files := Sitemap(baseURL, []string{"treaties/new-start/index.html", "index.html", "./", "a&b/index.html", "index.html"})
	if len(files) != 1 || files[0].Path != "sitemap.xml" {
		t.Fatalf("files = %v, want sitemap.xml alone", paths(files))
	}
	var set parsedURLSet
	if err := xml.Unmarshal(files[0].Data, &set); err != nil {
		t.Fatalf("parsing sitemap.xml: %v", err)
	}
	if set.XMLName.Space != sitemapNS || set.XMLName.Local != "urlset" {
		t.Errorf("root = %v, want {%s}urlset", set.XMLName, sitemapNS)
	}
	want := []string{baseURL, baseURL + "a&b/index.html", baseURL + "index.html", baseURL + "treaties/new-start/index.html"}
	if !slices.Equal(set.Locs, want) {
		t.Errorf("locs = %q, want %q", set.Locs, want)
	}
}

func paths(files []File) []string {
	var p []string
	for _, f := range files {
		p = append(p, f.Path)
	}
	return p
}

func manyURLs(n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("p/%06d/index.html", n-i)
	}
	return urls
}

func TestSitemapIndexBeyondFiftyThousandURLs(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		files []string
		sizes []int
	}{
		{"at the limit", 50000, []string{"sitemap.xml"}, []int{50000}},
		{"one over the limit", 50001, []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}, []int{50000, 1}},
	}
	for _, tt := range tests {
		files := Sitemap(baseURL, manyURLs(tt.n))
		if got := paths(files); !slices.Equal(got, tt.files) {
			t.Errorf("%s: files = %v, want %v", tt.name, got, tt.files)
			continue
		}
		if len(files) == 1 {
			var set parsedURLSet
			if err := xml.Unmarshal(files[0].Data, &set); err != nil || len(set.Locs) != tt.sizes[0] {
				t.Errorf("%s: sitemap.xml has %d URLs, %v; want %d", tt.name, len(set.Locs), err, tt.sizes[0])
			}
			continue
		}
		var index parsedIndex
		if err := xml.Unmarshal(files[0].Data, &index); err != nil {
			t.Fatalf("%s: parsing the index: %v", tt.name, err)
		}
		if index.XMLName.Local != "sitemapindex" || index.XMLName.Space != sitemapNS {
			t.Errorf("%s: index root = %v, want {%s}sitemapindex", tt.name, index.XMLName, sitemapNS)
		}
		if want := []string{baseURL + "sitemap-1.xml", baseURL + "sitemap-2.xml"}; !slices.Equal(index.Locs, want) {
			t.Errorf("%s: index locs = %v, want %v", tt.name, index.Locs, want)
		}
		var all []string
		for i, f := range files[1:] {
			var set parsedURLSet
			if err := xml.Unmarshal(f.Data, &set); err != nil {
				t.Fatalf("%s: parsing %s: %v", tt.name, f.Path, err)
			}
			if len(set.Locs) != tt.sizes[i] {
				t.Errorf("%s: %s has %d URLs, want %d", tt.name, f.Path, len(set.Locs), tt.sizes[i])
			}
			all = append(all, set.Locs...)
		}
		if !slices.IsSorted(all) || len(all) != tt.n || all[0] != baseURL+"p/000001/index.html" {
			t.Errorf("%s: the parts hold %d URLs starting %q, want %d sorted from p/000001", tt.name, len(all), all[0], tt.n)
		}
	}
}
