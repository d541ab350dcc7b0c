package content

import (
	"crypto/sha256"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/markdown"
)

// Cache keeps what [Load] read and decoded, so that loading the same site
// again re-reads and re-decodes only the files that changed: the mode of
// incremental rebuilds. Articles and treaty records are trusted to be as
// they were until [Cache.Forget] names them; the config is read every time,
// and the records are decoded again when it changed. An article is decoded again when its bytes
// changed or when the config or any treaty record did, since it is checked
// against them; its Markdown is parsed again only when its body changed.
// The checks that span files (duplicate slugs, tag and party folder names)
// run again whenever a slug, a tag or a record changed, and their last
// report is kept otherwise, so the diagnostics are those of a fresh load of
// the same files.
//
// A Cache serves one Load at a time. The zero value is not ready: use
// [NewCache].
type Cache struct {
	articles map[string]*cachedArticle // by slash path
	// context is a digest of what article checks read besides the article:
	// the config, the treaty records and the options.
	context [sha256.Size]byte
	// listing is the last load's list of article files, nil when it must
	// be made again: the folders are listed anew only when Forget names a
	// path that may add or remove an article, not for edits of known ones.
	// recheck holds the known files Forget named since, which may be gone.
	listing []entry
	recheck []string
	// named is the list of articles the last checks on names saw, with the
	// context they saw and what they reported: an edit that leaves every
	// slug and tag where it was cannot change that report.
	named        []*articleFile
	namedContext [sha256.Size]byte
	namedDiags   diag.List
	// records is what the last load made of the treaty records, nil when
	// Forget named one of them, or their folder, since.
	records *recordsLoad
}

// recordsLoad is the outcome of loading the treaty records, kept by a Cache.
// Nothing in it is changed once made: loads only read it.
type recordsLoad struct {
	// config is the loader's context after reading the config, which
	// records are checked against; context is the one after the records.
	config, context [sha256.Size]byte
	treaties        []*treatyFile
	site            *Site
	failed          map[string]bool
	diags           diag.List
	// md parses bodies as the config asks, for [Cache.RereadBodies].
	md *markdown.Markdown
}

// cachedArticle is one article file as the last load saw it.
type cachedArticle struct {
	sum   [sha256.Size]byte // of the file's bytes
	front [sha256.Size]byte // of its bytes before the body, once decoded
	stale bool              // named by Forget: read the file again
	// decoded is the result of decodeArticle and its file's diagnostics,
	// valid while the cache's context is unchanged.
	decoded *articleFile
	diags   diag.List
	// doc is the parsed body, valid while the body's bytes are unchanged.
	doc *markdown.Doc
}

// NewCache returns an empty cache: the first Load that uses it reads
// everything.
func NewCache() *Cache { return &Cache{articles: map[string]*cachedArticle{}} }

// Forget marks the files at the given slash paths, relative to the site
// root, as changed: the next Load reads them again. Paths of files that
// were never loaded, and of folders, are fine: a folder's files are all
// forgotten.
func (c *Cache) Forget(paths ...string) {
	for _, p := range paths {
		for q, ca := range c.articles {
			if q == p || (len(q) > len(p) && q[len(p)] == '/' && q[:len(p)] == p) {
				ca.stale = true
			}
		}
		if p == "" || p == "." || p == treatiesDir || strings.HasPrefix(treatiesDir, p+"/") || strings.HasPrefix(p, treatiesDir+"/") {
			c.records = nil
		}
		switch {
		case c.articles[p] != nil:
			c.recheck = append(c.recheck, p)
		case p == "" || p == "." || p == articlesDir || strings.HasPrefix(articlesDir, p+"/") || strings.HasPrefix(p, articlesDir+"/"):
			c.listing = nil
		}
	}
}

// listed returns the article files of the last load when they still are
// the site's: no path Forget named since can have added one, and the known
// files it named are still there, of the same type.
func (l *loader) listed() ([]entry, bool) {
	c := l.cache
	if c == nil || c.listing == nil {
		return nil, false
	}
	for _, p := range c.recheck {
		i, found := slices.BinarySearchFunc(c.listing, p, func(e entry, p string) int { return strings.Compare(e.path, p) })
		info, err := fs.Lstat(l.fsys, p)
		if !found || err != nil || !info.Mode().IsRegular() && info.Mode().Type() != fs.ModeSymlink ||
			(info.Mode().Type() == fs.ModeSymlink) != c.listing[i].symlink {
			return nil, false
		}
	}
	return c.listing, true
}

// articleResult is the outcome of loading one listed article file.
type articleResult struct {
	af    *articleFile
	diags diag.List // the file's diagnostics, drafts' already dropped
	entry *cachedArticle
}

