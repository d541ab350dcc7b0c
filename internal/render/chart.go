package render

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// chartView is a lifespan chart: one row per treaty on a year axis, with a
// line at the as-of date. The home page and the full chart page draw every
// treaty that has been signed or in force, a treaty page draws its own row,
// larger, with its events labelled. Coordinates are in the SVG's user units,
// formatted once here so the output is the same on every machine.
type chartView struct {
	Width, Height int
	Title, Desc   string
	Rows          []chartRow
	Ticks         []chartTick
	Left, Right   string // the ends of the axis
	Top           string // the top of the plot, where grid lines start
	AxisY         string
	TickY         string
	LabelY        string
	AsOf          chartText // the as-of line's label
	AsOfX         string
	// Total counts the treaties that have a lifespan; on the home page it
	// may exceed len(Rows), and Full then leads to the chart of them all.
	Total int
	Full  string
	// Single is a treaty page's chart: its one row has no name, since the
	// page's heading gives it, and its events are labelled.
	Single bool
}

// chartRow is one treaty: its name, the lighter bar from signature to entry
// into force (or to its end, or the as-of date, if it never entered into
// force), its periods in force, its suspensions and its events. The text
// fields are the row of the table that says the same in words.
type chartRow struct {
	Treaty     ref
	Name       *chartText // nil on a treaty page, whose heading names it
	Y          string     // the top of the row, for its stripe
	Height     string
	BarY       string
	BarHeight  string
	HalfHeight string // a suspension by one party hatches the bar's lower half
	HalfY      string
	Stripe     bool // every other row is shaded, to guide the eye
	Pending    *chartBar
	InForce    []chartBar
	Suspended  []chartBar // suspensions by all parties
	// PartySuspended are suspensions by one party, the treaty staying in
	// force for the others.
	PartySuspended []chartBar
	Marks          []chartMark
	Signed         dateView
	Periods        string // "5 February 2011 – 5 February 2026", "since 1970"
	Status         statusView
}

type chartBar struct {
	X, Width string
	Label    string // for the bar's <title>
}

// chartMark is an event: a diamond on the bar, and on a treaty page a label
// above the bar joined to the diamond by a leader line.
type chartMark struct {
	Points string     // the diamond's polygon
	Kind   string     // for its class
	Future bool       // after the as-of date: drawn hollow
	Title  string     // "New START: signed, 8 April 2010"
	Label  *chartText // on a treaty page
	// LeaderX, LeaderTop and LeaderBottom draw the line from a label down to
	// its diamond.
	LeaderX, LeaderTop, LeaderBottom string
}

// chartText is a piece of text in a chart.
type chartText struct {
	X, Y   string
	Anchor string // text-anchor: "start" or "end"
	Text   string
}

type chartTick struct {
	X     string
	Label string
}

// Chart geometry, in user units.
const (
	chartWidth  = 800
	chartMargin = 12
	chartHeader = 20 // above the rows: the as-of line's label
	axisSpace   = 28 // below the rows: ticks and year labels
	charWidth   = 7  // a generous estimate of a character's width at the chart's font size
	markRadius  = 5
	// A row of the chart of many treaties: the name, then the bar.
	rowHeight = 30
	nameY     = 12 // the name's baseline, from the top of a row
	barY      = 16 // the top of the bar, from the top of a row
	barHeight = 10
	// The single row of a treaty page: event labels stacked in lanes above
	// a thicker bar.
	treatyBarHeight = 18
	laneHeight      = 17
	labelGap        = 10 // the least room between two labels of one lane
)

// homeChartRows is the most rows the home page's chart draws; the full
// chart page draws every treaty.
const homeChartRows = 40

// chartedTreaties are the lifespans a chart of the site draws, the treaties
// that have been signed or in force, ordered by the start of their lives.
func (s *site) chartedTreaties() []timeline.Lifespan {
	var spans []timeline.Lifespan
	for _, ls := range s.tl.Lifespans {
		if !lifeStart(ls).IsZero() {
			spans = append(spans, ls)
		}
	}
	slices.SortStableFunc(spans, func(a, b timeline.Lifespan) int {
		return cmp.Or(lifeStart(a).Compare(lifeStart(b)), strings.Compare(a.Treaty.ID, b.Treaty.ID))
	})
	return spans
}

