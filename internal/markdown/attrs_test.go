package markdown

import (
	"reflect"
	"testing"

	"github.com/yuin/goldmark/text"
)

func TestScanAttrs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Attr // nil: not an attribute list
		rest string // what follows the list
	}{
		{
			name: "SPEC example with bare values",
			src:  "{date=2021-02-03 treaty=new-start kind=in-force} rest",
			want: []Attr{{"date", "2021-02-03", 1}, {"treaty", "new-start", 17}, {"kind", "in-force", 34}},
			rest: " rest",
		},
		{
			name: "reduced-precision date stays a string",
			src:  "{date=1972}",
			want: []Attr{{"date", "1972", 1}},
		},
		{
			name: "quoted values hold spaces and braces",
			src:  `{party="United States" label="a } b"}`,
			want: []Attr{{"party", "United States", 1}, {"label", "a } b", 23}},
		},
		{
			name: "escaped quote and backslash in a quoted value",
			src:  `{label="say \"no\" \\ \x"}`,
			want: []Attr{{"label", `say "no" \ \x`, 1}},
		},
		{
			name: "empty quoted value",
			src:  `{label=""}`,
			want: []Attr{{"label", "", 1}},
		},
		{
			name: "white space and line breaks around pairs",
			src:  "{ date=2021\n\tuntil=indefinite }",
			want: []Attr{{"date", "2021", 2}, {"until", "indefinite", 13}},
		},
		{
			name: "repeated and unknown keys are kept for the checks",
			src:  "{date=1 date=2 colour_x-y=z}",
			want: []Attr{{"date", "1", 1}, {"date", "2", 8}, {"colour_x-y", "z", 15}},
		},
		{name: "empty list", src: "{}"},
		{name: "blank list", src: "{  }"},
		{name: "key without value", src: "{date}"},
		{name: "empty bare value", src: "{date= kind=x}"},
		{name: "space around equals", src: "{date = 2021}"},
		{name: "Pandoc id", src: "{#anchor}"},
		{name: "Pandoc class", src: "{date=2021 .note}"},
		{name: "key starting with a digit", src: "{1date=2021}"},
		{name: "unclosed list", src: "{date=2021"},
		{name: "unclosed quote", src: `{label="open}`},
		{name: "line break in a quoted value", src: "{label=\"a\nb\"}"},
		{name: "quote inside a bare value", src: `{date=a"b}`},
		{name: "text glued to a quoted value", src: `{label="a"b}`},
		{name: "no opening brace", src: "date=2021}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := text.NewReader([]byte(tt.src))
			got, ok := scanAttrs(r)
			if tt.want == nil {
				if ok {
					t.Errorf("scanAttrs(%q) = %v, true; want not an attribute list", tt.src, got)
				}
				return
			}
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("scanAttrs(%q) = %v, %v; want %v, true", tt.src, got, ok, tt.want)
			}
			_, pos := r.Position()
			if rest := tt.src[pos.Start:]; rest != tt.rest {
				t.Errorf("scanAttrs(%q) left %q unread, want %q", tt.src, rest, tt.rest)
			}
		})
	}
}
