package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// filterYear is a year page of the sample site with entries of several
// treaties, kinds and parties.
const filterYear = "timeline/2021/index.html"

// filterState is what a reader sees of the timeline filter.
type filterState struct {
	Total    int    `json:"total"`
	Shown    int    `json:"shown"`
	Wrong    int    `json:"wrong"`   // entries shown that do not match the filter
	Missing  int    `json:"missing"` // entries hidden that match it
	Search   string `json:"search"`
	Selected string `json:"selected"`
	Count    string `json:"count"`
	Visible  bool   `json:"visible"` // the form is shown
}

// filterStateOf reports the entries the page shows, judged by the entries'
// data-KEY attributes against value ("" for no filter).
func filterStateOf(t *testing.T, ctx context.Context, key, value string) filterState {
	t.Helper()
	return eval[filterState](t, ctx, fmt.Sprintf(`(() => {
		const key = %q, value = %q;
		const entries = [...document.querySelectorAll('li.entry')];
		const matches = e => !value || (e.getAttribute('data-' + key) || '').split(' ').includes(value);
		const shown = entries.filter(e => e.checkVisibility());
		const form = document.querySelector('form[data-filters]');
		return {
			total: entries.length,
			shown: shown.length,
			wrong: shown.filter(e => !matches(e)).length,
			missing: entries.filter(e => matches(e) && !e.checkVisibility()).length,
			search: location.search,
			selected: form.elements[key].value,
			count: form.querySelector('[data-filter-count]').textContent,
			visible: form.checkVisibility(),
		};
	})()`, key, value))
}

func TestFiltersHideEntriesAndKeepTheURL(t *testing.T) {
	dir := sampleSite(t)
	ctx, problems := browser(t)
	base := serveDir(t, dir)
	tests := []struct {
		key, value string
	}{
		{"treaty", "new-start"},
		{"kind", "extended"},
		{"party", "iran"},
	}
	for _, start := range []string{base + filterYear, fileURL(dir, filterYear)} {
		for _, tt := range tests {
			name := fmt.Sprintf("%s ?%s=%s", start, tt.key, tt.value)
			navigate(t, ctx, start)
			all := filterStateOf(t, ctx, tt.key, "")
			if !all.Visible || all.Shown != all.Total || all.Total == 0 {
				t.Fatalf("%s: before filtering, form shown %v, %d of %d entries shown", name, all.Visible, all.Shown, all.Total)
			}

			// Choose, as a reader does: the select changes and fires "change".
			eval[bool](t, ctx, fmt.Sprintf(`(() => {
				const s = document.querySelector('form[data-filters]').elements[%q];
				s.value = %q;
				s.dispatchEvent(new Event('change', {bubbles: true}));
				return true;
			})()`, tt.key, tt.value))
			got := filterStateOf(t, ctx, tt.key, tt.value)
			wantSearch := "?" + tt.key + "=" + tt.value
			if got.Wrong != 0 || got.Missing != 0 || got.Shown == 0 || got.Shown == got.Total {
				t.Errorf("%s: %d of %d entries shown, %d not matching, %d matching hidden; want only the matching ones",
					name, got.Shown, got.Total, got.Wrong, got.Missing)
			}
			if got.Search != wantSearch {
				t.Errorf("%s: location.search = %q, want %q", name, got.Search, wantSearch)
			}
			if want := fmt.Sprintf("Showing %d of %d entries.", got.Shown, got.Total); got.Count != want {
				t.Errorf("%s: count says %q, want %q", name, got.Count, want)
			}

			// Reload the filtered address: the same filter applies.
			if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
				t.Fatal(err)
			}
			again := filterStateOf(t, ctx, tt.key, tt.value)
			if again.Selected != tt.value || again.Shown != got.Shown || again.Wrong != 0 || again.Search != wantSearch {
				t.Errorf("%s: after reload, %q selected, %d entries shown (%d not matching), search %q; want %q, %d, 0, %q",
					name, again.Selected, again.Shown, again.Wrong, again.Search, tt.value, got.Shown, wantSearch)
			}

			// Clear: every entry shows and the query goes.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[data-filters] button[type="reset"]`))); err != nil {
				t.Fatal(err)
			}
			cleared := filterStateOf(t, ctx, tt.key, "")
			if cleared.Shown != cleared.Total || cleared.Search != "" || cleared.Selected != "" {
				t.Errorf("%s: after clearing, %d of %d entries shown, search %q, %q selected; want all, \"\", \"\"",
					name, cleared.Shown, cleared.Total, cleared.Search, cleared.Selected)
			}
			for _, p := range problems() {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
}

func TestFiltersIgnoreUnknownValues(t *testing.T) {
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	navigate(t, ctx, base+filterYear+"?treaty=no-such-treaty&kind=%22%5D")
	got := filterStateOf(t, ctx, "treaty", "")
	if got.Shown != got.Total || got.Selected != "" {
		t.Errorf("an unknown treaty in the query: %d of %d entries shown, %q selected; want all and none", got.Shown, got.Total, got.Selected)
	}
}

func TestWithoutJavaScriptEveryEntryShows(t *testing.T) {
	dir := sampleSite(t)
	ctx, _ := browser(t)
	base := serveDir(t, dir)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, start := range []string{base + filterYear + "?treaty=new-start", fileURL(dir, filterYear) + "?treaty=new-start"} {
		navigate(t, ctx, start)
		// Script is off for the page, not for the test's own evaluation.
		var res []bool
		for _, expr := range []string{
			`[...document.querySelectorAll('li.entry')].every(e => e.checkVisibility())`,
			`document.querySelectorAll('li.entry').length > 0`,
			`!document.querySelector('form[data-filters]').checkVisibility()`,
		} {
			res = append(res, eval[bool](t, ctx, expr))
		}
		if strings.Contains(fmt.Sprint(res), "false") {
			t.Errorf("%s without JavaScript: every entry shown, some entries, form hidden = %v; want all true", start, res)
		}
	}
}
