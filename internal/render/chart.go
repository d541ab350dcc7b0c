package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// chartView is the home page's lifespan chart: one row per treaty that has
// been signed or in force, on a year axis, with a line at the as-of date.
// Coordinates are in the SVG's user units, formatted once here so the
// output is the same on every machine.
type chartView struct {
	Width, Height int
	Desc          string
	Rows          []chartRow
	Ticks         []chartTick
	AxisY         string
	TickY         string
	LabelY        string
	AsOfX         string
	Left, Right   string
}

// chartRow is one treaty: its name, the lighter bar from signature to entry
// into force (or to its end, or the as-of date, if it never entered into
// force), its periods in force and its suspensions. The text fields are the
// row of the table that says the same in words.
type chartRow struct {
	Treaty      ref
	TextY, BarY string
	Pending     *chartBar
	InForce     []chartBar
	Suspended   []chartBar // suspensions by all parties
	Signed      dateView
	Periods     string // "5 February 2011 – 5 February 2026", "since 1970"
	Status      statusView
}

type chartBar struct {
	X, Width string
	Label    string // for the bar's <title>
}

type chartTick struct {
	X     string
	Label string
}

// Chart geometry, in user units.
const (
	chartWidth  = 800
	chartMargin = 12
	chartTop    = 8
	rowHeight   = 36
	barOffset   = 20 // from the top of a row to its bar
	axisSpace   = 28
)

func (s *site) chart(l linker) *chartView {
	asOf := s.tl.AsOf
	// orNow closes a period still open at the as-of date.
	orNow := func(d date.Date) date.Date {
		if d.IsZero() {
			return asOf
		}
		return d
	}
	var spans []timeline.Lifespan
	lo, hi := asOf.Year(), asOf.Year()
	for _, ls := range s.tl.Lifespans {
		if ls.Signed.IsZero() && len(ls.InForce) == 0 {
			continue
		}
		spans = append(spans, ls)
		for _, d := range []date.Date{ls.Signed, ls.End} {
			if !d.IsZero() {
				lo, hi = min(lo, d.Year()), max(hi, d.Year())
			}
		}
		for _, p := range ls.InForce {
			lo = min(lo, p.Start.Year())
		}
	}
	if len(spans) == 0 {
		return nil
	}
	hi++ // the axis ends at the start of the year after the last date
	first, last := date.New(lo, 1, 1), date.New(hi, 1, 1)
	plot := float64(chartWidth - 2*chartMargin)
	x := func(d date.Date) float64 {
		return chartMargin + plot*float64(date.DaysBetween(first, d.Start()))/float64(date.DaysBetween(first, last))
	}
	axisY := chartTop + len(spans)*rowHeight
	c := &chartView{
		Width:  chartWidth,
		Height: axisY + axisSpace,
		Desc: fmt.Sprintf("Lifespans of %d treaties from %d to %d as of %s: dark bars are periods in force, "+
			"light bars the time from signature to entry into force, bars of a third shade suspensions by all parties, "+
			"and the vertical line marks the as-of date.", len(spans), lo, hi-1, asOf.Format()),
		AxisY:  num(float64(axisY)),
		TickY:  num(float64(axisY + 6)),
		LabelY: num(float64(axisY + 20)),
		AsOfX:  num(x(asOf)),
		Left:   num(chartMargin),
		Right:  num(chartWidth - chartMargin),
	}
	step := tickStep(hi - lo)
	for y := (lo + step - 1) / step * step; y <= hi; y += step {
		c.Ticks = append(c.Ticks, chartTick{X: num(x(date.New(y, 1, 1))), Label: strconv.Itoa(y)})
	}
	for i, ls := range spans {
		t := ls.Treaty
		top := chartTop + i*rowHeight
		row := chartRow{
			Treaty: ref{Title: t.Title, URL: l.page(link.Treaty(t.ID))},
			TextY:  num(float64(top + 14)),
			BarY:   num(float64(top + barOffset)),
			Signed: dateOf(ls.Signed),
			Status: s.status(t),
		}
		bar := func(from, to date.Date, what string) chartBar {
			return chartBar{X: num(x(from)), Width: num(max(x(to)-x(from), 1)),
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
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
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
