package timeline_test

import (
	"fmt"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/timeline"
)

func newStart() *content.Treaty {
	return &content.Treaty{
		ID: "new-start", Title: "New START", Parties: []string{"United States", "Russia"},
		Expires: date.MustParse("2021-02-05"),
		Events: []*content.Event{
			{Date: date.MustParse("2010-04-08"), Kind: content.Signed},
			{Date: date.MustParse("2011-02-05"), Kind: content.InForce},
			{Date: date.MustParse("2021-02-03"), Kind: content.Extended, Until: date.MustParse("2026-02-05")},
			{Date: date.MustParse("2023-02-21"), Kind: content.Suspended, Party: "Russia"},
		},
	}
}

func ExampleStatusOf() {
	for _, asOf := range []string{"2010-06-01", "2015-01-01", "2023-06-01", "2026-11-27"} {
		s := timeline.StatusOf(newStart(), date.MustParse(asOf))
		fmt.Printf("%s: %s\n", asOf, s.Text)
	}
	// Output:
	// 2010-06-01: Signed on 8 April 2010, not in force
	// 2015-01-01: In force — expires on 5 February 2021 (in 6 years)
	// 2023-06-01: In force — expires on 5 February 2026 (in 2 years); suspended by Russia since 21 February 2023
	// 2026-11-27: Expired on 5 February 2026
}

func ExampleBuild() {
	site := content.NewSite(content.Config{}, []*content.Treaty{newStart()}, nil)
	tl := timeline.Build(site, date.MustParse("2023-06-01"))
	for _, e := range tl.Entries {
		fmt.Println(e.Date.Format(), "—", e.Title())
	}
	// Output:
	// 8 April 2010 — New START signed
	// 5 February 2011 — New START entered into force
	// 3 February 2021 — New START extended until 5 February 2026
	// 21 February 2023 — Russia suspended New START
	// 5 February 2026 — New START due to expire
}

func ExampleRelative() {
	fmt.Println(timeline.Relative(date.MustParse("2026-01-24"), date.MustParse("2026-02-05")))
	fmt.Println(timeline.Relative(date.MustParse("2026-02-05"), date.MustParse("2023-06-01")))
	// Output:
	// in 12 days
	// 2 years ago
}
