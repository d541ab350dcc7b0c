package timeline

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
)

// antonov reports New START's extension, by a front matter event and by a
// dated annotation.
func antonov() *content.Article {
	return &content.Article{
		Slug: "antonov-joint-ministers-meeting", Title: "Antonov proposes joint meeting", Date: d("2021-03-05"),
		Refs: []string{"new-start"},
		Events: []*content.Event{
			{Date: d("2021-02-03"), Treaty: "new-start", Kind: content.Extended, Until: d("2026-02-05")},
		},
		Annotations: []*content.Annotation{
			{Date: d("2021-02-03"), Treaty: "new-start", Kind: content.Extended, Text: "extended for five years"},
		},
	}
}

func site(treaties []*content.Treaty, articles ...*content.Article) *content.Site {
	return content.NewSite(content.Config{}, treaties, articles)
}

// describeEntries lists entries as "date kind title", to compare orders.
func describeEntries(entries []*Entry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, fmt.Sprintf("%s %s", e.Date, e.Title()))
	}
	return out
}

func TestBuildOrdersByDateThenPrecisionThenTreatyEventsFirst(t *testing.T) {
	talks := treaty("talks",
		&content.Event{Date: d("2011-02-05"), Kind: content.Signed},
		&content.Event{Date: d("2011"), Kind: content.Negotiations},
		&content.Event{Date: d("2011-02"), Kind: content.Other, Label: "Final round"})
	review := &content.Article{Slug: "review", Title: "A review", Date: d("2011-02-05"), Refs: []string{"sort"}}
	early := &content.Article{Slug: "early", Title: "Early", Date: d("2010-12-31")}
	tl := Build(site([]*content.Treaty{sortTreaty(), talks}, review, early), d("2013-01-01"))

	var got []*Entry
	for _, e := range tl.Entries {
		if e.Date.Year() >= 2010 {
			got = append(got, e)
		}
	}
	want := []string{
		"2010-12-31 Early",
		"2011 Negotiations on talks",
		"2011-02 talks: Final round",
		"2011-02-05 SORT superseded by new-start", // treaty events of one day: in id order, checked below
		"2011-02-05 talks signed",
		"2011-02-05 A review",
	}
	if len(got) != len(want) {
		t.Fatalf("entries from 2010 = %q, want %q", describeEntries(got), want)
	}
	if got[3].ID > got[4].ID {
		t.Errorf("treaty events of one day have ids %s, %s; want ascending", got[3].ID, got[4].ID)
	}
	gotText := describeEntries(got)
	slices.Sort(gotText[3:5])
	if !slices.Equal(gotText, want) {
		t.Errorf("entries from 2010 =\n%q\nwant\n%q", gotText, want)
	}
	if !slices.IsSortedFunc(tl.Entries, compareEntries) {
		t.Errorf("entries are not sorted: %q", describeEntries(tl.Entries))
	}
}

func TestBuildShowsTheEffectiveExpiry(t *testing.T) {
	expired := treaty("abm", &content.Event{Date: d("1972-05-26"), Kind: content.Signed},
		&content.Event{Date: d("1972-10-03"), Kind: content.InForce},
		&content.Event{Date: d("2002-06-13"), Kind: content.Expired})
	expired.Expires = d("2002-06-13")
	terminated := inf()
	terminated.Expires = d("2030-01-01")
	signed := treaty("signed", &content.Event{Date: d("2020-01-01"), Kind: content.Signed})
	signed.Expires = d("2030-01-01")
	tests := []struct {
		name   string
		treaty *content.Treaty
		asOf   string
		want   string // "date future" or "" for no expiry entry
	}{
		{"due to expire while ahead", newStart(), "2023-06-01", "2026-02-05 true"},
		{"expired once past", newStart(), "2026-11-27", "2026-02-05 false"},
		{"the expiry in effect as of the date", newStart(), "2015-01-01", "2021-02-05 true"},
		{"none for a treaty ended another way", sortTreaty(), "2013-01-01", ""},
		{"none for a terminated treaty", terminated, "2020-01-01", ""},
		{"none when an expired event marks it", expired, "2003-01-01", ""},
		{"none when indefinite", npt(), "2026-11-27", ""},
		{"none before entry into force", signed, "2021-01-01", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := Build(site([]*content.Treaty{tt.treaty}), d(tt.asOf))
			var got []string
			for _, e := range tl.Entries {
				if e.Kind == Expiry {
					got = append(got, fmt.Sprintf("%s %t", e.Date, e.Future))
				}
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Build(%s, %s) expiry entries = %q, want %q", tt.treaty.ID, tt.asOf, got, want)
			}
		})
	}
}

