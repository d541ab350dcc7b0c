// Package ical writes iCalendar data as defined in RFC 5545.
//
// A calendar is a tree of [Component] values (VCALENDAR holding VEVENTs)
// whose properties carry their values already in the form of their value
// type: [Text] escapes a TEXT value, [Date] and [DateTime] format dates.
// An [Encoder] writes the tree as content lines ended by CRLF and folded
// at 75 octets without splitting a UTF-8 sequence, as section 3.1 asks.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Component is a calendar component such as VCALENDAR or VEVENT.
type Component struct {
	Name       string
	Props      []Prop
	Components []*Component
}

// Prop is a property of a component: a content line NAME;PARAM=V:VALUE.
type Prop struct {
	Name   string
	Params []Param
	// Value is written as it is, so it must already be in the form of the
	// property's value type; TEXT values go through [Text].
	Value string
}

// Param is a property parameter such as VALUE=DATE.
type Param struct {
	Name, Value string
}

// Add appends the property name with a value in its value type's form.
func (c *Component) Add(name, value string, params ...Param) {
	c.Props = append(c.Props, Prop{Name: name, Params: params, Value: value})
}

// AddText appends the TEXT property name, escaping text with [Text].
func (c *Component) AddText(name, text string, params ...Param) {
	c.Add(name, Text(text), params...)
}

// Text escapes s as a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma get a backslash, a line break becomes \n, and other
// control characters, which TEXT cannot hold, are dropped.
func Text(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue // CRLF is one line break
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Date formats the calendar date of t as a DATE value: "20261127".
func Date(t time.Time) string { return t.Format("20060102") }

// DateTime formats t as a DATE-TIME value in UTC: "20261127T000000Z".
func DateTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// An Encoder writes components to an output stream.
type Encoder struct {
	w io.Writer
}

// NewEncoder returns an encoder that writes to w.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w} }

// Encode writes c and its subcomponents. It checks the whole tree before
// writing, so a malformed name or value writes nothing and returns an error.
func (e *Encoder) Encode(c *Component) error {
	var buf bytes.Buffer
	if err := encode(&buf, c); err != nil {
		return err
	}
	_, err := e.w.Write(buf.Bytes())
	return err
}

func encode(buf *bytes.Buffer, c *Component) error {
	if !isName(c.Name) {
		return fmt.Errorf("ical: invalid component name %q", c.Name)
	}
	writeLine(buf, "BEGIN:"+c.Name)
	for _, p := range c.Props {
		line, err := contentLine(p)
		if err != nil {
			return fmt.Errorf("ical: %s: %w", c.Name, err)
		}
		writeLine(buf, line)
	}
	for _, sub := range c.Components {
		if err := encode(buf, sub); err != nil {
			return err
		}
	}
	writeLine(buf, "END:"+c.Name)
	return nil
}

func contentLine(p Prop) (string, error) {
	if !isName(p.Name) {
		return "", fmt.Errorf("invalid property name %q", p.Name)
	}
	var b strings.Builder
	b.WriteString(p.Name)
	for _, param := range p.Params {
		if !isName(param.Name) {
			return "", fmt.Errorf("%s: invalid parameter name %q", p.Name, param.Name)
		}
		if strings.ContainsFunc(param.Value, func(r rune) bool { return r == '"' || isControl(r) }) {
			return "", fmt.Errorf("%s: invalid %s parameter value %q", p.Name, param.Name, param.Value)
		}
		b.WriteString(";" + param.Name + "=")
		if strings.ContainsAny(param.Value, ":;,") {
			b.WriteString(`"` + param.Value + `"`)
		} else {
			b.WriteString(param.Value)
		}
	}
	if strings.ContainsFunc(p.Value, isControl) {
		return "", fmt.Errorf("%s: value holds a control character: %q", p.Name, p.Value)
	}
	b.WriteString(":" + p.Value)
	return b.String(), nil
}

// isName reports whether s is an iana-token or x-name: letters, digits, "-".
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isControl reports the characters a content line may not hold (HTAB aside).
func isControl(r rune) bool { return r != '\t' && (r < 0x20 || r == 0x7f) }

// maxOctets is the longest content line RFC 5545 allows, not counting CRLF.
const maxOctets = 75

// writeLine writes line folded at maxOctets: a longer line continues on the
// next after CRLF and a space, and the break never falls inside a UTF-8
// sequence, so every physical line stays valid UTF-8.
func writeLine(buf *bytes.Buffer, line string) {
	n := 0
	for i := 0; i < len(line); {
		_, size := utf8.DecodeRuneInString(line[i:])
		if n+size > maxOctets {
			buf.WriteString("\r\n ")
			n = 1
		}
		buf.WriteString(line[i : i+size])
		n += size
		i += size
	}
	buf.WriteString("\r\n")
}
