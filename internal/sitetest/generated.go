package sitetest

import (
	"os"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/sitegen"
)

// Generated writes a generated site of the given number of articles (seed
// 1) to a temporary folder and loads it, for benchmarks of what follows a
// load.
func Generated(tb testing.TB, articles int) *content.Site {
	tb.Helper()
	dir := tb.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Seed: 1, Articles: articles, Treaties: sitegen.TreatiesFor(articles)}); err != nil {
		tb.Fatal(err)
	}
	site, diags := content.Load(os.DirFS(dir), content.LoadOptions{})
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	return site
}
