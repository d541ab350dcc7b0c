package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/sitetest"
)

// noPanic fails the test when the command crashed: a Go panic exits with
// status 2 and a goroutine dump.
func (r result) noPanic(t *testing.T, what string) {
	t.Helper()
	if r.code == 2 || strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("%s crashed with exit status %d:\n%s", what, r.code, r.stderr)
	}
}

const frontMatter = "+++\ntitle = \"Odd input\"\ndate = 2021-02-03\ntreaties = [\"new-start\"]\n+++\n\n"

// TestOddEncodingsAndShapesGiveErrorsOrPagesNeverCrashes feeds `check` and
// `build` files in unusual encodings and of extreme shape. Each gives either
// positioned errors (exit 1) or a correct page (exit 0), within a time limit,
// and never a panic.
func TestOddEncodingsAndShapesGiveErrorsOrPagesNeverCrashes(t *testing.T) {
	paragraph := "The [[New START]] was [extended]{date=2021-02-03 treaty=new-start kind=extended until=2026-02-05} in *Prague* with `code` and [a link](https://example.org).\n\n"
	var lists strings.Builder
	for i := range 100 {
		lists.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	tests := []struct {
		name  string
		path  string // relative to the site root
		data  string
		code  int
		want  []string // lines of stderr (or "! " lines it must not hold)
		page  string   // with code 0: an output file to check
		holds []string // lines that page must hold
		// counts are how often strings occur in page, at least.
		counts map[string]int
		slow   bool // skipped under -short
	}{
		{name: "CRLF line endings and a BOM keep positions",
			path: "content/articles/crlf.md",
			data: "\ufeff+++\r\ntitle = \"CRLF\"\r\ndate = 2021-02-03\r\n[[events]]\r\ndate = 2021-01-01\r\ntreaty = \"new-start\"\r\nkind = \"sigend\"\r\n+++\r\n\r\nSee [[nope]].\r\n",
			code: 1,
			want: []string{`content/articles/crlf.md:7:8: unknown event kind "sigend" (did you mean "signed"?)`, `content/articles/crlf.md:10:5: unknown treaty "nope"`}},
		{name: "a BOM counts as its bytes on the first line",
			path: "content/treaties/bom.toml",
			data: "\ufefftitel = \"INF\"\r\nparties = [\"United States\"]\r\n",
			code: 1,
			want: []string{`content/treaties/bom.toml:1:4: unknown key "titel" (did you mean "title"?)`}},
		{name: "a BOM and CRLF in a good article build",
			path: "content/articles/bom.md",
			data: "\ufeff+++\r\ntitle = \"BOM article\"\r\ndate = 2021-02-03\r\n+++\r\n\r\nAbout [[New START]].\r\n",
			page: "public/articles/bom/index.html", holds: []string{"BOM article", "treaties/new-start/index.html", "! \ufeff"}},
		{name: "invalid UTF-8",
			path: "content/articles/latin1.md",
			data: frontMatter + "Caf\xe9 au lait.\n",
			code: 1, want: []string{"content/articles/latin1.md:7:4: invalid UTF-8"}},
		{name: "a NUL byte in the body",
			path: "content/articles/nul.md",
			data: frontMatter + "Before\x00after.\n",
			code: 1, want: []string{"content/articles/nul.md:7:7: NUL byte"}},
		{name: "a NUL byte in a treaty record",
			path: "content/treaties/nul.toml",
			data: "title = \"N\x00L\"\nparties = [\"A\"]\n",
			code: 1, want: []string{"content/treaties/nul.toml:1:11: NUL byte"}},
		{name: "UTF-16 with a BOM",
			path: "content/articles/utf16.md",
			data: "\xff\xfe+\x00+\x00+\x00\n\x00",
			code: 1, want: []string{"content/articles/utf16.md:1:1: file is UTF-16: save it as UTF-8"}},
		{name: "an empty article",
			path: "content/articles/empty.md",
			code: 1, want: []string{"content/articles/empty.md:1:1: empty file"}},
		{name: "an empty treaty record",
			path: "content/treaties/empty.toml",
			code: 1, want: []string{`content/treaties/empty.toml:1:1: missing required key "title"`}},
		{name: "unterminated front matter",
			path: "content/articles/open.md",
			data: "+++\ntitle = \"Open\"\ndate = 2021-02-03\n\nNo closing line.\n",
			code: 1, want: []string{"content/articles/open.md:1:1: unterminated front matter"}},
		{name: "a 5 MB article",
			path: "content/articles/huge.md",
			data: frontMatter + strings.Repeat(paragraph, 5<<20/len(paragraph)) + "The very end.\n",
			page: "public/articles/huge/index.html", holds: []string{"The very end.", `<time`}, slow: true},
		{name: "100 levels of nested lists",
			path: "content/articles/lists.md",
			data: frontMatter + lists.String(),
			page: "public/articles/lists/index.html", counts: map[string]int{"<li>level": 100}},
		{name: "10,000 nested brackets hold one treaty link",
			path: "content/articles/brackets.md",
			data: frontMatter + strings.Repeat("[", 10000) + "x" + strings.Repeat("]", 10000) + "\n",
			code: 1, want: []string{`content/articles/brackets.md:7:9999: unknown treaty "x"`}},
		{name: "10,000 nested emphasis markers",
			path: "content/articles/emphasis.md",
			data: frontMatter + strings.Repeat("*_", 5000) + "x" + strings.Repeat("_*", 5000) + "\n",
			page: "public/articles/emphasis/index.html", holds: []string{"<em>x</em>"}},
		{name: "10,000 nested annotations",
			path: "content/articles/annotations.md",
			data: frontMatter + strings.Repeat("[", 10000) + "x" + strings.Repeat("]{date=2021}", 10000) + "\n",
			page: "public/articles/annotations/index.html", holds: []string{`<time`}},
		{name: "10,000 nested block quotes",
			path: "content/articles/quotes.md",
			data: frontMatter + strings.Repeat(">", 10000) + " deep\n",
			page: "public/articles/quotes/index.html", holds: []string{"<blockquote>", "deep"}},
		{name: "10,000 unmatched treaty link openers",
			path: "content/articles/openers.md",
			data: frontMatter + strings.Repeat("[[", 10000) + strings.Repeat("]]", 10000) + "\n",
			page: "public/articles/openers/index.html", holds: []string{"[[[["}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.slow && testing.Short() {
				t.Skip("takes seconds")
			}
			root := site(t, minimalSite)
			path := filepath.Join(root, filepath.FromSlash(tt.path))
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"check", "build"} {
				r := treatylineWithin(t, 60*time.Second, root, cmd)
				r.noPanic(t, cmd)
				r.want(t, tt.code)
				r.stderrContains(t, tt.want...)
			}
			if tt.code != 0 {
				if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
					t.Error("a build with errors wrote output")
				}
				return
			}
			page := filepath.Join(root, filepath.FromSlash(tt.page))
			sitetest.AssertFile(t, page, tt.holds...)
			data, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			for s, n := range tt.counts {
				if got := strings.Count(string(data), s); got < n {
					t.Errorf("%s holds %q %d times, want %d", tt.page, s, got, n)
				}
			}
		})
	}
}
