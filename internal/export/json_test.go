package export

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/treatyline/treatyline/internal/date"
)

// TestAppendJSONMatchesEncodingJSON writes random values of every
// jsonAppender both ways.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "New START", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\r\b\f",
		"nul\x00 \x01 \x1f \x7f", "é ü 日本", "\xff bad \xc3", "line\u2028para\u2029", "2021-02-03"}
	r := rand.New(rand.NewPCG(1, 9))
	str := func() string { return strs[r.IntN(len(strs))] + strs[r.IntN(len(strs))] }
	tjsDateOf := func() tjsDate { return tjsDate{Year: str(), Month: str(), Day: str(), Display: str()} }
	opt := func() *string {
		if r.IntN(2) == 0 {
			return nil
		}
		s := str()
		return &s
	}
	days := []date.Date{date.MustParse("1972-05-26"), date.MustParse("1972-05"), date.MustParse("1972")}
	for range 2000 {
		for _, v := range []jsonAppender{
			tjsEvent{StartDate: tjsDateOf(), Text: tjsText{Headline: str(), Text: str()}, Group: str(), UniqueID: str()},
			tjsEra{StartDate: tjsDateOf(), EndDate: tjsDateOf(), Text: tjsText{Headline: str(), Text: str()}},
			entryData{ID: str(), Date: days[r.IntN(len(days))], Precision: str(), Kind: str(), Reported: r.IntN(2) == 0,
				Title: str(), Treaty: opt(), Article: opt(), URL: str()},
		} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent("    ", "  ")
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			j := jsonOut{prefix: "    "}
			v.appendJSON(&j)
			if got := string(j.b) + "\n"; got != want.String() {
				t.Fatalf("%#v:\nappendJSON    %q\nencoding/json %q", v, got, want.String())
			}
		}
	}
}