var anchor = regexp.MustCompile(`^e-[0-9a-f]{10}$`)

func TestBuildIDsDoNotDependOnTheRestOfTheSite(t *testing.T) {
	asOf := d("2023-06-01")
	small := Build(site([]*content.Treaty{newStart(), sortTreaty()}, antonov()), asOf)
	extra := &content.Article{Slug: "aaa-first", Title: "First", Date: d("2021-02-03"), Refs: []string{"inf"},
		Annotations: []*content.Annotation{{Date: d("2021-02-03"), Treaty: "inf", Text: "on the same day"}}}
	big := Build(site([]*content.Treaty{inf(), newStart(), openSkies(), sortTreaty()}, extra, antonov()), asOf)

	bigIDs := map[string]bool{}
	for _, e := range big.Entries {
		bigIDs[e.ID] = true
	}
	for _, e := range small.Entries {
		if !anchor.MatchString(e.ID) {
			t.Errorf("entry %q has id %q, want e- and 10 hex digits", e.Title(), e.ID)
		}
		if !bigIDs[e.ID] {
			t.Errorf("entry %s %q has id %s, which a larger site lacks", e.Date, e.Title(), e.ID)
		}
	}
	if len(bigIDs) != len(big.Entries) {
		t.Errorf("%d entries have %d ids, want them unique", len(big.Entries), len(bigIDs))
	}
}

func TestBuildIDsFollowContentNotPosition(t *testing.T) {
	asOf := d("2023-06-01")
	ids := func(tr *content.Treaty) map[string]string {
		m := map[string]string{}
		for _, e := range Build(site([]*content.Treaty{tr}), asOf).Entries {
			m[e.Title()] = e.ID
		}
		return m
	}
	before := ids(newStart())
	edited := newStart()
	slices.Reverse(edited.Events)
	edited.Events[0].Note = "A note added later."
	edited.Events[1].Place = "Moscow"
	if after := ids(edited); !reflect.DeepEqual(after, before) {
		t.Errorf("ids after reordering events and editing notes = %v, want %v", after, before)
	}
	moved := newStart()
	moved.Events[1].Date = d("2011-02-06")
	if after := ids(moved); after["New START entered into force"] == before["New START entered into force"] {
		t.Errorf("entry into force moved a day but kept id %s", before["New START entered into force"])
	}
}

func TestBuildNumbersEntriesWithTheSameContent(t *testing.T) {
	twice := treaty("twice",
		&content.Event{Date: d("2000-01-01"), Kind: content.Signed, Place: "Geneva"},
		&content.Event{Date: d("2000-01-01"), Kind: content.Signed, Place: "Vienna"})
	tl := Build(site([]*content.Treaty{twice}), d("2001-01-01"))
	if len(tl.Entries) != 2 {
		t.Fatalf("got %d entries, want 2", len(tl.Entries))
	}
	first, second := tl.Entries[0].ID, tl.Entries[1].ID
	if !anchor.MatchString(first) || second != first+"-2" {
		t.Errorf("ids of identical events = %s, %s; want e-<hash> and e-<hash>-2", first, second)
	}
	if tl.Entries[0].Event.Place != "Geneva" {
		t.Errorf("first of identical events is from %s, want the record's first (Geneva)", tl.Entries[0].Event.Place)
	}
}

