// Package bench holds what treatyline's benchmarks are measured against.
package bench

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Baseline converts every article (*.md) below dir into an HTML file in out
// and returns how many it converted: read the file, split off its +++ front
// matter and decode it with BurntSushi/toml, convert the body with plain
// goldmark (GFM, footnotes, typographer), write the HTML; on every core. It
// is the floor that any goldmark-based generator pays, and what the build
// benchmarks are measured against.
func Baseline(dir, out string) (int, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	next := make(chan int)
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				errs[i] = convert(md, files[i], filepath.Join(out, fmt.Sprintf("%d.html", i)), &buf)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return len(files), nil
}

func convert(md goldmark.Markdown, src, dst string, buf *bytes.Buffer) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	rest, ok := bytes.CutPrefix(data, []byte("+++\n"))
	if !ok {
		return fmt.Errorf("%s: no front matter", src)
	}
	front, body, ok := bytes.Cut(rest, []byte("\n+++\n"))
	if !ok {
		return fmt.Errorf("%s: unterminated front matter", src)
	}
	var meta map[string]any
	if err := toml.Unmarshal(front, &meta); err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if err := md.Convert(body, buf); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}
