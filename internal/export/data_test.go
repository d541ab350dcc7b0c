package export

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/link"
)

type treatiesDoc struct {
	AsOf     string `json:"as_of"`
	Treaties []struct {
		ID          string   `json:"id"`
		Title       string   `json:"title"`
		Parties     []string `json:"parties"`
		Status      string   `json:"status"`
		StatusText  string   `json:"status_text"`
		Since       *string  `json:"since"`
		Expires     *string  `json:"expires"`
		SuspendedBy []struct {
			Party, Since string
		} `json:"suspended_by"`
		Withdrawn []struct {
			Party, Date string
		} `json:"withdrawn"`
		URL    string `json:"url"`
		Events []struct {
			Date  string  `json:"date"`
			Kind  string  `json:"kind"`
			Party *string `json:"party"`
		} `json:"events"`
		Articles []string `json:"articles"`
	} `json:"treaties"`
}

func treatiesJSON(t *testing.T, style link.Style) ([]byte, treatiesDoc) {
	t.Helper()
	site, tl := build(t, testConfig())
	var buf bytes.Buffer
	if err := TreatiesJSON(&buf, site, tl, style); err != nil {
		t.Fatal(err)
	}
	var doc treatiesDoc
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decoding data/treaties.json: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), doc
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

func TestTreatiesJSONMatchesTheSpecExampleForNewSTART(t *testing.T) {
	_, doc := treatiesJSON(t, link.Style{})
	if doc.AsOf != "2026-11-27" {
		t.Errorf("as_of = %q, want 2026-11-27", doc.AsOf)
	}
	var ids []string
	for _, tr := range doc.Treaties {
		ids = append(ids, tr.ID)
	}
	if want := []string{"abm", "accord", "new-start"}; !slices.Equal(ids, want) {
		t.Fatalf("treaty ids = %v, want %v (sorted by id)", ids, want)
	}
	ns := doc.Treaties[2]
	checks := []struct{ field, got, want string }{
		{"title", ns.Title, "New START"},
		{"parties", strings.Join(ns.Parties, "|"), "United States|Russia"},
		{"status", ns.Status, "expired"},
		{"status_text", ns.StatusText, "Expired on 5 February 2026"},
		{"since", str(ns.Since), "2026-02-05"},
		{"expires", str(ns.Expires), "2026-02-05"},
		{"url", ns.URL, "treaties/new-start/index.html"},
		{"articles", strings.Join(ns.Articles, "|"), "articles/antonov-joint-ministers-meeting/index.html"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("new-start %s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if len(ns.SuspendedBy) != 1 || ns.SuspendedBy[0].Party != "Russia" || ns.SuspendedBy[0].Since != "2023-02-21" {
		t.Errorf("new-start suspended_by = %+v, want [{Russia 2023-02-21}]", ns.SuspendedBy)
	}
	if ns.Withdrawn == nil || len(ns.Withdrawn) != 0 {
		t.Errorf("new-start withdrawn = %#v, want []", ns.Withdrawn)
	}
	var events []string
	for _, e := range ns.Events {
		events = append(events, e.Date+" "+e.Kind+" "+str(e.Party))
	}
	want := []string{
		"2010-04-08 signed null",
		"2011-02-05 in-force null",
		"2021-02-03 extended null",
		"2023-02-21 suspended Russia",
	}
	if !slices.Equal(events, want) {
		t.Errorf("new-start events =\n%s\nwant\n%s", strings.Join(events, "\n"), strings.Join(want, "\n"))
	}
}

func TestTreatiesJSONKeepsPrecisionAndTimelineOrder(t *testing.T) {
	_, doc := treatiesJSON(t, link.Style{})
	abm := doc.Treaties[0]
	var events []string
	for _, e := range abm.Events {
		events = append(events, e.Date+" "+e.Kind)
	}
	want := []string{"1972 negotiations", "1972-05 signed", "1972-10-03 in-force"}
	if !slices.Equal(events, want) {
		t.Errorf("abm events = %v, want %v (less precise first)", events, want)
	}
	if abm.Expires != nil {
		t.Errorf("abm expires = %q, want null (indefinite)", *abm.Expires)
	}
	if abm.Status != "in-force" || str(abm.Since) != "1972-10-03" {
		t.Errorf("abm status, since = %q, %q; want in-force, 1972-10-03", abm.Status, str(abm.Since))
	}
	accord := doc.Treaties[1]
	if str(accord.Expires) != "2030-06" {
		t.Errorf("accord expires = %q, want 2030-06", str(accord.Expires))
	}
	if len(accord.Withdrawn) != 1 || accord.Withdrawn[0].Party != "日本" || accord.Withdrawn[0].Date != "2022-07-01" {
		t.Errorf("accord withdrawn = %+v, want [{日本 2022-07-01}]", accord.Withdrawn)
	}
	if len(accord.Parties) != 3 {
		t.Errorf("accord parties = %v, want the record's full list of 3", accord.Parties)
	}
}

func TestTreatiesJSONIsPlainTextIndentedWithKeysInSpecOrder(t *testing.T) {
	raw, _ := treatiesJSON(t, link.Style{})
	if !bytes.HasSuffix(raw, []byte("}\n")) {
		t.Errorf("data/treaties.json does not end with a newline")
	}
	if !bytes.HasPrefix(raw, []byte("{\n  \"as_of\": \"2026-11-27\",\n  \"treaties\": [\n    {\n")) {
		t.Errorf("data/treaties.json is not indented by two spaces:\n%.80s", raw)
	}
	if want := `"title": "Accord <b>\"Genève\"</b> & Co"`; !bytes.Contains(raw, []byte(want)) {
		t.Errorf("data/treaties.json lacks the plain, JSON-escaped title %s", want)
	}
	keys := topKeysOfFirstTreaty(t, raw)
	want := []string{"id", "title", "parties", "status", "status_text", "since", "expires",
		"suspended_by", "withdrawn", "url", "events", "articles"}
	if !slices.Equal(keys, want) {
		t.Errorf("treaty keys = %v, want %v", keys, want)
	}
}

// topKeysOfFirstTreaty returns the keys of treaties[0] in the order written.
func topKeysOfFirstTreaty(t *testing.T, raw []byte) []string {
	t.Helper()
	var doc struct {
		Treaties []json.RawMessage `json:"treaties"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.Treaties) == 0 {
		t.Fatalf("decoding treaties: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(doc.Treaties[0]))
	var keys []string
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 {
				keys = append(keys, v)
				// Skip the value, whatever it is.
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return keys
}

func TestTreatiesJSONURLsFollowTheLinkStyle(t *testing.T) {
	_, doc := treatiesJSON(t, link.Style{Pretty: true})
	ns := doc.Treaties[2]
	if ns.URL != "treaties/new-start/" {
		t.Errorf("pretty url = %q, want treaties/new-start/", ns.URL)
	}
	if want := []string{"articles/antonov-joint-ministers-meeting/"}; !slices.Equal(ns.Articles, want) {
		t.Errorf("pretty articles = %v, want %v", ns.Articles, want)
	}
}

type timelineDoc struct {
	AsOf    string `json:"as_of"`
	Entries []struct {
		ID        string  `json:"id"`
		Date      string  `json:"date"`
		Precision string  `json:"precision"`
		Kind      string  `json:"kind"`
		Reported  bool    `json:"reported"`
		Title     string  `json:"title"`
		Treaty    *string `json:"treaty"`
		Article   *string `json:"article"`
		URL       string  `json:"url"`
	} `json:"entries"`
}

func TestTimelineDataListsEveryEntry(t *testing.T) {
	site, tl := build(t, testConfig())
	var buf bytes.Buffer
	if err := TimelineData(&buf, site, tl, link.Style{}); err != nil {
		t.Fatal(err)
	}
	var doc timelineDoc
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decoding data/timeline.json: %v", err)
	}
	if doc.AsOf != "2026-11-27" {
		t.Errorf("as_of = %q, want 2026-11-27", doc.AsOf)
	}
	if len(doc.Entries) != len(tl.Entries) {
		t.Fatalf("%d entries, want %d", len(doc.Entries), len(tl.Entries))
	}
	for i, e := range doc.Entries {
		if e.ID != tl.Entries[i].ID {
			t.Errorf("entry %d id = %q, want %q (timeline order)", i, e.ID, tl.Entries[i].ID)
		}
	}
	byID := map[string]int{}
	for i, e := range doc.Entries {
		byID[e.Date+" "+e.Kind+" "+str(e.Treaty)] = i
	}
	tests := []struct {
		name, key                  string
		precision, article, urlPre string
		reported                   bool
	}{
		{"treaty event", "2010-04-08 signed new-start", "day", "null", "timeline/2010/index.html#e-", false},
		{"year precision", "1972 negotiations abm", "year", "null", "timeline/1972/index.html#e-", false},
		{"month precision", "2020-03 in-force accord", "month", "null", "timeline/2020/index.html#e-", false},
		{"past expiry", "2026-02-05 expiry new-start", "day", "null", "timeline/2026/index.html#e-", false},
		{"future expiry", "2030-06 expiry accord", "month", "null", "timeline/2030/index.html#e-", false},
		{"article", "2021-03-05 article null", "day", "articles/antonov-joint-ministers-meeting/index.html", "timeline/2021/index.html#e-", false},
		{"article without treaty", "2019 article null", "year", "articles/no-treaty/index.html", "timeline/2019/index.html#e-", false},
		{"annotation", "2021-02-03 extended new-start", "", "articles/antonov-joint-ministers-meeting/index.html#a-", "timeline/2021/index.html#e-", true},
	}
	for _, tt := range tests {
		i, ok := byID[tt.key]
		if tt.reported {
			// The record's own extended event shares the key; find the report.
			i, ok = -1, false
			for j, e := range doc.Entries {
				if e.Reported && e.Date+" "+e.Kind+" "+str(e.Treaty) == tt.key {
					i, ok = j, true
				}
			}
		}
		if !ok {
			t.Errorf("%s: no entry %q", tt.name, tt.key)
			continue
		}
		e := doc.Entries[i]
		if tt.precision != "" && e.Precision != tt.precision {
			t.Errorf("%s: precision = %q, want %q", tt.name, e.Precision, tt.precision)
		}
		if got := str(e.Article); !strings.HasPrefix(got, tt.article) || (tt.article == "null") != (got == "null") {
			t.Errorf("%s: article = %q, want %q…", tt.name, got, tt.article)
		}
		if want := tt.urlPre + strings.TrimPrefix(e.ID, "e-"); e.URL != want {
			t.Errorf("%s: url = %q, want %q", tt.name, e.URL, want)
		}
		if e.Reported != tt.reported {
			t.Errorf("%s: reported = %v, want %v", tt.name, e.Reported, tt.reported)
		}
	}
}

func TestTimelineDataKindsOfEntries(t *testing.T) {
	site, tl := build(t, testConfig())
	var buf bytes.Buffer
	if err := TimelineData(&buf, site, tl, link.Style{Pretty: true}); err != nil {
		t.Fatal(err)
	}
	var doc timelineDoc
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range doc.Entries {
		kinds = append(kinds, e.Kind)
	}
	slices.Sort(kinds)
	kinds = slices.Compact(kinds)
	want := []string{"article", "expiry", "extended", "in-force", "negotiations", "signed", "suspended", "withdrawn"}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds = %v, want %v", kinds, want)
	}
	for _, e := range doc.Entries {
		if !strings.HasPrefix(e.URL, "timeline/") || strings.Contains(e.URL, "index.html") {
			t.Errorf("pretty url = %q, want timeline/YYYY/#id", e.URL)
		}
	}
}
