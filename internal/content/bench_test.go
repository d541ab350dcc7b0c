package content

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/treatyline/treatyline/internal/sitegen"
)

// BenchmarkLoad loads a generated site of 500 articles held in memory, so
// that it measures decoding and checking, not the disk.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitegen.Options{Seed: 1, Articles: 500, Treaties: sitegen.TreatiesFor(500)}); err != nil {
		b.Fatal(err)
	}
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Load(fsys, LoadOptions{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
