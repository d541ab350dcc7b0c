package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

var site1 = map[string]string{
	"index.html":                    "home",
	"treaties/index.html":           "treaties",
	"treaties/new-start/index.html": "new start",
	"treaties/sort/index.html":      "sort",
	"tags/nuclear/index.html":       "nuclear",
}

func TestFirstBuildCreatesFolderAndMarker(t *testing.T) {
	out := filepath.Join(t.TempDir(), "deep", "er", "public")
	st := publish(t, out, Options{}, site1)
	if want := (Stats{Written: len(site1)}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	assertTree(t, out, withMarker(site1))
	want := "index.html\ntags/nuclear/index.html\ntreaties/index.html\ntreaties/new-start/index.html\ntreaties/sort/index.html\n"
	if got, _ := os.ReadFile(filepath.Join(out, markerName)); string(got) != want {
		t.Errorf("marker = %q, want %q", got, want)
	}
	assertOnly(t, filepath.Dir(out), "public")
}

func TestEmptyFolderIsAdopted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	publish(t, out, Options{}, site1)
	assertTree(t, out, withMarker(site1))
}

func TestUnchangedFilesKeepInodeAndMtime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, Options{}, site1)
	ageTree(t, out)
	kept := lstat(t, filepath.Join(out, "treaties/new-start/index.html"))

	next := with(site1, map[string]string{
		"index.html":          "hoMe",             // same size, other bytes
		"treaties/index.html": "all the treaties", // other size
	})
	st := publish(t, out, Options{}, next)
	if want := (Stats{Written: 2, Unchanged: 3}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	assertTree(t, out, withMarker(next))
	assertKept(t, filepath.Join(out, "treaties/new-start/index.html"), kept)
}

func TestNothingChangedTouchesNothing(t *testing.T) {
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			publish(t, out, Options{}, site1)
			ageTree(t, out)
			before, outInfo := snapshot(t, parent), lstat(t, out)
			st := publish(t, out, Options{Partial: partial}, site1)
			if want := (Stats{Unchanged: len(site1)}); st != want {
				t.Errorf("Commit() = %+v, want %+v", st, want)
			}
			assertSnapshot(t, parent, before)
			assertKept(t, out, outInfo)
		})
	}
}

func TestStaleFilesAreRemovedAndEmptyFoldersPruned(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, Options{}, site1)
	next := map[string]string{
		"index.html":                    "home",
		"treaties/new-start/index.html": "new start",
	}
	st := publish(t, out, Options{}, next)
	if want := (Stats{Unchanged: 2, Removed: 3}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	assertTree(t, out, withMarker(next))
}

func TestPageBecomesFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, Options{}, map[string]string{"about": "a page"})
	next := map[string]string{"about/index.html": "a folder"}
	st := publish(t, out, Options{}, next)
	if want := (Stats{Written: 1, Removed: 1}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	assertTree(t, out, withMarker(next))
}

func TestUserFilesSurvive(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, Options{}, site1)
	user := map[string]string{
		"CNAME":                     "treaties.example.org",
		".git/config":               "[core]",
		".git/objects/ab/cdef":      "blob",
		"downloads/2021/report.pdf": "%PDF",
		"treaties/sort/notes.txt":   "a note in a folder of pages",
		"drafts/":                   "",
		"latest":                    "-> treaties/new-start/index.html",
	}
	writeTree(t, out, user)
	ageTree(t, out)
	before := map[string]fs.FileInfo{}
	for _, name := range []string{"CNAME", ".git", ".git/config", ".git/objects/ab/cdef", "downloads/2021/report.pdf", "treaties/sort/notes.txt", "latest"} {
		before[name] = lstat(t, filepath.Join(out, name))
	}

	// Drop the sort page, whose folder holds a note of the user's.
	next := with(site1, map[string]string{"index.html": "new home"})
	delete(next, "treaties/sort/index.html")
	st := publish(t, out, Options{}, next)
	if want := (Stats{Written: 1, Unchanged: 3, Removed: 1}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	assertTree(t, out, withMarker(next, user))
	for name, fi := range before {
		if fi.IsDir() {
			if now := lstat(t, filepath.Join(out, name)); !now.ModTime().Equal(fi.ModTime()) || now.Mode() != fi.Mode() {
				t.Errorf("folder %s: mode %v mtime %v, want %v %v kept", name, now.Mode(), now.ModTime(), fi.Mode(), fi.ModTime())
			}
			continue
		}
		assertKept(t, filepath.Join(out, name), fi)
	}
}

