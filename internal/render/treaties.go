package render

import (
	"fmt"
	"html/template"
	"slices"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// statusView is a treaty's status: Kind for the badge's class, Label its
// words, Text the full sentence with dates, and Relative how long ago it
// ended or how soon it expires where Text does not say it ("9 months ago",
// "expires in 2 years"), or "".
type statusView struct {
	Kind, Label, Text, Relative string
}

// statusOrder is the order of the home page's status groups, and their
// labels.
var statusOrder = []struct {
	kind  timeline.StatusKind
	label string
}{
	{timeline.InForce, "In force"},
	{timeline.Suspended, "Suspended"},
	{timeline.SignedOnly, "Signed, not in force"},
	{timeline.Negotiating, "In negotiation"},
	{timeline.NotSigned, "Not signed"},
	{timeline.Expired, "Expired"},
	{timeline.Terminated, "Terminated"},
	{timeline.Superseded, "Superseded"},
}

func statusLabel(k timeline.StatusKind) string {
	for _, so := range statusOrder {
		if so.kind == k {
			return so.label
		}
	}
	return string(k)
}

func (s *site) status(t *content.Treaty) statusView {
	st := s.tl.Status[t.ID]
	v := statusView{Kind: string(st.Kind), Label: statusLabel(st.Kind), Text: st.Text}
	// Text says how far off an in-force treaty's expiry is; the other
	// statuses get it here.
	switch {
	case st.Kind == timeline.Suspended && !st.Expires.IsZero():
		v.Relative = "expires " + timeline.Relative(s.tl.AsOf, st.Expires)
	case st.Ended() && !st.Since.IsZero():
		v.Relative = timeline.Relative(s.tl.AsOf, st.Since)
	}
	return v
}

// treatyItem is a treaty in a list.
type treatyItem struct {
	ref
	ID      string
	Parties []ref
	Status  statusView
	Summary template.HTML
}

func (s *site) treatyItem(l linker, t *content.Treaty) (treatyItem, error) {
	it := treatyItem{
		ref:    ref{Title: t.Title, URL: l.page(link.Treaty(t.ID))},
		ID:     t.ID,
		Status: s.status(t),
	}
	for _, p := range t.Parties {
		it.Parties = append(it.Parties, s.partyRef(l, p))
	}
	var err error
	it.Summary, err = s.inline(l, t.Summary)
	return it, err
}

func (s *site) treatyItems(l linker, ts []*content.Treaty) ([]treatyItem, error) {
	out := make([]treatyItem, 0, len(ts))
	for _, t := range ts {
		it, err := s.treatyItem(l, t)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// partyRef links a party to its page; a name that makes no slug has none.
func (s *site) partyRef(l linker, name string) ref {
	if link.Slug(name) == "" {
		return ref{Title: name}
	}
	return ref{Title: name, URL: l.page(link.Party(name))}
}

func (s *site) tagRef(l linker, name string) ref {
	if link.Slug(name) == "" {
		return ref{Title: name}
	}
	return ref{Title: name, URL: l.page(link.Tag(name))}
}

// treatiesData is the data of treaties/index.html.
type treatiesData struct{ Treaties []treatyItem }

func (s *site) treatyList(l linker) (view, error) {
	items, err := s.treatyItems(l, s.Treaties)
	return view{Title: "Treaties", Section: "treaties", Data: treatiesData{items}}, err
}

// treatyData is the data of treaties/ID/index.html.
type treatyData struct {
	treatyItem
	FullTitle   string
	Aliases     []string
	Since       dateView
	Expires     dateView
	Withdrawn   []partyDate
	Successor   *ref
	Description template.HTML
	Links       []ref
	Tags        []ref
	Chart       *chartView // nil for a treaty with no event
	Entries     []entryView
	Articles    []articleItem
	Calendar    string // the treaty's events.ics
	Pager       pager  // pages of Entries and Articles, Config.Paginate of each
}

// partyDate is a party's withdrawal; suspensions by a party are in the
// status text already.
type partyDate struct {
	Party ref
	Date  dateView
}

// treaty fills page k of n of t's page: each page shows the treaty and the
// k-th share of its entries and of the articles that refer to it.
func (s *site) treaty(t *content.Treaty, k, n int) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		it, err := s.treatyItem(l, t)
		if err != nil {
			return view{}, err
		}
		st := s.tl.Status[t.ID]
		d := treatyData{
			treatyItem: it,
			FullTitle:  t.FullTitle,
			Aliases:    t.Aliases,
			Since:      dateOf(st.Since),
			Expires:    dateOf(st.Expires),
			Calendar:   l.to(link.Treaty(t.ID) + "/events.ics"),
			Pager:      pagerFor(l, link.Treaty(t.ID), k, n),
		}
		if i := slices.IndexFunc(s.tl.Lifespans, func(ls timeline.Lifespan) bool { return ls.Treaty == t }); i >= 0 {
			d.Chart = s.treatyChart(l, s.tl.Lifespans[i])
		}
		for _, pd := range st.Withdrawn {
			d.Withdrawn = append(d.Withdrawn, partyDate{s.partyRef(l, pd.Party), dateOf(pd.Since)})
		}
		if u := s.Treaty(st.SupersededBy); u != nil {
			d.Successor = &ref{Title: u.Title, URL: l.page(link.Treaty(u.ID))}
		}
		for _, lk := range t.Links {
			d.Links = append(d.Links, ref{Title: lk.Title, URL: lk.URL})
		}
		for _, tag := range t.Tags {
			d.Tags = append(d.Tags, s.tagRef(l, tag))
		}
		if d.Description, err = s.block(l, t.Description); err != nil {
			return view{}, err
		}
		if d.Entries, err = s.entries(l, pageSlice(s.tl.ByTreaty[t.ID], k, s.perPage()), false); err != nil {
			return view{}, err
		}
		for i := range d.Entries {
			d.Entries[i].Treaty = nil // the page's own treaty
		}
		if d.Articles, err = s.articleItems(l, pageSlice(s.tl.Referrers[t.ID], k, s.perPage())); err != nil {
			return view{}, err
		}
		title := t.Title
		if k > 1 {
			title = fmt.Sprintf("%s, page %d of %d", t.Title, k, n)
		}
		return view{Title: title, Section: "treaties", Data: d}, nil
	}
}
