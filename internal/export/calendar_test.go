package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"github.com/treatyline/treatyline/internal/content"
)

func calendar(t *testing.T, cfg content.Config, treatyID string) []byte {
	t.Helper()
	site, tl := build(t, cfg)
	var buf bytes.Buffer
	if err := Calendar(&buf, site, tl, treatyID); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decodeCalendar(t *testing.T, raw []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("decoding: %v\n%s", err, raw)
	}
	return cal
}

func text(t *testing.T, props goical.Props, name string) string {
	t.Helper()
	p := props.Get(name)
	if p == nil {
		return ""
	}
	v, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func TestCalendarHeader(t *testing.T) {
	tests := []struct {
		treaty, name string
	}{
		{"", "Arms Control Timeline"},
		{"new-start", "New START – Arms Control Timeline"},
	}
	for _, tt := range tests {
		cal := decodeCalendar(t, calendar(t, testConfig(), tt.treaty))
		for prop, want := range map[string]string{
			"VERSION": "2.0", "PRODID": prodID, "CALSCALE": "GREGORIAN", "X-WR-CALNAME": tt.name,
		} {
			if got := text(t, cal.Props, prop); got != want {
				t.Errorf("calendar %q: %s = %q, want %q", tt.treaty, prop, got, want)
			}
		}
	}
}

func TestCalendarEventsSpanTheirDateAndFollowTheTimeline(t *testing.T) {
	cal := decodeCalendar(t, calendar(t, testConfig(), ""))
	type span struct{ summary, start, end string }
	var got []span
	for _, ev := range cal.Events() {
		if v := ev.Props.Get("DTSTART").Params.Get("VALUE"); v != "DATE" {
			t.Errorf("DTSTART VALUE = %q, want DATE (all-day)", v)
		}
		got = append(got, span{text(t, ev.Props, "SUMMARY"), ev.Props.Get("DTSTART").Value, ev.Props.Get("DTEND").Value})
	}
	want := []span{
		{"Negotiations on ABM Treaty", "19720101", "19730101"},
		{"ABM Treaty signed", "19720501", "19720601"},
		{"ABM Treaty entered into force", "19721003", "19721004"},
		{"New START signed", "20100408", "20100409"},
		{"New START entered into force", "20110205", "20110206"},
		{`Accord <b>"Genève"</b> & Co signed`, "20200115", "20200116"},
		{`Accord <b>"Genève"</b> & Co entered into force`, "20200301", "20200401"},
		{"New START extended until 5 February 2026", "20210203", "20210204"},
		{`日本 withdrew from Accord <b>"Genève"</b> & Co`, "20220701", "20220702"},
		{"Russia suspended New START", "20230221", "20230222"},
		{`Accord <b>"Genève"</b> & Co due to expire`, "20300601", "20300701"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d:\n%v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCalendarOfOneTreaty(t *testing.T) {
	cal := decodeCalendar(t, calendar(t, testConfig(), "new-start"))
	var summaries []string
	for _, ev := range cal.Events() {
		summaries = append(summaries, text(t, ev.Props, "SUMMARY"))
	}
	want := "New START signed|New START entered into force|New START extended until 5 February 2026|Russia suspended New START"
	if got := strings.Join(summaries, "|"); got != want {
		t.Errorf("new-start events = %s, want %s (a past expiry is no calendar event)", got, want)
	}
	site, tl := build(t, testConfig())
	if err := Calendar(new(bytes.Buffer), site, tl, "nonesuch"); err == nil {
		t.Error("Calendar of an unknown treaty succeeded, want an error")
	}
}

func TestCalendarUIDsAndStampsDependOnContentAlone(t *testing.T) {
	withBase := decodeCalendar(t, calendar(t, testConfig(), ""))
	cfg := testConfig()
	cfg.BaseURL = ""
	noBase := decodeCalendar(t, calendar(t, cfg, ""))
	_, tl := build(t, testConfig())
	ids := map[string]bool{}
	for _, e := range tl.Entries {
		ids[e.ID+"@treatyline"] = true
	}
	seen := map[string]bool{}
	for i, ev := range withBase.Events() {
		uid := text(t, ev.Props, "UID")
		if !ids[uid] {
			t.Errorf("event %d UID %q is not an entry id + @treatyline", i, uid)
		}
		if seen[uid] {
			t.Errorf("UID %q appears twice", uid)
		}
		seen[uid] = true
		if other := text(t, noBase.Events()[i].Props, "UID"); other != uid {
			t.Errorf("event %d UID = %q without base_url, %q with it; want equal", i, other, uid)
		}
		stamp, err := ev.Props.DateTime("DTSTAMP", time.UTC)
		if err != nil || !stamp.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("event %d DTSTAMP = %v, %v; want 2026-11-27T00:00:00Z", i, stamp, err)
		}
		if got := ev.Props.Get("DTSTAMP").Value; got != "20261127T000000Z" {
			t.Errorf("DTSTAMP = %q, want 20261127T000000Z", got)
		}
		u, err := ev.Props.URI("URL")
		if err != nil || u == nil || !strings.HasPrefix(u.String(), baseURL+"timeline/") || u.Fragment == "" {
			t.Errorf("event %d URL = %v, %v; want an absolute timeline URL with a fragment", i, u, err)
		}
		if noBase.Events()[i].Props.Get("URL") != nil {
			t.Errorf("event %d has a URL without base_url", i)
		}
	}
}

func TestCalendarDescriptionIsEscapedAndFolded(t *testing.T) {
	raw := calendar(t, testConfig(), "accord")
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("calendar holds a line ending other than CRLF")
	}
	if !bytes.HasSuffix(raw, []byte("END:VCALENDAR\r\n")) {
		t.Error("calendar does not end with END:VCALENDAR and CRLF")
	}
	long := false
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, want at most 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
		long = long || strings.HasPrefix(line, " ")
	}
	if !long {
		t.Error("no line was folded; the fixture should need folding")
	}
	unfolded := strings.ReplaceAll(string(raw), "\r\n ", "")
	for _, want := range []string{
		`DESCRIPTION:Place: Genève\, Suisse\; salle \\3\nSigné au Palais des Nations\; `,
		`\nDeuxième ligne <script>alert(1)</script>`,
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("unfolded calendar lacks %q", want)
		}
	}
	cal := decodeCalendar(t, raw)
	desc := text(t, cal.Events()[0].Props, "DESCRIPTION")
	want := "Place: Genève, Suisse; salle \\3\nSigné au Palais des Nations; les délégations d’Ελλάδα, d’Österreich et du 日本 étaient présentes.\nDeuxième ligne <script>alert(1)</script>"
	if desc != want {
		t.Errorf("DESCRIPTION = %q, want %q", desc, want)
	}
}