func TestPutOverUserFileFails(t *testing.T) {
	tests := []struct {
		name string
		user map[string]string
		put  string
	}{
		{"file of the user", map[string]string{"about.html": "mine"}, "about.html"},
		{"folder of the user", map[string]string{"about.html/x": "mine"}, "about.html"},
		{"file of the user on the way", map[string]string{"files": "mine"}, "files/a.html"},
	}
	for _, tt := range tests {
		for _, partial := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/partial=%v", tt.name, partial), func(t *testing.T) {
				parent := t.TempDir()
				out := filepath.Join(parent, "public")
				publish(t, out, Options{}, site1)
				writeTree(t, out, tt.user)
				before := snapshot(t, out)
				tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
				if err != nil {
					t.Fatal(err)
				}
				err = tx.Put(tt.put, []byte("page"))
				if err == nil || !strings.Contains(err.Error(), "treatyline did not write it") {
					t.Errorf("Put(%s) = %v, want an error saying the user's file is in the way", tt.put, err)
				}
				if _, err := tx.Commit(); err == nil {
					t.Error("Commit after a failed Put succeeded, want an error")
				}
				assertSnapshot(t, out, before)
				assertOnly(t, parent, "public")
			})
		}
	}
}

func TestInvalidNamesAreRejected(t *testing.T) {
	names := []string{
		"", "/etc/passwd", "..", "../x", "a/../../x", "a/..", `a\b`, `..\x`, "a\x00b",
		".", "./a", "a//b", "a/", ".treatyline", ".treatyline-tmp/1", ".treatyline-new",
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, Options{}, site1)
	before := snapshot(t, out)
	tx, err := Begin(out, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if err := tx.Put(name, []byte("x")); err == nil || !strings.Contains(err.Error(), "invalid output file name") {
			t.Errorf("Put(%q) = %v, want an invalid name error", name, err)
		}
		tx.Remove(name)
	}
	if _, err := tx.Commit(); err == nil {
		t.Error("Commit after rejected names succeeded, want an error")
	}
	assertSnapshot(t, out, before)
	assertOnly(t, parent, "public")
}

func TestPutTwiceFails(t *testing.T) {
	tx, err := Begin(filepath.Join(t.TempDir(), "public"), Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.Put("a.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Put("a.html", []byte("2")); err == nil {
		t.Error("second Put(a.html) = nil, want an error")
	}
}

func TestRefusedFolders(t *testing.T) {
	tests := []struct {
		name  string
		setup map[string]string // under the temporary folder
		dir   string            // under the temporary folder; "/" is the root
	}{
		{name: "site root", dir: "site"},
		{name: "site root through a symbolic link", setup: map[string]string{"link": "-> site"}, dir: "link"},
		{name: "ancestor of the site root", dir: "."},
		{name: "file system root", dir: "/"},
		{name: "home folder", dir: "home"},
		{name: "content folder", dir: "site/content"},
		{name: "templates folder", dir: "site/templates"},
		{name: "folder inside content", dir: "site/content/treaties"},
		{name: "new folder inside content", dir: "site/content/new/public"},
		{name: "content reached through a symbolic link", setup: map[string]string{"site/out": "-> content"}, dir: "site/out/public"},
		{name: "non-empty folder treatyline did not make", setup: map[string]string{"site/docs/notes.txt": "mine"}, dir: "site/docs"},
		{name: "regular file", setup: map[string]string{"site/public": "a file"}, dir: "site/public"},
		{name: "dangling symbolic link", setup: map[string]string{"site/public": "-> missing"}, dir: "site/public"},
		{name: "marker that is a folder", setup: map[string]string{"site/public/.treatyline/": "", "site/public/x": "x"}, dir: "site/public"},
		{name: "staging path taken by the user", setup: map[string]string{
			"site/public/.treatyline": "", "site/.public.treatyline-new/mine.txt": "mine",
		}, dir: "site/public"},
		{name: "aside path taken by the user", setup: map[string]string{
			"site/.public.treatyline-old/mine.txt": "mine",
		}, dir: "site/public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("HOME", filepath.Join(tmp, "home"))
			writeTree(t, tmp, with(map[string]string{
				"home/.profile":                "",
				"site/config.toml":             "title = \"x\"",
				"site/content/treaties/a.toml": "title = \"A\"",
				"site/templates/base.html":     "",
			}, tt.setup))
			before := snapshot(t, tmp)
			dir := filepath.Join(tmp, tt.dir)
			if tt.dir == "/" {
				dir = "/"
			}
			tx, err := Begin(dir, Options{SiteRoot: filepath.Join(tmp, "site"), Logger: testLogger(t)})
			if err == nil {
				tx.Abort()
				t.Fatalf("Begin(%s) succeeded, want it refused", tt.dir)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("Begin(%s) = %v, want an error wrapping ErrRefused", tt.dir, err)
			}
			t.Log(err)
			assertSnapshot(t, tmp, before)
		})
	}
}

