package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/sitegen"
)

func TestBaselineConvertsEveryArticle(t *testing.T) {
	site, out := t.TempDir(), t.TempDir()
	if err := sitegen.Write(site, sitegen.Options{Seed: 3, Articles: 25, Treaties: 4}); err != nil {
		t.Fatal(err)
	}
	n, err := Baseline(filepath.Join(site, "content", "articles"), out)
	if err != nil {
		t.Fatal(err)
	}
	if n != 25 {
		t.Errorf("converted %d articles, want 25", n)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.html"))
	if len(files) != 25 {
		t.Fatalf("wrote %d files, want 25", len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "<p>") || strings.Contains(string(data), "+++") {
		t.Errorf("%s is not the HTML of an article body:\n%.200s", files[0], data)
	}
}

func TestBaselineRejectsArticlesWithoutFrontMatter(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("no front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Baseline(dir, t.TempDir()); err == nil {
		t.Error("an article without front matter converted")
	}
}
