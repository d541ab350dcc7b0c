package render

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/timeline"
)

// manyTreaties is a site of n treaties, signed a month apart from 1950;
// every third one has ended, every fifth was suspended by all its parties
// and resumed, and every seventh suspended by one party.
func manyTreaties(n int) (*content.Site, *timeline.Timeline) {
	var ts []*content.Treaty
	for i := range n {
		id := fmt.Sprintf("treaty-%03d", i)
		signed := date.New(1950+i/12, time.Month(i%12+1), 10)
		inForce := date.New(signed.Year()+1, signed.Month(), 10)
		t := &content.Treaty{ID: id, Title: fmt.Sprintf("Treaty %03d", i), Parties: []string{"Aland", "Borduria"}}
		t.Events = []*content.Event{
			{Date: signed, Kind: content.Signed, Treaty: id},
			{Date: inForce, Kind: content.InForce, Treaty: id},
		}
		if i%5 == 0 {
			t.Events = append(t.Events,
				&content.Event{Date: date.New(inForce.Year()+2, 1, 1), Kind: content.Suspended, Treaty: id},
				&content.Event{Date: date.New(inForce.Year()+3, 1, 1), Kind: content.Resumed, Treaty: id})
		}
		if i%7 == 0 {
			t.Events = append(t.Events, &content.Event{Date: date.New(inForce.Year()+4, 1, 1), Kind: content.Suspended, Party: "Borduria", Treaty: id})
		}
		if i%3 == 0 {
			t.Events = append(t.Events, &content.Event{Date: date.New(inForce.Year()+5, 6, 1), Kind: content.Terminated, Treaty: id})
		}
		ts = append(ts, t)
	}
	site := content.NewSite(baseConfig(), ts, nil)
	return site, timeline.Build(site, date.New(2026, 11, 27))
}

// renderSite renders every page of site into a map from path to bytes.
func renderSite(t *testing.T, site *content.Site, tl *timeline.Timeline) map[string][]byte {
	t.Helper()
	theme, err := LoadTheme(Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, p := range Pages(site, tl, theme, ListOptions{}) {
		var b bytes.Buffer
		if err := p.Render(&b); err != nil {
			t.Fatalf("rendering %s: %v", p.Path, err)
		}
		files[p.Path] = b.Bytes()
	}
	return files
}

// chartNames lists the treaty names of the chart rows of a page, in order.
func chartNames(page []byte) []string {
	var names []string
	for _, m := range chartNameRE.FindAllSubmatch(page, -1) {
		names = append(names, string(m[1]))
	}
	return names
}

var chartNameRE = regexp.MustCompile(`<text class="name" [^>]*>([^<]*)</text>`)

func TestChartRowsWithManyTreaties(t *testing.T) {
	site, tl := manyTreaties(300)
	files := renderSite(t, site, tl)
	tests := []struct {
		page     string
		rows     int
		want     []string
		not      []string
		firstRow string
	}{
		{"timeline/chart/index.html", 300,
			[]string{`<desc id="chart-desc">Lifespans of 300 treaties, 1950 to 2026`, "300 treaties in order of signature"},
			[]string{"All 300 lifespans"}, "Treaty 000"},
		{"index.html", homeChartRows,
			[]string{`<a href="timeline/chart/index.html">All 300 lifespans</a>`, "The 40 treaties in force or ended most recently, of 300"},
			[]string{"The lifespan chart on its own page"}, ""},
	}
	for _, tt := range tests {
		page := files[tt.page]
		names := chartNames(page)
		if len(names) != tt.rows {
			t.Errorf("%s: %d chart rows, want %d", tt.page, len(names), tt.rows)
		}
		if got := bytes.Count(page, []byte(`<g class="row">`)); got != tt.rows {
			t.Errorf("%s: %d row groups, want %d", tt.page, got, tt.rows)
		}
		if !slices.IsSorted(names) {
			t.Errorf("%s: rows not in order of signature: %q", tt.page, names)
		}
		if tt.firstRow != "" && (len(names) == 0 || names[0] != tt.firstRow) {
			t.Errorf("%s: first row %q, want %q", tt.page, names[:min(1, len(names))], tt.firstRow)
		}
		for _, want := range tt.want {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s: no %s", tt.page, want)
			}
		}
		for _, not := range tt.not {
			if bytes.Contains(page, []byte(not)) {
				t.Errorf("%s: has %s, want none", tt.page, not)
			}
		}
	}
	// The capped chart keeps the treaties still in force: none of the
	// terminated ones (every third) among the latest signed.
	for _, name := range chartNames(files["index.html"]) {
		i, _ := strconv.Atoi(strings.TrimPrefix(name, "Treaty "))
		if i%3 == 0 && i < 260 {
			t.Errorf("index.html: the capped chart shows %s, which ended long ago", name)
		}
	}
}

