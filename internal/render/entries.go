package render

import (
	"html/template"
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
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
	facts, _ := load(s.shared, s.shared.entries, e, func() (*entryView, error) { return s.entryFacts(e), nil })
	v := *facts
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

// entryFacts is the part of e's view that is the same on every page.
func (s *site) entryFacts(e *timeline.Entry) *entryView {
	v := &entryView{
		ID:     e.ID,
		Date:   dateOf(e.Date),
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
	v.FilterTreaties, v.FilterParties = s.filterKeys(treaties, v.Party)
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
func (s *site) filterKeys(treaties []*content.Treaty, party string) (ids, parties string) {
	idList := make([]string, 0, len(treaties))
	var partyList []string
	for _, t := range treaties {
		idList = append(idList, t.ID)
		if party == "" {
			partyList = append(partyList, s.partySlugs[t]...)
		}
	}
	if party != "" {
		partyList = append(partyList, link.Slug(party))
	}
	return strings.Join(sortedCopy(idList), " "), strings.Join(sortedCopy(slices.DeleteFunc(partyList, func(p string) bool { return p == "" })), " ")
}

// partySlugsOf returns the slugs of each treaty's parties, which the
// filter keys of most entries repeat.
func partySlugsOf(treaties []*content.Treaty) map[*content.Treaty][]string {
	slugs := make(map[*content.Treaty][]string, len(treaties))
	for _, t := range treaties {
		for _, p := range t.Parties {
			slugs[t] = append(slugs[t], link.Slug(p))
		}
	}
	return slugs
}
