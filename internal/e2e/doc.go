// Package e2e checks the built sample site as readers meet it: in headless
// Chromium over HTTP and from file://, with axe-core for accessibility, the
// Nu Html Checker for validity and TimelineJS for the timeline.json export.
//
// The tests need Debian's chromium (and Java and the npm packages of the
// repository's package.json for some checks). They skip when those are
// missing, except under CI=true, where a missing tool is a failure.
package e2e
