package publish

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// publish runs a whole transaction that Puts files, in sorted order.
func publish(t *testing.T, dir string, opts Options, files map[string]string) Stats {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	tx, err := Begin(dir, opts)
	if err != nil {
		t.Fatalf("Begin(%s): %v", dir, err)
	}
	defer tx.Abort()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := tx.Put(name, []byte(files[name])); err != nil {
			t.Fatalf("Put(%s): %v", name, err)
		}
	}
	st, err := tx.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// writeTree creates files under dir; a name ending in "/" is an empty folder
// and a content starting with "-> " a symbolic link.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(content, "-> "); ok {
			err = os.Symlink(target, p)
		} else {
			err = os.WriteFile(p, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns what is under dir in writeTree's notation, with the
// marker's content under its name.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			tree[rel] = "-> " + target
			return err
		case d.IsDir():
			list, err := os.ReadDir(p)
			if len(list) == 0 {
				tree[rel+"/"] = ""
			}
			return err
		default:
			data, err := os.ReadFile(p)
			tree[rel] = string(data)
			return err
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// snapshot describes every entry under dir (not dir itself) by kind, mode,
// size, modification time and a hash of its content: any change shows.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		desc := fmt.Sprintf("%v %d %d", fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			desc += " -> " + target
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		snap[p] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func diffMaps(got, want map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if w, ok := want[k]; !ok {
			fmt.Fprintf(&b, "  extra   %s: %q\n", k, got[k])
		} else if w != got[k] {
			fmt.Fprintf(&b, "  changed %s: got %q, want %q\n", k, got[k], w)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[k]; !ok {
			fmt.Fprintf(&b, "  missing %s: %q\n", k, want[k])
		}
	}
	return b.String()
}

func assertTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	if d := diffMaps(readTree(t, dir), want); d != "" {
		t.Errorf("tree %s differs from what it should hold:\n%s", dir, d)
	}
}

func assertSnapshot(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	if d := diffMaps(snapshot(t, dir), before); d != "" {
		t.Errorf("%s changed:\n%s", dir, d)
	}
}

// with returns the union of trees, later ones winning.
func with(trees ...map[string]string) map[string]string {
	all := make(map[string]string)
	for _, tr := range trees {
		maps.Copy(all, tr)
	}
	return all
}

// withMarker returns files plus the marker that lists them.
func withMarker(files map[string]string, user ...map[string]string) map[string]string {
	all := with(append([]map[string]string{files}, user...)...)
	all[markerName] = string(encodeMarker(slices.Collect(maps.Keys(files))))
	return all
}

// ageTree sets every modification time under dir to a fixed past moment, so
// that a rewrite cannot hide within the clock's resolution.
func ageTree(t *testing.T, dir string) {
	t.Helper()
	past := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range slices.Backward(dirs) {
		if err := os.Chtimes(d, past, past); err != nil {
			t.Fatal(err)
		}
	}
}

func lstat(t *testing.T, p string) fs.FileInfo {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// assertKept checks that p is still the file before was: same inode, same
// modification time.
func assertKept(t *testing.T, p string, before fs.FileInfo) {
	t.Helper()
	now := lstat(t, p)
	if !os.SameFile(now, before) {
		t.Errorf("%s was replaced by another file, want it kept", p)
	}
	if !now.ModTime().Equal(before.ModTime()) {
		t.Errorf("%s: mtime = %v, want %v kept", p, now.ModTime(), before.ModTime())
	}
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func assertOnly(t *testing.T, dir string, want ...string) {
	t.Helper()
	if got := entries(t, dir); !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want only %q", dir, got, want)
	}
}
