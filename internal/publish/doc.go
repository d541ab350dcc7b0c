// Package publish writes a generated site into its output folder. It knows
// files, not treaties: a build opens a transaction with [Begin], hands it
// every file with [Tx.Put] (a slash path relative to the output folder and
// its bytes), or with [Tx.Create] for one too large to hold in memory, and
// ends it with [Tx.Commit] or [Tx.Abort].
//
// # All old or all new
//
// By default Begin makes a staging folder next to the output folder, in the
// same parent and so on the same file system: ".public.treatyline-new" for
// "public". Put writes each file there as it comes, so a transaction never
// holds the whole site in memory. Commit hard-links into the staging tree the
// files the user keeps in the output folder, then exchanges the two folders
// in one step with renameat2(RENAME_EXCHANGE) and deletes the old tree, which
// is now at the staging path. Whenever the process dies, even by SIGKILL, the
// output folder holds either the whole previous build or the whole new one;
// the next Begin deletes whatever the dead build left next to it. Where the
// file system cannot exchange two folders, Commit moves the old folder aside
// (".public.treatyline-old") and the new one into place, says so through the
// logger, and a Begin after a crash between the two renames puts the old
// folder back.
//
// # Unchanged, stale and user files
//
// A file whose bytes did not change (same size, then same bytes) is not
// rewritten: the new tree holds a hard link to the old file, so its inode and
// modification time stay. A build that changes nothing, writing and removing
// no file, does not touch the output folder at all. Files of the previous
// build that are not Put again are removed, and folders left empty pruned.
//
// The marker file ".treatyline" in the output folder lists the files
// treatyline wrote there, sorted, one per line. Everything else in the folder
// belongs to the user (a CNAME, a .git folder, a folder of downloads): it is
// carried into every new tree as it is, hard-linked, symbolic links copied
// and never followed, and a Put that would overwrite it fails. Top-level
// names starting with ".treatyline" are treatyline's own.
//
// # Refused folders
//
// Begin refuses, before changing anything anywhere, an output folder that is
// the file system root, the user's home folder or one of its ancestors, the
// site root or one of its ancestors, the site's content/ or templates/ folder
// or a folder inside them, something that is not a folder, or a non-empty
// folder without a marker: treatyline did not make it. An empty folder is
// adopted. Paths are compared absolute, cleaned and with symbolic links
// resolved. Such errors wrap [ErrRefused].
//
// # Incremental builds
//
// Cloning a tree of thousands of pages to change three is too slow for watch
// mode. With [Options.Partial] files that are not Put stay, [Tx.Remove] drops
// the pages that are gone, and Commit replaces each changed file in place: Put
// writes it to a temporary folder inside the output folder and Commit renames
// it over the old file. Each file is replaced atomically and the whole set
// before Commit returns, but a process killed during Commit can leave some
// files new and some old; the next full build makes the folder whole. The
// same file-by-file replacement serves an output folder that is a mount
// point, where no staging folder can sit on its file system; the logger says
// so.
//
// # Durability
//
// Nothing is fsynced. The guarantee is against the build process dying, by a
// crash, Ctrl-C or SIGKILL: the kernel keeps every completed write in its page
// cache and applies renames in order, so the folder the process leaves behind
// is consistent without paying for a disk flush of every page. A power cut is
// outside the guarantee; a rebuild restores the output from its sources.
package publish