func TestEntryTitle(t *testing.T) {
	ns, successor := newStart(), newStart()
	ev := func(kind content.Kind, party string) *Entry {
		return &Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: kind, Party: party}}
	}
	tests := []struct {
		entry *Entry
		want  string
	}{
		{ev(content.Negotiations, ""), "Negotiations on New START"},
		{ev(content.Opened, ""), "New START opened for signature"},
		{ev(content.Signed, ""), "New START signed"},
		{ev(content.Signed, "Russia"), "Russia signed New START"},
		{ev(content.Ratified, "Russia"), "Russia ratified New START"},
		{ev(content.InForce, ""), "New START entered into force"},
		{ev(content.InForce, "Russia"), "New START entered into force for Russia"},
		{&Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: content.Extended, Until: d("2026-02-05")}}, "New START extended until 5 February 2026"},
		{&Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: content.Extended, UntilIndefinite: true}}, "New START extended indefinitely"},
		{ev(content.Suspended, "Russia"), "Russia suspended New START"},
		{ev(content.Suspended, ""), "New START suspended"},
		{ev(content.Resumed, "Russia"), "Russia resumed New START"},
		{ev(content.Withdrawn, "United States"), "United States withdrew from New START"},
		{ev(content.Terminated, ""), "New START terminated"},
		{ev(content.Expired, ""), "New START expired"},
		{&Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: content.Superseded, By: "new-start"}, Successor: successor}, "New START superseded by New START"},
		{&Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: content.Superseded, By: "unknown"}}, "New START superseded by unknown"},
		{&Entry{Kind: TreatyEvent, Treaty: ns, Event: &content.Event{Kind: content.Other, Label: "Data exchange"}}, "New START: Data exchange"},
		{&Entry{Kind: Expiry, Treaty: ns, Future: true}, "New START due to expire"},
		{&Entry{Kind: Expiry, Treaty: ns}, "New START expired"},
		{&Entry{Kind: ArticleEntry, Article: antonov()}, "Antonov proposes joint meeting"},
		{&Entry{Kind: ReportedEvent, Treaty: ns, Article: antonov(), Annotation: &content.Annotation{Kind: content.InForce, Text: "it entered into force"}}, "New START entered into force"},
		{&Entry{Kind: ReportedEvent, Treaty: ns, Article: antonov(), Annotation: &content.Annotation{Text: "talks resumed"}}, "New START: talks resumed"},
		{&Entry{Kind: ReportedEvent, Treaty: ns, Article: antonov(), Annotation: &content.Annotation{Kind: content.Extended, UntilIndefinite: true, Text: "for good"}}, "New START extended indefinitely"},
		{&Entry{Kind: ReportedEvent, Article: antonov(), Annotation: &content.Annotation{Text: "talks resumed"}}, "talks resumed"},
		{&Entry{Kind: ReportedEvent, Article: antonov(), Annotation: &content.Annotation{Kind: content.InForce, Text: "it began"}}, "Entered into force"},
		{&Entry{Kind: ReportedEvent, Article: antonov(), Event: &content.Event{Treaty: "gone", Kind: content.Signed}}, "gone signed"},
	}
	for _, tt := range tests {
		if got := tt.entry.Title(); got != tt.want {
			t.Errorf("Title() of %v %q = %q, want %q", tt.entry.Kind, tt.entry.EventKind(), got, tt.want)
		}
	}
}

func TestBuildStatusNamesTheSuccessorByTitle(t *testing.T) {
	tl := Build(site([]*content.Treaty{sortTreaty(), newStart()}), d("2013-01-01"))
	if got, want := tl.Status["sort"].Text, "Superseded on 5 February 2011 by New START"; got != want {
		t.Errorf("Status[sort].Text = %q, want %q", got, want)
	}
	for _, e := range tl.ByTreaty["sort"] {
		if e.EventKind() == content.Superseded && e.Title() != "SORT superseded by New START" {
			t.Errorf("superseded entry title = %q, want %q", e.Title(), "SORT superseded by New START")
		}
	}
}

func TestBuildStatusComesFromTheRecordOnly(t *testing.T) {
	claim := &content.Article{Slug: "claim", Title: "Claim", Date: d("2022-01-01"), Refs: []string{"new-start"},
		Events: []*content.Event{{Date: d("2022-01-01"), Treaty: "new-start", Kind: content.Terminated}}}
	tl := Build(site([]*content.Treaty{newStart()}, claim), d("2023-06-01"))
	if got, want := tl.Status["new-start"], StatusOf(newStart(), d("2023-06-01")); !reflect.DeepEqual(got, want) {
		t.Errorf("Status[new-start] with a reported termination = %+v, want %+v", got, want)
	}
}