func TestAbortLeavesEverythingAsItWas(t *testing.T) {
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			publish(t, out, Options{}, site1)
			writeTree(t, out, map[string]string{"CNAME": "x"})
			ageTree(t, out)
			before, outInfo := snapshot(t, out), lstat(t, out)

			tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range map[string]string{"index.html": "changed", "new/index.html": "new", "tags/nuclear/index.html": "nuclear"} {
				if err := tx.Put(name, []byte(data)); err != nil {
					t.Fatal(err)
				}
			}
			tx.Remove("treaties/sort/index.html")
			if err := tx.Abort(); err != nil {
				t.Fatal(err)
			}
			assertSnapshot(t, out, before)
			assertOnly(t, parent, "public")
			if !partial {
				// Only the incremental mode has its temporary files inside.
				assertKept(t, out, outInfo)
			}
			if _, err := tx.Commit(); err == nil {
				t.Error("Commit after Abort succeeded, want an error")
			}
		})
	}
}

func TestAbortOfFirstBuildRemovesCreatedFolders(t *testing.T) {
	tmp := t.TempDir()
	tx, err := Begin(filepath.Join(tmp, "a", "b", "public"), Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Put("index.html", []byte("home")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, tmp)
}

func TestSymlinksInOutputAreNeverFollowed(t *testing.T) {
	tests := []struct {
		name    string
		plant   map[string]string // "@" stands for the outside folder
		put     map[string]string
		wantErr bool
		want    map[string]string // the output besides the pages and marker
	}{
		{
			name:  "user links are carried as links",
			plant: map[string]string{"ext": "-> @", "secret": "-> @/secret.txt"},
			put:   with(site1, map[string]string{"index.html": "changed"}),
			want:  map[string]string{"ext": "-> @", "secret": "-> @/secret.txt"},
		},
		{
			name:  "page replaced by a link is rewritten, target untouched",
			plant: map[string]string{"index.html": "-> @/secret.txt"},
			put:   with(site1, map[string]string{"index.html": "changed"}),
		},
		{
			name:  "stale page replaced by a link is removed, target untouched",
			plant: map[string]string{"tags/nuclear/index.html": "-> @/secret.txt"},
			put:   map[string]string{"index.html": "home"},
		},
		{
			name:    "folder replaced by a link stops the build",
			plant:   map[string]string{"treaties": "-> @/dir"},
			put:     with(site1, map[string]string{"treaties/new-start/index.html": "changed"}),
			wantErr: true,
		},
	}
	for _, tt := range tests {
		for _, partial := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/partial=%v", tt.name, partial), func(t *testing.T) {
				tmp := t.TempDir()
				outside, out := filepath.Join(tmp, "outside"), filepath.Join(tmp, "site", "public")
				writeTree(t, outside, map[string]string{
					"secret.txt": "secret", "dir/new-start/index.html": "not a page", "dir/sort/index.html": "not a page",
				})
				publish(t, out, Options{}, site1)
				at := func(m map[string]string) map[string]string {
					r := make(map[string]string)
					for k, v := range m {
						r[k] = strings.ReplaceAll(v, "@", outside)
					}
					return r
				}
				for name := range tt.plant {
					if err := os.RemoveAll(filepath.Join(out, name)); err != nil {
						t.Fatal(err)
					}
				}
				writeTree(t, out, at(tt.plant))
				ageTree(t, outside)
				before := snapshot(t, outside)

				tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
				if err != nil {
					t.Fatal(err)
				}
				for name, data := range tt.put {
					if err := tx.Put(name, []byte(data)); err != nil {
						t.Log(err)
					}
				}
				tx.Remove("tags/nuclear/index.html")
				_, err = tx.Commit()
				if (err != nil) != tt.wantErr {
					t.Errorf("Commit() error = %v, want error: %v", err, tt.wantErr)
				}
				assertSnapshot(t, outside, before)
				if err != nil {
					return
				}
				pages := tt.put
				if partial {
					pages = with(site1, tt.put)
				}
				if _, put := tt.put["tags/nuclear/index.html"]; !put {
					delete(pages, "tags/nuclear/index.html")
				}
				assertTree(t, out, withMarker(pages, at(tt.want)))
			})
		}
	}
}

