package content

import (
	"crypto/sha256"
	"testing"
	"testing/fstest"
)

// TestRereadBodiesTakesBodyEditsAlone edits an article through one cache
// and checks which edits RereadBodies takes: those below the front matter
// of a file without diagnostics, as a Load would read them.
func TestRereadBodiesTakesBodyEditsAlone(t *testing.T) {
	const (
		a     = "content/articles/a.md"
		front = "+++\ntitle = \"A\"\ndate = 2021-03-05\ntreaties = [\"new-start\"]\n+++\n"
	)
	fsys := archive(config + newStart)
	fsys[a] = &fstest.MapFile{Data: []byte(front + "Text.\n")}
	fsys["content/articles/b.md"] = &fstest.MapFile{Data: []byte(front + "Other text.\n")}
	cache := NewCache()
	if _, diags := Load(fsys, LoadOptions{Cache: cache}); len(diags) > 0 {
		t.Fatalf("first load: %v", diags)
	}
	tests := []struct {
		name   string
		src    string // a's new bytes
		forget bool   // Forget a before RereadBodies
		ok     bool
	}{
		{"a body edited", front + "New text, naming [[New START]].\n", false, true},
		{"the body edited again", front + "Newer text.\n", false, true},
		{"a body edited after Forget", front + "Text after Forget.\n", true, false},
		{"the front matter edited", "+++\ntitle = \"A2\"\ndate = 2021-03-05\ntreaties = [\"new-start\"]\n+++\nNewer text.\n", false, false},
		{"a body with an error", front + "See [[no-such-treaty]].\n", false, false},
	}
	for _, tt := range tests {
		fsys[a] = &fstest.MapFile{Data: []byte(tt.src)}
		if tt.forget {
			cache.Forget(a)
		}
		articles, ok := cache.RereadBodies(fsys, LoadOptions{}, []string{a})
		if ok != tt.ok {
			t.Fatalf("%s: RereadBodies ok = %v, want %v", tt.name, ok, tt.ok)
		}
		if ok && (len(articles) != 1 || articles[0].Body.Sum != sha256.Sum256([]byte(tt.src[len(front):]))) {
			t.Errorf("%s: RereadBodies = %v, want the new body of %s", tt.name, articles, a)
		}
		if !ok {
			cache.Forget(a)
		}
		// A load after it reads what a load with an empty cache reads:
		// only a load with a cache sums bodies.
		site, diags := Load(fsys, LoadOptions{Cache: cache})
		fresh, freshDiags := Load(fsys, LoadOptions{Cache: NewCache()})
		if diags.Error() != freshDiags.Error() {
			t.Fatalf("%s: Load with the cache reports\n%v\nwant\n%v", tt.name, diags, freshDiags)
		}
		if site == nil {
			continue
		}
		for i, art := range site.Articles {
			if art.Body.Sum != fresh.Articles[i].Body.Sum || art.Title != fresh.Articles[i].Title {
				t.Errorf("%s: Load with the cache reads %s as %q with body %x, want %q with body %x", tt.name, art.File, art.Title, art.Body.Sum, fresh.Articles[i].Title, fresh.Articles[i].Body.Sum)
			}
		}
	}
	if _, ok := cache.RereadBodies(fsys, LoadOptions{}, []string{"content/articles/c.md"}); ok {
		t.Errorf("RereadBodies took an article the last load did not read")
	}
}
