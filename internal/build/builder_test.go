package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/sitegen"
)

// editor changes a generated site on disk the way a writer would, and says
// which files it touched.
type editor struct {
	t    *testing.T
	dir  string
	r    *rand.Rand
	gen  *sitegen.Generator
	next int // the index of the next new article
}

func (e *editor) files(under string) []string {
	var out []string
	filepath.WalkDir(filepath.Join(e.dir, under), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(e.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out
}

func (e *editor) pick(under string) string {
	fs := e.files(under)
	if len(fs) == 0 {
		e.t.Fatalf("no files under %s", under)
	}
	return fs[e.r.IntN(len(fs))]
}

func (e *editor) read(rel string) string {
	data, err := os.ReadFile(filepath.Join(e.dir, rel))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}

func (e *editor) write(rel, data string) {
	p := filepath.Join(e.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// replaceLine replaces the first line of rel that matches re.
func (e *editor) replaceLine(rel string, re *regexp.Regexp, line string) {
	src := e.read(rel)
	loc := re.FindStringIndex(src)
	if loc == nil {
		e.write(rel, src)
		return
	}
	e.write(rel, src[:loc[0]]+line+src[loc[1]:])
}

var (
	titleLine    = regexp.MustCompile(`(?m)^title = .*$`)
	dateLine     = regexp.MustCompile(`(?m)^date = .*$`)
	treatiesLine = regexp.MustCompile(`(?m)^treaties = .*\n`)
	summaryLine  = regexp.MustCompile(`(?m)^summary = .*$`)
)

// edit makes one random change and returns a description and the changed
// paths. A broken file is left for the next edit to fix: fix is not nil.
func (e *editor) edit() (what string, changed []string, fix func() []string) {
	const articles, treaties = "content/articles", "content/treaties"
	// Body edits come three times as often as the rest, as in writing.
	switch e.r.IntN(11) {
	case 0, 9, 10:
		p := e.pick(articles)
		e.write(p, e.read(p)+fmt.Sprintf("\nA new paragraph %d.\n", e.r.IntN(1000)))
		return "edit body of " + p, []string{p}, nil
	case 1:
		p := e.pick(articles)
		e.replaceLine(p, titleLine, fmt.Sprintf("title = \"Retitled %d\"", e.r.IntN(1000)))
		return "edit title of " + p, []string{p}, nil
	case 2:
		p := e.pick(articles)
		e.replaceLine(p, dateLine, fmt.Sprintf("date = %d-%02d-%02d", 1990+e.r.IntN(36), 1+e.r.IntN(12), 1+e.r.IntN(28)))
		return "edit date of " + p, []string{p}, nil
	case 3:
		p, data := e.gen.Article(e.next)
		e.next++
		e.write(p, string(data))
		return "add " + p, []string{p}, nil
	case 4:
		p := e.pick(articles)
		if err := os.Remove(filepath.Join(e.dir, p)); err != nil {
			e.t.Fatal(err)
		}
		return "remove " + p, []string{p}, nil
	case 5:
		p, t := e.pick(articles), e.pick(treaties)
		id := strings.TrimSuffix(filepath.Base(t), ".toml")
		e.write(p, e.read(p)+fmt.Sprintf("\nSee [[%s]] and [met]{date=2001-02-03 treaty=%s}.\n", id, id))
		return "add a reference to " + id + " in " + p, []string{p}, nil
	case 6:
		p := e.pick(articles)
		e.replaceLine(p, treatiesLine, "")
		return "remove the treaties of " + p, []string{p}, nil
	case 7:
		p := e.pick(articles)
		good := e.read(p)
		e.write(p, strings.Replace(good, "+++\n", "+++\ntitle = = broken\n", 1))
		return "break " + p, []string{p}, func() []string {
			e.write(p, good)
			return []string{p}
		}
	default:
		p := e.pick(treaties)
		e.replaceLine(p, summaryLine, fmt.Sprintf("summary = \"Edited %d.\"", e.r.IntN(1000)))
		return "edit treaty " + p, []string{p}, nil
	}
}

// tree reads every file under dir but publish's own.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".treatyline") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			out[filepath.ToSlash(rel)] = data
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareTrees(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range want {
			if !yield(p) {
				return
			}
		}
	}) {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("after %s: rebuild lacks %s", step, p)
		case !bytes.Equal(g, want[p]):
			t.Errorf("after %s: rebuild's %s differs from a full build's", step, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("after %s: rebuild has %s, a full build does not", step, p)
		}
	}
}

// TestRebuildMatchesFullBuild applies random edits to a generated site and
// checks after each that Rebuild leaves the output a full build of the same
// files would make, and the same diagnostics.
func TestRebuildMatchesFullBuild(t *testing.T) {
	steps := 25
	if testing.Short() {
		steps = 8
	}
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			gopts := sitegen.Options{Seed: seed, Articles: 30, Treaties: 6}
			if err := sitegen.Write(site, gopts); err != nil {
				t.Fatal(err)
			}
			e := &editor{t: t, dir: site, r: rand.New(rand.NewPCG(seed, 7)), gen: sitegen.NewGenerator(gopts), next: gopts.Articles}
			opts := benchOptions(site, filepath.Join(dir, "incremental"))
			b := New(opts)
			if _, diags, err := b.Build(t.Context()); err != nil || diags.HasErrors() {
				t.Fatalf("Build: %v %v", err, diags)
			}
			var fix func() []string
			for i := range steps {
				var what string
				var changed []string
				if fix != nil {
					what, changed, fix = "fix", fix(), nil
				} else {
					what, changed, fix = e.edit()
				}
				step := fmt.Sprintf("step %d (%s)", i, what)
				stats, diags, err := b.Rebuild(t.Context(), changed)
				if err != nil {
					t.Fatalf("%s: Rebuild: %v", step, err)
				}
				full := opts
				full.Output = filepath.Join(dir, fmt.Sprintf("full-%d", i))
				_, wantDiags, err := Build(context.Background(), full)
				if err != nil {
					t.Fatalf("%s: Build: %v", step, err)
				}
				if got, want := diags.Error(), wantDiags.Error(); got != want {
					t.Fatalf("%s: Rebuild diagnostics:\n%s\nwant (full build):\n%s", step, got, want)
				}
				if diags.HasErrors() {
					continue
				}
				if stats.Rendered > stats.Pages {
					t.Errorf("%s: rendered %d of %d pages", step, stats.Rendered, stats.Pages)
				}
				compareTrees(t, step, tree(t, opts.Output), tree(t, full.Output))
				if t.Failed() {
					return
				}
				os.RemoveAll(full.Output)
			}
			if b.bodyRebuilds == 0 {
				t.Errorf("no rebuild of %d took the way of body edits", steps)
			}
		})
	}
}

