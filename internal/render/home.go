package render

import (
	"slices"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/timeline"
)

// latestEntries is how many entries the home page lists, before and after
// the as-of date.
const latestEntries = 10

// homeData is the data of index.html.
type homeData struct {
	Groups   []statusGroup
	Chart    *chartView // nil when no treaty was ever signed
	Latest   []entryView
	Upcoming []entryView
}

// statusGroup lists the treaties of one status.
type statusGroup struct {
	Kind, Label string
	Treaties    []treatyItem
}

func (s *site) home(l linker) (view, error) {
	var d homeData
	for _, so := range statusOrder {
		var ts []*content.Treaty
		for _, t := range s.Treaties {
			if s.tl.Status[t.ID].Kind == so.kind {
				ts = append(ts, t)
			}
		}
		if len(ts) == 0 {
			continue
		}
		items, err := s.treatyItems(l, ts)
		if err != nil {
			return view{}, err
		}
		d.Groups = append(d.Groups, statusGroup{Kind: string(so.kind), Label: so.label, Treaties: items})
	}
	d.Chart = s.chart(l)

	split, _ := slices.BinarySearchFunc(s.tl.Entries, s.tl.AsOf, func(e *timeline.Entry, asOf date.Date) int {
		if e.Date.After(asOf) {
			return 1
		}
		return -1
	})
	past := slices.Clone(s.tl.Entries[max(0, split-latestEntries):split])
	slices.Reverse(past)
	future := s.tl.Entries[split:min(len(s.tl.Entries), split+latestEntries)]
	var err error
	if d.Latest, err = s.entries(l, past, false); err != nil {
		return view{}, err
	}
	if d.Upcoming, err = s.entries(l, future, false); err != nil {
		return view{}, err
	}
	title := s.Config.Title
	if title == "" {
		title = "Treaty timeline"
	}
	return view{Title: title, Section: "home", Data: d}, nil
}
