package content

import (
	"bytes"
	"strconv"
	"strings"
)

// A keyPath names a place in a TOML document: table and key names as
// strings, positions in arrays (of tables or of values) as ints. The second
// [[events]] table's kind is keyPath{"events", 1, "kind"}.
type keyPath []any

func (p keyPath) String() string {
	var b strings.Builder
	for i, e := range p {
		if i > 0 {
			b.WriteByte(0)
		}
		switch e := e.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(e) + "]")
		case string:
			b.WriteString(e)
		}
	}
	return b.String()
}

// with returns p extended by elems, never sharing p's backing array.
func (p keyPath) with(elems ...any) keyPath {
	return append(append(keyPath(nil), p...), elems...)
}

// A locator knows where keys, values and table headers sit in a TOML text,
// which BurntSushi/toml does not report. It scans the text once, the way a
// TOML lexer would, but only far enough to record byte offsets; it never
// fails and assumes nothing about the text's validity.
type locator struct {
	keys   map[string]int // offset of the key's (last dotted segment's) first byte
	values map[string]int // offset of the value's first byte
	tables map[string]int // offset of the "[" of the table's header
}

// locate scans src, a TOML document.
func locate(src []byte) *locator {
	s := &scanner{src: src, loc: &locator{keys: map[string]int{}, values: map[string]int{}, tables: map[string]int{}},
		arrays: map[string]int{}}
	s.document()
	return s.loc
}

// key returns the offset of the key at p.
func (l *locator) key(p keyPath) (int, bool) { off, ok := l.keys[p.String()]; return off, ok }

// value returns the offset of the value at p.
func (l *locator) value(p keyPath) (int, bool) { off, ok := l.values[p.String()]; return off, ok }

// table returns the offset of the header of the table at p.
func (l *locator) table(p keyPath) (int, bool) { off, ok := l.tables[p.String()]; return off, ok }

// enclosing returns the offset of the nearest thing that holds p, p
// included: the header of a table, or the start of an inline value.
func (l *locator) enclosing(p keyPath) (int, bool) {
	for n := len(p); n > 0; n-- {
		if off, ok := l.table(p[:n]); ok {
			return off, true
		}
		if off, ok := l.value(p[:n]); ok {
			return off, true
		}
	}
	return 0, false
}

type scanner struct {
	src    []byte
	i      int
	loc    *locator
	arrays map[string]int // tables seen so far per array of tables
}

