package suggest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/markdown"
)

// The articles in testdata/annotated carry every treaty link and dated
// annotation a careful editor would add: a link on the first mention of
// each known treaty, and an annotation on every date that marks a step in a
// known treaty's life (talks, signature, ratification, entry into force,
// deadlines, suspension, withdrawal, expiry), but not on dates of other
// events. The evaluation strips them back to plain text, runs the engine,
// and scores what it proposes against what the editor did.
const (
	minPrecision = 0.9
	minRecall    = 0.75
)

// gold is one hand-made annotation, located in the stripped text.
type gold struct {
	span
	kind   Kind
	treaty string
	date   date.Date
	text   string
}

func TestAgreesWithHandAnnotatedArticles(t *testing.T) {
	files, err := filepath.Glob("testdata/annotated/*.md")
	if err != nil || len(files) < 6 {
		t.Fatalf("want at least 6 annotated articles, got %d (%v)", len(files), err)
	}
	var proposed, expected, correct, exact, withTreaty, treatyRight int
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		bodyOffset, articleDate := splitFrontMatter(t, src)
		plain, golds := strip(t, src, bodyOffset)
		found := FirstMentions(Find(plain, bodyOffset, articleDate, testTreaties))
		proposed += len(found)
		expected += len(golds)
		used := make([]bool, len(golds))
		for _, s := range found {
			i := -1
			for j, g := range golds {
				if !used[j] && agrees(s, g) {
					i = j
					break
				}
			}
			if i < 0 {
				t.Logf("%s: proposed, not in the hand annotations: %s", filepath.Base(file), s.Message)
				continue
			}
			used[i] = true
			correct++
			if s.Kind == DateMention {
				if s.Date == golds[i].date {
					exact++
				}
				if s.Treaty != "" {
					withTreaty++
					if s.Treaty == golds[i].treaty {
						treatyRight++
					}
				}
			}
		}
		for i, g := range golds {
			if !used[i] {
				t.Logf("%s: missed %s %q (%s%s)", filepath.Base(file), g.kind, g.text, g.treaty, dateSuffix(g.date))
			}
		}
	}
	precision := float64(correct) / float64(proposed)
	recall := float64(correct) / float64(expected)
	t.Logf("%d articles: %d proposed, %d hand annotations, %d agree", len(files), proposed, expected, correct)
	t.Logf("precision %.2f, recall %.2f", precision, recall)
	t.Logf("dates with the editor's precision: %d; dates naming a treaty: %d, of which right: %d", exact, withTreaty, treatyRight)
	if precision < minPrecision {
		t.Errorf("precision = %.2f, want >= %.2f", precision, minPrecision)
	}
	if recall < minRecall {
		t.Errorf("recall = %.2f, want >= %.2f", recall, minRecall)
	}
}

func dateSuffix(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	return " " + d.String()
}

// agrees reports whether suggestion s makes the editor's annotation g: the
// same kind over overlapping text, naming the same treaty or a date whose
// span holds the editor's date. A coarser date ("November 1992" for
// 1992-11-09) agrees: the editor only has to add the day.
func agrees(s Suggestion, g gold) bool {
	if s.Kind != g.kind || s.End <= g.start || g.end <= s.Offset {
		return false
	}
	if s.Kind == TreatyMention {
		return s.Treaty == g.treaty
	}
	return !g.date.Before(s.Date.Start()) && g.date.Before(s.Date.End())
}

var frontMatterDate = regexp.MustCompile(`(?m)^date\s*=\s*(\d{4}-\d{2}-\d{2})\s*$`)

// splitFrontMatter returns the offset of the body after the +++ block and
// the article's date.
func splitFrontMatter(t *testing.T, src []byte) (int, date.Date) {
	t.Helper()
	end := bytes.Index(src, []byte("\n+++\n"))
	if !bytes.HasPrefix(src, []byte("+++\n")) || end < 0 {
		t.Fatalf("no +++ front matter")
	}
	m := frontMatterDate.FindSubmatch(src[:end])
	if m == nil {
		t.Fatalf("no date in the front matter")
	}
	return end + len("\n+++\n"), date.MustParse(string(m[1]))
}

