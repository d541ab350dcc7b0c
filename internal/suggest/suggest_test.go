package suggest

import (
	"slices"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/date"
)

// testTreaties mirror the sample site's treaty records, with "INF" added
// as an alias to test a short name in capitals.
var testTreaties = []Treaty{
	{ID: "abm", Title: "ABM Treaty", Aliases: []string{"Anti-Ballistic Missile Treaty"}},
	{ID: "cfe", Title: "CFE Treaty", Aliases: []string{"Conventional Armed Forces in Europe Treaty"}},
	{ID: "ctbt", Title: "CTBT", Aliases: []string{"Comprehensive Test Ban Treaty"}},
	{ID: "cwc", Title: "Chemical Weapons Convention", Aliases: []string{"CWC"}},
	{ID: "inf", Title: "INF Treaty", Aliases: []string{"Intermediate-Range Nuclear Forces Treaty", "INF"}},
	{ID: "jcpoa", Title: "JCPOA", Aliases: []string{"Iran nuclear deal"}},
	{ID: "new-start", Title: "New START", Aliases: []string{"New Strategic Arms Reduction Treaty", "Prague Treaty"}},
	{ID: "npt", Title: "NPT", Aliases: []string{"Non-Proliferation Treaty", "Nuclear Non-Proliferation Treaty"}},
	{ID: "open-skies", Title: "Open Skies Treaty"},
	{ID: "outer-space", Title: "Outer Space Treaty"},
	{ID: "ptbt", Title: "Limited Test Ban Treaty", Aliases: []string{"Partial Test Ban Treaty", "LTBT"}},
	{ID: "salt-i", Title: "SALT I", Aliases: []string{"SALT I Interim Agreement"}},
	{ID: "sort", Title: "SORT", Aliases: []string{"Moscow Treaty", "Strategic Offensive Reductions Treaty"}},
	{ID: "start-i", Title: "START I", Aliases: []string{"START", "Strategic Arms Reduction Treaty"}},
}

const frontMatter = "+++\ntitle = \"t\"\ndate = 2021-03-05\n+++\n"

// find runs Find on body as the body of an article dated 2021-03-05.
func find(body string) []Suggestion {
	src := []byte(frontMatter + body)
	return Find(src, len(frontMatter), date.MustParse("2021-03-05"), testTreaties)
}

func replacements(s []Suggestion) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.Original+" => "+x.Replacement)
	}
	return out
}

