package markdown

import (
	"github.com/yuin/goldmark/text"
)

// scanAttrs reads an annotation's attribute list, {key=value ...}, at the
// reader's position and leaves the reader after the closing "}".
//
// It replaces goldmark's parser.ParseAttributes, which rejects a bare
// date=2021-02-03 and reads 1972 as a number. Keys are a letter followed by
// letters, digits, "-" or "_"; a value is bare (it runs to white space or
// "}") or quoted with "..." (it may hold spaces and "}", \" and \\ are
// escapes, a line break is not allowed). Pairs are separated by white space,
// line breaks included. An empty list, a key without "=" or anything else
// out of shape gives ok false, and the reader's position is then undefined.
//
// The attributes stay in memory with their article, so they take two
// allocations however many there are: the values share one string, and
// the keys that annotations know are constants.
func scanAttrs(r text.Reader) (attrs []Attr, ok bool) {
	if r.Peek() != '{' {
		return nil, false
	}
	r.Advance(1)
	type span struct {
		key        []byte
		start, end int // of the value in values
		offset     int
	}
	var spans []span
	var values []byte
	for {
		skipAttrSpace(r)
		c := r.Peek()
		if c == '}' {
			r.Advance(1)
			break
		}
		if !isASCIILetter(c) {
			return nil, false
		}
		_, pos := r.Position()
		sp := span{offset: pos.Start}
		for c = r.Peek(); isASCIILetter(c) || isASCIIDigit(c) || c == '-' || c == '_'; c = r.Peek() {
			sp.key = append(sp.key, c)
			r.Advance(1)
		}
		if c != '=' {
			return nil, false
		}
		r.Advance(1)
		sp.start = len(values)
		if r.Peek() == '"' {
			values, ok = scanQuoted(r, values)
		} else {
			values, ok = scanBare(r, values)
		}
		if !ok {
			return nil, false
		}
		if c = r.Peek(); c != '}' && !isAttrSpace(c) {
			return nil, false
		}
		sp.end = len(values)
		spans = append(spans, sp)
	}
	if len(spans) == 0 {
		return nil, false
	}
	all := string(values)
	attrs = make([]Attr, len(spans))
	for i, sp := range spans {
		attrs[i] = Attr{Key: attrKey(sp.key), Value: all[sp.start:sp.end], Offset: sp.offset}
	}
	return attrs, true
}

// attrKey returns key as a string, without allocating for the keys that
// annotations know.
func attrKey(key []byte) string {
	switch string(key) {
	case "date":
		return "date"
	case "treaty":
		return "treaty"
	case "kind":
		return "kind"
	case "party":
		return "party"
	case "until":
		return "until"
	case "label":
		return "label"
	}
	return string(key)
}

// scanBare appends a bare value to values.
func scanBare(r text.Reader, values []byte) ([]byte, bool) {
	n := len(values)
	for c := r.Peek(); c != '}' && c != '"' && c != text.EOF && !isAttrSpace(c); c = r.Peek() {
		values = append(values, c)
		r.Advance(1)
	}
	return values, len(values) > n
}

// scanQuoted appends a quoted value to values.
func scanQuoted(r text.Reader, value []byte) ([]byte, bool) {
	r.Advance(1) // the opening quote
	for {
		switch c := r.Peek(); c {
		case text.EOF, '\n', '\r':
			return nil, false
		case '"':
			r.Advance(1)
			return value, true
		case '\\':
			r.Advance(1)
			if next := r.Peek(); next == '"' || next == '\\' {
				value = append(value, next)
				r.Advance(1)
			} else {
				value = append(value, c)
			}
		default:
			value = append(value, c)
			r.Advance(1)
		}
	}
}

func skipAttrSpace(r text.Reader) {
	for isAttrSpace(r.Peek()) {
		r.Advance(1)
	}
}

func isAttrSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
