package content

import (
	"slices"
	"testing"
	"testing/fstest"
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