// strip removes the treaty links and annotations of src's body, keeping
// their text, and returns the plain article with the removed annotations
// located in it.
func strip(t *testing.T, src []byte, bodyOffset int) ([]byte, []gold) {
	t.Helper()
	names := newNameIndex(testTreaties)
	doc := markdown.New(markdown.Options{}).Parse(src[bodyOffset:])
	type construct struct {
		start, end int // the whole construct in src
		text       []byte
		g          gold
	}
	var cs []construct
	for _, l := range doc.Links {
		start := bodyOffset + l.Offset
		end := start + bytes.Index(src[start:], []byte("]]")) + 2
		inner := src[start+2 : end-2]
		text := inner
		if i := bytes.IndexByte(inner, '|'); i >= 0 {
			text = inner[i+1:]
		}
		id := names.resolve(l.Target)
		if id == "" {
			t.Fatalf("link to unknown treaty %q", l.Target)
		}
		cs = append(cs, construct{start, end, text, gold{kind: TreatyMention, treaty: id}})
	}
	for _, a := range doc.Annotations {
		start := bodyOffset + a.Offset
		labelEnd, end := annotationEnds(src, start)
		iso, _ := a.Get("date")
		d, err := date.Parse(iso)
		if err != nil || labelEnd < 0 {
			t.Fatalf("bad annotation at %d: %v", start, err)
		}
		tr, _ := a.Get("treaty")
		cs = append(cs, construct{start, end, src[start+1 : labelEnd], gold{kind: DateMention, treaty: tr, date: d}})
	}
	slices.SortFunc(cs, func(a, b construct) int { return a.start - b.start })
	var plain []byte
	var golds []gold
	done := 0
	for _, c := range cs {
		plain = append(plain, src[done:c.start]...)
		c.g.span = span{len(plain), len(plain) + len(c.text)}
		c.g.text = string(c.text)
		plain = append(plain, c.text...)
		golds = append(golds, c.g)
		done = c.end
	}
	return append(plain, src[done:]...), golds
}

// annotationEnds returns the offsets of the "]" that closes the label of
// the annotation starting at src[start] and of the end of its "{...}".
func annotationEnds(src []byte, start int) (labelEnd, end int) {
	depth := 0
	for i := start; i < len(src); i++ {
		switch src[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				labelEnd = i
				quoted := false
				for j := i + 2; j < len(src); j++ {
					switch {
					case src[j] == '"':
						quoted = !quoted
					case src[j] == '}' && !quoted:
						return labelEnd, j + 1
					}
				}
				return -1, -1
			}
		}
	}
	return -1, -1
}

func TestStripKeepsTheTextOfAnnotations(t *testing.T) {
	src := []byte("+++\ndate = 2021-03-05\n+++\nThe [[new-start|treaty]] was [extended on 3 February]{date=2021-02-03 label=\"a }\"} and [[NPT]].\n")
	bodyOffset, _ := splitFrontMatter(t, src)
	plain, golds := strip(t, src, bodyOffset)
	want := "+++\ndate = 2021-03-05\n+++\nThe treaty was extended on 3 February and NPT.\n"
	if string(plain) != want {
		t.Errorf("plain = %q, want %q", plain, want)
	}
	var got []string
	for _, g := range golds {
		got = append(got, fmt.Sprintf("%s %s %q", g.kind, g.treaty, plain[g.start:g.end]))
	}
	wantGolds := []string{`treaty new-start "treaty"`, `date  "extended on 3 February"`, `treaty npt "NPT"`}
	if !slices.Equal(got, wantGolds) {
		t.Errorf("golds = %q, want %q", got, wantGolds)
	}
}
