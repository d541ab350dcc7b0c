package markdown

import (
	"strings"
	"testing"
)

func TestRenderingTwiceGivesTheSameHTML(t *testing.T) {
	tests := []struct{ name, src string }{
		{"aligned table", "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"},
		{"footnotes", "Text[^1] and more[^1].\n\n[^1]: A note.\n"},
		{"annotation", "[signed]{date=2010-04-08 treaty=new-start}\n"},
	}
	md := New(Options{})
	for _, tt := range tests {
		doc := md.Parse([]byte(tt.src))
		var first, second strings.Builder
		if err := md.Render(&first, doc, nil); err != nil {
			t.Fatal(err)
		}
		if err := md.Render(&second, doc, nil); err != nil {
			t.Fatal(err)
		}
		if first.String() != second.String() {
			t.Errorf("%s: second rendering\n%s\nwant the first\n%s", tt.name, second.String(), first.String())
		}
	}
}

func TestAlignedCellsKeepGoldmarkMarkup(t *testing.T) {
	var b strings.Builder
	md := New(Options{})
	if err := md.Render(&b, md.Parse([]byte("| a | b |\n|--:|---|\n| 1 | 2 |\n")), nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<th style="text-align:right">a</th>`, "<th>b</th>", `<td style="text-align:right">1</td>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Render = %s, want it to contain %s", b.String(), want)
		}
	}
}