func TestPartialKeepsOtherFilesAndReplacesChanged(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, Options{}, site1)
	writeTree(t, out, map[string]string{"CNAME": "x"})
	ageTree(t, out)
	kept := map[string]fs.FileInfo{}
	for _, name := range []string{"treaties/index.html", "treaties/new-start/index.html", "CNAME"} {
		kept[name] = lstat(t, filepath.Join(out, name))
	}

	tx, err := Begin(out, Options{Partial: true, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"index.html":            "new home",
		"treaties/index.html":   "treaties",
		"articles/a/index.html": "an article",
	} {
		if err := tx.Put(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	tx.Remove("tags/nuclear/index.html")
	tx.Remove("CNAME")        // the user's: stays
	tx.Remove("missing.html") // not there: nothing to do
	st, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Written: 2, Unchanged: 1, Removed: 1}); st != want {
		t.Errorf("Commit() = %+v, want %+v", st, want)
	}
	pages := with(site1, map[string]string{"index.html": "new home", "articles/a/index.html": "an article"})
	delete(pages, "tags/nuclear/index.html")
	assertTree(t, out, withMarker(pages, map[string]string{"CNAME": "x"}))
	for name, fi := range kept {
		assertKept(t, filepath.Join(out, name), fi)
	}
	assertOnly(t, parent, "public")
}

func TestPartialFirstBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, Options{Partial: true}, site1)
	assertTree(t, out, withMarker(site1))
}

