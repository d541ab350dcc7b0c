package content

import (
	"bytes"
	"errors"
	"testing"
)

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		toml     string
		body     string
		bodyOff  int
		errOff   int
		errWants string
	}{
		{name: "plain", src: "+++\ntitle = \"A\"\n+++\nBody\n", toml: "title = \"A\"\n", body: "Body\n", bodyOff: 20},
		{name: "CRLF", src: "+++\r\na = 1\r\n+++\r\nB", toml: "a = 1\r\n", body: "B", bodyOff: 17},
		{name: "BOM", src: "\ufeff+++\na = 1\n+++\n", toml: "a = 1\n", body: "", bodyOff: 17},
		{name: "trailing blanks on fences", src: "+++ \t\na = 1\n+++  \nB", toml: "a = 1\n", body: "B", bodyOff: 18},
		{name: "closing fence at the end", src: "+++\na = 1\n+++", toml: "a = 1\n", body: "", bodyOff: 13},
		{name: "empty front matter", src: "+++\n+++\nB", toml: "", body: "B", bodyOff: 8},
		{name: "plus signs inside TOML", src: "+++\na = \"+++\"\n++++\n+++\n", toml: "a = \"+++\"\n++++\n", body: "", bodyOff: 23},
		{name: "unterminated", src: "+++\na = 1\n", errWants: "unterminated front matter: no closing +++ line"},
		{name: "unterminated after BOM", src: "\ufeff+++\n", errOff: 3, errWants: "unterminated front matter: no closing +++ line"},
		{name: "missing", src: "a = 1\n+++\n", errWants: "missing front matter: the file must start with a +++ line"},
		{name: "indented fence", src: " +++\n+++\n", errWants: "missing front matter: the file must start with a +++ line"},
		{name: "empty", src: "", errWants: "empty file: want front matter between +++ lines"},
		{name: "only a BOM", src: "\ufeff", errWants: "empty file: want front matter between +++ lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := ParseFrontMatter([]byte(tt.src))
			if tt.errWants != "" {
				var fe *FrontMatterError
				if !errors.As(err, &fe) || fe.Msg != tt.errWants || fe.Offset != tt.errOff {
					t.Fatalf("ParseFrontMatter(%q) error = %#v, want %q at %d", tt.src, err, tt.errWants, tt.errOff)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFrontMatter(%q): %v", tt.src, err)
			}
			if string(fm.TOML) != tt.toml || string(fm.Body) != tt.body || fm.BodyOffset != tt.bodyOff {
				t.Errorf("ParseFrontMatter(%q) = TOML %q, body %q at %d; want %q, %q at %d",
					tt.src, fm.TOML, fm.Body, fm.BodyOffset, tt.toml, tt.body, tt.bodyOff)
			}
		})
	}
}

// FuzzFrontMatter checks that offsets stay inside the file and point at
// the bytes returned, whatever the input.
func FuzzFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"+++\ntitle = \"A\"\n+++\nBody\n",
		"\ufeff+++\r\na = 1\r\n+++\r\n",
		"+++",
		"+++\n",
		"+++ \n+++",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := ParseFrontMatter(src)
		if err != nil {
			var fe *FrontMatterError
			if !errors.As(err, &fe) || fe.Offset < 0 || fe.Offset > len(src) {
				t.Fatalf("error %#v: want a *FrontMatterError with an offset inside %d bytes", err, len(src))
			}
			return
		}
		if fm.TOMLOffset < 0 || fm.TOMLOffset+len(fm.TOML) > len(src) || fm.BodyOffset < fm.TOMLOffset+len(fm.TOML) || fm.BodyOffset > len(src) {
			t.Fatalf("offsets TOML %d+%d, body %d outside %d bytes", fm.TOMLOffset, len(fm.TOML), fm.BodyOffset, len(src))
		}
		if !bytes.Equal(src[fm.TOMLOffset:fm.TOMLOffset+len(fm.TOML)], fm.TOML) || !bytes.Equal(src[fm.BodyOffset:], fm.Body) {
			t.Fatalf("TOML or body differ from the bytes at their offsets")
		}
	})
}
