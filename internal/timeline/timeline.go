package timeline

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
)

// Build computes the timeline of site as of asOf (SPEC §5.1): every treaty
// event; each treaty's effective expiry, unless an expired event marks it or
// the treaty ended another way; every article event and dated annotation;
// every article. Statuses come from the treaty records alone (SPEC §5.2).
// Build reads site and never changes it.
func Build(site *content.Site, asOf date.Date) *Timeline {
	tl := &Timeline{
		AsOf:      asOf,
		Status:    map[string]Status{},
		ByTreaty:  map[string][]*Entry{},
		ByArticle: map[string][]*Entry{},
		Referrers: map[string][]*content.Article{},
	}
	title := func(id string) string {
		if t := site.Treaty(id); t != nil {
			return t.Title
		}
		return id
	}
	var entries []*Entry
	for _, t := range site.Treaties {
		l := lifeOf(t, asOf)
		s := l.status(title)
		tl.Status[t.ID] = s
		tl.Lifespans = append(tl.Lifespans, l.lifespan(s))
		if !l.inForce.IsZero() {
			tl.Eras = append(tl.Eras, Era{Treaty: t, Start: l.inForce, End: l.end})
		}
		for _, ev := range t.Events {
			entries = append(entries, &Entry{Kind: TreatyEvent, Date: ev.Date, Event: ev, Treaty: t, Successor: successor(site, ev)})
		}
		if expiryShown(t, l, s) {
			entries = append(entries, &Entry{Kind: Expiry, Date: s.Expires, Treaty: t, Future: s.Expires.After(asOf)})
		}
	}
	for _, a := range site.Articles {
		entries = append(entries, &Entry{Kind: ArticleEntry, Date: a.Date, Article: a})
		for _, ev := range a.Events {
			entries = append(entries, &Entry{Kind: ReportedEvent, Date: ev.Date, Event: ev, Article: a,
				Treaty: site.Treaty(ev.Treaty), Successor: successor(site, ev)})
		}
		for _, an := range a.Annotations {
			entries = append(entries, &Entry{Kind: ReportedEvent, Date: an.Date, Annotation: an, Article: a,
				Treaty: site.Treaty(an.Treaty)})
		}
		for _, id := range references(a) {
			if site.Treaty(id) != nil {
				tl.Referrers[id] = append(tl.Referrers[id], a)
			}
		}
	}

	identify(entries)
	sortEntries(entries)
	numberTwins(entries)
	tl.Entries = entries

	for _, e := range entries {
		if n := len(tl.Years); n == 0 || tl.Years[n-1].Year != e.Date.Year() {
			tl.Years = append(tl.Years, Year{Year: e.Date.Year()})
		}
		y := &tl.Years[len(tl.Years)-1]
		e.inYear = int32(len(y.Entries))
		y.Entries = append(y.Entries, e)
		if e.Treaty != nil {
			tl.ByTreaty[e.Treaty.ID] = append(tl.ByTreaty[e.Treaty.ID], e)
		}
		if e.Article != nil {
			tl.ByArticle[e.Article.Slug] = append(tl.ByArticle[e.Article.Slug], e)
		}
	}
	return tl
}

// identify gives each entry its id, a hash of what it says, on every core:
// a large site has tens of thousands of entries to hash.
func identify(entries []*Entry) {
	workers := min(runtime.GOMAXPROCS(0), len(entries)/1000+1)
	var wg sync.WaitGroup
	for w := range workers {
		chunk := entries[w*len(entries)/workers : (w+1)*len(entries)/workers]
		wg.Go(func() {
			for _, e := range chunk {
				e.ID = "e-" + e.hash()
			}
		})
	}
	wg.Wait()
}

// sortEntries sorts entries by compareEntries, keeping the order of entries
// that compare equal (twins), as a stable sort does; an unstable sort with
// the position as last key is several times faster on this many entries.
func sortEntries(entries []*Entry) {
	type placed struct {
		e   *Entry
		pos int
	}
	all := make([]placed, len(entries))
	for i, e := range entries {
		all[i] = placed{e, i}
	}
	slices.SortFunc(all, func(a, b placed) int {
		if c := compareEntries(a.e, b.e); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	for i, p := range all {
		entries[i] = p.e
	}
}

// compareEntries orders entries as SPEC §5.1 does: by date, less precise
// first; treaty events and expiries before what articles say; then by id.
func compareEntries(a, b *Entry) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	if c := fromArticle(a) - fromArticle(b); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func fromArticle(e *Entry) int {
	if e.Kind == ReportedEvent || e.Kind == ArticleEntry {
		return 1
	}
	return 0
}

// expiryShown reports whether the timeline shows t's effective expiry: once
// in force, when it has one, unless an expired event marks it or the treaty
// ended another way.
func expiryShown(t *content.Treaty, l *life, s Status) bool {
	if l.inForce.IsZero() || s.Expires.IsZero() || (s.Ended() && s.Kind != Expired) {
		return false
	}
	return !slices.ContainsFunc(t.Events, func(e *content.Event) bool { return e.Kind == content.Expired })
}

func successor(site *content.Site, ev *content.Event) *content.Treaty {
	if ev.Kind != content.Superseded || ev.By == "" {
		return nil
	}
	return site.Treaty(ev.By)
}

// references returns the ids of the treaties that a names, each once:
// Refs, which the loader fills, and what they are made of, for an article
// put together by other means.
func references(a *content.Article) []string {
	ids := slices.Concat(a.Refs, a.Treaties)
	for _, ev := range a.Events {
		ids = append(ids, ev.Treaty)
	}
	for _, an := range a.Annotations {
		ids = append(ids, an.Treaty)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// YearPage returns the page (from 1) of e's year that shows e when each
// page of a year shows per entries, or 0 for an entry not in tl.
func (tl *Timeline) YearPage(e *Entry, per int) int {
	y, ok := slices.BinarySearchFunc(tl.Years, e.Date.Year(), func(y Year, year int) int { return y.Year - year })
	if !ok {
		return 0
	}
	i := int(e.inYear)
	if es := tl.Years[y].Entries; i >= len(es) || es[i] != e {
		return 0
	}
	return i/max(1, per) + 1
}
