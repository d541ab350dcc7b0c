package timeline

import (
	"strconv"
	"time"

	"github.com/treatyline/treatyline/internal/date"
)

// Relative says how far to lies from from, in the largest whole calendar
// unit: "in 2 years", "3 months ago", "in 12 days", "tomorrow", "today".
// Each date stands for the first day of its span.
func Relative(from, to date.Date) string {
	a, b := from.Start().Time(), to.Start().Time()
	if a.Equal(b) {
		return "today"
	}
	future := b.After(a)
	if !future {
		a, b = b, a
	}
	n, unit := distance(a, b)
	switch {
	case unit == "day" && n == 1 && future:
		return "tomorrow"
	case unit == "day" && n == 1:
		return "yesterday"
	}
	amount := strconv.Itoa(n) + " " + unit
	if n != 1 {
		amount += "s"
	}
	if future {
		return "in " + amount
	}
	return amount + " ago"
}

// distance returns the whole years from a to b (a before b), or else the
// whole months, or else the days.
func distance(a, b time.Time) (int, string) {
	years := b.Year() - a.Year()
	if a.AddDate(years, 0, 0).After(b) {
		years--
	}
	if years > 0 {
		return years, "year"
	}
	months := 12*(b.Year()-a.Year()) + int(b.Month()) - int(a.Month())
	if a.AddDate(0, months, 0).After(b) {
		months--
	}
	if months > 0 {
		return months, "month"
	}
	return int(b.Sub(a).Hours() / 24), "day"
}
