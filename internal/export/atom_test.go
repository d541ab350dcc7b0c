package export

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/timeline"
)

const atomNS = "http://www.w3.org/2005/Atom"

type parsedLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type parsedEntry struct {
	ID      string       `xml:"http://www.w3.org/2005/Atom id"`
	Title   string       `xml:"http://www.w3.org/2005/Atom title"`
	Updated string       `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []parsedLink `xml:"http://www.w3.org/2005/Atom link"`
	Authors []string     `xml:"http://www.w3.org/2005/Atom author>name"`
	Summary *struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"http://www.w3.org/2005/Atom summary"`
}

type parsedFeed struct {
	XMLName xml.Name
	Lang    string        `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string        `xml:"http://www.w3.org/2005/Atom id"`
	Title   string        `xml:"http://www.w3.org/2005/Atom title"`
	Updated string        `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []parsedLink  `xml:"http://www.w3.org/2005/Atom link"`
	Authors []string      `xml:"http://www.w3.org/2005/Atom author>name"`
	Entries []parsedEntry `xml:"http://www.w3.org/2005/Atom entry"`
}

func parseAtom(t *testing.T, site *content.Site, tl *timeline.Timeline) parsedFeed {
	t.Helper()
	var buf bytes.Buffer
	if err := Atom(&buf, site, tl); err != nil {
		t.Fatal(err)
	}
	var feed parsedFeed
	if err := xml.Unmarshal(buf.Bytes(), &feed); err != nil {
		t.Fatalf("parsing feed.xml: %v\n%s", err, buf.Bytes())
	}
	if feed.XMLName.Space != atomNS || feed.XMLName.Local != "feed" {
		t.Fatalf("root element = %v, want {%s}feed", feed.XMLName, atomNS)
	}
	return feed
}

func atomOf(t *testing.T, cfg content.Config) parsedFeed {
	t.Helper()
	site, tl := build(t, cfg)
	return parseAtom(t, site, tl)
}

func alternate(links []parsedLink) string {
	for _, l := range links {
		if l.Rel == "alternate" {
			return l.Href
		}
	}
	return ""
}

func TestAtomHasTheElementsRFC4287Requires(t *testing.T) {
	feed := atomOf(t, testConfig())
	checks := []struct{ field, got, want string }{
		{"feed id", feed.ID, baseURL},
		{"feed title", feed.Title, "Arms Control Timeline"},
		{"feed updated (newest article)", feed.Updated, "2023-05-01T00:00:00Z"},
		{"feed alternate link", alternate(feed.Links), baseURL},
		{"feed author", strings.Join(feed.Authors, "|"), "Arms Control Timeline"},
		{"xml:lang", feed.Lang, "en"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if len(feed.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(feed.Entries))
	}
	seen := map[string]bool{}
	for i, e := range feed.Entries {
		if e.ID == "" || e.Title == "" || e.Updated == "" || alternate(e.Links) == "" || len(e.Authors) != 1 {
			t.Errorf("entry %d lacks a required element: %+v", i, e)
		}
		if seen[e.ID] {
			t.Errorf("entry id %q appears twice", e.ID)
		}
		seen[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %d updated %q is not RFC 3339: %v", i, e.Updated, err)
		}
		if !strings.HasPrefix(e.ID, baseURL) || !strings.HasPrefix(alternate(e.Links), baseURL) {
			t.Errorf("entry %d id %q or link %q is not absolute under base_url", i, e.ID, alternate(e.Links))
		}
	}
}

func TestAtomEntries(t *testing.T) {
	feed := atomOf(t, testConfig())
	tests := []struct {
		name, title, id, link, updated, author, summary string
	}{
		{"month-precision date, own author", "Reviewing the accord",
			baseURL + "articles/accord-review/", baseURL + "articles/accord-review/index.html",
			"2023-05-01T00:00:00Z", "A. Writer", ""},
		{"site title as author, plain summary", "Antonov proposes joint meeting of foreign and defence ministers",
			baseURL + "articles/antonov-joint-ministers-meeting/", baseURL + "articles/antonov-joint-ministers-meeting/index.html",
			"2021-03-05T00:00:00Z", "Arms Control Timeline", "Talks on <strategic> stability & more"},
		{"year-precision date", "A note without a treaty",
			baseURL + "articles/no-treaty/", baseURL + "articles/no-treaty/index.html",
			"2019-01-01T00:00:00Z", "Arms Control Timeline", ""},
	}
	for i, tt := range tests {
		e := feed.Entries[i]
		summary := ""
		if e.Summary != nil {
			summary = e.Summary.Text
			if e.Summary.Type != "text" {
				t.Errorf("%s: summary type = %q, want text", tt.name, e.Summary.Type)
			}
		}
		got := []string{e.Title, e.ID, alternate(e.Links), e.Updated, strings.Join(e.Authors, "|"), summary}
		want := []string{tt.title, tt.id, tt.link, tt.updated, tt.author, tt.summary}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("%s: entry %d field %d = %q, want %q", tt.name, i, j, got[j], want[j])
			}
		}
	}
}

func TestAtomKeepsTheNewestFeedItemsArticles(t *testing.T) {
	cfg := testConfig()
	cfg.FeedItems = 2
	feed := atomOf(t, cfg)
	if len(feed.Entries) != 2 || feed.Entries[0].Title != "Reviewing the accord" {
		t.Errorf("entries = %+v, want the 2 newest", feed.Entries)
	}
}

func TestAtomEntryIDsDoNotDependOnTheLinkStyle(t *testing.T) {
	plain := atomOf(t, testConfig())
	cfg := testConfig()
	cfg.PrettyURLs = true
	pretty := atomOf(t, cfg)
	for i := range plain.Entries {
		if plain.Entries[i].ID != pretty.Entries[i].ID {
			t.Errorf("entry %d id = %q with pretty URLs, want %q", i, pretty.Entries[i].ID, plain.Entries[i].ID)
		}
	}
	if got, want := alternate(pretty.Entries[0].Links), baseURL+"articles/accord-review/"; got != want {
		t.Errorf("pretty link = %q, want %q", got, want)
	}
}

func TestAtomWithoutArticlesIsUpdatedAsOfTheStatusDate(t *testing.T) {
	site := content.NewSite(testConfig(), nil, nil)
	feed := parseAtom(t, site, timeline.Build(site, date.MustParse("2026-11-27")))
	if feed.Updated != "2026-11-27T00:00:00Z" || len(feed.Entries) != 0 {
		t.Errorf("updated = %q with %d entries, want 2026-11-27T00:00:00Z and none", feed.Updated, len(feed.Entries))
	}
}

func TestAtomNeedsABaseURL(t *testing.T) {
	cfg := testConfig()
	cfg.BaseURL = ""
	site, tl := build(t, cfg)
	var buf bytes.Buffer
	if err := Atom(&buf, site, tl); err == nil {
		t.Error("Atom without base_url succeeded, want an error")
	}
}
