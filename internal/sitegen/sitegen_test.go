package sitegen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
)

func TestSameSeedSameSite(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	opts := Options{Seed: 7, Articles: 30, Treaties: 5}
	if err := Write(a, opts); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, opts); err != nil {
		t.Fatal(err)
	}
	files := 0
	err := filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs between two runs with the same seed", rel)
		}
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + 30 + 5; files != want {
		t.Errorf("wrote %d files, want %d", files, want)
	}
}

// TestGeneratedSiteIsValidContent loads a generated site with the real
// loader: benchmarks would measure nothing if it failed.
func TestGeneratedSiteIsValidContent(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Seed: 1, Articles: 200, Treaties: 12}); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	site, diags := content.Load(root.FS(), content.LoadOptions{})
	if diags.HasErrors() {
		t.Fatalf("the generated site has errors:\n%v", diags.Errors())
	}
	if len(site.Articles) != 200 || len(site.Treaties) != 12 {
		t.Errorf("loaded %d articles and %d treaties, want 200 and 12", len(site.Articles), len(site.Treaties))
	}
	for _, a := range site.Articles {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(a.File)))
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := strings.Cut(string(src), "\n+++\n")
		words := len(strings.Fields(body))
		if words < 600 || words > 1700 {
			t.Errorf("%s has %d words, want 600 to 1,500 of prose", a.File, words)
		}
		if len(a.Refs) == 0 {
			t.Errorf("%s references no treaty", a.File)
		}
	}
}
