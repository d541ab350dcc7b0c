package timeline

import (
	"os"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitegen"
)

// BenchmarkBuild computes the timeline of a generated site of 2,000
// articles; Build runs alone between loading and rendering, so its time
// adds to every full build's.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Seed: 1, Articles: 2000, Treaties: sitegen.TreatiesFor(2000)}); err != nil {
		b.Fatal(err)
	}
	site, diags := content.Load(os.DirFS(dir), content.LoadOptions{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	asOf := date.MustParse("2026-11-27")
	b.ReportAllocs()
	for b.Loop() {
		Build(site, asOf)
	}
}
