// Command baseline is the floor that scripts/bench measures treatyline
// against: baseline SITE OUT reads every article of the site, splits off its
// +++ front matter and decodes it with BurntSushi/toml, converts the body
// with plain goldmark (GFM, footnotes, typographer) and writes the HTML to
// OUT, on every core. It is what any Go static site generator has to do.
package main

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

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: baseline SITE OUT")
		os.Exit(2)
	}
	n, err := convertAll(filepath.Join(os.Args[1], "content", "articles"), os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "converted %d articles\n", n)
}

func convertAll(dir, out string) (int, error) {
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
