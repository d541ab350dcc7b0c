package suggest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/treatyline/treatyline/internal/date"
)

const (
	monthPattern = `(January|February|March|April|May|June|July|August|September|October|November|December)`
	dayPattern   = `(\d{1,2})(?:st|nd|rd|th)?`
	yearPattern  = `(\d{4})`
)

// datePattern finds the date forms the package documents. Go's regexp
// prefers the earlier alternative at a position, so the full forms come
// before the shorter ones they begin with.
var datePattern = regexp.MustCompile(`\b(?:` + strings.Join([]string{
	dayPattern + `\s+` + monthPattern + `\s+` + yearPattern,   // 3 February 2021
	monthPattern + `\s+` + dayPattern + `,?\s+` + yearPattern, // February 3, 2021
	dayPattern + `\s+` + monthPattern,                         // 3 February
	monthPattern + `\s+` + dayPattern,                         // February 3
	monthPattern + `\s+` + yearPattern,                        // March 2019
	yearPattern,                                               // 1972
}, "|") + `)\b`)

// form is an alternative of datePattern. Its groups follow those of the
// alternatives before it; day, month and year index its own groups, -1 for
// none.
type form struct {
	groups int
	day    int
	month  int
	year   int
}

var dateForms = []form{
	{groups: 3, day: 0, month: 1, year: 2},
	{groups: 3, day: 1, month: 0, year: 2},
	{groups: 2, day: 0, month: 1, year: -1},
	{groups: 2, day: 1, month: 0, year: -1},
	{groups: 2, day: -1, month: 0, year: 1},
	{groups: 1, day: -1, month: -1, year: 0},
}

// Words that must come before a date that is missing a part. A day and month
// without a year resolve backwards after pastWords, forwards after
// futureWords; a year alone counts only after yearWords.
var (
	pastWords   = []string{"on", "since"}
	futureWords = []string{"until", "by", "next"}
	yearWords   = []string{"in", "since", "until"}
)

// Years outside this range are numbers, not dates, even after "in".
const minYear, maxYear = 1800, 2199

// foundDate is a date phrase at src[start:end].
type foundDate struct {
	span
	date date.Date
}

// findDates returns the date phrases in r. articleDate resolves a day and
// month without a year.
func findDates(src []byte, r run, articleDate date.Date) []foundDate {
	var out []foundDate
	text := src[r.start:r.end]
	for _, m := range datePattern.FindAllSubmatchIndex(text, -1) {
		start, end := r.start+m[0], r.start+m[1]
		if inRange(src, start, end) {
			continue
		}
		g := 2
		for _, f := range dateForms {
			if m[g] < 0 {
				g += 2 * f.groups
				continue
			}
			part := func(i int) string {
				if i < 0 {
					return ""
				}
				return string(text[m[g+2*i]:m[g+2*i+1]])
			}
			if d, ok := resolve(f, part(f.day), part(f.month), part(f.year), wordBefore(src, r.start, start), articleDate); ok {
				out = append(out, foundDate{span{start, end}, d})
			}
			break
		}
	}
	return out
}

// resolve turns the parts of a date phrase into a date, given the word
// before the phrase, or reports that the phrase is not taken as a date.
func resolve(f form, day, month, year, before string, articleDate date.Date) (date.Date, bool) {
	var m time.Month
	if month != "" {
		t, err := time.Parse("January", month)
		if err != nil {
			return date.Date{}, false
		}
		m = t.Month()
	}
	if year == "" {
		past, future := isOneOf(before, pastWords), isOneOf(before, futureWords)
		if (!past && !future) || articleDate.Precision() != date.Day {
			return date.Date{}, false
		}
		d, _ := strconv.Atoi(day)
		y := articleDate.Year()
		switch {
		case past && isAfter(y, m, d, articleDate):
			y--
		case future && !isAfter(y, m, d, articleDate):
			y++
		}
		return validDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	}
	y, _ := strconv.Atoi(year)
	if y < minYear || y > maxYear {
		return date.Date{}, false
	}
	switch {
	case f.day >= 0:
		d, _ := strconv.Atoi(day)
		return validDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	case f.month >= 0:
		return validDate(fmt.Sprintf("%04d-%02d", y, m))
	case isOneOf(before, yearWords):
		return validDate(year)
	}
	return date.Date{}, false
}

func isAfter(y int, m time.Month, d int, ref date.Date) bool {
	return date.New(y, m, d).After(ref)
}

// validDate parses an ISO date, refusing days that do not exist
// ("31 April").
func validDate(iso string) (date.Date, bool) {
	d, err := date.Parse(iso)
	return d, err == nil
}

func isOneOf(word string, list []string) bool {
	for _, w := range list {
		if strings.EqualFold(word, w) {
			return true
		}
	}
	return false
}

// wordBefore returns the word before src[p], within the run that starts at
// from, or "" when punctuation comes first.
func wordBefore(src []byte, from, p int) string {
	q := p
	for q > from && isSpace(src[q-1]) {
		q--
	}
	k := q
	for k > from && isASCIILetter(src[k-1]) {
		k--
	}
	return string(src[k:q])
}

// inRange reports whether the phrase at src[start:end] is one end of a
// range or a compound ("3–5 February", "1994-95", "2/3"), which the engine
// does not read.
func inRange(src []byte, start, end int) bool {
	for _, j := range [][]byte{[]byte("-"), []byte("–"), []byte("—"), []byte("/"), []byte(".")} {
		if bytes.HasSuffix(src[:start], j) {
			return true
		}
		if after := src[end:]; bytes.HasPrefix(after, j) && len(after) > len(j) && isDigitOrLetter(after[len(j)]) {
			return true
		}
	}
	return false
}

func isDigitOrLetter(c byte) bool { return c >= '0' && c <= '9' || isASCIILetter(c) }

func (d foundDate) suggestion(src []byte, treaty string) Suggestion {
	text := collapseSpace(src[d.start:d.end])
	attrs := "date=" + d.date.String()
	if treaty != "" {
		attrs += " treaty=" + treaty
	}
	return Suggestion{
		Offset:      d.start,
		End:         d.end,
		Kind:        DateMention,
		Original:    string(src[d.start:d.end]),
		Replacement: "[" + text + "]{" + attrs + "}",
		Message:     fmt.Sprintf("annotate %q as %s", text, attrs),
		Treaty:      treaty,
		Date:        d.date,
	}
}
