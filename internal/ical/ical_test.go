package ical

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"
)

func TestTextEscapesSpecialCharacters(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Prague", "Prague"},
		{"comma", "Prague, Czech Republic", `Prague\, Czech Republic`},
		{"semicolon", "a;b", `a\;b`},
		{"backslash", `C:\dir`, `C:\\dir`},
		{"newline", "line one\nline two", `line one\nline two`},
		{"crlf is one break", "a\r\nb", `a\nb`},
		{"lone cr", "a\rb", `a\nb`},
		{"tab kept", "a\tb", "a\tb"},
		{"other controls dropped", "a\x00b\x1bc\x7f", "abc"},
		{"colon and quote kept", `say: "hi"`, `say: "hi"`},
		{"multibyte kept", "Genève, Wien", `Genève\, Wien`},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	at := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if got, want := Date(at), "20261127"; got != want {
		t.Errorf("Date = %q, want %q", got, want)
	}
	if got, want := DateTime(at), "20261127T000000Z"; got != want {
		t.Errorf("DateTime = %q, want %q", got, want)
	}
	east := time.Date(2026, 11, 27, 1, 30, 0, 0, time.FixedZone("+2", 2*3600))
	if got, want := DateTime(east), "20261126T233000Z"; got != want {
		t.Errorf("DateTime(+02:00) = %q, want %q", got, want)
	}
}

func encodeLine(t *testing.T, line string) string {
	t.Helper()
	var buf bytes.Buffer
	writeLine(&buf, line)
	return buf.String()
}