func TestChartWithFewTreatiesLinksItsOwnPage(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	home := string(files["index.html"])
	if names := chartNames(files["index.html"]); !slices.Equal(names, []string{"SORT", "New START"}) {
		t.Errorf("index.html: chart rows %q, want SORT, then New START, by signature", names)
	}
	for _, want := range []string{`<a href="timeline/chart/index.html">The lifespan chart on its own page</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("index.html: no %s", want)
		}
	}
	if got := string(files["timeline/index.html"]); !strings.Contains(got, `href="../timeline/chart/index.html"`) {
		t.Errorf("timeline/index.html does not link the chart page")
	}
}

func TestChartHatchesSuspensions(t *testing.T) {
	site, tl := manyTreaties(6)
	files := renderSite(t, site, tl)
	tests := []struct {
		page string
		want []string
	}{
		{"timeline/chart/index.html", []string{
			`<pattern id="hatch"`,
			`<rect class="bar suspended" fill="url(#hatch)"`,
			`<title>Treaty 000 suspended from 1 January 1953 to 1 January 1954</title>`,
			`<rect class="bar party-suspended" fill="url(#hatch)"`,
			`<title>Treaty 000 suspended by Borduria from 1 January 1955 to 1 June 1956</title>`,
			"suspended by all parties</li>", "suspended by one party</li>",
		}},
		{"treaties/treaty-005/index.html", []string{`<pattern id="hatch"`, `<rect class="bar suspended" fill="url(#hatch)"`}},
	}
	for _, tt := range tests {
		got := string(files[tt.page])
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %s", tt.page, want)
			}
		}
	}
	if got := string(files["treaties/treaty-001/index.html"]); strings.Contains(got, `<rect class="bar suspended" fill="url(#hatch)" x=`) {
		t.Errorf("treaties/treaty-001/index.html: a suspension bar for a treaty never suspended")
	}
}

func TestTreatyPageChartLabelsEvents(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	tests := []struct {
		page      string
		want, not []string
	}{
		{"treaties/new-start/index.html", []string{
			`<h2 id="s-lifespan">Lifespan</h2>`,
			`<title id="chart-title">Lifespan of New START</title>`,
			`<desc id="chart-desc">The lifespan of New START, 2010 to 2026, as of 1 June 2024, with its 5 events labelled`,
			`text-anchor="start">signed</text>`, `>entered into force</text>`, `>extended</text>`,
			`>suspended by Russia</text>`, `>due to expire</text>`,
			`<polygon class="mark kind-expired future"`,
			`<title>New START: signed, 8 April 2010</title>`,
			`<rect class="bar party-suspended" fill="url(#hatch)"`,
		}, []string{`class="name"`}},
		{"treaties/evil/index.html", []string{`>negotiations</text>`}, []string{`<rect class="bar in-force" x=`, `<rect class="bar pending" x=`}},
	}
	for _, tt := range tests {
		got := string(files[tt.page])
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %s", tt.page, want)
			}
		}
		for _, not := range tt.not {
			if strings.Contains(got, not) {
				t.Errorf("%s: has %s, want none", tt.page, not)
			}
		}
	}
}

func TestPlaceLabelsNeitherOverlapNorCross(t *testing.T) {
	tests := []struct {
		name  string
		xs    []float64
		texts []string
		lanes []int
	}{
		{"apart", []float64{20, 400}, []string{"signed", "expired"}, []int{0, 0}},
		{"close", []float64{20, 40}, []string{"signed", "entered into force"}, []int{1, 0}},
		{"a long label spans two events", []float64{20, 60, 100}, []string{"a very long label indeed", "b", "c"}, []int{1, 0, 0}},
		{"at the right edge", []float64{700, 785}, []string{"suspended", "expired"}, []int{1, 0}},
	}
	for _, tt := range tests {
		labels, lanes, n := placeLabels(tt.xs, tt.texts)
		if !slices.Equal(lanes, tt.lanes) {
			t.Errorf("%s: placeLabels(%v, %q) lanes = %v, want %v", tt.name, tt.xs, tt.texts, lanes, tt.lanes)
		}
		if want := slices.Max(tt.lanes) + 1; n != want {
			t.Errorf("%s: %d lanes, want %d", tt.name, n, want)
		}
		for i, lb := range labels {
			x, _ := strconv.ParseFloat(lb.X, 64)
			if lb.Anchor == "end" && x > chartWidth || lb.Anchor == "start" && x+float64(len(lb.Text)*charWidth) > chartWidth {
				t.Errorf("%s: label %q at %s (%s) runs off the chart", tt.name, lb.Text, lb.X, lb.Anchor)
			}
			if lb.Text != tt.texts[i] {
				t.Errorf("%s: label %d is %q, want %q", tt.name, i, lb.Text, tt.texts[i])
			}
		}
	}
}

func TestStatusSaysHowLongAgo(t *testing.T) {
	files, _ := build(t, baseConfig(), Options{})
	tests := []struct{ page, want string }{
		{"treaties/sort/index.html", "Superseded on 5 February 2011 by New START (13 years ago)"},
		{"index.html", `<span class="status-text">Superseded on 5 February 2011 by New START (13 years ago)</span>`},
		{"treaties/index.html", "Superseded on 5 February 2011 by New START (13 years ago)</td>"},
		{"index.html", `<span class="status-text">In force — expires on 5 February 2026 (in 1 year); suspended by Russia since 21 February 2023</span>`},
	}
	for _, tt := range tests {
		if got := string(files[tt.page]); !strings.Contains(got, tt.want) {
			t.Errorf("%s: no %s", tt.page, tt.want)
		}
	}
}
