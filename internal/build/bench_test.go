package build

import (
	"context"
	"fmt"
	"github.com/treatyline/treatyline/internal/bench"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitegen"
)

// benchSeed fixes the generated sites, so numbers compare across runs.
const benchSeed = 1

// benchSite returns a generated site of n articles, written once into a
// folder under os.TempDir and reused by later runs: generating 10,000
// articles takes longer than building them.
func benchSite(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), "treatyline-bench", fmt.Sprintf("site-%d-%d-v%d", n, benchSeed, sitegen.Version))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := sitegen.Write(dir, sitegen.Options{Seed: benchSeed, Articles: n, Treaties: sitegen.TreatiesFor(n)}); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func benchOptions(site, out string) Options {
	return Options{Source: site, Output: out, Fallback: date.MustParse("2026-11-27")}
}

func benchmarkBuild(b *testing.B, n int) {
	site := benchSite(b, n)
	outs := freshFolders(b)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		stats, diags, err := Build(context.Background(), benchOptions(site, outs()))
		if err != nil || diags.HasErrors() {
			b.Fatalf("Build: %v %v", err, diags)
		}
		pages = stats.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// freshFolders returns a function that names a new output folder on each
// call, so that every run writes every file, as a first build does. The
// folders are deleted only when the benchmark ends: a deletion of many
// files slows the creation of files that follows it on some file systems
// (ext4 without a journal avoids reusing inodes freed moments before), and
// would be charged to the next run.
func freshFolders(b *testing.B) func() string {
	dir, n := b.TempDir(), 0
	return func() string {
		n++
		return filepath.Join(dir, fmt.Sprintf("public-%d", n))
	}
}

func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1_000) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10_000) }

// BenchmarkGoldmarkBaseline10k is the floor a build is measured against:
// what it takes to turn the articles of the same site into HTML files with
// goldmark and BurntSushi/toml alone, on every core.
func BenchmarkGoldmarkBaseline10k(b *testing.B) { benchmarkBaseline(b, 10_000) }

// BenchmarkGoldmarkBaseline1k is BenchmarkGoldmarkBaseline10k's floor for
// BenchmarkBuild1k.
func BenchmarkGoldmarkBaseline1k(b *testing.B) { benchmarkBaseline(b, 1_000) }

func benchmarkBaseline(b *testing.B, n int) {
	site := benchSite(b, n)
	outs := freshFolders(b)
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		n, err := bench.Baseline(filepath.Join(site, "content", "articles"), outs())
		if err != nil {
			b.Fatal(err)
		}
		pages = n
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkNoopRebuild10k rebuilds a built site in which nothing changed.
func BenchmarkNoopRebuild10k(b *testing.B) {
	benchmarkRebuild(b, 10_000, func(string, int) []string { return nil })
}

// BenchmarkEditRebuild10k edits the body of one article and rebuilds.
func BenchmarkEditRebuild10k(b *testing.B) { benchmarkEditRebuild(b, 10_000) }

// BenchmarkEditRebuild1k is BenchmarkEditRebuild10k on a smaller site.
func BenchmarkEditRebuild1k(b *testing.B) { benchmarkEditRebuild(b, 1_000) }

func benchmarkEditRebuild(b *testing.B, n int) {
	benchmarkRebuild(b, n, func(site string, i int) []string {
		rel := "content/articles/edited.md"
		body := fmt.Sprintf("+++\ntitle = \"Edited\"\ndate = 2020-01-02\ntreaties = [\"treaty-001\"]\n+++\n\nEdit %d.\n", i)
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(rel)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		return []string{rel}
	})
}

func benchmarkRebuild(b *testing.B, n int, edit func(site string, i int) []string) {
	site := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(benchSite(b, n))); err != nil {
		b.Fatal(err)
	}
	edit(site, 0)
	builder := New(benchOptions(site, filepath.Join(b.TempDir(), "public")))
	if _, diags, err := builder.Build(context.Background()); err != nil || diags.HasErrors() {
		b.Fatalf("Build: %v %v", err, diags)
	}
	b.ReportAllocs()
	rendered, i := 0, 0
	for b.Loop() {
		i++
		changed := edit(site, i)
		stats, diags, err := builder.Rebuild(context.Background(), changed)
		if err != nil || diags.HasErrors() {
			b.Fatalf("Rebuild: %v %v", err, diags)
		}
		rendered += stats.Rendered
	}
	b.ReportMetric(float64(rendered)/float64(b.N), "pages/rebuild")
}

// TestBenchmarkSite checks the page counts of a small generated site, so
// that a change to the generator or the page list shows up here before it
// shifts the benchmarks' numbers.
func TestBenchmarkSite(t *testing.T) {
	site := t.TempDir()
	if err := sitegen.Write(site, sitegen.Options{Seed: benchSeed, Articles: 50, Treaties: 5}); err != nil {
		t.Fatal(err)
	}
	stats, diags, err := Build(t.Context(), benchOptions(site, filepath.Join(t.TempDir(), "public")))
	if err != nil || diags.HasErrors() {
		t.Fatalf("Build: %v %v", err, diags)
	}
	counts := map[string]int{}
	for p := range tree(t, stats.Output) {
		counts[strings.SplitN(p, "/", 2)[0]]++
	}
	want := map[string]int{
		"404.html": 1, "articles": 51, "assets": 3, "data": 2, "events.ics": 1, "feed.xml": 1,
		"index.html": 1, "parties": 28, "sitemap.xml": 1, "tags": 13, "timeline": 67,
		"timeline.json": 1, "treaties": 11,
	}
	if !maps.Equal(counts, want) || stats.Pages != stats.Written {
		t.Errorf("pages by folder = %v (%d pages, %d written), want %v", counts, stats.Pages, stats.Written, want)
	}
}

// BenchmarkInputDigest10k digests the inputs of the 10,000-article site,
// reading them all, as a build into an output folder with a record of
// inputs does to compare with it.
func BenchmarkInputDigest10k(b *testing.B) {
	site := benchSite(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := inputDigest(benchOptions(site, ""), "/nowhere", nil); !ok {
			b.Fatal("no digest")
		}
	}
}
