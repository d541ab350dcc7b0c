package export

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strconv"
)

// MaxSitemapURLs is the most URLs one sitemap file may list (sitemaps.org).
const MaxSitemapURLs = 50000

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// Sitemap returns the sitemap of a site published at baseURL (absolute,
// ending in "/"), listing urls (relative to the site root) sorted and
// without duplicates. Up to [MaxSitemapURLs] URLs it is one file,
// sitemap.xml; beyond, sitemap.xml is a sitemap index of sitemap-1.xml,
// sitemap-2.xml and on, each of at most MaxSitemapURLs URLs.
func Sitemap(baseURL string, urls []string) []File {
	locs := make([]string, len(urls))
	for i, u := range urls {
		locs[i] = absolute(baseURL, u)
	}
	slices.Sort(locs)
	locs = slices.Compact(locs)
	if len(locs) <= MaxSitemapURLs {
		return []File{{Path: "sitemap.xml", Data: urlset(locs)}}
	}
	var files []File
	var parts []string
	for chunk := range slices.Chunk(locs, MaxSitemapURLs) {
		name := "sitemap-" + strconv.Itoa(len(files)+1) + ".xml"
		files = append(files, File{Path: name, Data: urlset(chunk)})
		parts = append(parts, absolute(baseURL, name))
	}
	index := sitemapFile("sitemapindex", "sitemap", parts)
	return append([]File{{Path: "sitemap.xml", Data: index}}, files...)
}

func urlset(locs []string) []byte { return sitemapFile("urlset", "url", locs) }

// sitemapFile writes a root element of items that each hold one loc.
func sitemapFile(root, item string, locs []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<" + root + ` xmlns="` + sitemapNS + `">` + "\n")
	for _, loc := range locs {
		b.WriteString("  <" + item + "><loc>")
		xml.EscapeText(&b, []byte(loc)) // writes to a bytes.Buffer cannot fail
		b.WriteString("</loc></" + item + ">\n")
	}
	b.WriteString("</" + root + ">\n")
	return b.Bytes()
}
