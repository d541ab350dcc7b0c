package timeline

import (
	"unicode"
	"unicode/utf8"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
)

// fact is what an event or a dated annotation says, whichever made the entry.
type fact struct {
	treaty     string // the treaty's id as written
	kind       content.Kind
	date       date.Date
	party      string
	label      string
	until      date.Date
	indefinite bool
	text       string // an annotation's text
}

func (e *Entry) fact() fact {
	switch {
	case e.Event != nil:
		ev := e.Event
		f := fact{treaty: ev.Treaty, kind: ev.Kind, date: ev.Date, party: ev.Party,
			label: ev.Label, until: ev.Until, indefinite: ev.UntilIndefinite}
		if e.Treaty != nil {
			f.treaty = e.Treaty.ID
		}
		return f
	case e.Annotation != nil:
		a := e.Annotation
		return fact{treaty: a.Treaty, kind: a.Kind, date: a.Date, party: a.Party,
			label: a.Label, until: a.Until, indefinite: a.UntilIndefinite, text: a.Text}
	}
	return fact{date: e.Date}
}

// fields lists what identifies the fact in an entry's anchor.
func (f fact) fields() []string {
	until := f.until.String()
	if f.indefinite {
		until = "indefinite"
	}
	return []string{string(f.kind), f.date.String(), f.party, f.label, until}
}

// Title describes the entry in plain text: "New START entered into force",
// "Russia suspended New START", "New START due to expire", or, for an
// article, its title. A report reads like the event it reports; pages add
// "reported in" and the article.
func (e *Entry) Title() string {
	name := ""
	if e.Treaty != nil {
		name = e.Treaty.Title
	}
	switch e.Kind {
	case ArticleEntry:
		return e.Article.Title
	case Expiry:
		if e.Future {
			return name + " due to expire"
		}
		return name + " expired"
	}
	f := e.fact()
	if name == "" {
		name = f.treaty
	}
	by := ""
	if e.Successor != nil {
		by = e.Successor.Title
	} else if e.Event != nil {
		by = e.Event.By
	}
	return describe(name, f, by)
}

// describe phrases f about the treaty called name (or "" for none), with
// the successor's name by for a superseded event.
func describe(name string, f fact, by string) string {
	switch {
	case f.label != "" && name != "":
		return name + ": " + f.label
	case f.label != "":
		return f.label
	case f.kind == "" || f.kind == content.Other:
		return join(name, ": ", f.text)
	case name == "":
		return capitalize(f.kind.Label())
	}
	switch f.kind {
	case content.Negotiations:
		return "Negotiations on " + name
	case content.Signed, content.Ratified, content.Suspended, content.Resumed:
		if f.party != "" {
			return f.party + " " + string(f.kind) + " " + name
		}
	case content.InForce:
		if f.party != "" {
			return name + " entered into force for " + f.party
		}
	case content.Extended:
		switch {
		case f.indefinite:
			return name + " extended indefinitely"
		case !f.until.IsZero():
			return name + " extended until " + f.until.Format()
		}
	case content.Withdrawn:
		if f.party != "" {
			return f.party + " withdrew from " + name
		}
		return "Withdrawal from " + name
	case content.Superseded:
		if by != "" {
			return name + " superseded by " + by
		}
	}
	return name + " " + f.kind.Label()
}

// join joins the non-empty ones of a and b with sep.
func join(a, sep, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + sep + b
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
