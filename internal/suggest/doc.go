// Package suggest finds what an editor could annotate in an article: plain
// mentions of a known treaty, which could become treaty links
// ([[new-start|New START]]), and date phrases, which could become dated
// annotations ([3 February 2021]{date=2021-02-03}). It is the engine of
// `treatyline suggest`.
//
// # Scope
//
// Only the Markdown body is read, and only its plain text as goldmark parses
// it: code spans and blocks, links and autolinks, images, raw HTML, headings,
// existing treaty links and existing annotations are never touched, because a
// real Markdown parser decides what they are, not a pattern.
//
// A treaty is mentioned by its title or one of its aliases, as a whole word,
// the longest name winning ("New START" over "START"). Words of a name that
// are written in capitals (INF, SORT, START) must match exactly, so "sort the
// list" is no mention; other words match in any case. A name followed by a
// Roman numeral names another treaty ("START II" is not "START").
//
// Dates are found in these forms, ordinals ("3rd February") allowed:
//
//	3 February 2021, February 3, 2021, February 3 2021   day precision
//	March 2019                                           month precision
//	in 1972, since 1972, until 1972                      year precision
//	on 3 February, since February 3                      the most recent such day on or before the article's date
//	until 5 February, by February 5, next 5 February     the first such day after the article's date
//
// # Precision over recall
//
// A suggestion an editor has to reject costs more than one the engine
// misses, so the forms are narrow: a bare number is never a year ("1,550
// warheads", "Resolution 2231"), a day and month count only after one of the
// words above, and relative phrases ("the following year", "last week") are
// left alone, and a date is not proposed in a sentence that already holds an
// annotation of that date. A date annotation names a treaty only when
// exactly one treaty is mentioned in its sentence before the date.
package suggest
