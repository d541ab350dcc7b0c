package content

import (
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
)

var (
	treatyKeys       = []string{"title", "full_title", "aliases", "parties", "expires", "summary", "tags", "links", "events"}
	linkKeys         = []string{"title", "url"}
	treatyEventKeys  = []string{"date", "kind", "party", "place", "note", "source", "label", "until", "by"}
	articleEventKeys = append(slices.Clone(treatyEventKeys), "treaty")
)

// treatyFile is a treaty record that decoded, with what the checks that
// span records need: its file, its TOML and the places of its names.
type treatyFile struct {
	treaty *Treaty
	f      *file
	top    table
	events []table // parallel to treaty.Events
	// The names of the record, where they are written.
	aliases, parties, tags []use
	body                   int // offset of an .md record's body
}

// loadTreaties reads content/treaties, then runs the checks that need every
// record: names shared by two treaties, and superseded-by references.
func (l *loader) loadTreaties() {
	var files []*file
	for _, e := range l.list(treatiesDir, false, ".toml", ".md") {
		src, f := l.read(e.path, e.symlink)
		if f == nil {
			l.failed[lower(idOf(e.path))] = true
			continue
		}
		files = append(files, f)
		if tf := l.decodeTreaty(f, src); tf != nil {
			l.treaties = append(l.treaties, tf)
		}
	}
	for _, f := range files {
		if f.failed() {
			l.failed[lower(idOf(f.path))] = true
		}
	}
	l.dropDuplicateIDs()
	var treaties []*Treaty
	for _, tf := range l.treaties {
		treaties = append(treaties, tf.treaty)
	}
	l.site = NewSite(Config{}, treaties, nil)
	l.checkTreatyNames()
	for _, tf := range l.treaties {
		l.checkTreatyRefs(tf)
	}
	for _, f := range files {
		if f.failed() {
			l.failed[lower(idOf(f.path))] = true
		}
		l.diags.Append(f.diags)
	}
}

func idOf(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }

// decodeTreaty decodes one record and checks it on its own. It returns nil
// when the record cannot be decoded at all.
func (l *loader) decodeTreaty(f *file, src []byte) *treatyFile {
	if !l.checkEncoding(f, src) {
		return nil
	}
	id := idOf(f.path)
	if !idPattern.MatchString(id) {
		f.errorAt(0, "invalid treaty id %q: the file name must match [a-z0-9-]+", id)
	}
	tf := &treatyFile{f: f, treaty: &Treaty{ID: id, File: f.path, Pos: diag.Pos{File: f.path}}}
	text, base := src[bomLen(src):], bomLen(src)
	var body []byte
	if path.Ext(f.path) == ".md" {
		fm, err := ParseFrontMatter(src)
		if fe := (*FrontMatterError)(nil); errors.As(err, &fe) {
			f.errorAt(fe.Offset, "%s", fe.Msg)
			return nil
		}
		text, base, body, tf.body = fm.TOML, fm.TOMLOffset, fm.Body, fm.BodyOffset
	}
	top, ok := decodeTOML(f, text, base)
	if !ok {
		return nil
	}
	tf.top = top
	t := tf.treaty
	top.checkKeys(treatyKeys)
	top.require("title", "parties")
	t.Title, _ = top.nonEmpty("title")
	t.FullTitle, _ = top.str("full_title")
	tf.aliases, tf.parties, tf.tags = top.uses("aliases"), top.uses("parties"), top.uses("tags")
	t.Aliases, t.Parties, t.Tags = names(tf.aliases), names(tf.parties), names(tf.tags)
	if arr, ok := top.m["parties"].([]any); ok && len(arr) == 0 {
		top.errorAt(top.valuePos("parties"), "parties must name at least one party")
	}
	t.Expires, _ = top.date("expires")
	t.Summary, _ = top.str("summary")
	for _, lt := range top.tables("links") {
		lt.checkKeys(linkKeys)
		lt.require("url")
		title, _ := lt.str("title")
		if u, ok := lt.url("url"); ok {
			t.Links = append(t.Links, Link{Title: title, URL: u})
		}
	}
	for _, et := range top.tables("events") {
		ev := decodeEvent(et, treatyEventKeys)
		ev.Treaty = id
		t.Events = append(t.Events, ev)
		tf.events = append(tf.events, et)
	}
	if body != nil {
		t.Description = l.md.Parse(body)
	}
	checkEvents(tf)
	return tf
}

