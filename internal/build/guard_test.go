package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/treatyline/treatyline/internal/content"
	"github.com/treatyline/treatyline/internal/publish"
	"github.com/treatyline/treatyline/internal/render"
	"github.com/treatyline/treatyline/internal/sitetest"
	"github.com/treatyline/treatyline/internal/timeline"
)

const guardSite = `
-- config.toml --
title = "Guard"
as_of = 2026-11-27
-- content/treaties/new-start.toml --
title = "New START"
parties = ["United States", "Russia"]

[[events]]
date = 2010-04-08
kind = "signed"
-- content/articles/a.md --
+++
title = "A"
date = 2021-02-03
+++
[[New START]].
`

// A render.Page made without its renderer panics when rendered (a nil
// function call): the one way to make a page panic from outside package
// render, and a stand-in for any bug in a renderer.
func panickingPage(path string) render.Page { return render.Page{Path: path} }

func TestPanicInAPageRenderBecomesAnErrorNamingThePage(t *testing.T) {
	var buf bytes.Buffer
	err := renderPage(panickingPage("treaties/new-start/index.html"), &buf)
	if err == nil {
		t.Fatal("renderPage of a panicking page = nil error, want an error")
	}
	for _, want := range []string{"rendering treaties/new-start/index.html", "internal error"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("renderPage error = %q, want it to hold %q", err, want)
		}
	}
}

func TestPanicInOnePageLeavesThePreviousOutputWhole(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := publish.Begin(out, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Put("index.html", []byte("old home")); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	tx, err = publish.Begin(out, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Real pages around the bad one: the workers are busy when it panics.
	site, diags := content.Load(sitetest.MapFS(guardSite), content.LoadOptions{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	theme, err := render.LoadTheme(render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := render.Pages(site, timeline.Build(site, site.Config.AsOf), theme, render.ListOptions{})
	pages = slices.Insert(pages, len(pages)/2, panickingPage("timeline/1987/index.html"))
	err = renderAll(context.Background(), pages, tx, nil)
	if err == nil || !strings.Contains(err.Error(), "rendering timeline/1987/index.html") {
		t.Fatalf("renderAll = %v, want an error naming timeline/1987/index.html", err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || string(got) != "old home" {
		t.Errorf("after the failed build index.html = %q, %v; want the old home page", got, err)
	}
}