func TestFoldingAt75Octets(t *testing.T) {
	a75 := strings.Repeat("a", 75)
	tests := []struct {
		name, line, want string
	}{
		{"short line", "SUMMARY:x", "SUMMARY:x\r\n"},
		{"exactly 75 octets", a75, a75 + "\r\n"},
		{"76 octets", a75 + "b", a75 + "\r\n b\r\n"},
		{"continuations hold 74 octets", a75 + strings.Repeat("b", 75),
			a75 + "\r\n " + strings.Repeat("b", 74) + "\r\n b\r\n"},
		{"two-byte rune across the limit", strings.Repeat("a", 74) + "é",
			strings.Repeat("a", 74) + "\r\n é\r\n"},
		{"three-byte rune across the limit", strings.Repeat("a", 73) + "€",
			strings.Repeat("a", 73) + "\r\n €\r\n"},
		{"four-byte rune across the limit", strings.Repeat("a", 72) + "🕊x",
			strings.Repeat("a", 72) + "\r\n 🕊x\r\n"},
		{"rune ending at the limit", strings.Repeat("a", 73) + "éx",
			strings.Repeat("a", 73) + "é\r\n x\r\n"},
	}
	for _, tt := range tests {
		if got := encodeLine(t, tt.line); got != tt.want {
			t.Errorf("%s: folded\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

func TestFoldedLinesStayShortAndValidUTF8(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("Vertrag über die Nichtverbreitung von Kernwaffen; ", 8),
		strings.Repeat("核兵器の不拡散に関する条約", 20),
		strings.Repeat("🕊️ мир ", 40),
		strings.Repeat("x", 1000),
	} {
		line := "DESCRIPTION:" + Text(text)
		out := encodeLine(t, line)
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("folded line does not end in CRLF: %q", out)
		}
		physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range physical {
			if len(p) > maxOctets {
				t.Errorf("line %d has %d octets, want at most %d: %q", i, len(p), maxOctets, p)
			}
			if !utf8.ValidString(p) {
				t.Errorf("line %d is not valid UTF-8: %q", i, p)
			}
			if i > 0 && !strings.HasPrefix(p, " ") {
				t.Errorf("continuation line %d does not start with a space: %q", i, p)
			}
			if strings.ContainsAny(p, "\r\n") {
				t.Errorf("line %d holds a bare CR or LF: %q", i, p)
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != line {
			t.Errorf("unfolded = %q, want %q", got, line)
		}
	}
}

func sampleCalendar() *Component {
	ev := &Component{Name: "VEVENT"}
	ev.Add("UID", "e-0123456789@treatyline")
	ev.Add("DTSTAMP", "20261127T000000Z")
	ev.Add("DTSTART", "20100408", Param{"VALUE", "DATE"})
	ev.Add("DTEND", "20100409", Param{"VALUE", "DATE"})
	ev.AddText("SUMMARY", "New START signed; Prague, Czech Republic")
	ev.AddText("DESCRIPTION", strings.Repeat("Signé à Prague par les présidents Obama et Medvedev. ", 4)+"\nSecond line")
	ev.Add("URL", "https://example.org/timeline/timeline/2010/index.html#e-0123456789")
	cal := &Component{Name: "VCALENDAR"}
	cal.Add("VERSION", "2.0")
	cal.Add("PRODID", "-//treatyline//treatyline//EN")
	cal.AddText("X-WR-CALNAME", "Arms Control Timeline")
	cal.Components = append(cal.Components, ev)
	return cal
}

func TestEncodeIsReadByAnotherParser(t *testing.T) {
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(sampleCalendar()); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ReplaceAll(buf.Bytes(), []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("output holds a line ending other than CRLF:\n%q", buf.String())
	}
	cal, err := goical.NewDecoder(&buf).Decode()
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("decoded %d events, want 1", len(events))
	}
	ev := events[0]
	for prop, want := range map[string]string{
		"SUMMARY":     "New START signed; Prague, Czech Republic",
		"DESCRIPTION": strings.Repeat("Signé à Prague par les présidents Obama et Medvedev. ", 4) + "\nSecond line",
	} {
		if got, err := ev.Props.Text(prop); err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", prop, got, err, want)
		}
	}
	start, err := ev.DateTimeStart(time.UTC)
	if err != nil || !start.Equal(time.Date(2010, 4, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("DTSTART = %v, %v; want 2010-04-08", start, err)
	}
	if got := ev.Props.Get("DTSTART").Params.Get("VALUE"); got != "DATE" {
		t.Errorf("DTSTART VALUE = %q, want DATE", got)
	}
}

func TestEncodeQuotesParameterValues(t *testing.T) {
	c := &Component{Name: "VEVENT"}
	c.Add("X-LINK", "x", Param{"X-TARGET", "a:b"})
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(c); err != nil {
		t.Fatal(err)
	}
	if want := "X-LINK;X-TARGET=\"a:b\":x\r\n"; !strings.Contains(buf.String(), want) {
		t.Errorf("output %q lacks %q", buf.String(), want)
	}
}

func TestEncodeRejectsMalformedInputAndWritesNothing(t *testing.T) {
	tests := []struct {
		name string
		prop Prop
	}{
		{"property name with a space", Prop{Name: "X NAME", Value: "v"}},
		{"empty property name", Prop{Value: "v"}},
		{"value with a raw newline", Prop{Name: "SUMMARY", Value: "a\nb"}},
		{"parameter name with a colon", Prop{Name: "X-A", Params: []Param{{"A:B", "v"}}, Value: "v"}},
		{"parameter value with a quote", Prop{Name: "X-A", Params: []Param{{"X-P", `"v"`}}, Value: "v"}},
	}
	for _, tt := range tests {
		c := &Component{Name: "VCALENDAR", Components: []*Component{{Name: "VEVENT", Props: []Prop{tt.prop}}}}
		var buf bytes.Buffer
		if err := NewEncoder(&buf).Encode(c); err == nil {
			t.Errorf("%s: Encode succeeded, want an error", tt.name)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: Encode wrote %q after failing", tt.name, buf.String())
		}
	}
	if err := NewEncoder(new(bytes.Buffer)).Encode(&Component{Name: "V EVENT"}); err == nil {
		t.Error("Encode accepted a component name with a space")
	}
}

func ExampleEncoder() {
	ev := &Component{Name: "VEVENT"}
	ev.Add("UID", "e-5f2c0a9b1d@treatyline")
	ev.Add("DTSTART", Date(time.Date(2010, 4, 8, 0, 0, 0, 0, time.UTC)), Param{"VALUE", "DATE"})
	ev.AddText("SUMMARY", "New START signed, Prague")
	cal := &Component{Name: "VCALENDAR", Components: []*Component{ev}}
	cal.Add("VERSION", "2.0")
	var buf bytes.Buffer
	if err := NewEncoder(&buf).Encode(cal); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Print(strings.ReplaceAll(buf.String(), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// BEGIN:VEVENT
	// UID:e-5f2c0a9b1d@treatyline
	// DTSTART;VALUE=DATE:20100408
	// SUMMARY:New START signed\, Prague
	// END:VEVENT
	// END:VCALENDAR
}
