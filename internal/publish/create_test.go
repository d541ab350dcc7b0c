package publish

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// create writes data to name through Create, a few bytes at a time.
func create(t *testing.T, tx *Tx, name, data string) {
	t.Helper()
	f, err := tx.Create(name)
	if err != nil {
		t.Fatalf("Create(%s): %v", name, err)
	}
	for chunk := range strings.SplitSeq(data, " ") {
		if _, err := f.WriteString(chunk + " "); err != nil {
			t.Fatalf("Write(%s): %v", name, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatalf("Close(%s): %v", name, err)
	}
}

func TestCreateCountsAndKeepsLikePut(t *testing.T) {
	big := strings.Repeat("timeline ", 20000)
	for _, partial := range []bool{false, true} {
		t.Run(fmt.Sprintf("partial=%v", partial), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			build := func(files map[string]string) Stats {
				tx, err := Begin(out, Options{Partial: partial, Logger: testLogger(t)})
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Abort()
				for name, data := range files {
					create(t, tx, name, data)
				}
				st, err := tx.Commit()
				if err != nil {
					t.Fatalf("Commit: %v", err)
				}
				return st
			}
			first := map[string]string{"timeline.json": big, "data/a.json": "a", "data/b.json": "bb"}
			if st, want := build(first), (Stats{Written: 3}); st != want {
				t.Errorf("first Commit() = %+v, want %+v", st, want)
			}
			want := map[string]string{}
			for name, data := range first {
				want[name] = data + " "
			}
			assertTree(t, out, withMarker(want))
			ageTree(t, out)
			kept := lstat(t, filepath.Join(out, "timeline.json"))

			next := map[string]string{"timeline.json": big, "data/a.json": "b", "data/b.json": "bbb"}
			if st, want := build(next), (Stats{Written: 2, Unchanged: 1}); st != want {
				t.Errorf("second Commit() = %+v, want %+v", st, want)
			}
			for name, data := range next {
				want[name] = data + " "
			}
			assertTree(t, out, withMarker(want))
			assertKept(t, filepath.Join(out, "timeline.json"), kept)
		})
	}
}

func TestCreateRejectsWhatPutRejects(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, Options{Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	if err := tx.Put("feed.xml", []byte("feed")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"feed.xml", "../outside", ".treatyline"} {
		if f, err := tx.Create(name); err == nil {
			f.Close()
			t.Errorf("Create(%q) succeeded, want an error", name)
		}
	}
	if _, err := tx.Commit(); err == nil {
		t.Error("Commit after a failed Create succeeded, want an error")
	}
}
