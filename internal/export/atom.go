package export

import (
	"encoding/xml"
	"errors"
	"io"
	"time"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// defaultFeedItems is the feed's length when the config does not say.
const defaultFeedItems = 20

type atomFeed struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Author  atomPerson `xml:"author"`
	Gen     string     `xml:"generator"`
	Entries []atomEntry
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	XMLName    xml.Name       `xml:"entry"`
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     atomPerson     `xml:"author"`
	Summary    *atomText      `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atomTime is the RFC 3339 timestamp Atom wants for a date: the first day of
// its span at midnight UTC.
func atomTime(d date.Date) string { return d.Start().Time().Format(time.RFC3339) }

// Atom writes feed.xml (RFC 4287): the site's newest Config.FeedItems
// articles. It needs Config.BaseURL, since a feed's ids and links are
// absolute. The feed's updated is the newest article's date (the as-of date
// when there are no articles), never the build clock. Entry ids are the
// absolute URLs of the article folders, which do not change with the link
// style.
func Atom(w io.Writer, site *content.Site, tl *timeline.Timeline) error {
	cfg := site.Config
	if cfg.BaseURL == "" {
		return errors.New("feed.xml needs base_url")
	}
	style := link.Style{Pretty: cfg.PrettyURLs}
	title := cfg.Title
	if title == "" {
		title = cfg.BaseURL
	}
	n := cfg.FeedItems
	if n <= 0 {
		n = defaultFeedItems
	}
	articles := site.Articles[:min(n, len(site.Articles))]

	updated := tl.AsOf
	if len(articles) > 0 {
		updated = articles[0].Date
		for _, a := range articles[1:] {
			if a.Date.After(updated) {
				updated = a.Date
			}
		}
	}
	feed := atomFeed{
		Lang:    cfg.Language,
		Title:   title,
		ID:      cfg.BaseURL,
		Updated: atomTime(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: absolute(cfg.BaseURL, "feed.xml")},
			{Rel: "alternate", Type: "text/html", Href: cfg.BaseURL},
		},
		Author: atomPerson{Name: title},
		Gen:    "treatyline",
	}
	for _, a := range articles {
		author := a.Author
		if author == "" {
			author = title
		}
		entry := atomEntry{
			Title:     a.Title,
			ID:        absolute(cfg.BaseURL, link.Article(a.Slug)+"/"),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: absolute(cfg.BaseURL, style.Page(link.Article(a.Slug)))},
			Published: atomTime(a.Date),
			Updated:   atomTime(a.Date),
			Author:    atomPerson{Name: author},
		}
		if a.Summary != "" {
			entry.Summary = &atomText{Type: "text", Text: a.Summary}
		}
		for _, id := range a.Refs {
			c := atomCategory{Term: id}
			if t := site.Treaty(id); t != nil {
				c.Label = t.Title
			}
			entry.Categories = append(entry.Categories, c)
		}
		for _, tag := range a.Tags {
			entry.Categories = append(entry.Categories, atomCategory{Term: tag})
		}
		feed.Entries = append(feed.Entries, entry)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