// lifeStart is the day a treaty's bar begins: its signature, else its first
// entry into force; zero for a treaty that has neither.
func lifeStart(ls timeline.Lifespan) date.Date {
	if !ls.Signed.IsZero() {
		return ls.Signed
	}
	if len(ls.InForce) > 0 {
		return ls.InForce[0].Start
	}
	return date.Date{}
}

// latest keeps the n treaties whose lives reach closest to the as-of date,
// those still alive first, and returns them in their order in spans. They
// are what a reader of the home page most likely looks for.
func latest(spans []timeline.Lifespan, n int) []timeline.Lifespan {
	if len(spans) <= n {
		return spans
	}
	rank := make([]int, len(spans))
	for i := range rank {
		rank[i] = i
	}
	// A treaty still alive ranks before any that ended, the later end first.
	byEnd := func(a, b timeline.Lifespan) int {
		switch {
		case a.End.IsZero() && b.End.IsZero():
			return 0
		case a.End.IsZero():
			return -1
		case b.End.IsZero():
			return 1
		}
		return b.End.Compare(a.End)
	}
	slices.SortStableFunc(rank, func(a, b int) int {
		return cmp.Or(byEnd(spans[a], spans[b]), cmp.Compare(b, a))
	})
	keep := rank[:n]
	slices.Sort(keep)
	out := make([]timeline.Lifespan, 0, n)
	for _, i := range keep {
		out = append(out, spans[i])
	}
	return out
}

