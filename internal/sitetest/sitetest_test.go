package sitetest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParse(t *testing.T) {
	comment, files := Parse("a site\n-- config.toml --\ntitle = \"x\"\r\n-- content/a.md --\nbody\n")
	if comment != "a site\n" {
		t.Errorf("comment = %q", comment)
	}
	if len(files) != 2 || files[0].Name != "config.toml" || string(files[0].Data) != "title = \"x\"\r\n" || files[1].Name != "content/a.md" || string(files[1].Data) != "body\n" {
		t.Errorf("files = %q", files)
	}
}

func TestManifestSeesChanges(t *testing.T) {
	dir := t.TempDir()
	WriteDir(t, dir, "-- a/b.txt --\nhello\n")
	before := Manifest(t, dir)
	if again := Manifest(t, dir); again != before {
		t.Fatalf("manifest changed without a change:\n%s\n%s", before, again)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "b.txt"), []byte("hellO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if Manifest(t, dir) == before {
		t.Error("manifest did not change when a file did")
	}
}
