package timeline

import (
	"slices"
	"strings"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
)

// StatusOf returns the status of t as of asOf (SPEC §5.4). Only the record
// counts, and only its events dated on or before asOf; a reduced-precision
// date stands for the first day of its span. The Text of a superseded treaty
// names the successor by id, having no site to look its title up in; [Build]
// names it by title.
func StatusOf(t *content.Treaty, asOf date.Date) Status {
	return lifeOf(t, asOf).status(func(id string) string { return id })
}

// life is what a treaty record says as of a date. Status and Lifespan are
// two views of it.
type life struct {
	treaty *content.Treaty
	asOf   date.Date
	events []*content.Event // dated on or before asOf, by date, else as in the record

	negotiations date.Date // the first negotiations event
	signed       date.Date // the first signed or opened event
	opened       bool      // that first event opened the treaty for signature
	inForce      date.Date // the first in-force event
	withdrawn    []PartyDate

	end     date.Date // zero while not ended
	endKind StatusKind
	by      string // the successor of a superseded treaty
}

func lifeOf(t *content.Treaty, asOf date.Date) *life {
	l := &life{treaty: t, asOf: asOf}
	for _, e := range t.Events {
		if e.Date.OnOrBefore(asOf) {
			l.events = append(l.events, e)
		}
	}
	slices.SortStableFunc(l.events, func(a, b *content.Event) int {
		return a.Date.Start().Compare(b.Date.Start())
	})

	// end keeps the earliest end condition; on a tie the first one found
	// wins, so an explicit event beats the computed expiry of the same day.
	end := func(d date.Date, k StatusKind, by string) {
		if l.end.IsZero() || d.Before(l.end) {
			l.end, l.endKind, l.by = d, k, by
		}
	}
	for _, e := range l.events {
		switch e.Kind {
		case content.Negotiations:
			if l.negotiations.IsZero() {
				l.negotiations = e.Date
			}
		case content.Opened, content.Signed:
			if l.signed.IsZero() {
				l.signed, l.opened = e.Date, e.Kind == content.Opened
			}
		case content.InForce:
			if l.inForce.IsZero() {
				l.inForce = e.Date
			}
		case content.Withdrawn:
			if e.Party != "" {
				l.withdrawn = append(l.withdrawn, PartyDate{Party: e.Party, Since: e.Date})
			}
			// Without one of its two parties a bilateral treaty is over.
			if len(t.Parties) == 2 {
				end(e.Date, Terminated, "")
			}
		case content.Terminated:
			end(e.Date, Terminated, "")
		case content.Expired:
			end(e.Date, Expired, "")
		case content.Superseded:
			end(e.Date, Superseded, e.By)
		}
	}
	if !l.inForce.IsZero() {
		if exp, _ := l.expiryAt(asOf); !exp.IsZero() && exp.OnOrBefore(asOf) {
			end(exp, Expired, "")
		}
	}
	return l
}

// expiryAt returns the expiry in effect on d: the until of the latest
// extension dated on or before d, else the record's expires; zero when
// indefinite. extendedOn is the date of that extension, or zero.
func (l *life) expiryAt(d date.Date) (expiry, extendedOn date.Date) {
	expiry = l.treaty.Expires
	for _, e := range l.events {
		if e.Date.After(d) {
			break
		}
		if e.Kind != content.Extended || (e.Until.IsZero() && !e.UntilIndefinite) {
			continue
		}
		expiry, extendedOn = e.Until, e.Date
		if e.UntilIndefinite {
			expiry = date.Date{}
		}
	}
	return expiry, extendedOn
}

// horizon is the last day the record speaks for: the end, or the as-of date.
func (l *life) horizon() date.Date {
	if !l.end.IsZero() {
		return l.end
	}
	return l.asOf
}

// suspensions returns the suspensions begun on or before the horizon, by
// start; one still open at the horizon has a zero End. A party suspended
// twice without resuming stays suspended since the first time.
func (l *life) suspensions() []Period {
	var ps []Period
	open := map[string]int{} // party, "" for all of them -> index in ps
	for _, e := range l.events {
		if e.Date.After(l.horizon()) {
			break
		}
		switch e.Kind {
		case content.Suspended:
			if _, ok := open[e.Party]; !ok {
				open[e.Party] = len(ps)
				ps = append(ps, Period{Start: e.Date, Party: e.Party})
			}
		case content.Resumed:
			if i, ok := open[e.Party]; ok {
				ps[i].End = e.Date
				delete(open, e.Party)
			}
		}
	}
	return ps
}

func (l *life) status(name func(id string) string) Status {
	s := Status{AsOf: l.asOf, Withdrawn: l.withdrawn}
	s.Expires, s.ExtendedOn = l.expiryAt(l.horizon())
	var all date.Date // an all-party suspension open at the horizon
	for _, p := range l.suspensions() {
		switch {
		case !p.End.IsZero():
		case p.Party == "":
			all = p.Start
		default:
			s.SuspendedBy = append(s.SuspendedBy, PartyDate{Party: p.Party, Since: p.Start})
		}
	}
	switch {
	case !l.end.IsZero():
		s.Kind, s.Since, s.SupersededBy = l.endKind, l.end, l.by
	case !l.inForce.IsZero() && !all.IsZero():
		s.Kind, s.Since = Suspended, all
	case !l.inForce.IsZero():
		s.Kind, s.Since = InForce, l.inForce
	case !l.signed.IsZero():
		s.Kind, s.Since = SignedOnly, l.signed
	case !l.negotiations.IsZero():
		s.Kind, s.Since = Negotiating, l.negotiations
	default:
		s.Kind = NotSigned
	}
	s.Text = l.text(s, name)
	return s
}

// text states s in words, as the treaty page and status_text do.
func (l *life) text(s Status, name func(id string) string) string {
	switch s.Kind {
	case Negotiating:
		return "In negotiation since " + s.Since.Format()
	case SignedOnly:
		verb := "Signed"
		if l.opened {
			verb = "Opened for signature"
		}
		return verb + " " + on(s.Since) + ", not in force"
	case InForce:
		text := "In force — no expiry date"
		if !s.Expires.IsZero() {
			text = "In force — expires " + on(s.Expires) + " (" + Relative(s.AsOf, s.Expires) + ")"
		}
		if len(s.SuspendedBy) > 0 {
			var by []string
			for _, p := range s.SuspendedBy {
				by = append(by, p.Party+" since "+p.Since.Format())
			}
			text += "; suspended by " + strings.Join(by, ", by ")
		}
		return text
	case Suspended:
		return "Suspended since " + s.Since.Format()
	case Expired:
		return "Expired " + on(s.Since)
	case Terminated:
		return "Terminated " + on(s.Since)
	case Superseded:
		text := "Superseded " + on(s.Since)
		if s.SupersededBy != "" {
			text += " by " + name(s.SupersededBy)
		}
		return text
	}
	return "Not signed"
}

// on puts a date after a verb: "on 5 February 2026", "in May 1972", "in 1972".
func on(d date.Date) string {
	if d.Precision() == date.Day {
		return "on " + d.Format()
	}
	return "in " + d.Format()
}
