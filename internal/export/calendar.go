package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/ical"
	"github.com/treatyline/treatyline/internal/link"
	"github.com/treatyline/treatyline/internal/timeline"
)

// prodID names the program that made a calendar (RFC 5545 section 3.7.3).
const prodID = "-//treatyline//treatyline//EN"

// Calendar writes an iCalendar file (RFC 5545) of treaty events: every
// treaty's for events.ics when treatyID is "", else that treaty's for
// treaties/ID/events.ics. Each event of a treaty record, and each expiry
// still ahead of the as-of date, is an all-day VEVENT over the whole span of
// its date (a day, a month or a year), in timeline order. UIDs derive from
// the entries' stable ids and DTSTAMP is the as-of date, so the bytes depend
// on the content alone; URL properties are added when base_url is set.
func Calendar(w io.Writer, site *content.Site, tl *timeline.Timeline, treatyID string) error {
	name := site.Config.Title
	if treatyID != "" {
		t := site.Treaty(treatyID)
		if t == nil {
			return fmt.Errorf("calendar of unknown treaty %q", treatyID)
		}
		name = t.Title
		if site.Config.Title != "" {
			name += " – " + site.Config.Title
		}
	}
	style := link.Style{Pretty: site.Config.PrettyURLs}
	stamp := ical.DateTime(tl.AsOf.Start().Time())

	cal := &ical.Component{Name: "VCALENDAR"}
	cal.Add("VERSION", "2.0")
	cal.Add("PRODID", prodID)
	cal.Add("CALSCALE", "GREGORIAN")
	cal.AddText("X-WR-CALNAME", name)
	entries := tl.Entries
	if treatyID != "" {
		// A treaty's own list, not the whole timeline filtered: a site
		// makes a calendar for every treaty.
		entries = tl.ByTreaty[treatyID]
	}
	for _, e := range entries {
		if !inCalendar(e) {
			continue
		}
		ev := &ical.Component{Name: "VEVENT"}
		ev.Add("UID", e.ID+"@treatyline")
		ev.Add("DTSTAMP", stamp)
		ev.Add("DTSTART", ical.Date(e.Date.Start().Time()), ical.Param{Name: "VALUE", Value: "DATE"})
		ev.Add("DTEND", ical.Date(e.Date.End().Time()), ical.Param{Name: "VALUE", Value: "DATE"})
		ev.AddText("SUMMARY", e.Title())
		if d := details(e); len(d) > 0 {
			ev.AddText("DESCRIPTION", strings.Join(d, "\n"))
		}
		if site.Config.BaseURL != "" {
			ev.Add("URL", absolute(site.Config.BaseURL, entryURL(site, tl, style, e)), ical.Param{Name: "VALUE", Value: "URI"})
		}
		// All-day entries of a record are facts, not appointments: they
		// should not show the reader as busy.
		ev.Add("TRANSP", "TRANSPARENT")
		cal.Components = append(cal.Components, ev)
	}
	return ical.NewEncoder(w).Encode(cal)
}

// inCalendar reports whether e belongs in a calendar: an event of a treaty
// record, or a treaty's expiry still ahead of the as-of date.
func inCalendar(e *timeline.Entry) bool {
	if e.Treaty == nil || e.Date.IsZero() {
		return false
	}
	return e.Kind == timeline.TreatyEvent || e.Kind == timeline.Expiry && e.Future
}
