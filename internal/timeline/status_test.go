package timeline

import (
	"reflect"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/date"
)

var d = date.MustParse

// newStart is the record of SPEC §4.1 with expires = 2021-02-05, as in the
// worked example of SPEC §5.4.
func newStart() *content.Treaty {
	return &content.Treaty{
		ID: "new-start", Title: "New START", Parties: []string{"United States", "Russia"},
		Expires: d("2021-02-05"),
		Events: []*content.Event{
			{Date: d("2010-04-08"), Kind: content.Signed, Place: "Prague"},
			{Date: d("2011-02-05"), Kind: content.InForce},
			{Date: d("2021-02-03"), Kind: content.Extended, Until: d("2026-02-05"), Note: "Extended by five years without changes."},
			{Date: d("2023-02-21"), Kind: content.Suspended, Party: "Russia"},
		},
	}
}

func inf() *content.Treaty {
	return &content.Treaty{
		ID: "inf", Title: "INF Treaty", Parties: []string{"United States", "Soviet Union"},
		Events: []*content.Event{
			{Date: d("1987-12-08"), Kind: content.Signed},
			{Date: d("1988-06-01"), Kind: content.InForce},
			{Date: d("2019-08-02"), Kind: content.Withdrawn, Party: "United States"},
		},
	}
}

func openSkies() *content.Treaty {
	return &content.Treaty{
		ID: "open-skies", Title: "Open Skies", Parties: []string{"United States", "Russia", "Canada", "Germany", "France"},
		Events: []*content.Event{
			{Date: d("1992-03-24"), Kind: content.Signed},
			{Date: d("2002-01-01"), Kind: content.InForce},
			{Date: d("2020-11-22"), Kind: content.Withdrawn, Party: "United States"},
		},
	}
}

func sortTreaty() *content.Treaty {
	return &content.Treaty{
		ID: "sort", Title: "SORT", Parties: []string{"United States", "Russia"},
		Expires: d("2012-12-31"),
		Events: []*content.Event{
			{Date: d("2002-05-24"), Kind: content.Signed},
			{Date: d("2003-06-01"), Kind: content.InForce},
			{Date: d("2011-02-05"), Kind: content.Superseded, By: "new-start"},
		},
	}
}

func npt() *content.Treaty {
	return &content.Treaty{
		ID: "npt", Title: "NPT", Parties: []string{"United States", "Russia", "United Kingdom"},
		Expires: d("1995-03-05"),
		Events: []*content.Event{
			{Date: d("1968-07-01"), Kind: content.Opened},
			{Date: d("1970-03-05"), Kind: content.InForce},
			{Date: d("1995-05-11"), Kind: content.Extended, UntilIndefinite: true},
		},
	}
}

// treaty returns a record of parties a and b with the given events.
func treaty(id string, events ...*content.Event) *content.Treaty {
	return &content.Treaty{ID: id, Title: id, Parties: []string{"A", "B"}, Events: events}
}

