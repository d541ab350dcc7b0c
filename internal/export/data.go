package export

import (
	"io"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// The structs below fix the key order of the JSON files, which is part of
// the contract (SPEC §6). A *date.Date is null when absent; a date keeps its
// precision ("1972", "1972-05").

type treatyData struct {
	ID          string               `json:"id"`
	Title       string               `json:"title"`
	Parties     []string             `json:"parties"`
	Status      timeline.StatusKind  `json:"status"`
	StatusText  string               `json:"status_text"`
	Since       *date.Date           `json:"since"`
	Expires     *date.Date           `json:"expires"`
	SuspendedBy []timeline.PartyDate `json:"suspended_by"`
	Withdrawn   []withdrawal         `json:"withdrawn"`
	URL         string               `json:"url"`
	Events      []eventData          `json:"events"`
	Articles    []string             `json:"articles"`
}

type withdrawal struct {
	Party string    `json:"party"`
	Date  date.Date `json:"date"`
}

type eventData struct {
	Date  date.Date    `json:"date"`
	Kind  content.Kind `json:"kind"`
	Party *string      `json:"party"`
}

func optDate(d date.Date) *date.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// TreatiesJSON writes data/treaties.json: every treaty with its status as of
// the timeline's date, its record's events in timeline order and the URLs of
// the articles that reference it, newest first. Treaties are sorted by id,
// empty lists are [] rather than null, and text is plain, JSON-escaped only.
func TreatiesJSON(w io.Writer, site *content.Site, tl *timeline.Timeline, style link.Style) error {
	events := map[string][]eventData{}
	for _, e := range tl.Entries {
		if e.Kind == timeline.TreatyEvent && e.Treaty != nil && e.Event != nil {
			events[e.Treaty.ID] = append(events[e.Treaty.ID], eventData{
				Date: e.Date, Kind: e.Event.Kind, Party: optString(e.Event.Party),
			})
		}
	}
	o := newJSONObject(w)
	o.field("as_of", tl.AsOf)
	o.list("treaties")
	for _, t := range site.Treaties {
		st, ok := tl.Status[t.ID]
		if !ok {
			st = timeline.StatusOf(t, tl.AsOf)
		}
		d := treatyData{
			ID:          t.ID,
			Title:       t.Title,
			Parties:     append([]string{}, t.Parties...),
			Status:      st.Kind,
			StatusText:  st.Text,
			Since:       optDate(st.Since),
			Expires:     optDate(st.Expires),
			SuspendedBy: append([]timeline.PartyDate{}, st.SuspendedBy...),
			Withdrawn:   []withdrawal{},
			URL:         style.Page(link.Treaty(t.ID)),
			Events:      append([]eventData{}, events[t.ID]...),
			Articles:    []string{},
		}
		for _, p := range st.Withdrawn {
			d.Withdrawn = append(d.Withdrawn, withdrawal{Party: p.Party, Date: p.Since})
		}
		for _, a := range tl.Referrers[t.ID] {
			d.Articles = append(d.Articles, style.Page(link.Article(a.Slug)))
		}
		o.item(d)
	}
	o.endList()
	return o.close()
}

type entryData struct {
	ID        string    `json:"id"`
	Date      date.Date `json:"date"`
	Precision string    `json:"precision"`
	Kind      string    `json:"kind"`
	Reported  bool      `json:"reported"`
	Title     string    `json:"title"`
	Treaty    *string   `json:"treaty"`
	Article   *string   `json:"article"`
	URL       string    `json:"url"`
}

func (d entryData) appendJSON(j *jsonOut) {
	j.begin()
	j.str("id", d.ID)
	j.str("date", d.Date.String())
	j.str("precision", d.Precision)
	j.str("kind", d.Kind)
	j.boolean("reported", d.Reported)
	j.str("title", d.Title)
	j.strPtr("treaty", d.Treaty)
	j.strPtr("article", d.Article)
	j.str("url", d.URL)
	j.end()
}

// Kinds of data/timeline.json entries that are not event kinds.
const (
	kindExpiry  = "expiry"
	kindArticle = "article"
	kindReport  = "report" // a dated annotation that names no kind
)

// TimelineData writes data/timeline.json: every timeline entry in timeline
// order with its anchor id, its date and precision, its kind (the event kind,
// or "expiry", "article", or "report" for an annotation without a kind),
// whether an article reports it, its plain-text title, its treaty's id, the
// URL of its article (at the annotation, for one) and the URL of its place on
// the timeline. Absent treaties and articles are null.
func TimelineData(w io.Writer, site *content.Site, tl *timeline.Timeline, style link.Style) error {
	o := newJSONObject(w)
	o.field("as_of", tl.AsOf)
	o.list("entries")
	for _, e := range tl.Entries {
		d := entryData{
			ID:        e.ID,
			Date:      e.Date,
			Precision: e.Date.Precision().String(),
			Kind:      entryKind(e),
			Reported:  e.Kind == timeline.ReportedEvent,
			Title:     e.Title(),
			Article:   optString(articleURL(style, e)),
			URL:       entryURL(site, tl, style, e),
		}
		if e.Treaty != nil {
			d.Treaty = optString(e.Treaty.ID)
		}
		o.item(d)
	}
	o.endList()
	return o.close()
}

func entryKind(e *timeline.Entry) string {
	switch e.Kind {
	case timeline.Expiry:
		return kindExpiry
	case timeline.ArticleEntry:
		return kindArticle
	}
	if k := e.EventKind(); k != "" {
		return string(k)
	}
	return kindReport
}
