package timeline

import (
	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
)

// StatusKind is a treaty's status as of a date; its string is the value of
// "status" in data/treaties.json.
type StatusKind string

const (
	NotSigned   StatusKind = "not-signed"
	Negotiating StatusKind = "negotiating"
	SignedOnly  StatusKind = "signed"
	InForce     StatusKind = "in-force"
	Suspended   StatusKind = "suspended"
	Expired     StatusKind = "expired"
	Terminated  StatusKind = "terminated"
	Superseded  StatusKind = "superseded"
)

// PartyDate is a party's act on a date: a suspension or a withdrawal.
type PartyDate struct {
	Party string    `json:"party"`
	Since date.Date `json:"since"`
}

// Status is a treaty's status as of a date (SPEC §5.4).
type Status struct {
	AsOf  date.Date
	Kind  StatusKind
	Since date.Date // zero for none
	// Expires is the effective expiry, zero when indefinite; for an ended
	// treaty, the expiry in effect when it ended.
	Expires      date.Date
	ExtendedOn   date.Date   // the extension that set Expires, or zero
	SuspendedBy  []PartyDate // party suspensions not resumed
	Withdrawn    []PartyDate // withdrawals by the as-of date
	SupersededBy string      // successor id, for Superseded
	// Text states the status in words with its dates, as the treaty page and
	// status_text in data/treaties.json do: "Expired on 5 February 2026".
	Text string
}

// Ended reports whether the status is final: expired, terminated or superseded.
func (s Status) Ended() bool {
	return s.Kind == Expired || s.Kind == Terminated || s.Kind == Superseded
}

// EntryKind tells timeline entries apart.
type EntryKind uint8

const (
	TreatyEvent   EntryKind = iota // an event of a treaty record
	Expiry                         // a treaty's effective expiry ("due to expire" while ahead)
	ReportedEvent                  // an article event or a dated annotation
	ArticleEntry                   // an article, at its date
)

// Entry is one item of the timeline.
type Entry struct {
	// ID is the entry's anchor: derived from its content, not its position,
	// so links to it survive edits elsewhere ("e-" and 10 hex digits).
	ID         string
	Kind       EntryKind
	Date       date.Date
	Event      *content.Event      // TreatyEvent, ReportedEvent from a front matter event
	Treaty     *content.Treaty     // nil for an article entry, or a report without a treaty
	Article    *content.Article    // ReportedEvent, ArticleEntry
	Annotation *content.Annotation // ReportedEvent from a dated annotation
	// Future is true for an Expiry after the as-of date: "due to expire".
	Future bool
	// inYear is the entry's index in its year's entries, for YearPage,
	// which every permalink to an entry asks.
	inYear int32
	// Successor is the treaty named by a superseded event's by, when the
	// site has it.
	Successor *content.Treaty
}

// EventKind returns the event kind the entry shows: the event's or the
// annotation's kind, content.Expired for an Expiry, "" otherwise.
func (e *Entry) EventKind() content.Kind {
	switch {
	case e.Event != nil:
		return e.Event.Kind
	case e.Annotation != nil:
		return e.Annotation.Kind
	case e.Kind == Expiry:
		return content.Expired
	}
	return ""
}

// Year groups the entries of one calendar year.
type Year struct {
	Year    int
	Entries []*Entry
}

// Era is a period in force of a treaty, for lifespan charts and TimelineJS.
type Era struct {
	Treaty *content.Treaty
	Start  date.Date
	End    date.Date // zero while still in force at the as-of date
}

// Period is a span of a treaty's life: a period in force or a suspension.
type Period struct {
	Start date.Date
	End   date.Date // zero while still open at the as-of date
	// Party is the suspending party of a party's suspension; "" for a period
	// in force and for a suspension by all parties.
	Party string
}

// Lifespan is a treaty's life as of a date, as a lifespan chart draws it.
type Lifespan struct {
	Treaty *content.Treaty
	Status Status
	Signed date.Date // the first signed or opened event, or zero
	// InForce lists the periods in force, split by all-party suspensions;
	// none for a treaty that never entered into force.
	InForce []Period
	// Suspensions lists the suspensions by all parties and by one party, by
	// start; one still open when the treaty ended ends with it.
	Suspensions []Period
	End         date.Date // the date the treaty ended, zero while it has not
}

// Timeline is the computed model of a site as of a date.
type Timeline struct {
	AsOf    date.Date
	Entries []*Entry          // sorted (SPEC §5.1)
	Years   []Year            // ascending
	Status  map[string]Status // by treaty id
	Eras    []Era             // by treaty id, then start
	// ByTreaty and ByArticle index Entries (same order) by treaty id and slug.
	ByTreaty  map[string][]*Entry
	ByArticle map[string][]*Entry
	// Referrers lists, by treaty id, the articles that reference the treaty,
	// newest first.
	Referrers map[string][]*content.Article
	// Lifespans holds every treaty's lifespan, by treaty id.
	Lifespans []Lifespan
}