// decodeEvent decodes an event table of a treaty record or an article.
func decodeEvent(et table, keys []string) *Event {
	ev := &Event{Pos: et.pos()}
	et.checkKeys(keys)
	if slices.Contains(keys, "treaty") {
		et.require("date", "treaty", "kind")
	} else {
		et.require("date", "kind")
	}
	ev.Date, _ = et.date("date")
	if k, ok := et.str("kind"); ok {
		if slices.Contains(Kinds, Kind(k)) {
			ev.Kind = Kind(k)
		} else {
			et.doc.diags.AddUnknown(et.valuePos("kind"), k, kindNames(), "unknown event kind %q", k)
		}
	}
	ev.Party, _ = et.str("party")
	ev.Place, _ = et.str("place")
	ev.Note, _ = et.str("note")
	ev.Label, _ = et.str("label")
	ev.By, _ = et.str("by")
	if slices.Contains(keys, "treaty") {
		ev.Treaty, _ = et.str("treaty")
	}
	if et.has("source") {
		ev.Source, _ = et.url("source")
	}
	if v, ok := et.m["until"]; ok {
		if s, isStr := v.(string); isStr && s == "indefinite" {
			ev.UntilIndefinite = true
		} else if d, err := date.FromTOML(v); err == nil {
			ev.Until = d
		} else {
			et.errorAt(et.valuePos("until"), "until must be a date or \"indefinite\": %v", err)
		}
	}
	return ev
}

func kindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return names
}

// checkEvents runs the checks of a record's events against one another and
// against the record: parties, until and by, labels, the order of signing
// and entry into force, and explicit expiry.
func checkEvents(tf *treatyFile) {
	t := tf.treaty
	var firstSigned date.Date
	for _, ev := range t.Events {
		if (ev.Kind == Signed || ev.Kind == Opened) && !ev.Date.IsZero() && (firstSigned.IsZero() || ev.Date.Before(firstSigned)) {
			firstSigned = ev.Date
		}
	}
	for i, ev := range t.Events {
		et := tf.events[i]
		if ev.Party != "" && !slices.Contains(t.Parties, ev.Party) {
			et.doc.diags.AddUnknown(et.valuePos("party"), ev.Party, t.Parties, "party %q is not among the treaty's parties", ev.Party)
		}
		if ev.Kind == "" {
			continue
		}
		switch {
		case ev.Kind == Other && ev.Label == "":
			et.errorAt(et.pos(), "an event of kind \"other\" needs a label")
		case ev.Kind == Extended && !et.has("until"):
			et.errorAt(et.pos(), "an extended event needs until: the new expiry date or \"indefinite\"")
		case ev.Kind != Extended && et.has("until"):
			et.errorAt(et.keyPos("until"), "until is only allowed on an extended event")
		case ev.Kind == InForce && !firstSigned.IsZero() && !ev.Date.IsZero() && ev.Date.Before(firstSigned):
			et.errorAt(et.valuePos("date"), "in-force on %s is before the treaty was first signed or opened (%s)", ev.Date, firstSigned)
		}
		if ev.Kind != Superseded && et.has("by") {
			et.errorAt(et.keyPos("by"), "by is only allowed on a superseded event")
		}
	}

	// Each extension must push back the expiry in effect just before it:
	// the record's expires, or the until of the extension before it.
	order := make([]int, 0, len(t.Events))
	for i, ev := range t.Events {
		if ev.Kind == Extended && !ev.Date.IsZero() {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return t.Events[a].Date.Compare(t.Events[b].Date) })
	expiry, indefinite := t.Expires, false
	for _, i := range order {
		ev := t.Events[i]
		switch {
		case ev.UntilIndefinite:
			expiry, indefinite = date.Date{}, true
		case ev.Until.IsZero():
		default:
			if !expiry.IsZero() && !ev.Until.After(expiry) {
				et := tf.events[i]
				et.errorAt(et.valuePos("until"), "until %s is not later than the expiry it extends (%s)", ev.Until, expiry)
			}
			expiry, indefinite = ev.Until, false
		}
	}
	if indefinite || expiry.IsZero() {
		return
	}
	for i, ev := range t.Events {
		if ev.Kind == Expired && !ev.Date.IsZero() && ev.Date.Start() != expiry.Start() {
			et := tf.events[i]
			et.doc.diags.Warn(et.valuePos("date"), "expired on %s, but the record's final expiry is %s", ev.Date, expiry)
		}
	}
}

