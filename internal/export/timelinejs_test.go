package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/link"
)

type tjsDoc struct {
	Title struct {
		Text struct{ Headline, Text string } `json:"text"`
	} `json:"title"`
	Events []struct {
		StartDate map[string]string `json:"start_date"`
		Text      struct {
			Headline string `json:"headline"`
			Text     string `json:"text"`
		} `json:"text"`
		Group    string `json:"group"`
		UniqueID string `json:"unique_id"`
	} `json:"events"`
	Eras []struct {
		StartDate map[string]string `json:"start_date"`
		EndDate   map[string]string `json:"end_date"`
		Text      struct {
			Headline string `json:"headline"`
		} `json:"text"`
	} `json:"eras"`
}

func timelineJS(t *testing.T, style link.Style) tjsDoc {
	t.Helper()
	site, tl := build(t, testConfig())
	var buf bytes.Buffer
	if err := TimelineJS(&buf, site, tl, style); err != nil {
		t.Fatal(err)
	}
	var doc tjsDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("decoding timeline.json: %v", err)
	}
	return doc
}

func TestTimelineJSEventPerEntry(t *testing.T) {
	doc := timelineJS(t, link.Style{})
	_, tl := build(t, testConfig())
	if len(doc.Events) != len(tl.Entries) {
		t.Fatalf("%d events, want one per entry (%d)", len(doc.Events), len(tl.Entries))
	}
	seen := map[string]bool{}
	for i, ev := range doc.Events {
		if ev.UniqueID != tl.Entries[i].ID {
			t.Errorf("event %d unique_id = %q, want %q", i, ev.UniqueID, tl.Entries[i].ID)
		}
		if seen[ev.UniqueID] {
			t.Errorf("unique_id %q appears twice", ev.UniqueID)
		}
		seen[ev.UniqueID] = true
	}
	if doc.Title.Text.Headline != "Arms Control Timeline" || doc.Title.Text.Text != "As of 27 November 2026" {
		t.Errorf("title = %+v, want the site title as of 27 November 2026", doc.Title.Text)
	}
}

func TestTimelineJSDatesHaveOnlyTheirPrecision(t *testing.T) {
	doc := timelineJS(t, link.Style{})
	tests := []struct {
		headline         string
		year, month, day string
		display          string
	}{
		{"Negotiations on ABM Treaty", "1972", "", "", "1972"},
		{"ABM Treaty signed", "1972", "5", "", "May 1972"},
		{"New START signed", "2010", "4", "8", "8 April 2010"},
	}
	for _, tt := range tests {
		found := false
		for _, ev := range doc.Events {
			if ev.Text.Headline != tt.headline {
				continue
			}
			found = true
			d := ev.StartDate
			if d["year"] != tt.year || d["month"] != tt.month || d["day"] != tt.day || d["display_date"] != tt.display {
				t.Errorf("%s: start_date = %v, want year %q month %q day %q display %q",
					tt.headline, d, tt.year, tt.month, tt.day, tt.display)
			}
			_, hasMonth := d["month"]
			_, hasDay := d["day"]
			if hasMonth != (tt.month != "") || hasDay != (tt.day != "") {
				t.Errorf("%s: start_date = %v has parts beyond its precision", tt.headline, d)
			}
		}
		if !found {
			t.Errorf("no event %q", tt.headline)
		}
	}
}

func TestTimelineJSEscapesContentForHTML(t *testing.T) {
	doc := timelineJS(t, link.Style{})
	const escaped = "Accord &lt;b&gt;&#34;Genève&#34;&lt;/b&gt; &amp; Co"
	for _, ev := range doc.Events {
		all := ev.Text.Headline + ev.Text.Text + ev.Group
		if strings.Contains(all, "<script") || strings.Contains(all, "<b>") {
			t.Errorf("event %q holds unescaped content HTML: %q", ev.UniqueID, all)
		}
		if strings.HasPrefix(ev.Text.Headline, "Accord") {
			if !strings.HasPrefix(ev.Text.Headline, escaped) || ev.Group != escaped {
				t.Errorf("headline, group = %q, %q; want both to start with %q", ev.Text.Headline, ev.Group, escaped)
			}
		}
	}
}

func TestTimelineJSLinksAreRelative(t *testing.T) {
	tests := []struct {
		style link.Style
		want  []string
	}{
		{link.Style{}, []string{`<a href="treaties/new-start/index.html">New START</a>`,
			`reported in <a href="articles/antonov-joint-ministers-meeting/index.html#a-`}},
		{link.Style{Pretty: true}, []string{`<a href="treaties/new-start/">New START</a>`,
			`reported in <a href="articles/antonov-joint-ministers-meeting/#a-`}},
	}
	for _, tt := range tests {
		doc := timelineJS(t, tt.style)
		var report string
		for _, ev := range doc.Events {
			if strings.Contains(ev.Text.Text, "reported in") {
				report = ev.Text.Text
			}
			if strings.Contains(ev.Text.Text, "://") || strings.Contains(ev.Text.Text, `href="/`) {
				t.Errorf("event %q links absolutely: %s", ev.UniqueID, ev.Text.Text)
			}
		}
		for _, want := range tt.want {
			if !strings.Contains(report, want) {
				t.Errorf("pretty=%v: report text %q lacks %q", tt.style.Pretty, report, want)
			}
		}
	}
}

func TestTimelineJSErasArePeriodsInForce(t *testing.T) {
	doc := timelineJS(t, link.Style{})
	type era struct{ headline, start, end string }
	var got []era
	for _, e := range doc.Eras {
		got = append(got, era{e.Text.Headline, e.StartDate["display_date"], e.EndDate["display_date"]})
	}
	want := []era{
		{"ABM Treaty", "3 October 1972", "27 November 2026"},
		{"Accord &lt;b&gt;&#34;Genève&#34;&lt;/b&gt; &amp; Co", "March 2020", "27 November 2026"},
		{"New START", "5 February 2011", "5 February 2026"},
	}
	if len(got) != len(want) {
		t.Fatalf("eras = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("era %d = %+v, want %+v (an open era ends at the as-of date)", i, got[i], want[i])
		}
	}
}
