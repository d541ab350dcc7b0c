package content

import (
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/diag"
	"github.com/treatyline/treatyline/internal/markdown"
)

// Config is a site's config.toml.
type Config struct {
	Title      string
	BaseURL    string // "" when not set; else absolute and ending in "/"
	Language   string // default "en"
	AsOf       date.Date
	OutputDir  string // relative to the site root; default "public"
	Paginate   int    // list items per page; default 100
	PrettyURLs bool
	FeedItems  int // articles in feed.xml; default 20
	UnsafeHTML bool
}

// PerPage is the number of items a page of a list holds: Paginate, or 100
// when it is not set.
func (c Config) PerPage() int {
	if c.Paginate > 0 {
		return c.Paginate
	}
	return 100
}

// Site is everything loaded from a site root.
type Site struct {
	Config   Config
	Treaties []*Treaty  // sorted by ID
	Articles []*Article // sorted by date, newest first, then by slug
	// Templates is true when the site root has its own templates/ folder.
	Templates bool

	byID   map[string]*Treaty
	byName map[string]*Treaty // lower-cased id, title and aliases
}

// Treaty returns the treaty with id, or nil.
func (s *Site) Treaty(id string) *Treaty { return s.byID[id] }

// Lookup finds a treaty by id, title or alias, ignoring case.
func (s *Site) Lookup(name string) *Treaty { return s.byName[lower(name)] }

// Kind is an event kind.
type Kind string

const (
	Negotiations Kind = "negotiations"
	Opened       Kind = "opened"
	Signed       Kind = "signed"
	Ratified     Kind = "ratified"
	InForce      Kind = "in-force"
	Extended     Kind = "extended"
	Suspended    Kind = "suspended"
	Resumed      Kind = "resumed"
	Withdrawn    Kind = "withdrawn"
	Terminated   Kind = "terminated"
	Expired      Kind = "expired"
	Superseded   Kind = "superseded"
	Other        Kind = "other"
)

// Kinds lists every event kind in lifecycle order.
var Kinds = []Kind{Negotiations, Opened, Signed, Ratified, InForce, Extended, Suspended, Resumed, Withdrawn, Terminated, Expired, Superseded, Other}

// Label returns the kind for readers: "in force", "opened for signature".
func (k Kind) Label() string {
	switch k {
	case Opened:
		return "opened for signature"
	case InForce:
		return "entered into force"
	}
	return string(k)
}

// Treaty is a treaty record, content/treaties/<id>.toml or <id>.md.
type Treaty struct {
	ID          string
	File        string // slash path from the site root
	Title       string
	FullTitle   string
	Aliases     []string
	Parties     []string
	Expires     date.Date     // zero when the record has none
	Summary     string        // Markdown, one paragraph
	Description *markdown.Doc // the body of an .md record, else nil
	Tags        []string
	Links       []Link
	Events      []*Event // as in the file
	Pos         diag.Pos // the file
}

// Link is an entry of a treaty's links.
type Link struct {
	Title string
	URL   string
}

// Event is a lifecycle event: of a treaty record, or reported by an article.
type Event struct {
	Date   date.Date
	Kind   Kind
	Party  string
	Place  string
	Note   string // Markdown
	Source string
	Label  string
	Until  date.Date // extended only; zero with UntilIndefinite or when absent
	// UntilIndefinite is true for until = "indefinite".
	UntilIndefinite bool
	By              string   // superseded: the successor treaty's id
	Treaty          string   // the treaty's id (for article events, the treaty key)
	Pos             diag.Pos // the event's table header
}

// Article is an annotated article, content/articles/**/*.md.
type Article struct {
	File      string
	Slug      string
	Title     string
	Date      date.Date
	Summary   string
	Author    string
	Source    string
	SourceURL string
	Treaties  []string // front matter treaties, as ids
	Tags      []string
	Draft     bool
	Events    []*Event // front matter events
	Body      *markdown.Doc
	// Annotations are the body's dated annotations, checked and resolved.
	Annotations []*Annotation
	// Refs are the ids of every treaty the article names, sorted.
	Refs []string
}

// Annotation is a dated annotation of an article body, checked.
type Annotation struct {
	Date   date.Date
	Treaty string // id, or ""
	Kind   Kind   // or ""
	Party  string
	Until  date.Date
	// UntilIndefinite is true for until=indefinite.
	UntilIndefinite bool
	Label           string
	Text            string
	Node            *markdown.Annotation
}

// NewSite returns a site of the given records, indexed for Treaty and
// Lookup. Treaties and articles are sorted as Site documents. Load uses it;
// so may tests that build a site by hand.
func NewSite(cfg Config, treaties []*Treaty, articles []*Article) *Site {
	s := &Site{Config: cfg, Treaties: treaties, Articles: articles,
		byID: map[string]*Treaty{}, byName: map[string]*Treaty{}}
	slices.SortFunc(s.Treaties, func(a, b *Treaty) int { return strings.Compare(a.ID, b.ID) })
	slices.SortStableFunc(s.Articles, func(a, b *Article) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	for _, t := range s.Treaties {
		s.byID[t.ID] = t
	}
	for _, t := range s.Treaties {
		for _, name := range append([]string{t.ID, t.Title}, t.Aliases...) {
			if _, taken := s.byName[lower(name)]; !taken {
				s.byName[lower(name)] = t
			}
		}
	}
	return s
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
