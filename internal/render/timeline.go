package render

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// overviewData is the data of timeline/index.html.
type overviewData struct {
	Years []yearCount
	Total int
	Chart string // the lifespan chart page
}

// yearCount counts a year's entries by what they are.
type yearCount struct {
	ref
	Year                             int
	Events, Reports, Articles, Total int
}

func (s *site) overview(l linker) (view, error) {
	d := overviewData{Chart: l.page(chartDir)}
	for _, y := range s.tl.Years {
		c := yearCount{ref: ref{Title: strconv.Itoa(y.Year), URL: l.page(link.Year(y.Year))}, Year: y.Year}
		for _, e := range y.Entries {
			switch e.Kind {
			case timeline.ReportedEvent:
				c.Reports++
			case timeline.ArticleEntry:
				c.Articles++
			default:
				c.Events++
			}
		}
		c.Total = len(y.Entries)
		d.Total += c.Total
		d.Years = append(d.Years, c)
	}
	return view{Title: "Timeline", Section: "timeline", Data: d}, nil
}

// yearData is the data of timeline/YYYY/index.html.
type yearData struct {
	Year       int
	Count      int
	Months     []monthGroup
	Prev, Next *ref // neighbouring years with entries
	Years      []pageLink
	Filters    filters
	Pager      pager // the pages of the year, Config.Paginate entries each
}

// monthGroup holds the entries of one month; the entries known only to the
// year come first, in a group of their own.
type monthGroup struct {
	ID, Name string
	Entries  []entryView
}

// filters are the choices of the timeline filter: the treaties, kinds and
// parties that occur on the page.
type filters struct {
	Treaties, Kinds, Parties []option
}

type option struct{ Value, Label string }

// year fills page k of n of the i-th year of the timeline.
func (s *site) year(i, k, n int) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		y := s.tl.Years[i]
		d := yearData{Year: y.Year, Count: len(y.Entries), Pager: pagerFor(l, link.Year(y.Year), k, n)}
		if i > 0 {
			p := s.tl.Years[i-1].Year
			d.Prev = &ref{Title: strconv.Itoa(p), URL: l.page(link.Year(p))}
		}
		if i+1 < len(s.tl.Years) {
			n := s.tl.Years[i+1].Year
			d.Next = &ref{Title: strconv.Itoa(n), URL: l.page(link.Year(n))}
		}
		d.Years = make([]pageLink, 0, len(s.tl.Years))
		for _, other := range s.tl.Years {
			d.Years = append(d.Years, pageLink{N: other.Year, URL: l.page(link.Year(other.Year)), Current: other.Year == y.Year})
		}
		treaties, kinds, parties := map[string]string{}, map[string]string{}, map[string]string{}
		month := -1 // of the last month group: 0 for entries dated by year alone
		shown := pageSlice(y.Entries, k, s.perPage())
		// The month groups share one slice of views, made at its final
		// size: a view is large, and a year page shows a hundred.
		views := make([]entryView, 0, len(shown))
		start := 0 // of the last month group in views
		for _, e := range shown {
			v, err := s.entry(l, e, true)
			if err != nil {
				return view{}, err
			}
			if m := monthNumber(e.Date); m != month {
				id, name := monthOf(e.Date)
				d.Months = append(d.Months, monthGroup{ID: id, Name: name})
				month, start = m, len(views)
			}
			views = append(views, v)
			d.Months[len(d.Months)-1].Entries = views[start:len(views):len(views)]

			kinds[v.Kind] = v.Badge
			for _, id := range strings.Fields(v.FilterTreaties) {
				if t := s.Treaty(id); t != nil {
					treaties[id] = t.Title
				}
			}
			for _, slug := range strings.Fields(v.FilterParties) {
				parties[slug] = s.partyName(slug)
			}
		}
		d.Filters = filters{Treaties: options(treaties), Kinds: options(kinds), Parties: options(parties)}
		title := fmt.Sprintf("Timeline %d", y.Year)
		if k > 1 {
			title = fmt.Sprintf("Timeline %d, page %d of %d", y.Year, k, n)
		}
		return view{Title: title, Section: "timeline", Data: d}, nil
	}
}

// monthNumber is the month of d, or 0 when d names a year alone: entries
// of one year with the same number share a month group.
func monthNumber(d date.Date) int {
	if d.Precision() < date.Month {
		return 0
	}
	return int(d.Month())
}

// monthOf returns the id and heading of the month group of d.
func monthOf(d date.Date) (id, name string) {
	if d.Precision() < date.Month {
		return "during", fmt.Sprintf("During %d", d.Year())
	}
	return fmt.Sprintf("m%02d", int(d.Month())), fmt.Sprintf("%s %d", d.Month(), d.Year())
}

// options sorts a value -> label map by label, then value.
func options(m map[string]string) []option {
	out := make([]option, 0, len(m))
	for _, v := range slices.Sorted(maps.Keys(m)) {
		out = append(out, option{Value: v, Label: m[v]})
	}
	slices.SortStableFunc(out, func(a, b option) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	return out
}

// partyName returns the name of the party with the slug, as its page has it.
func (s *site) partyName(slug string) string {
	i, found := slices.BinarySearchFunc(s.parties, slug, func(t *term, slug string) int { return strings.Compare(t.Slug, slug) })
	if !found {
		return slug
	}
	return s.parties[i].Name
}
