package content

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/diag"
)

// TestCacheListsArticlesAgainOnlyWhenTheSetMayChange loads a site through
// one cache while files come and go, and checks each load against the
// files: a cached list of articles must never hide an addition or a
// removal that Forget was told about.
func TestCacheListsArticlesAgainOnlyWhenTheSetMayChange(t *testing.T) {
	article := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\ndate = 2021-03-05\n+++\nText.\n")}
	}
	fsys := archive(config + newStart)
	fsys["content/articles/a.md"] = article("A")
	fsys["content/articles/2021/b.md"] = article("B")
	cache := NewCache()
	tests := []struct {
		name   string
		change func()
		forget []string
		want   []string
	}{
		{"first load", func() {}, nil, []string{"A", "B"}},
		{"a known article edited", func() { fsys["content/articles/a.md"] = article("A2") }, []string{"content/articles/a.md"}, []string{"A2", "B"}},
		{"an article added", func() { fsys["content/articles/2021/c.md"] = article("C") }, []string{"content/articles/2021/c.md"}, []string{"A2", "B", "C"}},
		{"a known article removed", func() { delete(fsys, "content/articles/a.md") }, []string{"content/articles/a.md"}, []string{"B", "C"}},
		{"a folder named for what it holds", func() { fsys["content/articles/2022/d.md"] = article("D") }, []string{"content/articles/2022"}, []string{"B", "C", "D"}},
		{"the content folder named", func() { delete(fsys, "content/articles/2022/d.md") }, []string{"content"}, []string{"B", "C"}},
		{"an unrelated file named", func() {}, []string{"config.toml"}, []string{"B", "C"}},
		{"a known article turned into a folder", func() {
			delete(fsys, "content/articles/2021/b.md")
			fsys["content/articles/2021/b.md/e.md"] = article("E")
		}, []string{"content/articles/2021/b.md"}, []string{"C", "E"}},
	}
	for _, tt := range tests {
		tt.change()
		cache.Forget(tt.forget...)
		site, diags := Load(fsys, LoadOptions{Cache: cache})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.name, diags)
		}
		var got []string
		for _, a := range site.Articles {
			got = append(got, a.Title)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: articles %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCacheKeepsNameChecksInStepWithTheFiles edits articles through one
// cache and checks that the diagnostics of the checks on names are always
// those of a load without a cache.
func TestCacheKeepsNameChecksInStepWithTheFiles(t *testing.T) {
	article := func(slug, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\ndate = 2021-03-05\nslug = \"" + slug + "\"\ntags = [\"Arms\"]\n+++\n" + body + "\n")}
	}
	fsys := archive(config + newStart)
	fsys["content/articles/a.md"] = article("same", "A.")
	fsys["content/articles/b.md"] = article("same", "B.")
	cache := NewCache()
	tests := []struct {
		name   string
		path   string
		file   *fstest.MapFile
		errors int
	}{
		{"first load reports the clash", "", nil, 1},
		{"a body edit keeps the clash", "content/articles/b.md", article("same", "B, longer."), 1},
		{"a slug edit ends the clash", "content/articles/b.md", article("other", "B."), 0},
		{"a body edit keeps no clash", "content/articles/a.md", article("same", "A, longer."), 0},
		{"a slug edit brings the clash back", "content/articles/b.md", article("same", "B."), 1},
		{"a tag clash appears", "content/articles/a.md", &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\ndate = 2021-03-05\nslug = \"x\"\ntags = [\"arms\"]\n+++\nA.\n")}, 1},
	}
	for _, tt := range tests {
		if tt.path != "" {
			fsys[tt.path] = tt.file
			cache.Forget(tt.path)
		}
		_, got := Load(fsys, LoadOptions{Cache: cache})
		_, want := Load(fsys, LoadOptions{})
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics %v, want those of a fresh load %v", tt.name, got, want)
		}
		n := 0
		for _, d := range want {
			if d.Severity == diag.Error {
				n++
			}
		}
		if n != tt.errors {
			t.Errorf("%s: %d errors, want %d: %v", tt.name, n, tt.errors, want)
		}
	}
}

// TestCacheReadsTreatyRecordsAgainWhenNamed changes treaty records and the
// config through one cache, naming the change to Forget, and checks each
// load against a load without a cache.
func TestCacheReadsTreatyRecordsAgainWhenNamed(t *testing.T) {
	record := func(title, tag string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("title = \"" + title + "\"\nparties = [\"A\", \"B\"]\ntags = [\"" + tag + "\"]\n\n[[events]]\ndate = 2010-04-08\nkind = \"signed\"\n")}
	}
	fsys := archive(config + newStart)
	fsys["content/articles/a.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"A\"\ndate = 2021-03-05\ntreaties = [\"abm\"]\ntags = [\"Arms\"]\n+++\nText.\n")}
	cache := NewCache()
	tests := []struct {
		name   string
		change func()
		forget []string
	}{
		{"first load: the article names a missing treaty", func() {}, nil},
		{"a record added", func() { fsys["content/treaties/abm.toml"] = record("ABM", "Missiles") }, []string{"content/treaties/abm.toml"}},
		{"a record edited", func() { fsys["content/treaties/abm.toml"] = record("ABM Treaty", "arms") }, []string{"content/treaties/abm.toml"}},
		{"a record's tag clashes with an article's", func() { fsys["content/treaties/abm.toml"] = record("ABM Treaty", "ARMS!") }, []string{"content/treaties"}},
		{"a record removed", func() { delete(fsys, "content/treaties/abm.toml") }, []string{"content"}},
		{"a record back, the whole site named", func() { fsys["content/treaties/abm.toml"] = record("ABM", "x") }, []string{"."}},
		{"the config edited", func() { fsys["config.toml"] = &fstest.MapFile{Data: []byte("title = \"Other\"\n")} }, []string{"config.toml"}},
		{"an article named, records kept", func() {}, []string{"content/articles/a.md"}},
	}
	for _, tt := range tests {
		tt.change()
		cache.Forget(tt.forget...)
		site, got := Load(fsys, LoadOptions{Cache: cache})
		fresh, want := Load(fsys, LoadOptions{})
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics %v, want those of a fresh load %v", tt.name, got, want)
		}
		if (site == nil) != (fresh == nil) {
			t.Fatalf("%s: site %v, fresh load's %v", tt.name, site, fresh)
		}
		if site == nil {
			continue
		}
		titles := func(s *Site) []string {
			var out []string
			for _, tr := range s.Treaties {
				out = append(out, tr.Title)
			}
			return out
		}
		if got, want := titles(site), titles(fresh); !slices.Equal(got, want) {
			t.Errorf("%s: treaties %v, want %v", tt.name, got, want)
		}
	}
}
