package content

import (
	"crypto/sha256"
	"errors"
	"maps"
	"slices"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/markdown"
)

var (
	articleKeys    = []string{"title", "date", "slug", "summary", "author", "source", "source_url", "treaties", "tags", "draft", "events"}
	annotationKeys = []string{"date", "treaty", "kind", "party", "until", "label"}
)

// articleFile is an article that decoded, with the places that the checks
// spanning articles report at.
type articleFile struct {
	article *Article
	slugPos diag.Pos
	tags    []use
}

// loadArticles reads content/articles, folders included, decoding files on
// every core. Drafts are left out, with their diagnostics, unless the
// options ask for them.
func (l *loader) loadArticles() []*articleFile {
	ents, clean := l.listed()
	if !clean {
		before := len(l.diags)
		ents = l.list(articlesDir, true, ".md")
		clean = len(l.diags) == before
	}
	results := l.loadArticlesFrom(ents)
	var out []*articleFile
	for _, r := range results {
		l.diags.Append(r.diags)
		if r.af != nil {
			out = append(out, r.af)
		}
	}
	l.storeCache(ents, results, clean)
	return out
}

// decodeArticle decodes and checks one article. It returns nil when the
// article cannot be decoded at all. The body's parse is taken from ca, and
// kept there, when ca is not nil. Nothing it returns or keeps refers to
// src, which may be reused once it returns.
func (l *loader) decodeArticle(f *file, src []byte, ca *cachedArticle) *articleFile {
	if !l.checkEncoding(f, src) {
		return nil
	}
	fm, err := ParseFrontMatter(src)
	if fe := (*FrontMatterError)(nil); errors.As(err, &fe) {
		f.errorAt(fe.Offset, "%s", fe.Msg)
		return nil
	}
	if ca != nil {
		ca.front = sha256.Sum256(src[:fm.BodyOffset])
	}
	top, ok := decodeTOML(f, fm.TOML, fm.TOMLOffset)
	if !ok {
		return nil
	}
	a := &Article{File: f.path}
	af := &articleFile{article: a}
	top.checkKeys(articleKeys)
	top.require("title", "date")
	a.Title, _ = top.nonEmpty("title")
	a.Date, _ = top.date("date")
	a.Summary, _ = top.str("summary")
	a.Author, _ = top.str("author")
	a.Source, _ = top.str("source")
	if top.has("source_url") {
		a.SourceURL, _ = top.url("source_url")
	}
	af.tags = top.uses("tags")
	a.Tags = names(af.tags)
	a.Draft, _ = top.boolean("draft")

	a.Slug, af.slugPos = idOf(f.path), f.lines.Pos(0)
	if s, ok := top.str("slug"); ok {
		a.Slug, af.slugPos = s, top.valuePos("slug")
	}
	if !slugPattern.MatchString(a.Slug) {
		f.diags.Add(af.slugPos, "invalid slug %q: a slug must match [a-z0-9-]+", a.Slug)
	}

	refs := map[string]bool{}
	for _, u := range top.uses("treaties") {
		if id, ok := l.resolve(f, u.pos, u.name); ok {
			a.Treaties = append(a.Treaties, id)
			refs[id] = true
		}
	}
	for _, et := range top.tables("events") {
		ev := decodeEvent(et, articleEventKeys)
		if ev.Treaty != "" {
			if id, ok := l.resolve(f, et.valuePos("treaty"), ev.Treaty); ok {
				ev.Treaty = id
				refs[id] = true
				l.checkParty(f, et.valuePos("party"), id, ev.Party)
			}
		}
		if ev.By != "" {
			if id, ok := l.resolve(f, et.valuePos("by"), ev.By); ok {
				ev.By = id
			}
		}
		a.Events = append(a.Events, ev)
	}

	a.Body = l.parseBody(ca, fm.Body)
	for _, link := range a.Body.Links {
		if id, ok := l.resolve(f, f.lines.Pos(fm.BodyOffset+link.Offset), link.Target); ok {
			refs[id] = true
		}
	}
	for _, node := range a.Body.Annotations {
		an := l.annotation(f, fm.BodyOffset, node)
		if l.cache == nil {
			// Checked once and for all: a load without a cache never
			// sees this parse again, and a large site holds many.
			node.Attrs = nil
		}
		if an.Treaty != "" {
			refs[an.Treaty] = true
		}
		a.Annotations = append(a.Annotations, an)
	}
	a.Refs = slices.Sorted(maps.Keys(refs))
	if len(a.Refs) == 0 && !f.failed() {
		f.diags.Warn(f.lines.Pos(0), "article references no treaty")
	}
	return af
}

// annotation checks a dated annotation of a body that starts at offset
// body of f, and resolves its treaty.
func (l *loader) annotation(f *file, body int, node *markdown.Annotation) *Annotation {
	an := &Annotation{Text: node.Text, Node: node}
	pos := f.lines.Pos(body + node.Offset)
	attrPos := func(key string) diag.Pos {
		for _, at := range node.Attrs {
			if at.Key == key {
				return f.lines.Pos(body + at.Offset)
			}
		}
		return pos
	}
	for _, at := range node.Attrs {
		if !slices.Contains(annotationKeys, at.Key) {
			f.diags.AddUnknown(f.lines.Pos(body+at.Offset), at.Key, annotationKeys, "unknown key %q", at.Key)
		}
	}
	if v, ok := node.Get("date"); !ok {
		f.diags.Add(pos, "missing required key %q", "date")
	} else if d, err := parseDate(v); err != nil {
		f.diags.Add(attrPos("date"), "%s", err)
	} else {
		an.Date = d
	}
	if v, ok := node.Get("treaty"); ok {
		an.Treaty, _ = l.resolve(f, pos, v)
	}
	if v, ok := node.Get("kind"); ok {
		if slices.Contains(Kinds, Kind(v)) {
			an.Kind = Kind(v)
		} else {
			f.diags.AddUnknown(attrPos("kind"), v, kindNames(), "unknown event kind %q", v)
		}
	}
	an.Party, _ = node.Get("party")
	if an.Treaty != "" {
		l.checkParty(f, attrPos("party"), an.Treaty, an.Party)
	}
	if v, ok := node.Get("until"); ok {
		if v == "indefinite" {
			an.UntilIndefinite = true
		} else if d, err := parseDate(v); err != nil {
			f.diags.Add(attrPos("until"), "until must be a date or \"indefinite\": %v", err)
		} else {
			an.Until = d
		}
	}
	an.Label, _ = node.Get("label")
	return an
}

// checkParty reports a party that a report names but the treaty's record
// does not list; a record with errors is not second-guessed.
func (l *loader) checkParty(f *file, pos diag.Pos, id, party string) {
	t := l.site.Treaty(id)
	if party == "" || t == nil || l.failed[lower(id)] || slices.Contains(t.Parties, party) {
		return
	}
	f.diags.AddUnknown(pos, party, t.Parties, "party %q is not among the parties of %s", party, id)
}

// parseDate reads a date written as text, in an annotation: the forms of
// [date.Parse], or a datetime whose calendar date counts.
func parseDate(s string) (date.Date, error) {
	d, err := date.Parse(s)
	if err != nil && len(s) > 10 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') {
		if d, err2 := date.Parse(s[:10]); err2 == nil {
			return d, nil
		}
	}
	return d, err
}