func TestConcurrentPut(t *testing.T) {
	const workers, each = 8, 40
	out := filepath.Join(t.TempDir(), "public")
	// The first round writes every file; the second, incremental, finds
	// every other one unchanged.
	for round, partial := range []bool{false, true} {
		files := make([]map[string]string, workers)
		all := make(map[string]string)
		for w := range workers {
			files[w] = make(map[string]string)
			for i := range each {
				page := fmt.Sprintf("page %d of %d", i, w)
				if round == 1 && i%2 == 0 {
					page += " changed"
				}
				files[w][fmt.Sprintf("w%d/%03d/index.html", w, i)] = page
				files[w][fmt.Sprintf("shared/%d-%03d.html", w, i)] = "shared"
			}
			maps.Copy(all, files[w])
		}
		tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for name, data := range files[w] {
					if err := tx.Put(name, []byte(data)); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		st, err := tx.Commit()
		if err != nil {
			t.Fatal(err)
		}
		want := Stats{Written: len(all)}
		if round == 1 {
			want = Stats{Written: workers * each / 2, Unchanged: len(all) - workers*each/2}
		}
		if st != want {
			t.Errorf("round %d: Commit() = %+v, want %+v", round, st, want)
		}
		assertTree(t, out, withMarker(all))
	}
}

func TestBeginCleansLeftovers(t *testing.T) {
	next := with(site1, map[string]string{"index.html": "next"})
	user := map[string]string{"CNAME": "x"}
	tests := []struct {
		name  string
		crash func(t *testing.T, parent, out string)
	}{
		{"staging folder of a killed build", func(t *testing.T, parent, out string) {
			tx, err := Begin(out, Options{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"index.html", "half/written.html"} {
				if err := tx.Put(name, []byte("from the killed build")); err != nil {
					t.Fatal(err)
				}
			}
			tx.root.Close() // the process dies: nothing else happens
		}},
		{"old tree after the swap", func(t *testing.T, parent, out string) {
			writeTree(t, filepath.Join(parent, ".public"+stagingSuffix), withMarker(map[string]string{"old.html": "old"}))
		}},
		{"empty staging folder", func(t *testing.T, parent, out string) {
			writeTree(t, parent, map[string]string{".public" + stagingSuffix + "/": ""})
		}},
		{"killed between the two renames of the fallback", func(t *testing.T, parent, out string) {
			if err := os.Rename(out, filepath.Join(parent, ".public"+asideSuffix)); err != nil {
				t.Fatal(err)
			}
			writeTree(t, filepath.Join(parent, ".public"+stagingSuffix), withMarker(map[string]string{"new.html": "new"}))
		}},
		{"temporary files of an incremental build", func(t *testing.T, parent, out string) {
			writeTree(t, out, map[string]string{tmpFolder + "/1": "half", tmpFolder + "/marker": ""})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			publish(t, out, Options{}, site1)
			writeTree(t, out, user)
			tt.crash(t, parent, out)

			// The next Begin starts from the whole previous build.
			tx, err := Begin(out, Options{Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			assertTree(t, out, withMarker(site1, user))
			tx.Abort()
			assertOnly(t, parent, "public")

			st := publish(t, out, Options{}, next)
			if want := (Stats{Written: 1, Unchanged: len(site1) - 1}); st != want {
				t.Errorf("Commit() = %+v, want %+v", st, want)
			}
			assertTree(t, out, withMarker(next, user))
			assertOnly(t, parent, "public")
		})
	}
}

func TestFallbackWhenExchangeIsUnsupported(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, Options{}, site1)
	user := map[string]string{"CNAME": "x"}
	writeTree(t, out, user)

	var logged bytes.Buffer
	tx, err := Begin(out, Options{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	tx.exchange = func(a, b string) error {
		return &fs.PathError{Op: "renameat2", Path: a, Err: syscall.EINVAL}
	}
	next := map[string]string{"index.html": "next"}
	if err := tx.Put("index.html", []byte("next")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	assertTree(t, out, withMarker(next, user))
	assertOnly(t, parent, "public")
	if !strings.Contains(logged.String(), "cannot swap two folders in one step") {
		t.Errorf("log = %q, want it to say that the swap fell back to two renames", logged.String())
	}
}

func TestFailedSwapLeavesOldOutput(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, Options{}, site1)
	before := snapshot(t, out)
	tx, err := Begin(out, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	tx.exchange = func(a, b string) error {
		return &fs.PathError{Op: "renameat2", Path: a, Err: syscall.EIO}
	}
	if err := tx.Put("index.html", []byte("next")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err == nil {
		t.Fatal("Commit with a failing swap succeeded, want an error")
	}
	assertSnapshot(t, out, before)
	assertOnly(t, parent, "public")
}

func TestEditedMarkerCannotReachOutside(t *testing.T) {
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			publish(t, out, Options{}, site1)
			writeTree(t, parent, map[string]string{"outside.txt": "not a page"})
			marker := filepath.Join(out, markerName)
			f, err := os.OpenFile(marker, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(f, "../outside.txt\n%s\n/etc/hostname\n", filepath.Join(parent, "outside.txt"))
			f.Close()

			tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
			if err != nil {
				t.Fatal(err)
			}
			tx.Remove("../outside.txt")
			if _, err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(filepath.Join(parent, "outside.txt")); string(got) != "not a page" {
				t.Errorf("outside.txt = %q, %v; want it untouched", got, err)
			}
			// Without Partial every page not Put goes; the marker loses the
			// lines that point outside either way.
			want := withMarker(map[string]string{})
			if partial {
				want = withMarker(site1)
			}
			assertTree(t, out, want)
		})
	}
}
