package export

import (
	"html"
	"io"
	"strconv"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// The TimelineJS3 JSON format: https://timeline.knightlab.com/docs/json-format.html

type tjsSlide struct {
	Text tjsText `json:"text"`
}

type tjsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

type tjsEvent struct {
	StartDate tjsDate `json:"start_date"`
	Text      tjsText `json:"text"`
	Group     string  `json:"group,omitempty"`
	UniqueID  string  `json:"unique_id"`
}

type tjsEra struct {
	StartDate tjsDate `json:"start_date"`
	EndDate   tjsDate `json:"end_date"`
	Text      tjsText `json:"text"`
}

func (e tjsEvent) appendJSON(j *jsonOut) {
	j.begin()
	j.key("start_date")
	e.StartDate.appendJSON(j)
	j.key("text")
	e.Text.appendJSON(j)
	j.optStr("group", e.Group)
	j.str("unique_id", e.UniqueID)
	j.end()
}

func (e tjsEra) appendJSON(j *jsonOut) {
	j.begin()
	j.key("start_date")
	e.StartDate.appendJSON(j)
	j.key("end_date")
	e.EndDate.appendJSON(j)
	j.key("text")
	e.Text.appendJSON(j)
	j.end()
}

func (t tjsText) appendJSON(j *jsonOut) {
	j.begin()
	j.str("headline", t.Headline)
	j.optStr("text", t.Text)
	j.end()
}

// tjsDate holds only the parts a date's precision has, as strings, and a
// display_date, so TimelineJS shows "May 1972" rather than a made-up day.
type tjsDate struct {
	Year    string `json:"year"`
	Month   string `json:"month,omitempty"`
	Day     string `json:"day,omitempty"`
	Display string `json:"display_date"`
}

func (d tjsDate) appendJSON(j *jsonOut) {
	j.begin()
	j.str("year", d.Year)
	j.optStr("month", d.Month)
	j.optStr("day", d.Day)
	j.str("display_date", d.Display)
	j.end()
}

func newTJSDate(d date.Date) tjsDate {
	t := tjsDate{Year: strconv.Itoa(d.Year()), Display: d.Format()}
	if d.Precision() >= date.Month {
		t.Month = strconv.Itoa(int(d.Month()))
	}
	if d.Precision() >= date.Day {
		t.Day = strconv.Itoa(d.Day())
	}
	return t
}

// TimelineJS writes timeline.json for TimelineJS3: an event per timeline
// entry, grouped by treaty and identified by the entry's id, and an era per
// period in force (an open one ends at the as-of date). TimelineJS renders
// headlines and texts as HTML, so all content is escaped, and the links
// added to texts are relative to the site root, in the given style.
func TimelineJS(w io.Writer, site *content.Site, tl *timeline.Timeline, style link.Style) error {
	o := newJSONObject(w)
	o.field("title", tjsSlide{Text: tjsText{
		Headline: html.EscapeString(site.Config.Title),
		Text:     html.EscapeString("As of " + tl.AsOf.Format()),
	}})
	o.list("events")
	for _, e := range tl.Entries {
		ev := tjsEvent{
			StartDate: newTJSDate(e.Date),
			Text:      tjsText{Headline: html.EscapeString(e.Title()), Text: tjsBody(style, e)},
			UniqueID:  e.ID,
		}
		if e.Treaty != nil {
			ev.Group = html.EscapeString(e.Treaty.Title)
		}
		o.item(ev)
	}
	o.endList()
	o.list("eras")
	for _, era := range tl.Eras {
		end := era.End
		if end.IsZero() {
			end = tl.AsOf
		}
		o.item(tjsEra{
			StartDate: newTJSDate(era.Start),
			EndDate:   newTJSDate(end),
			Text:      tjsText{Headline: html.EscapeString(era.Treaty.Title)},
		})
	}
	o.endList()
	return o.close()
}

// tjsBody returns the HTML text of an entry's slide: its details, one
// paragraph each with line breaks kept, then links to its treaty and
// article pages.
func tjsBody(style link.Style, e *timeline.Entry) string {
	var b strings.Builder
	for _, line := range details(e) {
		b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(line), "\n", "<br>") + "</p>")
	}
	var links []string
	if e.Treaty != nil {
		links = append(links, anchor(style.Page(link.Treaty(e.Treaty.ID)), e.Treaty.Title))
	}
	if u := articleURL(style, e); u != "" && e.Kind != timeline.ArticleEntry {
		links = append(links, "reported in "+anchor(u, e.Article.Title))
	} else if u != "" {
		links = append(links, anchor(u, e.Article.Title))
	}
	if len(links) > 0 {
		b.WriteString("<p>" + strings.Join(links, " · ") + "</p>")
	}
	return b.String()
}

func anchor(href, text string) string {
	return `<a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + `</a>`
}
