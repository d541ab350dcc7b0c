package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/templates"
)

// Options configure [LoadTheme].
type Options struct {
	// Templates is the site's own templates/ folder, or nil. A file there
	// replaces the default theme's file of the same name, templates and
	// assets alike; other files in its assets/ folder are added.
	Templates fs.FS
}

// Theme is a parsed theme: one template set per kind of page, and the bytes
// of every asset. It is read-only once loaded, so pages may render with it
// concurrently.
type Theme struct {
	pages  map[string]*template.Template // by page file name, "year.html"
	assets map[string][]byte             // by path under assets/, "style.css"
	// compiled writes the page files that keep the default templates.
	compiled map[string]func(htmlWriter, *view) error
}

// The page files of a theme: each is parsed together with base.html and the
// theme's other (shared) *.html files, and executed as base.html.
const (
	homePage     = "home.html"
	overviewPage = "timeline.html"
	chartPage    = "chart.html"
	yearPage     = "year.html"
	treatiesPage = "treaties.html"
	treatyPage   = "treaty.html"
	articlesPage = "articles.html"
	articlePage  = "article.html"
	listPage     = "list.html"
	termsPage    = "terms.html"
	notFoundPage = "404.html"
	layoutFile   = "base.html"
)

var pageFiles = []string{homePage, overviewPage, chartPage, yearPage, treatiesPage, treatyPage,
	articlesPage, articlePage, listPage, termsPage, notFoundPage}

// themeDir is where the theme's files live, relative to a site root (and to
// this repository, which holds the default theme): template errors name it.
const themeDir = "templates/"

// LoadTheme reads the default theme and the site's overrides and parses every
// page template. A parse error is a [diag.List] naming the file and line, as
// "templates/year.html:12: unexpected EOF".
func LoadTheme(opts Options) (*Theme, error) {
	files := map[string][]byte{}
	if err := collect(templates.FS, files); err != nil {
		return nil, fmt.Errorf("reading the default theme: %w", err)
	}
	if opts.Templates != nil {
		if err := collect(opts.Templates, files); err != nil {
			return nil, fmt.Errorf("reading %s: %w", themeDir, err)
		}
	}
	th := &Theme{assets: map[string][]byte{}, compiled: map[string]func(htmlWriter, *view) error{}}
	for name, b := range files {
		if rest, ok := strings.CutPrefix(name, "assets/"); ok {
			th.assets[rest] = b
		}
	}
	var err error
	if th.pages, err = parsePages(files); err != nil {
		return nil, err
	}
	for name, t := range th.pages {
		page, err := compiledPageOf(name, t)
		if err != nil {
			return nil, err
		}
		if page != nil {
			th.compiled[name] = page
		}
		if err := compile(name, t); err != nil {
			return nil, err
		}
	}
	return th, nil
}

// parsePages parses the template set of every page file from the theme's
// files, keyed by slash path.
func parsePages(files map[string][]byte) (map[string]*template.Template, error) {
	var errs diag.List
	root := template.New("theme").Funcs(compiledFuncs)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(name, "assets/") || slices.Contains(pageFiles, name) {
			continue
		}
		if _, err := root.New(name).Parse(string(files[name])); err != nil {
			errs.Add(parseErrorPos(name, err), "%s", parseErrorMsg(err))
		}
	}
	if _, ok := files[layoutFile]; !ok {
		errs.Add(diag.Pos{File: themeDir + layoutFile}, "missing layout template")
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, name := range pageFiles {
		src, ok := files[name]
		if !ok {
			errs.Add(diag.Pos{File: themeDir + name}, "missing page template")
			continue
		}
		t := template.Must(root.Clone())
		if _, err := t.New(name).Parse(string(src)); err != nil {
			errs.Add(parseErrorPos(name, err), "%s", parseErrorMsg(err))
			continue
		}
		pages[name] = t
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return pages, nil
}

// collect adds the theme files of fsys to files, keyed by slash path:
// "*.html" at the root and everything under assets/. Dotfiles and editors'
// temporary files are skipped.
func collect(fsys fs.FS, files map[string][]byte) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != "assets" && !strings.HasPrefix(p, "assets/") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(p, "assets/") && (strings.Contains(p, "/") || path.Ext(p) != ".html") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[p] = b
		return nil
	})
}

// ignored reports whether a file name is a dotfile or an editor's temporary,
// backup or lock file.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, "___jb_tmp___") ||
		strings.HasSuffix(name, "___jb_old___") || name == "4913"
}

// parseErrRE matches text/template's "template: NAME:LINE: message".
var parseErrRE = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

func parseErrorPos(name string, err error) diag.Pos {
	pos := diag.Pos{File: themeDir + name}
	if m := parseErrRE.FindStringSubmatch(err.Error()); m != nil {
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
	}
	return pos
}

func parseErrorMsg(err error) string {
	if m := parseErrRE.FindStringSubmatch(err.Error()); m != nil {
		return m[4]
	}
	return strings.TrimPrefix(err.Error(), "template: ")
}

// execute renders the page template name with v.
func (th *Theme) execute(w io.Writer, name string, v view) error {
	if write := th.compiled[name]; write != nil {
		if b, ok := w.(*bytes.Buffer); ok {
			return write(htmlWriter{b}, &v)
		}
		b := getBuffer()
		defer putBuffer(b)
		if err := write(htmlWriter{b}, &v); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	t, ok := th.pages[name]
	if !ok {
		return errors.New("render: no page template " + name)
	}
	return t.ExecuteTemplate(w, layoutFile, v)
}

// executePart renders the template part of the page template page's set,
// a partial, with data.
func (th *Theme) executePart(w io.Writer, page, part string, data any) error {
	t, ok := th.pages[page]
	if !ok {
		return errors.New("render: no page template " + page)
	}
	return t.ExecuteTemplate(w, part, data)
}
