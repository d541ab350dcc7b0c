package markdown

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/*.txtar")

// testResolver knows two treaties, by id and by title, in any case.
type testResolver struct{}

var testTreaties = map[string]string{
	"new-start": "new-start",
	"new start": "new-start",
	"jcpoa":     "jcpoa",
}

func (testResolver) TreatyHref(target string) (string, bool) {
	id, ok := testTreaties[strings.ToLower(target)]
	return "../../treaties/" + id + "/index.html", ok
}

func (testResolver) AnnotationLink(a *Annotation) (href, id string) {
	date, _ := a.Get("date")
	return "../../timeline/index.html#" + date, fmt.Sprintf("annotation-%d", a.Index)
}

// archive is a txtar archive: a comment, then files.
type archive struct {
	comment string
	names   []string
	files   map[string]string
}

func parseArchive(data string) archive {
	a := archive{files: map[string]string{}}
	name := ""
	var body strings.Builder
	flush := func() {
		if name == "" {
			a.comment = body.String()
		} else {
			a.names = append(a.names, name)
			a.files[name] = body.String()
		}
		body.Reset()
	}
	for line := range strings.SplitAfterSeq(data, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		body.WriteString(line)
	}
	flush()
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, name := range a.names {
		fmt.Fprintf(&b, "-- %s --\n", name)
		b.WriteString(a.files[name])
	}
	return b.String()
}

// refs lists what Parse recorded, one line per treaty link or annotation.
func refs(doc *Doc) string {
	var b strings.Builder
	for _, l := range doc.Links {
		fmt.Fprintf(&b, "link %d %q %q\n", l.Offset, l.Target, l.Text)
	}
	for _, a := range doc.Annotations {
		fmt.Fprintf(&b, "annotation %d #%d %q", a.Offset, a.Index, a.Text)
		for _, at := range a.Attrs {
			fmt.Fprintf(&b, " %s@%d=%q", at.Key, at.Offset, at.Value)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestCases runs testdata/*.txtar: in.md renders to out.html with a
// resolver and to plain.html (when present) without one; refs (when
// present) lists what Parse recorded; a file named unsafe turns on
// Options.UnsafeHTML.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			in, ok := a.files["in.md"]
			if !ok {
				t.Fatalf("%s has no in.md", path)
			}
			_, unsafe := a.files["unsafe"]
			m := New(Options{UnsafeHTML: unsafe})
			doc := m.Parse([]byte(in))
			got := map[string]string{"refs": refs(doc)}
			var out, plain bytes.Buffer
			if err := m.Render(&out, doc, testResolver{}); err != nil {
				t.Fatalf("Render: %v", err)
			}
			if err := m.Render(&plain, doc, nil); err != nil {
				t.Fatalf("Render without resolver: %v", err)
			}
			got["out.html"], got["plain.html"] = out.String(), plain.String()

			changed := false
			for _, name := range []string{"out.html", "plain.html", "refs"} {
				want, present := a.files[name]
				if !present && name != "out.html" {
					continue
				}
				if got[name] == want {
					continue
				}
				if *update {
					if !present {
						a.names = append(a.names, name)
					}
					a.files[name] = got[name]
					changed = true
					continue
				}
				t.Errorf("%s\ninput:\n%s\n%s: got\n%s\nwant\n%s\nfirst difference: %s",
					strings.TrimSpace(a.comment), in, name, got[name], want, firstDiff(got[name], want))
			}
			if changed {
				if err := os.WriteFile(path, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, gl, wl)
		}
	}
	return "none"
}

func TestConcurrentParseAndRender(t *testing.T) {
	m := New(Options{})
	src := []byte("See [[new-start|the treaty]] and [*it* entered into force]{date=2011-02-05 treaty=new-start}.\n\n| a | b |\n|---|---|\n| [[jcpoa]] | [x]{date=2015} |\n\nA note.[^1]\n\n[^1]: With [[new start]].\n")
	var want bytes.Buffer
	if err := m.Render(&want, m.Parse(src), testResolver{}); err != nil {
		t.Fatal(err)
	}
	shared := m.Parse(src)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 20 {
				for _, doc := range []*Doc{m.Parse(src), shared} {
					var got bytes.Buffer
					if err := m.Render(&got, doc, testResolver{}); err != nil {
						t.Error(err)
						return
					}
					if got.String() != want.String() {
						t.Errorf("concurrent Render = %q, want %q", got.String(), want.String())
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func TestInline(t *testing.T) {
	m := New(Options{})
	tests := []struct {
		name, src, want string
	}{
		{"paragraph loses its p", "Caps warheads at *1,550*.", "Caps warheads at <em>1,550</em>."},
		{"treaty link resolves", "Replaced by [[new-start]].", `Replaced by <a class="treaty-link" href="../../treaties/new-start/index.html">new-start</a>.`},
		{"two paragraphs stay blocks", "One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>\n"},
		{"empty stays empty", "", ""},
		{"html is escaped", "a < b & c", "a &lt; b &amp; c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.Inline(tt.src, testResolver{})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Inline(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestInlineAgainFollowsTheResolver renders fields a second time with
// another resolver, as a field shown on pages in different folders is: a
// field with a treaty link takes the second resolver's href, one without
// renders as before.
func TestInlineAgainFollowsTheResolver(t *testing.T) {
	m := New(Options{})
	for _, tt := range []struct{ src, first, again string }{
		{"Replaced by [[new-start]].",
			`Replaced by <a class="treaty-link" href="../../treaties/new-start/index.html">new-start</a>.`,
			`Replaced by <a class="treaty-link" href="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">new-start</a>.`},
		{"Caps *1,550*.", "Caps <em>1,550</em>.", "Caps <em>1,550</em>."},
	} {
		for i, r := range []Resolver{testResolver{}, hostileResolver{}} {
			got, err := m.Inline(tt.src, r)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{tt.first, tt.again}[i]; string(got) != want {
				t.Errorf("Inline(%q), rendering %d = %q, want %q", tt.src, i+1, got, want)
			}
		}
	}
}

// hostileResolver returns hrefs and ids that would break out of their
// attributes if they were not escaped.
type hostileResolver struct{}

func (hostileResolver) TreatyHref(string) (string, bool) { return `"><script>x</script>`, true }
func (hostileResolver) AnnotationLink(*Annotation) (string, string) {
	return `" onclick="x`, `"><b>`
}

func TestResolverOutputIsEscaped(t *testing.T) {
	m := New(Options{})
	var b bytes.Buffer
	if err := m.Render(&b, m.Parse([]byte("[[a<b>]] [t]{date=2021}")), hostileResolver{}); err != nil {
		t.Fatal(err)
	}
	want := `<p><a class="treaty-link" href="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">a&lt;b&gt;</a> ` +
		`<a class="annotation" id="&quot;&gt;&lt;b&gt;" href="&quot; onclick=&quot;x"><time datetime="2021">t</time></a></p>` + "\n"
	if got := b.String(); got != want {
		t.Errorf("Render = %q, want %q", got, want)
	}
}

func TestDangerousURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"javascript:alert(1)", true},
		{"JavaScript:alert(1)", true},
		{"  \x01javascript:alert(1)", true},
		{"java\tscript:alert(1)", true},
		{"java&#x73;cript:alert(1)", true},
		{`javascript\:alert(1)`, true},
		{"vbscript:msgbox", true},
		{"data:text/html,<script>", true},
		{"DATA:image/svg+xml,<svg>", true},
		{"data:image/png;base64,AAAA", false},
		{"data:image/webp;base64,AAAA", false},
		{"https://example.org/javascript:", false},
		{"../treaties/new-start/index.html", false},
		{"mailto:a@example.org", false},
	}
	for _, tt := range tests {
		if got := dangerousURL([]byte(tt.url)); got != tt.want {
			t.Errorf("dangerousURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestValidDate(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"1972", true},
		{"1972-05", true},
		{"1972-05-26", true},
		{"2024-02-29", true},
		{"2021-02-30", false},
		{"1972-13", false},
		{"72", false},
		{"1972-5-26", false},
		{"1972-05-26T10:00", false},
		{"", false},
		{`1972"><b>`, false},
	}
	for _, tt := range tests {
		if got := validDate(tt.s); got != tt.want {
			t.Errorf("validDate(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// checkSafeHTML reports the first element or attribute in out that could run
// script: a script element, an on... attribute, or a javascript:, vbscript:
// or non-image data: URL.
func checkSafeHTML(out []byte) error {
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" {
				return fmt.Errorf("script element")
			}
			for _, at := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(at.Key), "on") {
					return fmt.Errorf("event attribute %s=%q", at.Key, at.Val)
				}
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, at.Val))
				if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") ||
					strings.HasPrefix(v, "data:") && !strings.HasPrefix(v, "data:image/") {
					return fmt.Errorf("dangerous URL %s=%q", at.Key, at.Val)
				}
			}
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(parseArchive(string(data)).files["in.md"])
	}
	m := New(Options{})
	unsafe := New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src string) {
		doc := m.Parse([]byte(src))
		for _, l := range doc.Links {
			if l.Offset < 0 || l.Offset+1 >= len(src) || src[l.Offset:l.Offset+2] != "[[" {
				t.Errorf("treaty link offset %d does not point at [[ in %q", l.Offset, src)
			}
		}
		for _, a := range doc.Annotations {
			if a.Offset < 0 || a.Offset >= len(src) || src[a.Offset] != '[' {
				t.Errorf("annotation offset %d does not point at [ in %q", a.Offset, src)
			}
			for _, at := range a.Attrs {
				if at.Offset < 0 || !strings.HasPrefix(src[at.Offset:], at.Key+"=") {
					t.Errorf("attribute %q offset %d does not point at its key in %q", at.Key, at.Offset, src)
				}
			}
		}
		for _, r := range []Resolver{testResolver{}, nil} {
			var out bytes.Buffer
			if err := m.Render(&out, doc, r); err != nil {
				t.Fatalf("Render(%q): %v", src, err)
			}
			if utf8.ValidString(src) && !utf8.Valid(out.Bytes()) {
				t.Errorf("Render(%q) is not valid UTF-8: %q", src, out.Bytes())
			}
			if bytes.Contains(bytes.ToLower(out.Bytes()), []byte("<script")) {
				t.Errorf("Render(%q) has <script: %q", src, out.Bytes())
			}
			if err := checkSafeHTML(out.Bytes()); err != nil {
				t.Errorf("Render(%q): %v in %q", src, err, out.Bytes())
			}
		}
		if _, err := m.Inline(src, testResolver{}); err != nil {
			t.Errorf("Inline(%q): %v", src, err)
		}
		// Raw HTML may hold anything with UnsafeHTML; only panics count.
		if err := unsafe.Render(io.Discard, unsafe.Parse([]byte(src)), testResolver{}); err != nil {
			t.Errorf("Render(%q) with UnsafeHTML: %v", src, err)
		}
	})
}

func TestAnnotationNestingIsCapped(t *testing.T) {
	depth := maxAnnotationDepth + 4
	src := strings.Repeat("[a ", depth) + strings.Repeat("]{date=2021}", depth)
	doc := New(Options{}).Parse([]byte(src))
	if got := len(doc.Annotations); got != maxAnnotationDepth {
		t.Fatalf("%d nested annotations gave %d, want the outermost %d", depth, got, maxAnnotationDepth)
	}
	if got, want := doc.Annotations[maxAnnotationDepth-1].Offset, 3*(maxAnnotationDepth-1); got != want {
		t.Errorf("innermost annotation at offset %d, want %d", got, want)
	}
}

func TestSumsOnlyWhenAsked(t *testing.T) {
	src := []byte("Some *text*.\n")
	if got := New(Options{Sums: true}).Parse(src).Sum; got != sha256.Sum256(src) {
		t.Errorf("with Sums, Sum = %x, want the SHA-256 of the source", got)
	}
	if got := New(Options{}).Parse(src).Sum; got != [sha256.Size]byte{} {
		t.Errorf("without Sums, Sum = %x, want zero", got)
	}
}
