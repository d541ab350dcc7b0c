package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/treatyline/treatyline/internal/sitetest"
)

// repoRoot is the sample site: the repository itself.
const repoRoot = "../.."

// TestSampleSiteMatchesCommittedOutput builds the repository's sample site
// and compares it, file by file, with the committed public/: the largest
// golden file. After a deliberate change, rebuild with
// `go run ./cmd/treatyline build` and read the diff before committing.
func TestSampleSiteMatchesCommittedOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	treatyline(t, repoRoot, nil, "build", "--quiet", "-o", out).want(t, 0)
	want := readTree(t, filepath.Join(repoRoot, "public"))
	got := readTree(t, out)
	for name, data := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("public/%s is built but not committed", name)
		} else if !bytes.Equal(w, data) {
			t.Errorf("public/%s differs from a fresh build", name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("public/%s is committed but no longer built", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == ".treatyline-inputs" {
			return nil // the record of the last build's inputs, not output
		}
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestRebuildChangesNoByteAndNoMtime builds the sample site twice: the second
// build writes nothing.
func TestRebuildChangesNoByteAndNoMtime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	treatyline(t, repoRoot, nil, "build", "--quiet", "-o", out).want(t, 0)
	before := sitetest.Manifest(t, out)
	r := treatyline(t, repoRoot, nil, "build", "-o", out)
	r.want(t, 0)
	sitetest.AssertContains(t, "summary", r.stderr, " 0 written", " 0 removed")
	if after := sitetest.Manifest(t, out); after != before {
		t.Errorf("a second build changed the output:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestNewStartStatusAsOf is the worked example of SPEC §5.4, through the
// command line and data/treaties.json of the sample site.
func TestNewStartStatusAsOf(t *testing.T) {
	tests := []struct {
		asOf, status, since, expires string
		suspendedBy                  []string
	}{
		{"2010-06-01", "signed", "2010-04-08", "2021-02-05", nil},
		{"2015-01-01", "in-force", "2011-02-05", "2021-02-05", nil},
		{"2021-03-05", "in-force", "2011-02-05", "2026-02-05", nil},
		{"2023-06-01", "in-force", "2011-02-05", "2026-02-05", []string{"Russia 2023-02-21"}},
		{"2026-11-27", "expired", "2026-02-05", "2026-02-05", []string{"Russia 2023-02-21"}},
	}
	out := filepath.Join(t.TempDir(), "public")
	for _, tt := range tests {
		treatyline(t, repoRoot, nil, "build", "--quiet", "-o", out, "--as-of", tt.asOf).want(t, 0)
		data, err := os.ReadFile(filepath.Join(out, "data", "treaties.json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			AsOf     string `json:"as_of"`
			Treaties []struct {
				ID          string  `json:"id"`
				Status      string  `json:"status"`
				Since       *string `json:"since"`
				Expires     *string `json:"expires"`
				SuspendedBy []struct {
					Party, Since string
				} `json:"suspended_by"`
			} `json:"treaties"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.AsOf != tt.asOf {
			t.Errorf("as_of = %q, want %q", doc.AsOf, tt.asOf)
		}
		found := false
		for _, tr := range doc.Treaties {
			if tr.ID != "new-start" {
				continue
			}
			found = true
			var susp []string
			for _, s := range tr.SuspendedBy {
				susp = append(susp, s.Party+" "+s.Since)
			}
			got := []string{tr.Status, deref(tr.Since), deref(tr.Expires), fmtList(susp)}
			want := []string{tt.status, tt.since, tt.expires, fmtList(tt.suspendedBy)}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("new-start as of %s: status, since, expires, suspended_by = %q, want %q", tt.asOf, got, want)
					break
				}
			}
		}
		if !found {
			t.Fatal("data/treaties.json has no new-start")
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func fmtList(l []string) string {
	b, _ := json.Marshal(l)
	return string(b)
}