func TestStatusOfWorkedExample(t *testing.T) {
	russia := []PartyDate{{Party: "Russia", Since: d("2023-02-21")}}
	tests := []struct {
		asOf string
		want Status
	}{
		{"2010-06-01", Status{Kind: SignedOnly, Since: d("2010-04-08"), Expires: d("2021-02-05"),
			Text: "Signed on 8 April 2010, not in force"}},
		{"2015-01-01", Status{Kind: InForce, Since: d("2011-02-05"), Expires: d("2021-02-05"),
			Text: "In force — expires on 5 February 2021 (in 6 years)"}},
		{"2021-03-05", Status{Kind: InForce, Since: d("2011-02-05"), Expires: d("2026-02-05"), ExtendedOn: d("2021-02-03"),
			Text: "In force — expires on 5 February 2026 (in 4 years)"}},
		{"2023-06-01", Status{Kind: InForce, Since: d("2011-02-05"), Expires: d("2026-02-05"), ExtendedOn: d("2021-02-03"),
			SuspendedBy: russia,
			Text:        "In force — expires on 5 February 2026 (in 2 years); suspended by Russia since 21 February 2023"}},
		{"2026-11-27", Status{Kind: Expired, Since: d("2026-02-05"), Expires: d("2026-02-05"), ExtendedOn: d("2021-02-03"),
			SuspendedBy: russia, Text: "Expired on 5 February 2026"}},
	}
	for _, tt := range tests {
		tt.want.AsOf = d(tt.asOf)
		if got := StatusOf(newStart(), d(tt.asOf)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("StatusOf(new-start, %s) = %+v, want %+v", tt.asOf, got, tt.want)
		}
	}
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name   string
		treaty *content.Treaty
		asOf   string
		want   Status
	}{
		{
			name: "no event is not signed", treaty: treaty("draft"), asOf: "2020-01-01",
			want: Status{Kind: NotSigned, Text: "Not signed"},
		},
		{
			name:   "negotiations before signature",
			treaty: treaty("talks", &content.Event{Date: d("2009-03"), Kind: content.Negotiations}, &content.Event{Date: d("2010-04-08"), Kind: content.Signed}),
			asOf:   "2009-12-01",
			want:   Status{Kind: Negotiating, Since: d("2009-03"), Text: "In negotiation since March 2009"},
		},
		{
			name: "opened for signature", treaty: npt(), asOf: "1969-01-01",
			want: Status{Kind: SignedOnly, Since: d("1968-07-01"), Expires: d("1995-03-05"),
				Text: "Opened for signature on 1 July 1968, not in force"},
		},
		{
			name: "two-party withdrawal terminates", treaty: inf(), asOf: "2020-01-01",
			want: Status{Kind: Terminated, Since: d("2019-08-02"),
				Withdrawn: []PartyDate{{Party: "United States", Since: d("2019-08-02")}},
				Text:      "Terminated on 2 August 2019"},
		},
		{
			name: "multilateral withdrawal leaves the treaty in force", treaty: openSkies(), asOf: "2021-01-01",
			want: Status{Kind: InForce, Since: d("2002-01-01"),
				Withdrawn: []PartyDate{{Party: "United States", Since: d("2020-11-22")}},
				Text:      "In force — no expiry date"},
		},
		{
			name: "superseded before the expiry", treaty: sortTreaty(), asOf: "2013-01-01",
			want: Status{Kind: Superseded, Since: d("2011-02-05"), Expires: d("2012-12-31"), SupersededBy: "new-start",
				Text: "Superseded on 5 February 2011 by new-start"},
		},
		{
			name: "in force until superseded", treaty: sortTreaty(), asOf: "2011-01-01",
			want: Status{Kind: InForce, Since: d("2003-06-01"), Expires: d("2012-12-31"),
				Text: "In force — expires on 31 December 2012 (in 1 year)"},
		},
		{
			name: "indefinite extension", treaty: npt(), asOf: "2026-11-27",
			want: Status{Kind: InForce, Since: d("1970-03-05"), ExtendedOn: d("1995-05-11"),
				Text: "In force — no expiry date"},
		},
		{
			name:   "expiry on exactly the as-of date",
			treaty: newStart(), asOf: "2026-02-05",
			want: Status{Kind: Expired, Since: d("2026-02-05"), Expires: d("2026-02-05"), ExtendedOn: d("2021-02-03"),
				SuspendedBy: []PartyDate{{Party: "Russia", Since: d("2023-02-21")}},
				Text:        "Expired on 5 February 2026"},
		},
		{
			name:   "the day before the expiry",
			treaty: newStart(), asOf: "2026-02-04",
			want: Status{Kind: InForce, Since: d("2011-02-05"), Expires: d("2026-02-05"), ExtendedOn: d("2021-02-03"),
				SuspendedBy: []PartyDate{{Party: "Russia", Since: d("2023-02-21")}},
				Text:        "In force — expires on 5 February 2026 (tomorrow); suspended by Russia since 21 February 2023"},
		},
		{
			name: "explicit expired event",
			treaty: treaty("abm", &content.Event{Date: d("1972-05-26"), Kind: content.Signed},
				&content.Event{Date: d("1972-10-03"), Kind: content.InForce},
				&content.Event{Date: d("2002-06-13"), Kind: content.Expired}),
			asOf: "2003-01-01",
			want: Status{Kind: Expired, Since: d("2002-06-13"), Text: "Expired on 13 June 2002"},
		},
		{
			name: "terminated event",
			treaty: treaty("pact", &content.Event{Date: d("1990"), Kind: content.Signed},
				&content.Event{Date: d("1991"), Kind: content.InForce},
				&content.Event{Date: d("1999-07"), Kind: content.Terminated}),
			asOf: "2000-01-01",
			want: Status{Kind: Terminated, Since: d("1999-07"), Text: "Terminated in July 1999"},
		},
		{
			name: "the earliest end wins over a later one",
			treaty: &content.Treaty{ID: "short", Title: "Short", Parties: []string{"A", "B"}, Expires: d("2000-01-01"),
				Events: []*content.Event{{Date: d("1990-01-01"), Kind: content.Signed}, {Date: d("1990-06-01"), Kind: content.InForce},
					{Date: d("2005-01-01"), Kind: content.Terminated}}},
			asOf: "2010-01-01",
			want: Status{Kind: Expired, Since: d("2000-01-01"), Expires: d("2000-01-01"), Text: "Expired on 1 January 2000"},
		},
		{
			name:   "party suspension",
			treaty: suspendedByA(), asOf: "2021-01-01",
			want: Status{Kind: InForce, Since: d("2015-01-01"), SuspendedBy: []PartyDate{{Party: "A", Since: d("2020-01-10")}},
				Text: "In force — no expiry date; suspended by A since 10 January 2020"},
		},
		{
			name:   "party resumption",
			treaty: suspendedByA(), asOf: "2022-01-01",
			want: Status{Kind: InForce, Since: d("2015-01-01"), Text: "In force — no expiry date"},
		},
		{
			name:   "all-party suspension",
			treaty: suspendedByAll(), asOf: "2020-06-01",
			want: Status{Kind: Suspended, Since: d("2020-03-03"), Text: "Suspended since 3 March 2020"},
		},
		{
			name:   "all-party resumption keeps the in-force date",
			treaty: suspendedByAll(), asOf: "2021-06-01",
			want: Status{Kind: InForce, Since: d("2015-01-01"), Text: "In force — no expiry date"},
		},
		{
			name:   "reduced-precision date stands for its first day",
			treaty: enmod(), asOf: "1978-10-01",
			want: Status{Kind: InForce, Since: d("1978-10"), Text: "In force — no expiry date"},
		},
		{
			name:   "reduced-precision date not yet begun",
			treaty: enmod(), asOf: "1978-09-30",
			want: Status{Kind: SignedOnly, Since: d("1977"), Text: "Signed in 1977, not in force"},
		},
		{
			name:   "in force without a recorded signature",
			treaty: treaty("unsigned", &content.Event{Date: d("2001-01-01"), Kind: content.InForce}), asOf: "2002-01-01",
			want: Status{Kind: InForce, Since: d("2001-01-01"), Text: "In force — no expiry date"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.AsOf = d(tt.asOf)
			if got := StatusOf(tt.treaty, d(tt.asOf)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("StatusOf(%s, %s) = %+v, want %+v", tt.treaty.ID, tt.asOf, got, tt.want)
			}
		})
	}
}

