package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBodiesLeaveNoFileBehind: the rendered bodies go to a temporary file
// that is unlinked at once, so nothing shows in the temporary folder.
func TestBodiesLeaveNoFileBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	m := New(Options{})
	doc := m.Parse([]byte("Signed [on that day]{date=2010-04-08 treaty=new-start kind=signed}, see [[new-start]]."))
	if doc.spilled == nil {
		t.Fatal("Parse kept the body in memory, want it in the temporary file")
	}
	ents, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 0 {
		t.Errorf("temporary folder holds %v, want nothing", ents)
	}
}

// TestBodiesStayInMemoryWithoutATemporaryFolder: a build still works where
// no temporary file can be made, and renders the same.
func TestBodiesStayInMemoryWithoutATemporaryFolder(t *testing.T) {
	src := []byte("# Heading\n\nSigned [on that day]{date=2010-04-08 treaty=new-start kind=signed}, see [[new-start|the treaty]].\n\n| a | b |\n|--:|---|\n| 1 | 2 |\n")
	var want strings.Builder
	if err := New(Options{}).Render(&want, New(Options{}).Parse(src), testResolver{}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	m := New(Options{})
	doc := m.Parse(src)
	if doc.spilled != nil {
		t.Fatal("Parse spilled to a folder that does not exist")
	}
	var got strings.Builder
	if err := m.Render(&got, doc, testResolver{}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("in memory Render = %q, want %q as when spilled", got.String(), want.String())
	}
}
