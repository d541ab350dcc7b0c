package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/publish"
)

func TestPageWriterHandsOverSmallAndLargePages(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := publish.Begin(out, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	pages := map[string]string{
		"small.html": "<p>fits</p>",
		"limit.html": strings.Repeat("x", 64),
		"large.json": "[" + strings.Repeat(`"entry",`, 100) + "]",
	}
	var buf bytes.Buffer
	for name, data := range pages {
		buf.Reset()
		w := &pageWriter{tx: tx, path: name, buf: &buf, limit: 64}
		// Pieces of every kind, as the renderers write them.
		for i := 0; i < len(data); i += 5 {
			piece := data[i:min(i+5, len(data))]
			switch i % 3 {
			case 0:
				w.Write([]byte(piece))
			case 1:
				w.WriteString(piece)
			default:
				for _, c := range []byte(piece) {
					w.WriteByte(c)
				}
			}
		}
		if err := w.close(true); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := w.file != nil; got != (len(data) > 64) {
			t.Errorf("%s of %d bytes streamed = %v, want %v", name, len(data), got, !got)
		}
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for name, want := range pages {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
}
