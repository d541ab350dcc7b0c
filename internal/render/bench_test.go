package render

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitegen"
	"github.com/treatyline/treatyline/internal/timeline"
)

// BenchmarkYearPages renders the timeline's year pages of a generated site
// of 2,000 articles: every entry of the site is shown on one of them, so
// they hold a large share of a build's rendering.
func BenchmarkYearPages(b *testing.B) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Seed: 1, Articles: 2000, Treaties: sitegen.TreatiesFor(2000)}); err != nil {
		b.Fatal(err)
	}
	site, diags := content.Load(os.DirFS(dir), content.LoadOptions{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	theme, err := LoadTheme(Options{})
	if err != nil {
		b.Fatal(err)
	}
	var years []Page
	for _, p := range Pages(site, timeline.Build(site, date.MustParse("2026-11-27")), theme, ListOptions{}) {
		if strings.HasPrefix(p.Path, "timeline/1") || strings.HasPrefix(p.Path, "timeline/2") {
			years = append(years, p)
		}
	}
	if len(years) < 10 {
		b.Fatalf("%d year pages, want more", len(years))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range years {
			if err := p.Render(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