func (s *scanner) document() {
	var table keyPath
	for s.i < len(s.src) {
		s.skipSpace(true)
		if s.i >= len(s.src) {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		s.skipLine()
		if s.i == start {
			s.i++
		}
	}
}

// header reads a [table] or [[array]] header and returns the table's path.
func (s *scanner) header() keyPath {
	start := s.i
	s.i++
	array := s.peek() == '['
	if array {
		s.i++
	}
	names, _ := s.key()
	var p keyPath
	for i, name := range names {
		p = append(p, name)
		last := i == len(names)-1
		n, isArray := s.arrays[p.String()]
		switch {
		case last && array:
			s.arrays[p.String()] = n + 1
			if _, ok := s.loc.tables[p.String()]; !ok {
				s.loc.tables[p.String()] = start
			}
			p = append(p, n)
		case isArray:
			p = append(p, n-1)
		}
	}
	s.loc.tables[p.String()] = start
	return p
}

// keyValue reads key = value inside the table at table.
func (s *scanner) keyValue(table keyPath) {
	names, offs := s.key()
	if len(names) == 0 {
		return
	}
	p := table.with()
	for i, name := range names {
		p = append(p, name)
		if _, ok := s.loc.keys[p.String()]; !ok || i == len(names)-1 {
			s.loc.keys[p.String()] = offs[i]
		}
	}
	s.skipSpace(false)
	if s.peek() != '=' {
		return
	}
	s.i++
	s.skipSpace(false)
	s.value(p)
}

// key reads a possibly dotted, possibly quoted key and returns its segments
// with the offset of each.
func (s *scanner) key() (names []string, offs []int) {
	for {
		s.skipSpace(false)
		start := s.i
		var name string
		switch c := s.peek(); {
		case c == '"':
			name = unquote(s.basicString())
		case c == '\'':
			raw := s.literalString()
			name = strings.TrimSuffix(strings.TrimPrefix(raw, "'"), "'")
		case isBareKey(c):
			for s.i < len(s.src) && isBareKey(s.src[s.i]) {
				s.i++
			}
			name = string(s.src[start:s.i])
		default:
			return names, offs
		}
		names, offs = append(names, name), append(offs, start)
		s.skipSpace(false)
		if s.peek() != '.' {
			return names, offs
		}
		s.i++
	}
}

// value reads the value that starts at the current offset and records it,
// with the elements of arrays and the keys of inline tables, under p.
func (s *scanner) value(p keyPath) {
	s.loc.values[p.String()] = s.i
	switch s.peek() {
	case '"':
		s.basicString()
	case '\'':
		s.literalString()
	case '[':
		s.i++
		for n := 0; ; {
			s.skipSpace(true)
			switch c := s.peek(); c {
			case 0:
				return
			case ']':
				s.i++
				return
			case ',':
				s.i++
			default:
				start := s.i
				s.value(p.with(n))
				n++
				if s.i == start {
					s.i++
				}
			}
		}
	case '{':
		s.i++
		for {
			s.skipSpace(true)
			switch c := s.peek(); c {
			case 0:
				return
			case '}':
				s.i++
				return
			case ',':
				s.i++
			default:
				start := s.i
				s.keyValue(p)
				if s.i == start {
					s.i++
				}
			}
		}
	default:
		for s.i < len(s.src) && !strings.ContainsRune(",]}#\r\n", rune(s.src[s.i])) {
			s.i++
		}
	}
}

// basicString reads a "string" or """string""" and returns it as written.
func (s *scanner) basicString() string {
	start := s.i
	if s.hasPrefix(`"""`) {
		s.i += 3
		for s.i < len(s.src) && !s.hasPrefix(`"""`) {
			if s.src[s.i] == '\\' {
				s.i++
			}
			s.i++
		}
		s.i = min(s.i+3, len(s.src))
		for s.peek() == '"' { // up to two quotes may end the content
			s.i++
		}
		return string(s.src[start:s.i])
	}
	s.i++
	for s.i < len(s.src) && s.src[s.i] != '"' && s.src[s.i] != '\n' {
		if s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	s.i = min(s.i+1, len(s.src))
	return string(s.src[start:s.i])
}

// literalString reads a 'string' or ”'string”' and returns it as written.
func (s *scanner) literalString() string {
	start := s.i
	if s.hasPrefix("'''") {
		s.i += 3
		for s.i < len(s.src) && !s.hasPrefix("'''") {
			s.i++
		}
		s.i = min(s.i+3, len(s.src))
		for s.peek() == '\'' {
			s.i++
		}
		return string(s.src[start:s.i])
	}
	s.i++
	for s.i < len(s.src) && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
		s.i++
	}
	s.i = min(s.i+1, len(s.src))
	return string(s.src[start:s.i])
}

// skipSpace skips blanks and comments, and line ends when newlines is true.
func (s *scanner) skipSpace(newlines bool) {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t':
		case '\r', '\n':
			if !newlines {
				return
			}
		case '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.i++
			}
			continue
		default:
			return
		}
		s.i++
	}
}

// skipLine moves past the end of the current line.
func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) hasPrefix(prefix string) bool {
	return bytes.HasPrefix(s.src[s.i:], []byte(prefix))
}

func isBareKey(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// unquote decodes a quoted key; TOML's escapes are Go's, give or take
// \e and \U, so a key Go cannot decode keeps its raw text.
func unquote(quoted string) string {
	if s, err := strconv.Unquote(quoted); err == nil {
		return s
	}
	return strings.Trim(quoted, `"`)
}