// siteChart draws the lifespans of spans, one row each, named and linked.
func (s *site) siteChart(l linker, spans []timeline.Lifespan) *chartView {
	if len(spans) == 0 {
		return nil
	}
	sc := s.scale(spans)
	axisY := chartHeader + len(spans)*rowHeight
	c := s.frame(sc, axisY)
	c.Title = "Treaty lifespans"
	c.Desc = fmt.Sprintf("Lifespans of %d treaties, %d to %d, as of %s. %s", len(spans), sc.lo, sc.hi-1, s.tl.AsOf.Format(), chartKey)
	for i, ls := range spans {
		top := chartHeader + i*rowHeight
		row := s.chartRow(l, sc, ls, top+barY, barHeight)
		row.Y, row.Height, row.Stripe = num(float64(top)), num(rowHeight), i%2 == 0
		row.Name = &chartText{X: c.Left, Y: num(float64(top + nameY)), Anchor: "start", Text: ls.Treaty.Title}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// chartKey says what the marks of a chart mean, in words, for its <desc>.
const chartKey = "Solid bars are periods in force, light bars the time from signature to entry into force, " +
	"hatched bars suspensions by all parties, bars hatched in their lower half suspensions by one party, " +
	"diamonds events (hollow ones still to come), and the dashed vertical line marks the as-of date."

// treatyChart draws the lifespan of one treaty, on its page: a thicker bar
// with every event labelled. It is nil for a treaty with no event.
func (s *site) treatyChart(l linker, ls timeline.Lifespan) *chartView {
	entries := s.markEntries(ls)
	if len(entries) == 0 {
		return nil
	}
	sc := s.scale([]timeline.Lifespan{ls})
	xs, texts := make([]float64, len(entries)), make([]string, len(entries))
	for i, e := range entries {
		xs[i] = sc.x(e.Date)
		_, texts[i] = markLabel(e)
	}
	labels, lanes, n := placeLabels(xs, texts)
	top := chartHeader + n*laneHeight + 6
	row := s.chartRow(l, sc, ls, top, treatyBarHeight)
	for i := range row.Marks {
		m := &row.Marks[i]
		y := top - 6 - lanes[i]*laneHeight
		labels[i].Y = num(float64(y))
		m.Label = &labels[i]
		m.LeaderTop = num(float64(y + 3))
		m.LeaderBottom = num(float64(top + treatyBarHeight/2 - markRadius))
	}
	axisY := top + treatyBarHeight + 10
	c := s.frame(sc, axisY)
	row.Y, row.Height = c.Top, num(float64(axisY-chartHeader))
	c.Rows = []chartRow{row}
	c.Total, c.Single = 1, true
	c.Title = "Lifespan of " + ls.Treaty.Title
	c.Desc = fmt.Sprintf("The lifespan of %s, %d to %d, as of %s, with its %d events labelled; the timeline below lists them. %s",
		ls.Treaty.Title, sc.lo, sc.hi-1, s.tl.AsOf.Format(), len(row.Marks), chartKey)
	return c
}

// placeLabels labels the events at xs (ascending) with texts and returns
// the labels (without their y), the lane of each (0 nearest the bar) and the
// number of lanes. A label starts at its event, or ends there when it would
// run off the chart. Each label takes the lowest lane where it neither runs
// into another label nor crosses another event's leader line: working from
// the right, a label that spans later events sits above their labels.
func placeLabels(xs []float64, texts []string) (labels []chartText, lanes []int, n int) {
	type span struct{ x, start, end float64 }
	spans := make([]span, len(xs))
	labels, lanes = make([]chartText, len(xs)), make([]int, len(xs))
	for i, x := range xs {
		w := float64(utf8.RuneCountInString(texts[i]) * charWidth)
		spans[i] = span{x, x - 2, x - 2 + w}
		labels[i] = chartText{X: num(x - 2), Anchor: "start", Text: texts[i]}
		if spans[i].end > chartWidth-chartMargin {
			spans[i].start, spans[i].end = x+2-w, x+2
			labels[i].X, labels[i].Anchor = num(x+2), "end"
		}
	}
	for i := len(xs) - 1; i >= 0; i-- {
		lane := 0
		for free := false; !free; {
			free = true
			for j := i + 1; j < len(xs); j++ {
				overlaps := lanes[j] == lane && spans[i].start < spans[j].end+labelGap && spans[j].start < spans[i].end+labelGap
				crosses := lanes[j] >= lane && spans[i].start <= spans[j].x && spans[j].x <= spans[i].end
				if overlaps || crosses {
					lane, free = lane+1, false
					break
				}
			}
		}
		lanes[i] = lane
		n = max(n, lane+1)
	}
	return labels, lanes, max(1, n)
}

// chartScale maps dates to x over whole years from lo to hi (exclusive).
type chartScale struct {
	lo, hi      int
	first, last date.Date
}

// scale spans the years of every date spans draw, and the as-of date.
func (s *site) scale(spans []timeline.Lifespan) chartScale {
	lo, hi := s.tl.AsOf.Year(), s.tl.AsOf.Year()
	see := func(d date.Date) {
		if !d.IsZero() {
			lo, hi = min(lo, d.Year()), max(hi, d.Year())
		}
	}
	for _, ls := range spans {
		see(ls.Signed)
		see(ls.End)
		for _, p := range ls.InForce {
			see(p.Start)
		}
		for _, e := range s.markEntries(ls) {
			see(e.Date)
		}
	}
	hi++ // the axis ends at the start of the year after the last date
	return chartScale{lo: lo, hi: hi, first: date.New(lo, 1, 1), last: date.New(hi, 1, 1)}
}

func (sc chartScale) x(d date.Date) float64 {
	plot := float64(chartWidth - 2*chartMargin)
	return chartMargin + plot*float64(date.DaysBetween(sc.first, d.Start()))/float64(date.DaysBetween(sc.first, sc.last))
}

// frame makes a chart with its axis at axisY, its ticks and its as-of line.
func (s *site) frame(sc chartScale, axisY int) *chartView {
	asOfX := sc.x(s.tl.AsOf)
	c := &chartView{
		Width:  chartWidth,
		Height: axisY + axisSpace,
		Left:   num(chartMargin),
		Right:  num(chartWidth - chartMargin),
		Top:    num(chartHeader),
		AxisY:  num(float64(axisY)),
		TickY:  num(float64(axisY + 6)),
		LabelY: num(float64(axisY + 20)),
		AsOfX:  num(asOfX),
		AsOf:   chartText{X: num(asOfX - 4), Y: num(chartHeader - 6), Anchor: "end", Text: "as of " + s.tl.AsOf.Format()},
	}
	if asOfX < chartWidth/2 {
		c.AsOf.X, c.AsOf.Anchor = num(asOfX+4), "start"
	}
	step := tickStep(sc.hi - sc.lo)
	for y := (sc.lo + step - 1) / step * step; y <= sc.hi; y += step {
		c.Ticks = append(c.Ticks, chartTick{X: num(sc.x(date.New(y, 1, 1))), Label: strconv.Itoa(y)})
	}
	return c
}

// chartRow draws the bars and marks of ls with the bar's top at y.
func (s *site) chartRow(l linker, sc chartScale, ls timeline.Lifespan, y, height int) chartRow {
	t := ls.Treaty
	asOf := s.tl.AsOf
	// orNow closes a period still open at the as-of date.
	orNow := func(d date.Date) date.Date {
		if d.IsZero() {
			return asOf
		}
		return d
	}
	row := chartRow{
		Treaty:     ref{Title: t.Title, URL: l.page(link.Treaty(t.ID))},
		BarY:       num(float64(y)),
		BarHeight:  num(float64(height)),
		HalfY:      num(float64(y) + float64(height)/2),
		HalfHeight: num(float64(height) / 2),
		Signed:     dateOf(ls.Signed),
		Status:     s.status(t),
	}
	bar := func(from, to date.Date, what string) chartBar {
		return chartBar{X: num(sc.x(from)), Width: num(max(sc.x(to)-sc.x(from), 1)),
			Label: fmt.Sprintf("%s %s from %s to %s", t.Title, what, from.Format(), to.Format())}
	}
	if !ls.Signed.IsZero() {
		end := orNow(ls.End)
		if len(ls.InForce) > 0 {
			end = ls.InForce[0].Start
		}
		if ls.Signed.Before(end) {
			b := bar(ls.Signed, end, "signed, not yet in force,")
			row.Pending = &b
		}
	}
	var periods []string
	for _, p := range ls.InForce {
		row.InForce = append(row.InForce, bar(p.Start, orNow(p.End), "in force"))
		if p.End.IsZero() {
			periods = append(periods, "since "+p.Start.Format())
		} else {
			periods = append(periods, p.Start.Format()+" – "+p.End.Format())
		}
	}
	row.Periods = strings.Join(periods, "; ")
	for _, p := range ls.Suspensions {
		if p.Party == "" {
			row.Suspended = append(row.Suspended, bar(p.Start, orNow(p.End), "suspended"))
		} else {
			row.PartySuspended = append(row.PartySuspended, bar(p.Start, orNow(p.End), "suspended by "+p.Party))
		}
	}
	mid := float64(y) + float64(height)/2
	for _, e := range s.markEntries(ls) {
		x := sc.x(e.Date)
		kind, label := markLabel(e)
		row.Marks = append(row.Marks, chartMark{
			Points: fmt.Sprintf("%s,%s %s,%s %s,%s %s,%s",
				num(x), num(mid-markRadius), num(x+markRadius), num(mid), num(x), num(mid+markRadius), num(x-markRadius), num(mid)),
			Kind:    kind,
			Future:  e.Date.After(asOf),
			Title:   fmt.Sprintf("%s: %s, %s", t.Title, label, e.Date.Format()),
			LeaderX: num(x),
		})
	}
	return row
}

// markEntries are the entries a chart marks on a treaty's row: the events
// of its record and its expiry.
func (s *site) markEntries(ls timeline.Lifespan) []*timeline.Entry {
	var out []*timeline.Entry
	for _, e := range s.tl.ByTreaty[ls.Treaty.ID] {
		if e.Kind == timeline.TreatyEvent || e.Kind == timeline.Expiry {
			out = append(out, e)
		}
	}
	return out
}

// markLabel is the kind and the words of an event's mark: "signed",
// "suspended by Russia", "due to expire".
func markLabel(e *timeline.Entry) (kind, label string) {
	if e.Kind == timeline.Expiry {
		if e.Future {
			return "expired", "due to expire"
		}
		return "expired", "expired"
	}
	ev := e.Event
	kind, label = kindBadge(ev.Kind)
	if ev.Label != "" {
		label = ev.Label
	}
	if ev.Party != "" {
		label += " by " + ev.Party
	}
	return kind, label
}

// tickStep is the distance between year labels that keeps about ten of them
// on an axis of span years.
func tickStep(span int) int {
	for _, step := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 500} {
		if span/step <= 10 {
			return step
		}
	}
	return 1000
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
