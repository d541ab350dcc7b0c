package render

import (
	"io"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitetest"
	"github.com/treatyline/treatyline/internal/timeline"
)

// BenchmarkYearPages renders the timeline's year pages of a generated site
// of 2,000 articles: every entry of the site is shown on one of them, so
// they hold a large share of a build's rendering.
func BenchmarkYearPages(b *testing.B) {
	benchmarkPages(b, func(path string) bool {
		return strings.HasPrefix(path, "timeline/1") || strings.HasPrefix(path, "timeline/2")
	})
}

// BenchmarkArticleLists renders the lists of articles of the same site, by
// date and by tag, which show each article's summary again and again.
func BenchmarkArticleLists(b *testing.B) {
	benchmarkPages(b, func(path string) bool {
		return strings.HasPrefix(path, "articles/page/") || strings.HasPrefix(path, "tags/")
	})
}

// benchmarkPages renders the pages of a generated site whose paths match.
func benchmarkPages(b *testing.B, match func(path string) bool) {
	site := sitetest.Generated(b, 2000)
	theme, err := LoadTheme(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var pages []Page
	for _, p := range Pages(site, timeline.Build(site, date.MustParse("2026-11-27")), theme, ListOptions{}) {
		if match(p.Path) {
			pages = append(pages, p)
		}
	}
	if len(pages) < 10 {
		b.Fatalf("%d pages, want more", len(pages))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if err := p.Render(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