// loadArticlesFrom decodes the listed article files on every core. Results
// come back in list order, so the output does not depend on scheduling.
// Articles the cache holds as they are take no work, and are taken here:
// handing each of thousands to a worker would cost more than that.
func (l *loader) loadArticlesFrom(ents []entry) []articleResult {
	results := make([]articleResult, len(ents))
	var todo []int
	for i, e := range ents {
		if l.cache != nil && l.cache.context == l.context {
			if prev := l.cache.articles[e.path]; prev != nil && !prev.stale {
				results[i] = l.loadArticle(e, nil)
				continue
			}
		}
		todo = append(todo, i)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Go(func() {
			// Decoding keeps nothing of a file's bytes, so one buffer
			// serves all the files of a worker.
			var buf []byte
			for i := range next {
				results[i] = l.loadArticle(ents[i], &buf)
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// loadArticle reads and decodes one article, or takes it from the cache.
// It reads into *buf when buf is not nil (see readBuffer). It only reads
// the loader's shared state, so calls may run concurrently.
func (l *loader) loadArticle(e entry, buf *[]byte) articleResult {
	var prev *cachedArticle
	if l.cache != nil {
		prev = l.cache.articles[e.path]
	}
	var res articleResult
	if prev != nil && !prev.stale && l.cache.context == l.context {
		res.entry = prev
		res.af, res.diags = l.keep(prev.decoded, prev.diags)
		return res
	}
	src, f := l.readBuffer(&res.diags, e.path, e.symlink, buf)
	if f == nil {
		return res
	}
	// Only a cache compares files with the last load's: without one, no
	// sums are taken.
	var ca *cachedArticle
	if l.cache != nil {
		ca = &cachedArticle{sum: sha256.Sum256(src)}
		res.entry = ca
		if prev != nil {
			// The body may be the same even when the file is not.
			ca.doc = prev.doc
			if prev.sum == ca.sum && l.cache.context == l.context {
				ca.decoded, ca.diags, ca.front = prev.decoded, prev.diags, prev.front
				res.af, res.diags = l.keep(ca.decoded, ca.diags)
				return res
			}
		}
	}
	af := l.decodeArticle(f, src, ca)
	if ca != nil {
		ca.decoded, ca.diags = af, f.diags
	}
	res.af, res.diags = l.keep(af, f.diags)
	return res
}

// keep applies the draft rule: a draft is left out, diagnostics and all,
// unless drafts are wanted.
func (l *loader) keep(af *articleFile, diags diag.List) (*articleFile, diag.List) {
	if af != nil && af.article.Draft && !l.opts.Drafts {
		return nil, nil
	}
	return af, diags
}

// parseBody parses an article body, reusing the cached parse when the
// body is unchanged.
func (l *loader) parseBody(ca *cachedArticle, body []byte) *markdown.Doc {
	if ca != nil && ca.doc != nil && ca.doc.Sum == sha256.Sum256(body) {
		return ca.doc
	}
	doc := l.md.Parse(body)
	if ca != nil {
		ca.doc = doc
	}
	return doc
}

// digest folds what article checks read besides the article into l.context.
func (l *loader) digest(p string, src []byte) {
	h := sha256.New()
	h.Write(l.context[:])
	h.Write([]byte(p))
	h.Write([]byte{0})
	h.Write(src)
	h.Sum(l.context[:0])
}

// storeCache replaces the cache's articles with those of this load, and
// keeps its list of article files when listing them reported nothing.
func (l *loader) storeCache(ents []entry, results []articleResult, listedClean bool) {
	if l.cache == nil {
		return
	}
	l.cache.listing, l.cache.recheck = nil, nil
	if listedClean {
		l.cache.listing = ents
	}
	articles := make(map[string]*cachedArticle, len(ents))
	for i, e := range ents {
		if results[i].entry != nil {
			articles[e.path] = results[i].entry
		}
	}
	l.cache.articles = articles
	l.cache.context = l.context
}

// Records returns a digest of the files that every article is checked
// against, config.toml and the treaty records, as the last Load read them:
// two equal digests mean none of those files changed in between.
func (c *Cache) Records() [sha256.Size]byte { return c.context }

// checkNamesCached runs checkNames, or repeats the diagnostics of the last
// load when none of the names it checks, nor their places, changed since.
func (l *loader) checkNamesCached(articles []*articleFile) {
	c := l.cache
	if c != nil && c.named != nil && c.namedContext == l.context && sameNames(c.named, articles) {
		l.diags.Append(c.namedDiags)
		c.named = articles
		return
	}
	before := len(l.diags)
	l.checkNames(articles)
	if c != nil {
		c.named, c.namedContext = articles, l.context
		c.namedDiags = slices.Clone(l.diags[before:])
	}
}

// sameNames reports whether two lists of articles give checkNames the same
// input: the same slugs and tags at the same places, in the same order.
func sameNames(a, b []*articleFile) bool {
	return slices.EqualFunc(a, b, func(x, y *articleFile) bool {
		return x == y || x.article.Slug == y.article.Slug && x.slugPos == y.slugPos && slices.Equal(x.tags, y.tags)
	})
}

// loadTreatiesCached loads the treaty records, or takes them from the cache
// when Forget named none of them and the config reads as it did.
func (l *loader) loadTreatiesCached() {
	c := l.cache
	if c != nil && c.records != nil && c.records.config == l.context {
		r := c.records
		l.treaties, l.site, l.failed, l.context = r.treaties, r.site, r.failed, r.context
		l.diags.Append(r.diags)
		return
	}
	config, before := l.context, len(l.diags)
	l.loadTreaties()
	if c != nil {
		c.records = &recordsLoad{config: config, context: l.context, treaties: l.treaties,
			site: l.site, failed: l.failed, diags: slices.Clone(l.diags[before:]), md: l.md}
	}
}