func TestBuildReportsAndIndexes(t *testing.T) {
	art := antonov()
	tl := Build(site([]*content.Treaty{newStart(), sortTreaty()}, art), d("2023-06-01"))

	var reports []*Entry
	for _, e := range tl.ByArticle[art.Slug] {
		if e.Kind == ReportedEvent {
			reports = append(reports, e)
		}
	}
	if len(reports) != 2 {
		t.Fatalf("ByArticle[%s] has %d reports, want 2 (an event and an annotation)", art.Slug, len(reports))
	}
	if n := len(tl.ByArticle[art.Slug]); n != 3 {
		t.Errorf("ByArticle[%s] has %d entries, want the article and its 2 reports", art.Slug, n)
	}
	an := art.Annotations[0]
	i := slices.IndexFunc(reports, func(e *Entry) bool { return e.Annotation == an })
	if i < 0 || reports[i].Treaty == nil || reports[i].Treaty.ID != "new-start" {
		t.Fatalf("reports = %+v, want one of the annotation about new-start", reports)
	}
	e := reports[i]
	if got, want := e.SourceAnchor(), "a-"+strings.TrimPrefix(e.ID, "e-"); got != want || !strings.HasPrefix(got, "a-") {
		t.Errorf("SourceAnchor() = %q, want %q", got, want)
	}
	for _, e := range tl.Entries {
		if e.Annotation == nil && e.SourceAnchor() != "" {
			t.Errorf("SourceAnchor() of %q = %q, want none", e.Title(), e.SourceAnchor())
		}
	}

	// new-start: 4 events, the due expiry and the 2 reports.
	if n := len(tl.ByTreaty["new-start"]); n != 7 {
		t.Errorf("ByTreaty[new-start] has %d entries: %q, want 7", n, describeEntries(tl.ByTreaty["new-start"]))
	}
	if !slices.IsSortedFunc(tl.ByTreaty["new-start"], compareEntries) {
		t.Errorf("ByTreaty[new-start] not in timeline order: %q", describeEntries(tl.ByTreaty["new-start"]))
	}

	var years []int
	count := 0
	for _, y := range tl.Years {
		years = append(years, y.Year)
		for _, e := range y.Entries {
			if e.Date.Year() != y.Year {
				t.Errorf("entry %s %q filed under %d", e.Date, e.Title(), y.Year)
			}
		}
		count += len(y.Entries)
	}
	if want := []int{2002, 2003, 2010, 2011, 2021, 2023, 2026}; !slices.Equal(years, want) {
		t.Errorf("Years = %v, want %v", years, want)
	}
	if count != len(tl.Entries) {
		t.Errorf("Years hold %d entries, want all %d", count, len(tl.Entries))
	}
}

func TestBuildReferrersNewestFirst(t *testing.T) {
	old := &content.Article{Slug: "old", Title: "Old", Date: d("2011-01-01"), Treaties: []string{"new-start"}}
	mid := &content.Article{Slug: "mid", Title: "Mid", Date: d("2015-01-01"),
		Annotations: []*content.Annotation{{Date: d("2011-02-05"), Treaty: "new-start", Text: "entered into force"}}}
	recent := antonov()
	other := &content.Article{Slug: "other", Title: "Other", Date: d("2020-01-01"), Refs: []string{"sort", "unknown"}}
	tl := Build(site([]*content.Treaty{newStart(), sortTreaty()}, old, recent, other, mid), d("2023-06-01"))

	var got []string
	for _, a := range tl.Referrers["new-start"] {
		got = append(got, a.Slug)
	}
	if want := []string{recent.Slug, "mid", "old"}; !slices.Equal(got, want) {
		t.Errorf("Referrers[new-start] = %q, want %q", got, want)
	}
	if _, ok := tl.Referrers["unknown"]; ok {
		t.Error("Referrers holds an unknown treaty")
	}
}