// TestBodyEditsRenderOnlyTheirPage edits the text around an article's
// annotations again and again: each rebuild renders the article's page
// alone, and leaves what a full build makes, its annotations still linked
// to their timeline entries.
func TestBodyEditsRenderOnlyTheirPage(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := sitegen.Write(site, sitegen.Options{Seed: 3, Articles: 20, Treaties: 4}); err != nil {
		t.Fatal(err)
	}
	e := &editor{t: t, dir: site}
	var article string
	for _, p := range e.files("content/articles") {
		if strings.Contains(e.read(p), "]{date=") {
			article = p
			break
		}
	}
	if article == "" {
		t.Fatal("no generated article has an annotation")
	}
	opts := benchOptions(site, filepath.Join(dir, "incremental"))
	b := New(opts)
	if _, diags, err := b.Build(t.Context()); err != nil || diags.HasErrors() {
		t.Fatalf("Build: %v %v", err, diags)
	}
	edits := []struct {
		name string
		edit func(src string) string
	}{
		{"a paragraph added at the end", func(src string) string { return src + "\nA closing paragraph.\n" }},
		{"words added before the annotations", func(src string) string { return strings.Replace(src, "+++\n\n", "+++\n\nAn opening line.\n\n", 1) }},
		{"the same article edited again", func(src string) string { return src + "\nA second closing paragraph.\n" }},
	}
	for i, tt := range edits {
		e.write(article, tt.edit(e.read(article)))
		stats, diags, err := b.Rebuild(t.Context(), []string{article})
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: Rebuild: %v %v", tt.name, err, diags)
		}
		if stats.Rendered != 1 || stats.Written != 1 {
			t.Errorf("%s: rendered %d pages and wrote %d, want 1 and 1", tt.name, stats.Rendered, stats.Written)
		}
		if b.bodyRebuilds != i+1 {
			t.Errorf("%s: the rebuild read the whole site again, want the article alone", tt.name)
		}
		full := opts
		full.Output = filepath.Join(dir, fmt.Sprintf("full-%d", i))
		if _, diags, err := Build(t.Context(), full); err != nil || diags.HasErrors() {
			t.Fatalf("%s: Build: %v %v", tt.name, err, diags)
		}
		compareTrees(t, tt.name, tree(t, opts.Output), tree(t, full.Output))
	}
}

