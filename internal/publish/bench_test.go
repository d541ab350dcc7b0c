package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFirstCommit publishes a site shaped like a generated one, each
// page in a folder of its own under a few shared ones, into a fresh output
// folder: the cost of writing that every full build into a new folder pays.
func BenchmarkFirstCommit(b *testing.B) {
	const pages = 2000
	page := make([]byte, 16<<10)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		os.RemoveAll(out)
		tx, err := Begin(out, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range pages {
			if err := tx.Put(fmt.Sprintf("articles/article-%05d/index.html", i), page); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
