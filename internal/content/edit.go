package content

import (
	"crypto/sha256"
	"io/fs"
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/diag"
)

// RereadBodies reads the article files at paths (slash paths relative to
// the site root) again when they changed below their front matter alone,
// and returns them decoded, in the order of paths: the fast path of live
// editing, which neither lists the site's folders nor looks at its other
// articles. The cache is updated as a [Load] would update it.
//
// It trusts, as Load does, that no other file changed, and reads only
// config.toml besides, to make sure the articles are checked against what
// the last load checked them against. ok is false, and the caller is to
// [Cache.Forget] the paths and Load, when the answer needs more than that:
// Forget was called since the last load, the config changed, a path is not
// an article file the last load kept, a file cannot be read or has become
// a symlink or stopped being one, its front matter changed, or the file
// had or now has a diagnostic. In that last case the files' diagnostics
// are Load's to report; otherwise the site's diagnostics are those of the
// last load. A cache partly updated before ok turned false stays right for
// the next Load.
func (c *Cache) RereadBodies(fsys fs.FS, opts LoadOptions, paths []string) (articles []*Article, ok bool) {
	r := c.records
	if r == nil || c.listing == nil || len(c.recheck) > 0 || len(paths) == 0 {
		return nil, false
	}
	// Created files and files with diagnostics are the common reasons to
	// refuse, and cost no reading to find.
	for i, p := range paths {
		prev := c.articles[p]
		if prev == nil || prev.stale || prev.decoded == nil || len(prev.diags) > 0 || slices.Contains(paths[:i], p) {
			return nil, false
		}
	}
	l := &loader{fsys: fsys, opts: opts, cache: c}
	if _, f := l.read(configFile, false); f == nil || len(l.diags) > 0 || l.context != r.config || r.context != c.context {
		return nil, false
	}
	l.treaties, l.site, l.failed, l.context, l.md = r.treaties, r.site, r.failed, r.context, r.md
	for _, p := range paths {
		a, ok := l.rereadBody(p)
		if !ok {
			return nil, false
		}
		articles = append(articles, a)
	}
	return articles, true
}

// rereadBody is RereadBodies for one file the cache holds as it was.
func (l *loader) rereadBody(p string) (*Article, bool) {
	c := l.cache
	prev := c.articles[p]
	i, listed := slices.BinarySearchFunc(c.listing, p, func(e entry, p string) int { return strings.Compare(e.path, p) })
	if !listed {
		return nil, false
	}
	symlink := c.listing[i].symlink
	info, err := fs.Lstat(l.fsys, p)
	if err != nil || (info.Mode().Type() == fs.ModeSymlink) != symlink || !symlink && !info.Mode().IsRegular() {
		return nil, false
	}
	var diags diag.List
	src, f := l.readTo(&diags, p, symlink)
	if f == nil || len(diags) > 0 || !sameFrontMatter(prev, src) {
		return nil, false
	}
	ca := &cachedArticle{sum: sha256.Sum256(src), doc: prev.doc}
	af := l.decodeArticle(f, src, ca)
	if af == nil || len(f.diags) > 0 {
		return nil, false
	}
	if kept, _ := l.keep(af, nil); kept == nil {
		return nil, false
	}
	ca.decoded = af
	c.articles[p] = ca
	return af.article, true
}

// sameFrontMatter reports whether src has the bytes up to where its body
// starts that the cached version had: their front matter, and every
// position in it, agree.
func sameFrontMatter(prev *cachedArticle, src []byte) bool {
	fm, err := ParseFrontMatter(src)
	return err == nil && prev.front == sha256.Sum256(src[:fm.BodyOffset])
}
