package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenThenBaseline(t *testing.T) {
	site, out := t.TempDir(), t.TempDir()
	var stderr bytes.Buffer
	if code := run([]string{"gen", site, "12", "5"}, &stderr); code != 0 {
		t.Fatalf("gen: exit %d: %s", code, &stderr)
	}
	if code := run([]string{"baseline", site, out}, &stderr); code != 0 {
		t.Fatalf("baseline: exit %d: %s", code, &stderr)
	}
	if !strings.Contains(stderr.String(), "converted 12 articles") {
		t.Errorf("baseline printed %q", &stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(out, "*.html")); len(files) != 12 {
		t.Errorf("baseline wrote %d files, want 12", len(files))
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"gen"}, {"gen", "dir", "many"}, {"baseline", "site"}, {"bake"}} {
		if code := run(args, &bytes.Buffer{}); code != 2 {
			t.Errorf("benchtool %q: exit %d, want 2", args, code)
		}
	}
}
