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
func scanAttrs(r text.Reader) (attrs []Attr, ok bool) {
	if r.Peek() != '{' {
		return nil, false
	}
	r.Advance(1)
	for {
		skipAttrSpace(r)
		c := r.Peek()
		if c == '}' {
			r.Advance(1)
			return attrs, len(attrs) > 0
		}
		if !isASCIILetter(c) {
			return nil, false
		}
		_, pos := r.Position()
		offset := pos.Start
		key := scanRun(r, isKeyByte)
		if c = r.Peek(); c != '=' {
			return nil, false
		}
		r.Advance(1)
		var value []byte
		if r.Peek() == '"' {
			value, ok = scanQuoted(r)
		} else {
			value, ok = scanBare(r)
		}
		if !ok {
			return nil, false
		}
		if c = r.Peek(); c != '}' && !isAttrSpace(c) {
			return nil, false
		}
		attrs = append(attrs, Attr{Key: string(key), Value: string(value), Offset: offset})
	}
}

func scanBare(r text.Reader) ([]byte, bool) {
	value := scanRun(r, isBareByte)
	return value, len(value) > 0
}

// scanRun reads the bytes from the reader's position on while in holds for
// them. A run inside the line is a slice of it; only one that reaches the
// line's end is read byte by byte, as it may go on in the next line.
func scanRun(r text.Reader, in func(byte) bool) []byte {
	line, _ := r.PeekLine()
	n := 0
	for n < len(line) && in(line[n]) {
		n++
	}
	if n < len(line) {
		r.Advance(n)
		return line[:n]
	}
	var run []byte
	for c := r.Peek(); in(c); c = r.Peek() {
		run = append(run, c)
		r.Advance(1)
	}
	return run
}

func isKeyByte(c byte) bool { return isASCIILetter(c) || isASCIIDigit(c) || c == '-' || c == '_' }

func isBareByte(c byte) bool { return c != '}' && c != '"' && c != text.EOF && !isAttrSpace(c) }

func scanQuoted(r text.Reader) ([]byte, bool) {
	r.Advance(1) // the opening quote
	value := []byte{}
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