// TestRebuildReadsTheSiteWhenABodyEditIsNotEnough edits articles in ways
// that an edit of the article's own page cannot show, or whose
// diagnostics the last load's may not stand for, and checks that each
// rebuild reads the site again, and that the rebuilds that can do without
// do: either way, the output and diagnostics are a full build's.
func TestRebuildReadsTheSiteWhenABodyEditIsNotEnough(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := sitegen.Write(site, sitegen.Options{Seed: 4, Articles: 20, Treaties: 4}); err != nil {
		t.Fatal(err)
	}
	e := &editor{t: t, dir: site}
	articles := e.files("content/articles")
	a, other := articles[0], articles[1]
	const lone = "content/articles/lone.md"
	edit := func(p string, fn func(string) string) func() []string {
		return func() []string {
			e.write(p, fn(e.read(p)))
			return []string{p}
		}
	}
	appendText := func(text string) func(string) string { return func(src string) string { return src + text } }
	steps := []struct {
		name  string
		edit  func() []string
		short bool // the rebuild renders the edited articles' pages alone
	}{
		{"an article written anew", func() []string {
			e.write(a, "+++\ntitle = \"Known\"\ndate = 2020-01-02\nsummary = \"Known.\"\ntreaties = [\"treaty-000\"]\n+++\n\n"+
				"Text of [the parties met]{date=2001-02-03 treaty=treaty-000 label=\"meeting\"}.\n")
			return []string{a}
		}, false},
		{"a body edited", edit(a, appendText("\nMore text.\n")), true},
		{"a file saved as it was", edit(a, appendText("")), true},
		{"two bodies edited", func() []string {
			return append(edit(a, appendText("\nOne more.\n"))(), edit(other, appendText("\nAnd another.\n"))()...)
		}, true},
		{"the summary edited", edit(a, func(src string) string {
			return summaryLine.ReplaceAllString(src, `summary = "Changed."`)
		}), false},
		{"the front matter laid out anew", edit(a, func(src string) string { return strings.Replace(src, "+++\n", "+++\n# A comment.\n", 1) }), false},
		{"an annotation added", edit(a, appendText("\n[Met]{date=2001-02-03}.\n")), false},
		{"an annotation's text edited", edit(a, func(src string) string { return strings.Replace(src, "parties met", "parties convened", 1) }), false},
		{"an annotation's date edited", edit(a, func(src string) string { return strings.Replace(src, "2001-02-03 treaty", "2001-02-04 treaty", 1) }), false},
		{"another treaty named in the body", edit(a, appendText("\nSee [[treaty-001]].\n")), false},
		{"the same treaty named again", edit(a, appendText("\nSee [[treaty-001]] again.\n")), true},
		{"an unknown treaty named", edit(a, appendText("\nSee [[no-such-treaty]].\n")), false},
		{"the unknown treaty removed", edit(a, func(src string) string { return strings.Replace(src, "\nSee [[no-such-treaty]].\n", "", 1) }), false},
		{"an article added with a warning", func() []string {
			e.write(lone, "+++\ntitle = \"Lone\"\ndate = 2020-01-02\n+++\n\nNo treaty here.\n")
			return []string{lone}
		}, false},
		{"the body of the article with a warning edited", edit(lone, appendText("\nStill none.\n")), false},
		{"another body edited while the warning stands", edit(other, appendText("\nA last word.\n")), true},
	}
	opts := benchOptions(site, filepath.Join(dir, "incremental"))
	b := New(opts)
	if _, diags, err := b.Build(t.Context()); err != nil || diags.HasErrors() {
		t.Fatalf("Build: %v %v", err, diags)
	}
	for i, tt := range steps {
		before := b.bodyRebuilds
		changed := tt.edit()
		stats, diags, err := b.Rebuild(t.Context(), changed)
		if err != nil {
			t.Fatalf("%s: Rebuild: %v", tt.name, err)
		}
		if short := b.bodyRebuilds > before; short != tt.short {
			t.Errorf("%s: rebuild rendered the edited pages alone: %v, want %v", tt.name, short, tt.short)
		}
		full := opts
		full.Output = filepath.Join(dir, fmt.Sprintf("full-%d", i))
		_, wantDiags, err := Build(t.Context(), full)
		if err != nil {
			t.Fatalf("%s: Build: %v", tt.name, err)
		}
		if got, want := diags.Error(), wantDiags.Error(); got != want {
			t.Errorf("%s: Rebuild diagnostics:\n%s\nwant (full build):\n%s", tt.name, got, want)
		}
		if !diags.HasErrors() {
			if tt.short && stats.Rendered > len(changed) {
				t.Errorf("%s: rendered %d pages", tt.name, stats.Rendered)
			}
			compareTrees(t, tt.name, tree(t, opts.Output), tree(t, full.Output))
		}
	}
}
