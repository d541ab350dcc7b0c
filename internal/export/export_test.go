package export

import (
	"bytes"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

const baseURL = "https://example.org/timeline/"

var asOf = date.MustParse("2026-11-27")

// testSite is New START as in SPEC §4.1 and §5.4, a treaty known only to
// reduced precision, a treaty due to expire after the as-of date with text
// that needs escaping, and articles that report on them.
func testSite(cfg content.Config) *content.Site {
	d := date.MustParse
	newStart := &content.Treaty{
		ID: "new-start", Title: "New START", Parties: []string{"United States", "Russia"},
		Expires: d("2021-02-05"),
		Events: []*content.Event{
			{Date: d("2010-04-08"), Kind: content.Signed, Place: "Prague", Treaty: "new-start"},
			{Date: d("2011-02-05"), Kind: content.InForce, Treaty: "new-start"},
			{Date: d("2021-02-03"), Kind: content.Extended, Until: d("2026-02-05"), Treaty: "new-start",
				Note: "Extended by five years without changes."},
			{Date: d("2023-02-21"), Kind: content.Suspended, Party: "Russia", Treaty: "new-start"},
		},
	}
	abm := &content.Treaty{
		ID: "abm", Title: "ABM Treaty", Parties: []string{"United States", "Soviet Union"},
		Events: []*content.Event{
			{Date: d("1972-05"), Kind: content.Signed, Treaty: "abm"},
			{Date: d("1972"), Kind: content.Negotiations, Treaty: "abm"},
			{Date: d("1972-10-03"), Kind: content.InForce, Treaty: "abm"},
		},
	}
	accord := &content.Treaty{
		ID: "accord", Title: `Accord <b>"Genève"</b> & Co`, Parties: []string{"Ελλάδα", "Österreich", "日本"},
		Expires: d("2030-06"),
		Events: []*content.Event{
			{Date: d("2020-01-15"), Kind: content.Signed, Treaty: "accord", Place: "Genève, Suisse; salle \\3",
				Note: "Signé au Palais des Nations; les délégations d’Ελλάδα, d’Österreich et du 日本 étaient présentes.\nDeuxième ligne <script>alert(1)</script>"},
			{Date: d("2020-03"), Kind: content.InForce, Treaty: "accord"},
			{Date: d("2022-07-01"), Kind: content.Withdrawn, Party: "日本", Treaty: "accord"},
		},
	}
	articles := []*content.Article{
		{Slug: "antonov-joint-ministers-meeting", Title: "Antonov proposes joint meeting of foreign and defence ministers",
			Date: d("2021-03-05"), Summary: "Talks on <strategic> stability & more", Refs: []string{"new-start"},
			Tags: []string{"diplomacy"},
			Annotations: []*content.Annotation{{Date: d("2021-02-03"), Treaty: "new-start", Kind: content.Extended,
				Text: "the treaty was extended"}}},
		{Slug: "accord-review", Title: "Reviewing the accord", Date: d("2023-05"), Author: "A. Writer",
			Refs: []string{"accord"}},
		{Slug: "no-treaty", Title: "A note without a treaty", Date: d("2019")},
	}
	return content.NewSite(cfg, []*content.Treaty{newStart, abm, accord}, articles)
}

func testConfig() content.Config {
	return content.Config{Title: "Arms Control Timeline", BaseURL: baseURL, Language: "en", FeedItems: 20}
}

func build(t *testing.T, cfg content.Config) (*content.Site, *timeline.Timeline) {
	t.Helper()
	site := testSite(cfg)
	return site, timeline.Build(site, asOf)
}

func TestExportsAreDeterministic(t *testing.T) {
	run := func() [][]byte {
		site, tl := build(t, testConfig())
		var out [][]byte
		for _, write := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return Atom(b, site, tl) },
			func(b *bytes.Buffer) error { return Calendar(b, site, tl, "") },
			func(b *bytes.Buffer) error { return Calendar(b, site, tl, "new-start") },
			func(b *bytes.Buffer) error { return TimelineJS(b, site, tl, link.Style{}) },
			func(b *bytes.Buffer) error { return TreatiesJSON(b, site, tl, link.Style{}) },
			func(b *bytes.Buffer) error { return TimelineData(b, site, tl, link.Style{}) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			out = append(out, b.Bytes())
		}
		for _, f := range Sitemap(baseURL, []string{"b/index.html", "a/index.html", "index.html"}) {
			out = append(out, f.Data)
		}
		return out
	}
	first := run()
	for i := range 5 {
		again := run()
		for j := range first {
			if !bytes.Equal(first[j], again[j]) {
				t.Fatalf("run %d: export %d differs:\n%s\nwant\n%s", i+2, j, again[j], first[j])
			}
		}
	}
}
