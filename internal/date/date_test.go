package date

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, iso, human string
		prec           Precision
	}{
		{"1972", "1972", "1972", Year},
		{"1972-05", "1972-05", "May 1972", Month},
		{"1972-05-26", "1972-05-26", "26 May 1972", Day},
		{"2024-02-29", "2024-02-29", "29 February 2024", Day},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if d.String() != tt.iso || d.Format() != tt.human || d.Precision() != tt.prec {
			t.Errorf("Parse(%q) = %s, %q, %v; want %s, %q, %v", tt.in, d, d.Format(), d.Precision(), tt.iso, tt.human, tt.prec)
		}
	}
	for _, bad := range []string{"", "72", "1972-5", "1972-13", "1972-00", "2023-02-29", "1972/05/26", "197a", "1972-05-26T00:00", "+972", "1972-05-2x"} {
		if d, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) = %s, want an error", bad, d)
		}
	}
}

func TestFromTOMLKeepsTheWrittenCalendarDate(t *testing.T) {
	east := time.FixedZone("+14", 14*3600)
	d, err := FromTOML(time.Date(2021, 2, 3, 1, 0, 0, 0, east))
	if err != nil || d.String() != "2021-02-03" {
		t.Errorf("FromTOML(offset datetime) = %s, %v; want 2021-02-03", d, err)
	}
	if _, err := FromTOML(3.5); err == nil {
		t.Error("FromTOML(float) succeeded")
	}
}

func TestCompareSortsLessPreciseFirst(t *testing.T) {
	in := []Date{MustParse("1972-05-26"), MustParse("1972-05"), MustParse("1971-12-31"), MustParse("1972"), MustParse("1972-01-01"), MustParse("1972-01")}
	slices.SortFunc(in, Date.Compare)
	var got []string
	for _, d := range in {
		got = append(got, d.String())
	}
	want := []string{"1971-12-31", "1972", "1972-01", "1972-01-01", "1972-05", "1972-05-26"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
}

func TestBeforeUsesTheFirstDayOfTheSpan(t *testing.T) {
	if MustParse("1977-10").Before(MustParse("1977-10-01")) {
		t.Error("1977-10 is before 1977-10-01")
	}
	if !MustParse("1977-10").OnOrBefore(MustParse("1977-10-01")) {
		t.Error("1977-10 is not on or before 1977-10-01")
	}
	if !MustParse("1977").Before(MustParse("1977-01-02")) {
		t.Error("1977 is not before 1977-01-02")
	}
}

func TestEnd(t *testing.T) {
	for in, want := range map[string]string{"1972": "1973-01-01", "1972-12": "1973-01-01", "1972-02-29": "1972-03-01"} {
		if got := MustParse(in).End().String(); got != want {
			t.Errorf("End(%s) = %s, want %s", in, got, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1972", "1972-05", "1972-05-26", "0000-01-01", "9999-12-31", "1972-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(d.String())
		if err != nil || back != d {
			t.Fatalf("Parse(%q) = %v, but Parse(String()) = %v, %v", s, d, back, err)
		}
		if d.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, d.String())
		}
	})
}

func ExampleDate_Format() {
	for _, s := range []string{"1972", "1972-05", "1972-05-26"} {
		fmt.Println(MustParse(s).Format())
	}
	// Output:
	// 1972
	// May 1972
	// 26 May 1972
}
