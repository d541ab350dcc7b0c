// Package date provides calendar dates of reduced precision: a year ("1972"),
// a month ("1972-05") or a day ("1972-05-26"). A Date keeps its precision
// when formatted and sorts before any more precise date inside its span.
package date

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

const (
	Year Precision = iota + 1
	Month
	Day
)

func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "none"
}

// Date is a calendar date of some precision. The zero Date means "no date".
// Fields beyond the precision are 1, so a Date stands for the first day of
// its span wherever it is compared. A Date takes 8 bytes: a large site
// holds several per timeline entry.
type Date struct {
	year  int32
	month uint8
	day   uint8
	prec  Precision
}

// New returns the day-precision date y-m-d.
func New(y int, m time.Month, d int) Date { return Date{int32(y), uint8(m), uint8(d), Day} }

// Of returns the calendar date written in t, whatever its location: a TOML
// datetime with an offset counts as the date it names.
func Of(t time.Time) Date { return New(t.Year(), t.Month(), t.Day()) }

// Parse reads "YYYY", "YYYY-MM" or "YYYY-MM-DD".
func Parse(s string) (Date, error) {
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("invalid date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return bad()
	}
	num := func(t string) (int, bool) {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	y, ok := num(s[:4])
	if !ok {
		return bad()
	}
	d := Date{year: int32(y), month: 1, day: 1, prec: Year}
	if len(s) >= 7 {
		m, ok := num(s[5:7])
		if s[4] != '-' || !ok || m < 1 || m > 12 {
			return bad()
		}
		d.month, d.prec = uint8(m), Month
	}
	if len(s) == 10 {
		day, ok := num(s[8:10])
		if s[7] != '-' || !ok || day < 1 || day > daysIn(y, d.Month()) {
			return bad()
		}
		d.day, d.prec = uint8(day), Day
	}
	return d, nil
}

// MustParse is Parse for constants in tests and examples; it panics on error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// FromTOML converts a value decoded by BurntSushi/toml: a string of reduced
// precision, or a TOML local date, local datetime or offset datetime (all of
// which arrive as time.Time).
func FromTOML(v any) (Date, error) {
	switch v := v.(type) {
	case string:
		return Parse(v)
	case time.Time:
		return Of(v), nil
	case int64:
		// A bare year such as 1972 is a TOML integer; accept it as the string "1972".
		if v >= 1000 && v <= 9999 {
			return Date{int32(v), 1, 1, Year}, nil
		}
	}
	return Date{}, fmt.Errorf("invalid date %v (want a TOML date or a string YYYY, YYYY-MM or YYYY-MM-DD)", v)
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether d is the zero Date, "no date".
func (d Date) IsZero() bool { return d.prec == 0 }

// Precision returns how much of d is known.
func (d Date) Precision() Precision { return d.prec }

func (d Date) Year() int         { return int(d.year) }
func (d Date) Month() time.Month { return time.Month(d.month) }
func (d Date) Day() int          { return int(d.day) }

// Start returns the first day of d's span, at day precision.
func (d Date) Start() Date { return Date{d.year, d.month, d.day, Day} }

// End returns the first day after d's span, at day precision.
func (d Date) End() Date {
	t := d.Time()
	switch d.prec {
	case Year:
		t = t.AddDate(1, 0, 0)
	case Month:
		t = t.AddDate(0, 1, 0)
	default:
		t = t.AddDate(0, 0, 1)
	}
	return Of(t)
}

// Time returns midnight UTC at the start of d's span.
func (d Date) Time() time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC) }

// Days returns the number of days from 1970-01-01 to the start of d's span.
func (d Date) Days() int { return int(d.Time().Unix() / 86400) }

// Compare orders dates by the start of their span, then by precision, less
// precise first. It returns -1, 0 or +1. The zero Date sorts first.
func (d Date) Compare(e Date) int {
	switch {
	case d.year != e.year:
		return cmp(int(d.year), int(e.year))
	case d.month != e.month:
		return cmp(int(d.month), int(e.month))
	case d.day != e.day:
		return cmp(int(d.day), int(e.day))
	}
	return cmp(int(d.prec), int(e.prec))
}

// Before reports whether d's span starts before e's: the comparison the
// status rules use, where a reduced date stands for its first day.
func (d Date) Before(e Date) bool { return d.Start().Compare(e.Start()) < 0 }

// After reports whether d's span starts after e's.
func (d Date) After(e Date) bool { return e.Before(d) }

// OnOrBefore reports whether d's span starts on or before e's.
func (d Date) OnOrBefore(e Date) bool { return !d.After(e) }

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String returns the ISO form with d's precision: "1972", "1972-05" or
// "1972-05-26"; "" for the zero Date.
func (d Date) String() string {
	switch d.prec {
	case Year:
		return fmt.Sprintf("%04d", d.year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.year, int(d.month))
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, int(d.month), d.day)
	}
	return ""
}

// Format returns d for readers: "1972", "May 1972" or "26 May 1972".
func (d Date) Format() string {
	switch d.prec {
	case Year:
		return strconv.Itoa(d.Year())
	case Month:
		return fmt.Sprintf("%s %d", d.Month(), d.year)
	case Day:
		return fmt.Sprintf("%d %s %d", d.day, d.Month(), d.year)
	}
	return ""
}

// MarshalText writes the ISO form, so JSON holds "1972-05".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form of reduced precision.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	*d = v
	return err
}

// UnmarshalTOML accepts what [FromTOML] does, so a Date can be decoded by
// BurntSushi/toml directly.
func (d *Date) UnmarshalTOML(v any) error {
	var err error
	*d, err = FromTOML(v)
	return err
}

// DaysBetween returns the whole days from the start of a to the start of b.
func DaysBetween(a, b Date) int { return b.Days() - a.Days() }
