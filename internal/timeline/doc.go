// Package timeline computes the model of a site as of a date (SPEC §5): each
// treaty's status ([StatusOf]), and the sorted timeline of treaty events,
// expiries, reported events and articles, with content-derived anchors
// ([Build]).
//
// The package is pure: no I/O and no clock. The as-of date is an argument,
// so the same site and date always give the same [Timeline].
package timeline
