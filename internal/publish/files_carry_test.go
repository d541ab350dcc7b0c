package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFilesCarriedBetweenPartialCommits runs incremental commits that pass
// each other the list of files, and checks that the output and its marker
// are always what a build of the same pages gives, also when the marker was
// edited in between and the list carried along no longer describes it.
func TestFilesCarriedBetweenPartialCommits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range site1 {
		if err := tx.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	files := tx.Files()
	if files == nil {
		t.Fatal("Files() = nil after a full commit, want the list of files")
	}
	pages := with(site1)
	tests := []struct {
		name   string
		marker string // written over the marker before Begin, when not empty
		put    map[string]string
		remove []string
		// disowned is a page the edited marker no longer lists: the
		// user's file from then on.
		disowned string
	}{
		{"a page edited", "", map[string]string{"treaties/sort/index.html": "sort, edited"}, nil, ""},
		{"a page edited again", "", map[string]string{"treaties/sort/index.html": "sort, edited twice"}, nil, ""},
		{"a page added", "", map[string]string{"treaties/abm/index.html": "abm"}, nil, ""},
		{"a page removed", "", nil, []string{"tags/nuclear/index.html"}, ""},
		{"nothing changed", "", map[string]string{"index.html": "home"}, nil, ""},
		{"marker edited out of order", "treaties/index.html\nindex.html\ntreaties/abm/index.html\ntreaties/new-start/index.html\ntreaties/sort/index.html\n",
			map[string]string{"index.html": "home, edited"}, nil, ""},
		{"marker edited to drop a page", "index.html\ntreaties/abm/index.html\ntreaties/index.html\ntreaties/sort/index.html\n",
			map[string]string{"index.html": "home, edited twice"}, nil, "treaties/new-start/index.html"},
	}
	for _, tt := range tests {
		if tt.marker != "" {
			if err := os.WriteFile(filepath.Join(out, markerName), []byte(tt.marker), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tx, err := Begin(out, Options{Partial: true, Files: files, Logger: testLogger(t)})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for name, data := range tt.put {
			if err := tx.Put(name, []byte(data)); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			pages[name] = data
		}
		for _, name := range tt.remove {
			tx.Remove(name)
			delete(pages, name)
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		user := map[string]string{}
		if tt.disowned != "" {
			user[tt.disowned] = pages[tt.disowned]
			delete(pages, tt.disowned)
		}
		want := withMarker(pages, user)
		if got := readTree(t, out); diffMaps(got, want) != "" {
			t.Errorf("%s: output differs from a build of the same pages:\n%s", tt.name, diffMaps(got, want))
		}
		if files = tx.Files(); files == nil {
			t.Fatalf("%s: Files() = nil after a commit", tt.name)
		}
	}
}

// TestSizesListWhatACommitWrote checks that Sizes gives, after a commit,
// every file Put or Created, written or unchanged, and the marker, with the
// sizes they have on disk, and none of the user's files.
func TestSizesListWhatACommitWrote(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	commit := func(pages map[string]string) map[string]int64 {
		t.Helper()
		tx, err := Begin(out, Options{Logger: testLogger(t)})
		if err != nil {
			t.Fatal(err)
		}
		if tx.Sizes() != nil {
			t.Error("Sizes() before Commit, want nil")
		}
		for name, data := range pages {
			if name == "data/big.json" {
				f, err := tx.Create(name)
				if err != nil {
					t.Fatal(err)
				}
				f.WriteString(data)
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err := tx.Put(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		return tx.Sizes()
	}
	pages := with(site1, map[string]string{"data/big.json": `{"big": true}`})
	commit(pages)
	writeTree(t, out, map[string]string{"CNAME": "example.org"})
	pages["index.html"] = "home, edited"
	sizes := commit(pages) // one page written, the others unchanged
	want := map[string]int64{markerName: lstat(t, filepath.Join(out, markerName)).Size()}
	for name, data := range pages {
		want[name] = int64(len(data))
	}
	if len(sizes) != len(want) {
		t.Errorf("Sizes() lists %d files, want %d: %v", len(sizes), len(want), sizes)
	}
	for name, size := range want {
		if got, ok := sizes[name]; !ok || got != size || lstat(t, filepath.Join(out, filepath.FromSlash(name))).Size() != size {
			t.Errorf("Sizes()[%s] = %d, %v; want %d, the size on disk", name, got, ok, size)
		}
	}
}
