// Package sitegen writes synthetic treatyline sites for benchmarks and scale
// tests: deterministic from a seed, with articles of 600 to 1,500 words of
// varied Markdown, treaty links and dated annotations, and treaties with
// realistic lifecycles, tags and parties.
package sitegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Version changes whenever the same options give different bytes, so that
// sites generated once and kept are generated again.
const Version = 2

// Options size a generated site.
type Options struct {
	Seed     uint64
	Articles int
	Treaties int
}

// Write generates the site into dir (created if needed): config.toml,
// content/treaties and content/articles. The same options give the same
// bytes.
func Write(dir string, opts Options) error {
	g := newGenerator(opts)
	if err := writeFile(dir, "config.toml", g.config()); err != nil {
		return err
	}
	for i := range g.treaties {
		if err := writeFile(dir, "content/treaties/"+g.treaties[i].id+".toml", g.treaty(i)); err != nil {
			return err
		}
	}
	for i := range opts.Articles {
		rel, data := g.Article(i)
		if err := writeFile(dir, rel, data); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(dir, rel string, data []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// Generator makes the files of one synthetic site.
type Generator struct {
	opts     Options
	treaties []treatyPlan
}

// treatyPlan is what articles need to know of a generated treaty.
type treatyPlan struct {
	id, title string
	parties   []string
	signed    int // year
}

var countries = []string{
	"United States", "Russia", "China", "France", "United Kingdom", "Germany", "Japan", "India",
	"Pakistan", "Brazil", "South Africa", "Iran", "Turkey", "Canada", "Italy", "Spain",
	"Poland", "Ukraine", "Kazakhstan", "Belarus", "Norway", "Sweden", "Mexico", "Argentina",
	"Egypt", "Nigeria", "Indonesia", "Australia", "South Korea", "Netherlands",
}

var tags = []string{"nuclear", "strategic", "testing", "conventional", "missile-defence",
	"non-proliferation", "verification", "chemical", "biological", "space", "cyber", "diplomacy"}

var words = strings.Fields(`treaty delegation ministers verification warheads launchers inspection
protocol ratification parliament negotiators summit compliance arsenal missile reduction limits
agreement consultations statement ambassador framework deterrence stability dialogue talks
commission data exchange notification facility site deployment capability review conference
assurance withdrawal extension suspension obligations provisions annex article implementation
observers aircraft overflight sensors transparency confidence security region council session
resolution sanctions enrichment centrifuges safeguards agency report budget program timeline`)

// NewGenerator plans a site of opts' size.
func NewGenerator(opts Options) *Generator { return newGenerator(opts) }

func newGenerator(opts Options) *Generator {
	g := &Generator{opts: opts}
	r := rand.New(rand.NewPCG(opts.Seed, 1))
	for i := range opts.Treaties {
		n := 2 + r.IntN(4)
		if r.IntN(3) == 0 {
			n += r.IntN(20)
		}
		perm := r.Perm(len(countries))[:min(n, len(countries))]
		parties := make([]string, len(perm))
		for j, p := range perm {
			parties[j] = countries[p]
		}
		g.treaties = append(g.treaties, treatyPlan{
			id:      fmt.Sprintf("treaty-%03d", i),
			title:   fmt.Sprintf("Treaty %03d on %s", i, strings.ToUpper(words[i%len(words)][:1])+words[i%len(words)][1:]),
			parties: parties,
			signed:  1960 + r.IntN(60),
		})
	}
	return g
}

func (g *Generator) config() []byte {
	return []byte(`title = "Generated timeline"
base_url = "https://example.org/generated/"
as_of = 2026-11-27
paginate = 100
`)
}

func (g *Generator) treaty(i int) []byte {
	t := g.treaties[i]
	r := rand.New(rand.NewPCG(g.opts.Seed, uint64(1000+i)))
	var b strings.Builder
	fmt.Fprintf(&b, "title = %q\nparties = [%s]\n", t.title, quoteAll(t.parties))
	fmt.Fprintf(&b, "summary = \"A generated treaty about %s and %s.\"\n", pick(r, words), pick(r, words))
	fmt.Fprintf(&b, "tags = [%q, %q]\n", pick(r, tags), tags[i%len(tags)])
	year := t.signed
	inForce := year + 1 + r.IntN(3)
	term := 10 + r.IntN(20)
	fmt.Fprintf(&b, "expires = %d-%02d-%02d\n", inForce+term, 1+r.IntN(12), 1+r.IntN(28))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "\n[[events]]\ndate = \"%d-%02d\"\nkind = \"negotiations\"\n", year-2, 1+r.IntN(12))
	}
	fmt.Fprintf(&b, "\n[[events]]\ndate = %d-%02d-%02d\nkind = \"signed\"\nplace = %q\n", year, 1+r.IntN(12), 1+r.IntN(28), pick(r, countries))
	if r.IntN(5) == 0 {
		return []byte(b.String()) // signed, never in force
	}
	fmt.Fprintf(&b, "\n[[events]]\ndate = %d-%02d-%02d\nkind = \"in-force\"\n", inForce, 1+r.IntN(12), 1+r.IntN(28))
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "\n[[events]]\ndate = %d-%02d-%02d\nkind = \"extended\"\nuntil = %d-01-01\nnote = \"Extended by the parties.\"\n", inForce+term-1, 1+r.IntN(12), 1+r.IntN(28), inForce+term+10)
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "\n[[events]]\ndate = %d-%02d-%02d\nkind = \"suspended\"\nparty = %q\n", inForce+2+r.IntN(5), 1+r.IntN(12), 1+r.IntN(28), t.parties[0])
	}
	if r.IntN(6) == 0 {
		fmt.Fprintf(&b, "\n[[events]]\ndate = %d-%02d-%02d\nkind = \"withdrawn\"\nparty = %q\n", inForce+8+r.IntN(5), 1+r.IntN(12), 1+r.IntN(28), t.parties[len(t.parties)-1])
	}
	return []byte(b.String())
}

