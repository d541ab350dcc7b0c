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
	Chart    *chartView // nil when no treaty was ever signed; at most homeChartRows rows
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
	all := s.chartedTreaties()
	if d.Chart = s.siteChart(l, latest(all, homeChartRows)); d.Chart != nil {
		d.Chart.Total = len(all)
		d.Chart.Full = l.page(chartDir)
	}

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

// chartDir is the folder of the chart of every treaty's lifespan.
const chartDir = "timeline/chart"

// chartData is the data of the full chart page.
type chartData struct {
	Chart *chartView // nil when no treaty was ever signed
}

func (s *site) fullChart(l linker) (view, error) {
	d := chartData{Chart: s.siteChart(l, s.chartedTreaties())}
	if d.Chart != nil {
		d.Chart.Total = len(d.Chart.Rows)
	}
	return view{Title: "Treaty lifespans", Section: "timeline", Data: d}, nil
}
