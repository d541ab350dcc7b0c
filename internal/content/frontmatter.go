package content

import "bytes"

// FrontMatter is a content file split at its "+++" lines. Offsets count
// bytes from the start of the file, a byte order mark included, so they
// turn into positions with [diag.Lines] over the whole file.
type FrontMatter struct {
	TOML       []byte // between the "+++" lines
	TOMLOffset int
	Body       []byte // after the closing "+++" line
	BodyOffset int
}

// FrontMatterError is a file whose front matter cannot be split.
type FrontMatterError struct {
	Offset int // of the opening "+++", or 0 when there is none
	Msg    string
}

func (e *FrontMatterError) Error() string { return e.Msg }

const bom = "\ufeff"

// ParseFrontMatter splits src, the bytes of a Markdown content file, into its
// TOML front matter and its body. The file must start, after an optional
// UTF-8 byte order mark, with a line "+++"; the next such line closes the
// front matter. Lines may end in "\n" or "\r\n", and a "+++" line may carry
// trailing blanks. The error is a *[FrontMatterError].
func ParseFrontMatter(src []byte) (FrontMatter, error) {
	start := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		start = len(bom)
	}
	if start == len(src) {
		return FrontMatter{}, &FrontMatterError{Offset: 0, Msg: "empty file: want front matter between +++ lines"}
	}
	tomlStart, ok := fenceLine(src, start)
	if !ok {
		return FrontMatter{}, &FrontMatterError{Offset: start, Msg: "missing front matter: the file must start with a +++ line"}
	}
	for lineStart := tomlStart; lineStart < len(src); {
		next, isFence := fenceLine(src, lineStart)
		if isFence {
			return FrontMatter{
				TOML: src[tomlStart:lineStart], TOMLOffset: tomlStart,
				Body: src[next:], BodyOffset: next,
			}, nil
		}
		lineStart = next
	}
	return FrontMatter{}, &FrontMatterError{Offset: start, Msg: "unterminated front matter: no closing +++ line"}
}

// fenceLine reports whether the line at offset i is a "+++" line, and
// returns the offset of the line after it (or len(src)).
func fenceLine(src []byte, i int) (next int, ok bool) {
	end := bytes.IndexByte(src[i:], '\n')
	if end < 0 {
		next = len(src)
	} else {
		next = i + end + 1
	}
	line := bytes.TrimRight(src[i:next], " \t\r\n")
	return next, string(line) == "+++"
}
