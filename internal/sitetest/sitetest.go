// Package sitetest is test support: sites written as txtar archives, laid
// out in memory or on disk, and assertions on the files a build wrote.
package sitetest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// File is one file of an archive.
type File struct {
	Name string
	Data []byte
}

// Parse reads a txtar archive: an optional comment, then files, each
// introduced by a line "-- name --".
func Parse(archive string) (comment string, files []File) {
	data := []byte(archive)
	var cur *File
	var buf bytes.Buffer
	flush := func() {
		if cur != nil {
			cur.Data = bytes.Clone(buf.Bytes())
			files = append(files, *cur)
		} else {
			comment = buf.String()
		}
		buf.Reset()
	}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		trimmed := strings.TrimRight(string(line), "\r\n")
		if name, ok := marker(trimmed); ok {
			flush()
			cur = &File{Name: name}
			continue
		}
		buf.Write(line)
	}
	flush()
	return comment, files
}

func marker(line string) (string, bool) {
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

// MapFS lays the archive's files out in memory.
func MapFS(archive string) fstest.MapFS {
	_, files := Parse(archive)
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// WriteDir writes the archive's files below dir.
func WriteDir(t testing.TB, dir, archive string) {
	t.Helper()
	_, files := Parse(archive)
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// AssertFile checks the file at path (on disk) line by line: each non-blank
// line of want must occur in it, or, with a leading "! ", must not.
func AssertFile(t testing.TB, path string, want ...string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	AssertContains(t, path, string(data), want...)
}

// AssertContains is AssertFile for text in memory; name names it in failures.
func AssertContains(t testing.TB, name, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		for _, line := range strings.Split(w, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case strings.HasPrefix(line, "! "):
				if strings.Contains(text, line[2:]) {
					t.Errorf("%s contains %q; it must not", name, line[2:])
				}
			case !strings.Contains(text, line):
				t.Errorf("%s does not contain %q", name, line)
			}
		}
	}
}

// Manifest returns a listing of every file and folder below dir with its
// mode, size and a digest of its bytes, so a test can show that an
// operation changed nothing there.
func Manifest(t testing.TB, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		b.WriteString(rel + " " + info.Mode().String() + " " + info.ModTime().UTC().String())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.WriteString(" " + digest(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
