// Package content loads a treatyline site: its config, its treaty records and
// its articles. [Load] reads them from an [io/fs.FS] rooted at the site,
// checks them, and returns a [Site] together with every diagnostic found, so
// that one run reports all problems, each at its path:line:col.
//
// This comment is the manual of the input format; SPEC.md (sections 3, 4,
// 5.5 and 9) is the contract it follows.
//
// # Site layout
//
// A site root holds:
//
//	config.toml                the site config
//	content/treaties/<id>.toml a treaty record (or <id>.md, see below)
//	content/articles/**/*.md   articles, in folders of any depth
//	templates/                 optional: the site's own theme
//
// Files that editors leave behind are not content: swap, backup and lock
// files (*.swp, *.swx, *~, 4913, .#*, #*, *___jb_tmp___, *___jb_old___) and
// every dotfile and dot-folder; see [Ignored]. Symlinks are followed only
// when the file system allows it: an [os.Root] refuses targets outside the
// root, and Load reports such a symlink at its path.
//
// Every file is UTF-8 text, with "\n" or "\r\n" line endings and an optional
// byte order mark. Columns count bytes, the byte order mark included, as Go's
// compilers count them.
//
// # Config
//
// config.toml sets title, base_url (an absolute http or https URL; a final
// "/" is added), language ("en"), as_of (a date), output_dir ("public"),
// paginate (100), pretty_urls (false), feed_items (20), and in its
// [markdown] table unsafe_html (false). Any other key is an error, reported
// with the closest known key as a suggestion.
//
// # Treaty records
//
// A record's id is its file name without the extension and must match
// [a-z0-9-]+. Its TOML keys are title and parties (both required),
// full_title, aliases, expires, summary, tags, links (tables of title and
// url) and events: a [[events]] table each, with date and kind required and
// party, place, note, source, label, until and by optional:
//
//	title   = "New START"
//	parties = ["United States", "Russia"]
//	expires = 2021-02-05
//
//	[[events]]
//	date = 2010-04-08
//	kind = "signed"
//
// The kinds form a closed list, [Kinds]. An "other" event needs a label; an
// "extended" event needs until, a date later than the expiry it extends (the
// record's expires, or the until of the extension before it) or the string
// "indefinite"; until belongs to "extended" events only and by, the id of the
// successor, to "superseded" ones. A party must be one of the record's
// parties, "in-force" may not come before the first "signed" or "opened",
// and URLs must be http, https or mailto. An explicit "expired" event whose
// date is not the record's final expiry is a warning.
//
// A record may be <id>.md instead: the same keys as front matter between two
// "+++" lines, and a Markdown body that becomes the description.
//
// Titles and aliases name a treaty in references, ignoring case, so two
// records may not share one.
//
// # Articles
//
// An article is Markdown with TOML front matter between "+++" lines:
//
//	+++
//	title    = "Antonov proposes a meeting"   # required
//	date     = 2021-03-05                     # required
//	slug     = "antonov-meeting"              # default: the file name
//	treaties = ["new-start"]
//	tags     = ["diplomacy"]
//	draft    = true                           # loaded only with Drafts
//	+++
//	Text with a treaty link, [[new-start]], and a dated annotation,
//	[the treaty was extended]{date=2021-02-03 treaty=new-start kind=extended}.
//
// The other keys are summary, author, source, source_url and events, whose
// tables add a treaty key to those of a record's events. A slug must match
// [a-z0-9-]+ and be unique across articles.
//
// Every treaty an article names, in treaties, events, [[links]] or
// annotations, is a reference, by id, title or alias. An unknown one is an
// error, unless it names a record that has errors of its own; an article
// that names no treaty gets a warning. Events and annotations are reports:
// their dates, kinds and parties are checked, and a party must be one of the
// treaty's.
//
// Tags and parties become folder names through [link.Slug], so two names
// with the same slug, or a name with an empty one, are errors.
//
// # Dates
//
// A date is a TOML date, a TOML datetime (its calendar date counts), or a
// string of reduced precision: "1972", "1972-05" or "1972-05-26". It keeps
// its precision; see package date. A date inside an annotation is written
// the same way, without quotes.
package content