// Article returns the path and bytes of article i.
func (g *Generator) Article(i int) (string, []byte) {
	r := rand.New(rand.NewPCG(g.opts.Seed, uint64(1_000_000+i)))
	year := 1990 + r.IntN(36)
	month, day := 1+r.IntN(12), 1+r.IntN(28)
	slug := fmt.Sprintf("article-%06d", i)
	var refs []treatyPlan
	if len(g.treaties) > 0 {
		for range 1 + r.IntN(3) {
			refs = append(refs, g.treaties[r.IntN(len(g.treaties))])
		}
	}
	// A newsroom article carries 1 to 3 dated annotations and 2 to 6
	// treaty links, at distinct words among the first minWords, which every
	// article has.
	marks := map[int]byte{}
	if len(refs) > 0 {
		at := r.Perm(minWords)
		annotations, links := 1+r.IntN(3), 2+r.IntN(5)
		for _, w := range at[:annotations] {
			marks[w] = 'a'
		}
		for _, w := range at[annotations : annotations+links] {
			marks[w] = 'l'
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"%s %s: report %d\"\ndate = %d-%02d-%02d\n", capital(pick(r, words)), pick(r, words), i, year, month, day)
	fmt.Fprintf(&b, "summary = \"On %s and %s.\"\nauthor = \"Generated desk\"\n", pick(r, words), pick(r, words))
	fmt.Fprintf(&b, "tags = [%q, %q]\n", pick(r, tags), pick(r, tags))
	if len(refs) > 0 {
		fmt.Fprintf(&b, "treaties = [%q]\n", refs[0].id)
	}
	b.WriteString("+++\n\n")
	wordsLeft := minWords + r.IntN(900)
	body := paragraphs{refs: refs, marks: marks}
	for section := 0; wordsLeft > 0; section++ {
		if section > 0 {
			fmt.Fprintf(&b, "## %s %s\n\n", capital(pick(r, words)), pick(r, words))
		}
		for p := 0; p < 2+r.IntN(3) && wordsLeft > 0; p++ {
			wordsLeft -= body.write(&b, r)
		}
		switch r.IntN(5) {
		case 0:
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&b, "- %s %s **%s**\n", capital(pick(r, words)), pick(r, words), pick(r, words))
				wordsLeft -= 3
			}
			b.WriteByte('\n')
		case 1:
			b.WriteString("| Party | Warheads | Launchers |\n|---|---:|---:|\n")
			for range 3 {
				fmt.Fprintf(&b, "| %s | %d | %d |\n", pick(r, countries), r.IntN(2000), r.IntN(800))
			}
			b.WriteByte('\n')
			wordsLeft -= 12
		case 2:
			fmt.Fprintf(&b, "> %s %s %s, the statement said.\n\n", capital(pick(r, words)), pick(r, words), pick(r, words))
			wordsLeft -= 6
		}
	}
	return fmt.Sprintf("content/articles/%d/%s.md", year, slug), []byte(b.String())
}

// minWords is the fewest words an article body has.
const minWords = 600

// paragraphs writes the paragraphs of one article, numbering its words so
// that the article's annotations and treaty links land where marks says.
type paragraphs struct {
	refs  []treatyPlan
	marks map[int]byte // word number -> 'a' annotation, 'l' treaty link
	words int
}

// write writes one paragraph and returns its word count.
func (p *paragraphs) write(b *strings.Builder, r *rand.Rand) int {
	n := 40 + r.IntN(60)
	for w := range n {
		if w > 0 {
			b.WriteByte(' ')
		}
		mark := p.marks[p.words]
		p.words++
		switch x := r.IntN(60); {
		case mark == 'l':
			t := p.refs[r.IntN(len(p.refs))]
			fmt.Fprintf(b, "[[%s]]", t.id)
		case mark == 'a':
			t := p.refs[r.IntN(len(p.refs))]
			fmt.Fprintf(b, "[the %s met]{date=%d-%02d-%02d treaty=%s kind=other label=\"meeting\"}", pick(r, words), t.signed+r.IntN(30), 1+r.IntN(12), 1+r.IntN(28), t.id)
		case x == 2:
			fmt.Fprintf(b, "*%s*", pick(r, words))
		case x == 3:
			fmt.Fprintf(b, "[%s](https://example.org/%s)", pick(r, words), pick(r, words))
		case x == 4:
			fmt.Fprintf(b, "`%s`", pick(r, words))
		default:
			b.WriteString(pick(r, words))
		}
	}
	b.WriteString(".\n\n")
	return n
}

func pick(r *rand.Rand, from []string) string { return from[r.IntN(len(from))] }

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// TreatiesFor is the number of treaties that benchmarks pair with a site of
// n articles: 6 per 1,000 articles, and at least 20, as a newsroom covering
// arms control has them.
func TreatiesFor(n int) int { return max(20, n*6/1000) }
