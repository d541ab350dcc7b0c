package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/build"
	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/suggest"
)

const suggestSynopsis = "treatyline suggest [-s DIR] [--write] [PATH ...]"

func (c *cli) suggest(args []string) int {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	var (
		source string
		write  bool
	)
	fs.StringVar(&source, "s", ".", "site root, the folder that holds config.toml")
	fs.StringVar(&source, "source", ".", "site root (same as -s)")
	fs.BoolVar(&write, "write", false, "link the first mention of each treaty not linked yet, in the files")
	err := func() error {
		paths, err := parse(fs, args)
		if err != nil {
			return err
		}
		opts := build.Options{Source: source, Drafts: true}
		site, diags := build.Load(opts)
		if diags.HasErrors() {
			c.printDiagnostics(diags)
			return errReported
		}
		articles, err := selectArticles(source, site, paths)
		if err != nil {
			return err
		}
		root, err := os.OpenRoot(source)
		if err != nil {
			return err
		}
		defer root.Close()
		s := suggester{cli: c, root: root, treaties: suggestTreaties(site)}
		if !write {
			return s.print(articles)
		}
		if err := s.write(articles); err != nil {
			return err
		}
		// The links name treaties by id, so they cannot break a valid site;
		// the check proves it.
		if _, diags := build.Load(opts); diags.HasErrors() {
			c.printDiagnostics(diags)
			return errReported
		}
		return nil
	}()
	return c.finish(fs, suggestSynopsis, err)
}

// selectArticles returns the articles that paths name, in path order: each
// path is a file or a folder, relative to the working folder or else to
// the site root. No path means every article.
func selectArticles(source string, site *content.Site, paths []string) ([]*content.Article, error) {
	if len(paths) == 0 {
		return sortedByFile(site.Articles), nil
	}
	root, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	chosen := map[*content.Article]bool{}
	for _, p := range paths {
		rel := siteRelative(root, p)
		n := 0
		for _, a := range site.Articles {
			if rel == "." || a.File == rel || strings.HasPrefix(a.File, rel+"/") {
				chosen[a] = true
				n++
			}
		}
		if n == 0 {
			return nil, usagef("%s is not an article of the site, nor a folder of articles", p)
		}
	}
	return sortedByFile(slices.Collect(maps.Keys(chosen))), nil
}

// siteRelative returns p as a slash path from the site root: p relative to
// the working folder when it exists there inside the root, else p itself
// taken from the root.
func siteRelative(root, p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if _, err := os.Stat(abs); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
				return filepath.ToSlash(rel)
			}
		}
	}
	return path.Clean(filepath.ToSlash(p))
}

func sortedByFile(articles []*content.Article) []*content.Article {
	out := slices.Clone(articles)
	slices.SortFunc(out, func(a, b *content.Article) int { return strings.Compare(a.File, b.File) })
	return out
}

func suggestTreaties(site *content.Site) []suggest.Treaty {
	out := make([]suggest.Treaty, 0, len(site.Treaties))
	for _, t := range site.Treaties {
		out = append(out, suggest.Treaty{ID: t.ID, Title: t.Title, Aliases: t.Aliases})
	}
	return out
}

// suggester runs the suggestion engine over articles of a site.
type suggester struct {
	*cli
	root     *os.Root
	treaties []suggest.Treaty
}

// find returns an article's source and the suggestions for it.
func (s *suggester) find(a *content.Article) ([]byte, []suggest.Suggestion, error) {
	src, err := s.root.ReadFile(filepath.FromSlash(a.File))
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", a.File, err)
	}
	fm, err := content.ParseFrontMatter(src)
	if err != nil {
		// The file changed since the check: report it at its place.
		return nil, nil, fmt.Errorf("%s: %w", a.File, err)
	}
	return src, suggest.Find(src, fm.BodyOffset, a.Date, s.treaties), nil
}

// print prints every suggestion for the articles.
func (s *suggester) print(articles []*content.Article) error {
	for _, a := range articles {
		src, found, err := s.find(a)
		if err != nil {
			return err
		}
		s.list(a.File, src, found)
	}
	return nil
}

// list prints suggestions for the file at rel as path:line:col: suggestion:
// MESSAGE: REPLACEMENT.
func (s *suggester) list(rel string, src []byte, found []suggest.Suggestion) {
	lines := diag.NewLines(rel, src)
	for _, x := range found {
		fmt.Fprintf(s.stdout, "%s: suggestion: %s: %s\n", lines.Pos(x.Offset), x.Message, x.Replacement)
	}
}

// edit is an article's new source.
type edit struct {
	file string
	src  []byte
	n    int // links made
}

// write links, in each article, the first mention of each treaty that the
// article does not link yet, and prints those suggestions. Every edit is
// prepared before the first file is written. Dates are left as advice: an
// annotation says what happened, which an editor must decide.
func (s *suggester) write(articles []*content.Article) error {
	var edits []edit
	for _, a := range articles {
		src, found, err := s.find(a)
		if err != nil {
			return err
		}
		var links []suggest.Suggestion
		for _, x := range suggest.FirstMentions(found) {
			if x.Kind == suggest.TreatyMention {
				links = append(links, x)
			}
		}
		if len(links) == 0 {
			continue
		}
		info, err := s.root.Lstat(filepath.FromSlash(a.File))
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s is a symlink: not rewriting it; run suggest without --write and edit its target", a.File)
		}
		s.list(a.File, src, links)
		edits = append(edits, edit{file: a.File, src: suggest.Apply(src, links), n: len(links)})
	}
	total := 0
	for _, e := range edits {
		if err := writeAtomic(s.root, filepath.FromSlash(e.file), e.src); err != nil {
			return err
		}
		total += e.n
	}
	fmt.Fprintf(s.stderr, "linked %s in %s\n", plural(total, "treaty mention"), plural(len(edits), "article"))
	return nil
}

// writeAtomic replaces the file name of root with data, keeping its mode:
// the data goes to a temporary file in the same folder, which is renamed
// over the file, so a reader (or a crash) sees the old bytes or the new
// ones, never a mix. The temporary name is a dotfile, which neither the
// build nor the watcher reads.
func writeAtomic(root *os.Root, name string, data []byte) error {
	info, err := root.Stat(name)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(name)
	var tmp string
	var f *os.File
	for i := 0; ; i++ {
		tmp = filepath.Join(dir, "."+base+".treatyline-"+strconv.Itoa(i))
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	// The mode is set after creation, since the umask narrows the one
	// that OpenFile is given.
	err = errors.Join(f.Chmod(info.Mode().Perm()), write(f, data), f.Close())
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// write writes data to f and flushes it to the disk, so that the rename
// that follows never publishes a file whose bytes are not there yet.
func write(f *os.File, data []byte) error {
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// plural writes n things: "1 article", "2 articles".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
