package content

import (
	"bytes"
	"errors"
	"github.com/treatyline/treatyline/internal/ignore"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/markdown"
)

// LoadOptions configure [Load].
type LoadOptions struct {
	// Drafts includes articles marked draft = true. Without it they are
	// left out, and so are their diagnostics.
	Drafts bool
	// Cache, when not nil, keeps what this load reads for the next one,
	// and provides what the last one read: see [Cache].
	Cache *Cache
}

// The folders of a site root that Load reads.
const (
	configFile  = "config.toml"
	treatiesDir = "content/treaties"
	articlesDir = "content/articles"
)

// maxDepth bounds the folders nested in content/articles, which a symlink
// pointing at its own ancestor would make endless.
const maxDepth = 32

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9-]+$`)
	slugPattern = idPattern
)

// Load reads the site whose root is fsys: config.toml, content/treaties and
// content/articles. It reports every problem it finds, not just the first,
// as diagnostics sorted by position; warnings do not stop a build. The Site
// is nil when there is any error.
//
// Files are read through fsys only, so the caller decides what the site may
// reach: os.Root.FS refuses symlinks that lead outside the root, and Load
// reports those at their path.
func Load(fsys fs.FS, opts LoadOptions) (*Site, diag.List) {
	l := &loader{fsys: fsys, opts: opts, cache: opts.Cache}
	site := l.load()
	l.diags.Sort()
	if l.diags.HasErrors() {
		return nil, l.diags
	}
	return site, l.diags
}

// loader holds the state of one Load.
type loader struct {
	fsys  fs.FS
	opts  LoadOptions
	diags diag.List
	md    *markdown.Markdown

	// treaties and site hold the records that decoded; failed holds the
	// lower-cased names of records with errors, whose references are not
	// reported again as unknown.
	treaties []*treatyFile
	site     *Site
	failed   map[string]bool

	// cache is opts.Cache; context digests the files read besides
	// articles, which article checks depend on.
	cache   *Cache
	context [32]byte
}

func (l *loader) load() *Site {
	l.failed = map[string]bool{}
	cfg := defaultConfig()
	if src, f := l.read(configFile, false); f != nil {
		if l.checkEncoding(f, src) {
			cfg = decodeConfig(f, src, bomLen(src))
		}
		l.diags.Append(f.diags)
	} else if src == nil {
		l.diags.Add(diag.Pos{File: configFile}, "missing site config: want %s at the site root", configFile)
	}
	// Only a cache compares bodies with the last load's.
	l.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, Sums: l.cache != nil})

	l.loadTreatiesCached()
	articles := l.loadArticles()
	l.checkNamesCached(articles)

	var articleList []*Article
	for _, af := range articles {
		articleList = append(articleList, af.article)
	}
	// The records may be a cache's, shared with other loads: NewSite gets
	// a slice of its own to sort.
	site := NewSite(cfg, slices.Clone(l.site.Treaties), articleList)
	if info, err := fs.Stat(l.fsys, "templates"); err == nil && info.IsDir() {
		site.Templates = true
	}
	return site
}

// read returns the bytes of the file at p and a file to report on. When p
// cannot be read it returns no file: src is nil if p does not exist (and is
// not a symlink), and the problem is reported otherwise.
func (l *loader) read(p string, symlink bool) ([]byte, *file) {
	src, f := l.readTo(&l.diags, p, symlink)
	if l.cache != nil {
		l.digest(p, src)
	}
	return src, f
}

// readTo is read reporting to diags, for loads that run concurrently.
func (l *loader) readTo(diags *diag.List, p string, symlink bool) ([]byte, *file) {
	return l.readBuffer(diags, p, symlink, nil)
}

// bufferFS is a file system that reads a file into a buffer of the
// caller's, as the build's does.
type bufferFS interface {
	ReadFileBuffer(name string, buf []byte) ([]byte, error)
}

// readBuffer is readTo reading into *buf, when buf is not nil and the file
// system can; *buf then keeps the larger buffer, and the bytes returned are
// the caller's until its next read into *buf.
func (l *loader) readBuffer(diags *diag.List, p string, symlink bool, buf *[]byte) ([]byte, *file) {
	var src []byte
	var err error
	if bfs, ok := l.fsys.(bufferFS); ok && buf != nil {
		if src, err = bfs.ReadFileBuffer(p, *buf); err == nil {
			*buf = src
		}
	} else {
		src, err = fs.ReadFile(l.fsys, p)
	}
	if err == nil {
		return src, newFile(p, src)
	}
	if errors.Is(err, fs.ErrNotExist) && !symlink {
		return nil, nil
	}
	reportReadError(diags, p, err, symlink)
	return []byte{}, nil
}

func (l *loader) reportReadError(p string, err error, symlink bool) {
	reportReadError(&l.diags, p, err, symlink)
}

func reportReadError(diags *diag.List, p string, err error, symlink bool) {
	switch {
	case strings.Contains(err.Error(), "escapes from parent"), symlink && !errors.Is(err, fs.ErrNotExist):
		diags.Add(diag.Pos{File: p}, "symlink target is outside the site root")
	case symlink:
		diags.Add(diag.Pos{File: p}, "broken symlink: its target does not exist")
	default:
		diags.Add(diag.Pos{File: p}, "reading %s: %v", p, err)
	}
}

// entry is a content file found by list.
type entry struct {
	path    string
	symlink bool
}

// list returns the content files under dir whose names end in one of exts,
// in path order, leaving out editors' files. Folders are searched when
// nested is true, and reported as misplaced otherwise.
func (l *loader) list(dir string, nested bool, exts ...string) []entry {
	var out []entry
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		ents, err := fs.ReadDir(l.fsys, dir)
		if err != nil {
			if depth > 0 || !errors.Is(err, fs.ErrNotExist) {
				l.diags.Add(diag.Pos{File: dir}, "reading folder %s: %v", dir, err)
			}
			return
		}
		for _, e := range ents {
			if ignore.Name(e.Name()) {
				continue
			}
			p := path.Join(dir, e.Name())
			symlink := e.Type()&fs.ModeSymlink != 0
			isDir := e.IsDir()
			if symlink {
				info, err := fs.Stat(l.fsys, p)
				if err != nil {
					l.reportReadError(p, err, true)
					continue
				}
				isDir = info.IsDir()
			}
			switch {
			case isDir && !nested:
				l.diags.Warn(diag.Pos{File: p}, "folder ignored: treaty records sit directly in %s", dir)
			case isDir && depth >= maxDepth:
				l.diags.Add(diag.Pos{File: p}, "folders nested too deep (a symlink loop?)")
			case isDir:
				walk(p, depth+1)
			case slices.Contains(exts, path.Ext(p)):
				out = append(out, entry{p, symlink})
			}
		}
	}
	walk(dir, 0)
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.path, b.path) })
	return out
}

// checkEncoding reports whether src is UTF-8 text; if not, it reports the
// first offending byte. TOML and Markdown both require UTF-8, and a NUL byte
// is the mark of a UTF-16 file.
func (l *loader) checkEncoding(f *file, src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		f.errorAt(0, "file is UTF-16: save it as UTF-8")
		return false
	}
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return true
	}
	// Only a bad file gets here: decode it rune by rune to find the place.
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == 0:
			f.errorAt(i, "NUL byte: the file must be UTF-8 text")
			return false
		case r == utf8.RuneError && size == 1:
			f.errorAt(i, "invalid UTF-8: the file must be UTF-8 text")
			return false
		}
		i += size
	}
	return true
}

func bomLen(src []byte) int {
	if bytes.HasPrefix(src, []byte(bom)) {
		return len(bom)
	}
	return 0
}
