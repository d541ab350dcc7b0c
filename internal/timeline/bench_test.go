package timeline

import (
	"testing"

	"github.com/treatyline/treatyline/internal/date"
	"github.com/treatyline/treatyline/internal/sitetest"
)

// BenchmarkBuild computes the timeline of a generated site of 2,000
// articles; Build runs alone between loading and rendering, so its time
// adds to every full build's.
func BenchmarkBuild(b *testing.B) {
	site := sitetest.Generated(b, 2000)
	asOf := date.MustParse("2026-11-27")
	b.ReportAllocs()
	for b.Loop() {
		Build(site, asOf)
	}
}
