package render

import (
	"html/template"
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// entryView is a timeline entry as the "entry" partial shows it.
type entryView struct {
	// ID is the entry's anchor; Anchored says the page carries it (the year
	// page), else Permalink leads to the entry on its year page.
	ID        string
	Anchored  bool
	Permalink string
	Date      dateView
	// Kind is the entry's kind for the filter and the badge's class: an
	// event kind, "article" or "report"; Badge is its label.
	Kind, Badge string
	Treaty      *ref
	Party       string
	Place       string
	Until       string // "until 5 February 2026", "indefinitely", or ""
	Successor   *ref   // superseded by
	Note        template.HTML
	Source      string // URL of the event's source
	// Article is the article an entry comes from: the report's source or
	// the article itself. Quote is the annotated text, QuoteURL its anchor.
	Article  *ref
	Reported bool
	Quote    string
	QuoteURL string
	Future   bool // a date after the as-of date
	// FilterTreaties and FilterParties are space-separated ids and party
	// slugs the entry concerns, for the timeline filter.
	FilterTreaties, FilterParties string
}

// entry returns the view of e on the page of l; anchored is true on e's year
// page.
func (s *site) entry(l linker, e *timeline.Entry, anchored bool) (entryView, error) {
	v := s.entryFacts(e)
	v.Anchored = anchored
	if !anchored {
		v.Permalink = l.page(s.entryDir(e), e.ID)
	}
	if e.Treaty != nil {
		v.Treaty = &ref{Title: e.Treaty.Title, URL: l.page(link.Treaty(e.Treaty.ID))}
	}
	if t := e.Successor; t != nil {
		v.Successor = &ref{Title: t.Title, URL: l.page(link.Treaty(t.ID))}
	}
	if e.Article != nil {
		v.Article = &ref{Title: e.Article.Title, URL: l.page(link.Article(e.Article.Slug))}
	}
	if v.Reported && e.Article != nil {
		v.QuoteURL = l.page(link.Article(e.Article.Slug), e.SourceAnchor())
	}
	var err error
	v.Note, err = s.note(l, e)
	return v, err
}

// entryFacts is the part of e's view that is the same on every page. It is
// made again for each page that shows e, from the words the site keeps for
// every date and party: kept per entry, it would cost several hundred bytes
// of each at a time when the heap is largest.
func (s *site) entryFacts(e *timeline.Entry) entryView {
	v := entryView{
		ID:     e.ID,
		Date:   s.words.date(e.Date),
		Future: e.Date.After(s.tl.AsOf),
	}
	var treaties []*content.Treaty
	if e.Treaty != nil {
		treaties = append(treaties, e.Treaty)
	}
	switch e.Kind {
	case timeline.Expiry:
		v.Kind, v.Badge = string(content.Expired), "expired"
		if e.Future {
			v.Badge = "due to expire"
		}
	case timeline.ArticleEntry:
		v.Kind, v.Badge = "article", "article"
		for _, id := range e.Article.Refs {
			if t := s.Treaty(id); t != nil {
				treaties = append(treaties, t)
			}
		}
	default:
		v.Reported = e.Kind == timeline.ReportedEvent
		v.Kind, v.Badge = kindBadge(e.EventKind())
		if ev := e.Event; ev != nil {
			v.Party, v.Place, v.Source = ev.Party, ev.Place, ev.Source
			v.Until = untilText(ev)
			if ev.Kind == content.Other && ev.Label != "" {
				v.Badge = ev.Label
			}
		}
		if a := e.Annotation; a != nil {
			v.Party = a.Party
			v.Quote = a.Text
			switch {
			case a.UntilIndefinite:
				v.Until = "indefinitely"
			case !a.Until.IsZero():
				v.Until = "until " + a.Until.Format()
			}
			if a.Kind == content.Other && a.Label != "" {
				v.Badge = a.Label
			}
		}
	}
	v.FilterTreaties, v.FilterParties = s.words.filterKeys(treaties, v.Party)
	return v
}

// note is e's note on the page of l: an article's summary, or an event's
// note.
func (s *site) note(l linker, e *timeline.Entry) (template.HTML, error) {
	switch {
	case e.Kind == timeline.ArticleEntry:
		return s.inline(l, e.Article.Summary)
	case e.Kind == timeline.Expiry || e.Event == nil:
		return "", nil
	}
	return s.inline(l, e.Event.Note)
}

func (s *site) entries(l linker, es []*timeline.Entry, anchored bool) ([]entryView, error) {
	out := make([]entryView, 0, len(es))
	for _, e := range es {
		v, err := s.entry(l, e, anchored)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// kindBadge returns the filter key and label of an event kind; a report
// without a kind is a plain "report".
func kindBadge(k content.Kind) (kind, label string) {
	if k == "" {
		return "report", "report"
	}
	return string(k), k.Label()
}

func untilText(ev *content.Event) string {
	switch {
	case ev.UntilIndefinite:
		return "indefinitely"
	case !ev.Until.IsZero():
		return "until " + ev.Until.Format()
	}
	return ""
}

// filterKeys lists the treaties an entry concerns and its parties: the
// entry's own party when it has one, else every party of its treaties.
func (w *words) filterKeys(treaties []*content.Treaty, party string) (ids, parties string) {
	if party != "" {
		parties = w.slug(party)
	}
	switch {
	case len(treaties) == 0:
		return "", parties
	case len(treaties) == 1 && party != "":
		return treaties[0].ID, parties
	case len(treaties) == 1:
		if ps, ok := w.parties[treaties[0]]; ok {
			return treaties[0].ID, ps
		}
	}
	var idList, partyList []string
	for _, t := range treaties {
		idList = append(idList, t.ID)
		if party == "" {
			for _, p := range t.Parties {
				partyList = append(partyList, w.slug(p))
			}
		}
	}
	if party != "" {
		partyList = append(partyList, parties)
	}
	slices.Sort(idList)
	return strings.Join(slices.Compact(idList), " "), joinKeys(partyList)
}

// joinKeys sorts keys in place and joins them with spaces, each once;
// empty keys are left out.
func joinKeys(keys []string) string {
	slices.Sort(keys)
	return strings.Join(slices.DeleteFunc(slices.Compact(keys), func(k string) bool { return k == "" }), " ")
}

// words holds what timeline entries show again and again, made once per
// build before pages render and only read then: the words of each date on
// the timeline, the slug of each party a treaty lists, and each treaty's
// party slugs as the timeline filter wants them.
type words struct {
	dates   map[date.Date]dateView
	slugs   map[string]string
	parties map[*content.Treaty]string
}

func newWords(cs *content.Site, tl *timeline.Timeline) *words {
	w := &words{dates: map[date.Date]dateView{}, slugs: map[string]string{}, parties: map[*content.Treaty]string{}}
	for _, e := range tl.Entries {
		if _, ok := w.dates[e.Date]; !ok {
			w.dates[e.Date] = dateOf(e.Date)
		}
	}
	for _, t := range cs.Treaties {
		var slugs []string
		for _, p := range t.Parties {
			if _, ok := w.slugs[p]; !ok {
				w.slugs[p] = link.Slug(p)
			}
			slugs = append(slugs, w.slugs[p])
		}
		w.parties[t] = joinKeys(slugs)
	}
	return w
}

func (w *words) date(d date.Date) dateView {
	if v, ok := w.dates[d]; ok {
		return v
	}
	return dateOf(d)
}

func (w *words) slug(party string) string {
	if s, ok := w.slugs[party]; ok {
		return s
	}
	return link.Slug(party)
}
