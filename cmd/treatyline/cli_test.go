package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/treatyline/treatyline/internal/sitetest"
)

// binary is the treatyline command built once for the CLI tests, which run
// it as a user would: a real process on real folders.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "treatyline-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "treatyline")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", binary, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building treatyline: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// treatyline runs the command in dir with env added to a clean environment.
func treatyline(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	return runCommand(t, 5*time.Minute, dir, env, args...)
}

// treatylineWithin runs the command as [treatyline] does, but fails the
// test when it takes longer than limit: bad input must not hang a build.
func treatylineWithin(t *testing.T, limit time.Duration, dir string, args ...string) result {
	t.Helper()
	return runCommand(t, limit, dir, nil, args...)
}

func runCommand(t *testing.T, limit time.Duration, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("treatyline %s did not finish within %s", strings.Join(args, " "), limit)
	}
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running treatyline %s: %v", strings.Join(args, " "), err)
	}
	return r
}

func (r result) want(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

// minimalSite is a valid site of one treaty and one article.
const minimalSite = `
-- config.toml --
title = "Test timeline"
as_of = 2026-11-27
-- content/treaties/new-start.toml --
title = "New START"
parties = ["United States", "Russia"]
expires = 2021-02-05

[[events]]
date = 2010-04-08
kind = "signed"
place = "Prague"

[[events]]
date = 2011-02-05
kind = "in-force"

[[events]]
date = 2021-02-03
kind = "extended"
until = 2026-02-05

[[events]]
date = 2023-02-21
kind = "suspended"
party = "Russia"
-- content/articles/2021/extension.md --
+++
title = "Extension agreed"
date = 2021-02-03
+++

[[New START]] was [extended]{date=2021-02-03 treaty=new-start kind=extended until=2026-02-05}.
`

func site(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, archive)
	return dir
}

func TestUsageErrorsExitTwo(t *testing.T) {
	dir := site(t, minimalSite)
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "extra"},
		{"build", "--as-of", "yesterday"},
		{"check", "-o", "x"},
		{"new", "poem", "x"},
		{"new", "treaty", "Bad ID"},
	} {
		r := treatyline(t, dir, nil, args...)
		if r.code != 2 {
			t.Errorf("treatyline %q: exit status %d, want 2\n%s", args, r.code, r.stderr)
		}
		if r.stderr == "" {
			t.Errorf("treatyline %q: no message", args)
		}
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	dir := t.TempDir()
	for _, cmd := range []string{"build", "check", "watch", "serve", "new", "version"} {
		r := treatyline(t, dir, nil, cmd, "--help")
		r.want(t, 0)
		if !strings.Contains(r.stdout, "Usage: treatyline "+cmd) && cmd != "version" {
			t.Errorf("%s --help:\n%s", cmd, r.stdout)
		}
	}
	r := treatyline(t, dir, nil, "--help")
	r.want(t, 0)
	sitetest.AssertContains(t, "--help", r.stdout, "treatyline build", "treatyline serve")
}

func TestMalformedSourceDateEpochIsAUsageError(t *testing.T) {
	dir := site(t, minimalSite)
	r := treatyline(t, dir, []string{"SOURCE_DATE_EPOCH=tomorrow"}, "build")
	r.want(t, 2)
	sitetest.AssertContains(t, "stderr", r.stderr, "SOURCE_DATE_EPOCH")
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a usage error wrote output")
	}
	treatyline(t, dir, []string{"SOURCE_DATE_EPOCH=0"}, "check").want(t, 0)
}

func TestVersion(t *testing.T) {
	r := treatyline(t, t.TempDir(), nil, "version")
	r.want(t, 0)
	if !strings.HasPrefix(r.stdout, "treatyline ") {
		t.Errorf("version printed %q", r.stdout)
	}
}

func TestNewArticleAndTreatyScaffolds(t *testing.T) {
	dir := site(t, minimalSite)
	r := treatyline(t, dir, []string{"SOURCE_DATE_EPOCH=0"}, "new", "article", "Russia suspends New START", "--date", "2023-02-21", "--treaty", "new-start")
	r.want(t, 0)
	if got, want := strings.TrimSpace(r.stdout), "content/articles/2023/russia-suspends-new-start.md"; got != want {
		t.Fatalf("new article printed %q, want %q", got, want)
	}
	sitetest.AssertFile(t, filepath.Join(dir, "content/articles/2023/russia-suspends-new-start.md"),
		`title    = "Russia suspends New START"`, `date     = 2023-02-21`, `treaties = ["new-start"]`)

	r = treatyline(t, dir, nil, "new", "article", "Russia suspends New START", "--date", "2023-02-21")
	r.want(t, 1)
	sitetest.AssertContains(t, "stderr", r.stderr, "already exists")

	r = treatyline(t, dir, nil, "new", "treaty", "inf", "--title", "INF Treaty")
	r.want(t, 0)
	sitetest.AssertFile(t, filepath.Join(dir, "content/treaties/inf.toml"), `title      = "INF Treaty"`, "# [[events]]")

	// The scaffolds are valid content once their required keys are filled.
	treatyline(t, dir, nil, "check").want(t, 1)
	inf := filepath.Join(dir, "content/treaties/inf.toml")
	data, _ := os.ReadFile(inf)
	os.WriteFile(inf, bytes.Replace(data, []byte("parties    = []"), []byte(`parties    = ["United States", "Soviet Union"]`), 1), 0o644)
	r = treatyline(t, dir, nil, "check")
	r.want(t, 0)
}