func suspendedByA() *content.Treaty {
	return treaty("accord",
		&content.Event{Date: d("2014-01-01"), Kind: content.Signed},
		&content.Event{Date: d("2015-01-01"), Kind: content.InForce},
		&content.Event{Date: d("2020-01-10"), Kind: content.Suspended, Party: "A"},
		&content.Event{Date: d("2021-06-01"), Kind: content.Resumed, Party: "A"})
}

func suspendedByAll() *content.Treaty {
	return treaty("pause",
		&content.Event{Date: d("2014-01-01"), Kind: content.Signed},
		&content.Event{Date: d("2015-01-01"), Kind: content.InForce},
		&content.Event{Date: d("2020-03-03"), Kind: content.Suspended},
		&content.Event{Date: d("2021-01-15"), Kind: content.Resumed})
}

func enmod() *content.Treaty {
	return treaty("enmod",
		&content.Event{Date: d("1978-10"), Kind: content.InForce},
		&content.Event{Date: d("1977"), Kind: content.Signed})
}

func TestStatusOfIgnoresEventsAfterTheAsOfDate(t *testing.T) {
	got := StatusOf(inf(), d("2019-08-01"))
	if got.Kind != InForce || got.Withdrawn != nil {
		t.Errorf("StatusOf(inf, 2019-08-01) = %+v, want in force with no withdrawal", got)
	}
}

func TestStatusOfEndedTreatyKeepsTheExpiryInEffectWhenItEnded(t *testing.T) {
	tr := treaty("late",
		&content.Event{Date: d("2000-01-01"), Kind: content.Signed},
		&content.Event{Date: d("2000-02-01"), Kind: content.InForce},
		&content.Event{Date: d("2004-01-01"), Kind: content.Extended, Until: d("2010-01-01")},
		&content.Event{Date: d("2006-01-01"), Kind: content.Terminated},
		&content.Event{Date: d("2007-01-01"), Kind: content.Extended, Until: d("2020-01-01")})
	tr.Expires = d("2005-01-01")
	got := StatusOf(tr, d("2008-01-01"))
	if got.Kind != Terminated || got.Expires != d("2010-01-01") || got.ExtendedOn != d("2004-01-01") {
		t.Errorf("StatusOf(late, 2008-01-01) = %+v, want terminated with expiry 2010-01-01 extended on 2004-01-01", got)
	}
}