func TestFindsMentionsAndDates(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // "original => replacement"
	}{
		{"title", "The New START limits stay.",
			[]string{"New START => [[new-start|New START]]"}},
		{"longest name wins", "New START replaced START I.",
			[]string{"New START => [[new-start|New START]]", "START I => [[start-i|START I]]"}},
		{"alias", "The Moscow Treaty was short.",
			[]string{"Moscow Treaty => [[sort|Moscow Treaty]]"}},
		{"lower-case words match in any case", "The moscow treaty was short.",
			[]string{"moscow treaty => [[sort|moscow treaty]]"}},
		{"possessive", "The NPT's parties met.",
			[]string{"NPT => [[npt|NPT]]"}},
		{"name across a line break", "The Moscow\nTreaty was short.",
			[]string{"Moscow\nTreaty => [[sort|Moscow Treaty]]"}},
		{"inside emphasis", "It was *New START* again.",
			[]string{"New START => [[new-start|New START]]"}},
		{"table cell escapes the bar", "| a | b |\n|---|---|\n| SORT | x |\n",
			[]string{`SORT => [[sort\|SORT]]`}},
		{"day month year", "It happened on 3 February 2021.",
			[]string{"3 February 2021 => [3 February 2021]{date=2021-02-03}"}},
		{"month day comma year", "It happened on February 3, 2021.",
			[]string{"February 3, 2021 => [February 3, 2021]{date=2021-02-03}"}},
		{"month day year", "It happened on February 3 2021.",
			[]string{"February 3 2021 => [February 3 2021]{date=2021-02-03}"}},
		{"ordinals", "It happened on the 3rd February 2021 and February 4th, 2021.",
			[]string{"3rd February 2021 => [3rd February 2021]{date=2021-02-03}",
				"February 4th, 2021 => [February 4th, 2021]{date=2021-02-04}"}},
		{"month precision", "Talks began in March 2019.",
			[]string{"March 2019 => [March 2019]{date=2019-03}"}},
		{"year after in", "Signed in 1972.",
			[]string{"1972 => [1972]{date=1972}"}},
		{"year after since", "Since 2014 there were talks.",
			[]string{"2014 => [2014]{date=2014}"}},
		{"year after until", "Inspections went on until 2001.",
			[]string{"2001 => [2001]{date=2001}"}},
		{"until a full date", "It runs until February 5, 2026.",
			[]string{"February 5, 2026 => [February 5, 2026]{date=2026-02-05}"}},
		{"on a day and month resolves backwards", "Talks took place on 3 February.",
			[]string{"3 February => [3 February]{date=2021-02-03}"}},
		{"On at the start of a sentence", "On February 3 the talks ended.",
			[]string{"February 3 => [February 3]{date=2021-02-03}"}},
		{"a later day and month goes to the year before", "It was signed on 8 April.",
			[]string{"8 April => [8 April]{date=2020-04-08}"}},
		{"the article's own day counts as past", "It was signed on 5 March.",
			[]string{"5 March => [5 March]{date=2021-03-05}"}},
		{"until resolves forwards", "Talks go on until 8 April.",
			[]string{"8 April => [8 April]{date=2021-04-08}"}},
		{"by an earlier day goes to the next year", "It must end by 3 February.",
			[]string{"3 February => [3 February]{date=2022-02-03}"}},
		{"date across a line break", "It was extended on 3\nFebruary 2021.",
			[]string{"3\nFebruary 2021 => [3 February 2021]{date=2021-02-03}"}},
		{"treaty of the sentence", "New START was extended on 3 February 2021.",
			[]string{"New START => [[new-start|New START]]",
				"3 February 2021 => [3 February 2021]{date=2021-02-03 treaty=new-start}"}},
		{"treaty of the sentence from an existing link", "[[new-start]] was extended in 2021.",
			[]string{"2021 => [2021]{date=2021 treaty=new-start}"}},
		{"no treaty from another sentence", "New START matters. It was extended on 3 February 2021.",
			[]string{"New START => [[new-start|New START]]",
				"3 February 2021 => [3 February 2021]{date=2021-02-03}"}},
		{"initials do not end a sentence", "George W. Bush and the ABM Treaty parted in 2002.",
			[]string{"ABM Treaty => [[abm|ABM Treaty]]", "2002 => [2002]{date=2002 treaty=abm}"}},
		{"no treaty when two are named", "New START replaced the Moscow Treaty in 2011.",
			[]string{"New START => [[new-start|New START]]", "Moscow Treaty => [[sort|Moscow Treaty]]",
				"2011 => [2011]{date=2011}"}},
		{"no treaty named only after the date", "It ended in June 1991, a model for START I.",
			[]string{"June 1991 => [June 1991]{date=1991-06}", "START I => [[start-i|START I]]"}},
		{"a date other than the annotated one", "[The NPT was extended]{date=1995-05-11} in 1995, decades after its entry into force in 1970.",
			[]string{"1970 => [1970]{date=1970}"}},
		{"list item", "- SALT I froze launchers in 1972.\n",
			[]string{"SALT I => [[salt-i|SALT I]]", "1972 => [1972]{date=1972 treaty=salt-i}"}},
		{"footnote text", "Text[^n].\n\n[^n]: Signed in 1972.\n",
			[]string{"1972 => [1972]{date=1972}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := replacements(find(tt.body))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestLeavesAloneWhatIsNotPlainTextOrNotADate(t *testing.T) {
	tests := []struct{ name, body string }{
		{"code span", "Run `New START 3 February 2021` now."},
		{"code block", "```\nNew START in 1972\n```\n"},
		{"indented code", "    New START in 1972\n"},
		{"link text", "See [New START in 1972](https://example.org/)."},
		{"autolink", "See <https://example.org/NPT>."},
		{"bare url", "See https://example.org/NPT/in/1972 now."},
		{"treaty link", "See [[new-start|New START]] and [[NPT]]."},
		{"annotation", "[New START was extended on 3 February 2021]{date=2021-02-03 treaty=new-start}."},
		{"raw html", "Text <span title=\"NPT\">x</span> here."},
		{"html block", "<div>\nNew START in 1972\n</div>\n"},
		{"heading", "## New START in 1972\n"},
		{"image alt", "![New START in 1972](a.png)"},
		{"lower-case all-caps name", "We sort the list; inf is short for infinity."},
		{"all-caps name inside a longer word", "INFO about NPTs and SORTING."},
		{"hyphenated word", "A START-up and a pre-NPT world."},
		{"name followed by a Roman numeral", "START II never entered into force."},
		{"id form", "The new-start record and the start-i file."},
		{"number with a comma", "No more than 1,550 warheads."},
		{"resolution number", "Resolution 2231 was adopted."},
		{"bare year", "The year 1972 saw talks."},
		{"year after another word", "By 1996 and of 1972 and about 2002."},
		{"year out of range", "It lasted in 2231 cases."},
		{"decade", "Shut down in the mid-1970s and in 1970s style."},
		{"year range", "Talks in 1994-95 and in 1994–1996."},
		{"day range", "Talks on 3–5 February 2021."},
		{"day and month without a trigger word", "The 3 February meeting and February 3 talks."},
		{"month without a year", "Notice was given in December."},
		{"impossible day", "It ended on 31 April 2021 and on 30 February."},
		{"lower-case month", "It may 3 times fail."},
		{"relative dates", "The following year, last week and yesterday."},
		{"date already annotated in the sentence", "[The United States withdrew]{date=2018-05-08} in May 2018."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := find(tt.body); len(got) != 0 {
				t.Errorf("Find(%q) = %q, want nothing", tt.body, replacements(got))
			}
		})
	}
}

func TestOffsetsAreInTheWholeFile(t *testing.T) {
	src := frontMatter + "Intro.\n\nThe NPT entered into force in 1970.\n"
	got := find(strings.TrimPrefix(src, frontMatter))
	if len(got) != 2 {
		t.Fatalf("got %d suggestions, want 2: %q", len(got), replacements(got))
	}
	for _, s := range got {
		if src[s.Offset:s.End] != s.Original {
			t.Errorf("src[%d:%d] = %q, want Original %q", s.Offset, s.End, src[s.Offset:s.End], s.Original)
		}
	}
	if got[0].Offset > got[1].Offset {
		t.Errorf("offsets %d, %d: want sorted", got[0].Offset, got[1].Offset)
	}
}

func TestFrontMatterIsNotScanned(t *testing.T) {
	src := []byte("+++\ntitle = \"New START in 1972\"\n+++\nBody.\n")
	body := strings.Index(string(src), "Body")
	if got := Find(src, body, date.MustParse("2021-03-05"), testTreaties); len(got) != 0 {
		t.Errorf("Find = %q, want nothing from the front matter", replacements(got))
	}
}

func TestDayAndMonthNeedADayPreciseArticleDate(t *testing.T) {
	src := []byte("Talks took place on 3 February.")
	for _, d := range []date.Date{{}, date.MustParse("2021"), date.MustParse("2021-03")} {
		if got := Find(src, 0, d, testTreaties); len(got) != 0 {
			t.Errorf("Find with article date %q = %q, want nothing", d, replacements(got))
		}
	}
}

func TestMessages(t *testing.T) {
	got := find("New START was extended on 3 February 2021.")
	want := []string{
		`link "New START" to treaty new-start`,
		`annotate "3 February 2021" as date=2021-02-03 treaty=new-start`,
	}
	var msgs []string
	for _, s := range got {
		msgs = append(msgs, s.Message)
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("messages = %q, want %q", msgs, want)
	}
}

func TestFirstMentionsKeepsDatesAndTheFirstLinkPerTreaty(t *testing.T) {
	got := replacements(FirstMentions(find("New START and New START in 2010. Then the NPT and New START.")))
	want := []string{
		"New START => [[new-start|New START]]",
		"2010 => [2010]{date=2010 treaty=new-start}",
		"NPT => [[npt|NPT]]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("FirstMentions\n got %q\nwant %q", got, want)
	}
}

func TestFirstMentionsSkipsTreatiesTheArticleLinks(t *testing.T) {
	s := find("The [[Non-Proliferation Treaty]] binds. The NPT's parties and New START met.")
	var linked []bool
	for _, x := range s {
		linked = append(linked, x.Linked)
	}
	if want := []bool{true, false}; !slices.Equal(linked, want) {
		t.Errorf("Linked = %v, want %v for %q", linked, want, replacements(s))
	}
	got := replacements(FirstMentions(s))
	if want := []string{"New START => [[new-start|New START]]"}; !slices.Equal(got, want) {
		t.Errorf("FirstMentions = %q, want %q", got, want)
	}
}

func TestApply(t *testing.T) {
	src := []byte("The NPT entered into force in 1970.")
	s := Find(src, 0, date.MustParse("2021-03-05"), testTreaties)
	tests := []struct {
		name string
		s    []Suggestion
		want string
	}{
		{"all", s, "The [[npt|NPT]] entered into force in [1970]{date=1970 treaty=npt}."},
		{"none", nil, string(src)},
		{"out of order", []Suggestion{s[1], s[0]}, "The [[npt|NPT]] entered into force in [1970]{date=1970 treaty=npt}."},
		{"overlap keeps the first", []Suggestion{s[0], {Offset: s[0].Offset, End: s[0].End + 4, Original: "NPT ente", Replacement: "X"}},
			"The [[npt|NPT]] entered into force in 1970."},
		{"stale original is skipped", []Suggestion{{Offset: 4, End: 7, Original: "ABM", Replacement: "X"}, s[1]},
			"The NPT entered into force in [1970]{date=1970 treaty=npt}."},
		{"out of bounds is skipped", []Suggestion{{Offset: 30, End: 99, Original: "x", Replacement: "X"}}, string(src)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Apply(src, tt.s)); got != tt.want {
				t.Errorf("Apply = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApplyOutputParsesWithoutNewSuggestions(t *testing.T) {
	src := []byte(frontMatter + "New START was extended on 3 February 2021 and the NPT in 1995.\n")
	d := date.MustParse("2021-03-05")
	out := Apply(src, Find(src, len(frontMatter), d, testTreaties))
	if again := Find(out, len(frontMatter), d, testTreaties); len(again) != 0 {
		t.Errorf("Find after Apply = %q, want nothing\n%s", replacements(again), out)
	}
}

func FuzzFind(f *testing.F) {
	f.Add([]byte(frontMatter+"New START was extended on 3 February 2021 and the [[NPT]] in 1995.\n"), len(frontMatter))
	f.Add([]byte("| SORT | on 5 March |\n|---|---|\n| `INF` | [x]{date=2021} in May 2018 |\n"), 0)
	f.Add([]byte("> START I\n> in\n> 1994. U.S. and W. Bush on 31 April."), 2)
	f.Fuzz(func(t *testing.T, src []byte, bodyOffset int) {
		got := Find(src, bodyOffset, date.MustParse("2021-03-05"), testTreaties)
		for i, s := range got {
			if s.Offset < bodyOffset || s.End > len(src) || string(src[s.Offset:s.End]) != s.Original {
				t.Fatalf("suggestion %d at [%d:%d] does not match the source (body from %d): %+v", i, s.Offset, s.End, bodyOffset, s)
			}
			if i > 0 && got[i-1].Offset > s.Offset {
				t.Fatalf("suggestions not sorted: %d after %d", s.Offset, got[i-1].Offset)
			}
		}
		_ = Apply(src, got)
	})
}