func TestBuildErasAndLifespans(t *testing.T) {
	paused := suspendedByAll()
	tl := Build(site([]*content.Treaty{newStart(), sortTreaty(), paused, treaty("draft")}), d("2026-11-27"))

	var eras []string
	for _, e := range tl.Eras {
		eras = append(eras, fmt.Sprintf("%s %s..%s", e.Treaty.ID, e.Start, e.End))
	}
	if want := []string{"new-start 2011-02-05..2026-02-05", "pause 2015-01-01..", "sort 2003-06-01..2011-02-05"}; !slices.Equal(eras, want) {
		t.Errorf("Eras = %q, want %q", eras, want)
	}

	spans := map[string]Lifespan{}
	var ids []string
	for _, l := range tl.Lifespans {
		spans[l.Treaty.ID] = l
		ids = append(ids, l.Treaty.ID)
	}
	if want := []string{"draft", "new-start", "pause", "sort"}; !slices.Equal(ids, want) {
		t.Errorf("Lifespans of %q, want %q", ids, want)
	}
	tests := []struct {
		id                   string
		inForce, suspensions []Period
		signed, end          string
	}{
		{id: "draft"},
		{id: "new-start", signed: "2010-04-08", end: "2026-02-05",
			inForce:     []Period{{Start: d("2011-02-05"), End: d("2026-02-05")}},
			suspensions: []Period{{Start: d("2023-02-21"), End: d("2026-02-05"), Party: "Russia"}}},
		{id: "pause", signed: "2014-01-01",
			inForce:     []Period{{Start: d("2015-01-01"), End: d("2020-03-03")}, {Start: d("2021-01-15")}},
			suspensions: []Period{{Start: d("2020-03-03"), End: d("2021-01-15")}}},
		{id: "sort", signed: "2002-05-24", end: "2011-02-05",
			inForce: []Period{{Start: d("2003-06-01"), End: d("2011-02-05")}}},
	}
	for _, tt := range tests {
		l := spans[tt.id]
		if l.Signed.String() != tt.signed || l.End.String() != tt.end ||
			!reflect.DeepEqual(l.InForce, tt.inForce) || !reflect.DeepEqual(l.Suspensions, tt.suspensions) {
			t.Errorf("Lifespan of %s = signed %s, in force %+v, suspended %+v, end %s; want signed %s, in force %+v, suspended %+v, end %s",
				tt.id, l.Signed, l.InForce, l.Suspensions, l.End, tt.signed, tt.inForce, tt.suspensions, tt.end)
		}
		if !reflect.DeepEqual(l.Status, tl.Status[tt.id]) {
			t.Errorf("Lifespan of %s has status %+v, want %+v", tt.id, l.Status, tl.Status[tt.id])
		}
	}
}

func TestBuildSuspendedUntilTheEnd(t *testing.T) {
	tr := treaty("halt",
		&content.Event{Date: d("2000-01-01"), Kind: content.InForce},
		&content.Event{Date: d("2005-01-01"), Kind: content.Suspended},
		&content.Event{Date: d("2008-01-01"), Kind: content.Terminated})
	l := Build(site([]*content.Treaty{tr}), d("2010-01-01")).Lifespans[0]
	wantIn := []Period{{Start: d("2000-01-01"), End: d("2005-01-01")}}
	wantOff := []Period{{Start: d("2005-01-01"), End: d("2008-01-01")}}
	if !reflect.DeepEqual(l.InForce, wantIn) || !reflect.DeepEqual(l.Suspensions, wantOff) {
		t.Errorf("Lifespan of halt = in force %+v, suspended %+v; want %+v, %+v", l.InForce, l.Suspensions, wantIn, wantOff)
	}
}

func TestYearPageCountsPlacesInTheYear(t *testing.T) {
	var articles []*content.Article
	for i := range 5 {
		articles = append(articles, &content.Article{Slug: fmt.Sprintf("a%d", i), Title: "A", Date: d(fmt.Sprintf("2021-0%d-01", i+1))})
	}
	articles = append(articles, &content.Article{Slug: "other-year", Title: "B", Date: d("2020-06-01")})
	tl := Build(site(nil, articles...), d("2026-01-01"))
	stranger := &Entry{Kind: ArticleEntry, Date: d("2021-01-01"), ID: "e-none"}
	tests := []struct {
		name  string
		entry *Entry
		per   int
		want  int
	}{
		{"first entry of a year", tl.ByArticle["a0"][0], 2, 1},
		{"last on the first page", tl.ByArticle["a1"][0], 2, 1},
		{"first on the second page", tl.ByArticle["a2"][0], 2, 2},
		{"alone on the last page", tl.ByArticle["a4"][0], 2, 3},
		{"counted within its own year", tl.ByArticle["other-year"][0], 2, 1},
		{"one page when per exceeds the year", tl.ByArticle["a4"][0], 100, 1},
		{"an entry not in the timeline", stranger, 2, 0},
	}
	for _, tt := range tests {
		if got := tl.YearPage(tt.entry, tt.per); got != tt.want {
			t.Errorf("%s: YearPage = %d, want %d", tt.name, got, tt.want)
		}
	}
}