// dropDuplicateIDs keeps the first record of each id in path order and
// reports the others, naming the first.
func (l *loader) dropDuplicateIDs() {
	seen := map[string]*treatyFile{}
	l.treaties = slices.DeleteFunc(l.treaties, func(tf *treatyFile) bool {
		first, dup := seen[tf.treaty.ID]
		if dup {
			tf.f.errorAt(0, "duplicate treaty id %q (also %s)", tf.treaty.ID, first.f.path)
			return true
		}
		seen[tf.treaty.ID] = tf
		return false
	})
}

// checkTreatyNames reports a title or alias that names two treaties, at the
// later place, since [[links]] must name one treaty.
func (l *loader) checkTreatyNames() {
	type place struct {
		tf   *treatyFile
		pos  diag.Pos
		what string
		name string
	}
	var places []place
	for _, tf := range l.treaties {
		t := tf.treaty
		places = append(places, place{tf, tf.f.lines.Pos(0), "id", t.ID})
		if t.Title != "" {
			places = append(places, place{tf, tf.top.valuePos("title"), "title", t.Title})
		}
		for _, a := range tf.aliases {
			places = append(places, place{tf, a.pos, "alias", a.name})
		}
	}
	slices.SortStableFunc(places, func(a, b place) int { return a.pos.Compare(b.pos) })
	first := map[string]place{}
	for _, p := range places {
		key := lower(p.name)
		if f, ok := first[key]; ok && f.tf != p.tf {
			p.tf.f.diags.Add(p.pos, "%s %q also names the treaty at %s", p.what, p.name, f.pos)
			continue
		}
		if _, ok := first[key]; !ok {
			first[key] = p
		}
	}
}

// checkTreatyRefs resolves what a record says of other treaties: the
// successor named by a superseded event, and [[links]] in its description.
func (l *loader) checkTreatyRefs(tf *treatyFile) {
	for i, ev := range tf.treaty.Events {
		if ev.By == "" || ev.Kind != Superseded {
			continue
		}
		et := tf.events[i]
		if id, ok := l.resolve(tf.f, et.valuePos("by"), ev.By); ok {
			ev.By = id
		}
	}
	if d := tf.treaty.Description; d != nil {
		for _, link := range d.Links {
			l.resolve(tf.f, tf.f.lines.Pos(tf.body+link.Offset), link.Target)
		}
	}
}

// resolve returns the id of the treaty named name (id, title or alias). An
// unknown name is reported at pos, unless it names a record with errors.
func (l *loader) resolve(f *file, pos diag.Pos, name string) (string, bool) {
	if t := l.site.Lookup(name); t != nil {
		return t.ID, true
	}
	if l.failed[lower(name)] {
		return "", false
	}
	if strings.TrimSpace(name) == "" {
		f.diags.Add(pos, "empty treaty reference")
		return "", false
	}
	var known []string
	for _, t := range l.site.Treaties {
		known = append(known, t.ID)
	}
	for _, t := range l.site.Treaties {
		known = append(known, t.Title)
		known = append(known, t.Aliases...)
	}
	f.diags.AddUnknown(pos, name, known, "unknown treaty %q", name)
	return "", false
}
