package publish

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"sync"
)

// Options configures a transaction.
type Options struct {
	// SiteRoot is the folder of the site being built. The output folder may
	// not be it, an ancestor of it, its content/ or templates/ folder or
	// inside them. Empty: no site to protect.
	SiteRoot string
	// Partial keeps the files of the previous build that are not Put, and
	// replaces changed files one by one instead of swapping the whole tree:
	// the mode of incremental rebuilds, see the package documentation.
	Partial bool
	// Logger receives what is not output: recovered leftovers, fallbacks.
	// Nil discards.
	Logger *slog.Logger
	// Files is what [Tx.Files] gave after the last commit to the same
	// output folder. Begin takes the previous build's list of files from it
	// instead of parsing the marker again, as long as the marker still holds
	// the bytes it had then. Nil: the marker is parsed.
	Files *Files
}

// Files is the list of files an output folder's marker holds after a
// commit, kept so that the next transaction on the folder, typically an
// incremental rebuild that changes a few of thousands of files, need not
// parse and sort it again. A Files is never changed once made, so it may
// be passed to any number of transactions.
type Files struct {
	marker    []byte
	names     map[string]bool
	canonical bool // marker is what encodeMarker makes of names
}

// Stats counts what a commit did to files. Written counts new and changed
// files, Unchanged files Put with the bytes they had, Removed files of the
// previous build that are gone.
type Stats struct {
	Written, Unchanged, Removed int
}

// Tx is one build's change to an output folder, begun by [Begin]. Put and
// Remove are safe for concurrent use; Commit and Abort end the transaction
// and must not run concurrently with them.
type Tx struct {
	dir     string // the output folder: absolute, without symbolic links
	parent  string // dir's parent, the folder root is opened on
	base    string // dir's name in parent
	staging string // the staging folder's name in parent
	root    *os.Root

	existed   bool            // the output folder was there at Begin
	partial   bool            // [Options.Partial]
	inPlace   bool            // files are replaced one by one, not swapped
	oldFiles  map[string]bool // the files the previous build listed in its marker; never changed
	oldMarker []byte
	canonical bool     // oldMarker is what encodeMarker makes of oldFiles
	given     *Files   // [Options.Files]
	files     *Files   // what the marker holds after Commit
	created   []string // folders Begin made for dir's parent, outermost first
	log       *slog.Logger
	exchange  func(a, b string) error

	dirs  sync.Map // folders made, or found, by [Tx.mkdirs]
	stage *stage   // the staging folder's fast path for Put, nil without one

	mu      sync.Mutex
	names   map[string]string // Put names; in place, to their temporary file
	sizes   map[string]int64  // the size of each file Put, by name
	removed map[string]bool
	tmpMade bool
	seq     int
	stats   Stats
	failed  error
	closed  bool
}

var errClosed = errors.New("publish: transaction already committed or aborted")

// Begin starts a build of the output folder dir. It refuses an unsafe dir
// (see the package documentation; such errors wrap [ErrRefused]) before
// changing anything, then deletes what an interrupted build left next to or
// inside dir, and prepares the staging folder. The folders above dir are
// created when missing.
func Begin(dir string, opts Options) (*Tx, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dir == "" {
		return nil, errors.New("no output folder given")
	}
	out, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("resolving output folder %s: %w", dir, err)
	}
	if err := checkPlace(out, opts.SiteRoot); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(out)
	parent = filepath.Clean(parent)
	staging, aside := "."+base+stagingSuffix, "."+base+asideSuffix
	stagingLeft, err := isLeftover(out, filepath.Join(parent, staging))
	if err != nil {
		return nil, err
	}
	asideLeft, err := isLeftover(out, filepath.Join(parent, aside))
	if err != nil {
		return nil, err
	}
	exists, err := inspect(out)
	if err != nil {
		return nil, err
	}

	// Every check passed: from here on Begin changes things.
	created := missingAncestors(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating the parent of the output folder: %w", err)
	}
	root, err := os.OpenRoot(parent)
	if err != nil {
		return nil, err
	}
	if !exists && asideLeft {
		// A build died between moving the old folder aside and the new one
		// into place: put the old one back.
		if err := root.Rename(aside, base); err != nil {
			root.Close()
			return nil, fmt.Errorf("restoring the output folder of an interrupted build: %w", err)
		}
		log.Warn("restored the output folder of an interrupted build", "dir", out)
		exists, asideLeft = true, false
	}
	for _, left := range []struct {
		name string
		ok   bool
	}{{staging, stagingLeft}, {aside, asideLeft}} {
		if !left.ok {
			continue
		}
		if err := removeTree(root, left.name); err != nil {
			root.Close()
			return nil, fmt.Errorf("deleting the leftovers of an interrupted build: %w", err)
		}
		log.Info("deleted the leftovers of an interrupted build", "path", filepath.Join(parent, left.name))
	}
	tx := &Tx{
		dir: out, parent: parent, base: base, staging: staging, root: root,
		existed: exists, partial: opts.Partial, created: created, log: log, given: opts.Files,
		exchange: exchangeFolders,
		names:    make(map[string]string), removed: make(map[string]bool),
		sizes: make(map[string]int64),
	}
	if err := tx.prepare(); err != nil {
		tx.cleanup()
		return nil, err
	}
	return tx, nil
}

// prepare reads the previous build's marker and makes the staging folder.
func (tx *Tx) prepare() error {
	tx.oldFiles = make(map[string]bool)
	if tx.existed {
		data, err := tx.root.ReadFile(path.Join(tx.base, markerName))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("reading the marker of the output folder: %w", err)
		}
		tx.oldMarker = data
		if g := tx.given; g != nil && bytes.Equal(g.marker, data) {
			tx.oldFiles, tx.canonical = g.names, g.canonical
		} else {
			tx.oldFiles, tx.canonical = parseMarker(data, tx.log)
		}
		tmp := path.Join(tx.base, tmpFolder)
		if _, err := tx.root.Lstat(tmp); err == nil {
			if err := removeTree(tx.root, tmp); err != nil {
				return fmt.Errorf("deleting the leftovers of an interrupted build: %w", err)
			}
			tx.log.Info("deleted the leftovers of an interrupted build", "path", filepath.Join(tx.dir, tmpFolder))
		}
		dirInfo, err := tx.root.Stat(tx.base)
		if err != nil {
			return err
		}
		parentInfo, err := tx.root.Stat(".")
		if err != nil {
			return err
		}
		tx.inPlace = tx.partial
		if !sameDevice(dirInfo, parentInfo) && !tx.partial {
			tx.inPlace = true
			tx.log.Warn("the output folder is a mount point, so no staging folder can sit on its file system: replacing files one by one, not all at once", "dir", tx.dir)
		}
	}
	if tx.inPlace {
		return nil
	}
	if err := tx.root.Mkdir(tx.staging, 0o755); err != nil {
		return fmt.Errorf("creating the staging folder: %w", err)
	}
	// The marker makes the staging folder recognisable as a leftover from
	// its first moment, so that a later Begin may delete it.
	if err := tx.root.WriteFile(path.Join(tx.staging, markerName), nil, 0o644); err != nil {
		return fmt.Errorf("creating the staging folder: %w", err)
	}
	tx.stage = newStage(tx.root, tx.staging)
	return nil
}

// Put writes the file name (a slash path in the output folder, such as
// "treaties/new-start/index.html") with data. The file goes to disk at once;
// Put does not keep data. Put rejects a name that is empty, absolute, holds
// "..", a backslash or a NUL byte, starts with ".treatyline", was already
// Put, or would overwrite a file that the user put in the output folder.
// After a failed Put, Commit fails too.
func (tx *Tx) Put(name string, data []byte) error {
	err := tx.put(name, data)
	if err != nil {
		tx.fail(err)
	}
	return err
}

// fail records the first error of a Put, which Commit then reports.
func (tx *Tx) fail(err error) {
	tx.mu.Lock()
	if tx.failed == nil {
		tx.failed = err
	}
	tx.mu.Unlock()
}

// reserve checks name and claims it for one Put.
func (tx *Tx) reserve(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.closed {
		return errClosed
	}
	if _, dup := tx.names[name]; dup {
		return fmt.Errorf("output file %s written twice", name)
	}
	tx.names[name] = ""
	return nil
}

func (tx *Tx) put(name string, data []byte) error {
	if err := tx.reserve(name); err != nil {
		return err
	}
	old := path.Join(tx.base, name)
	fi, err := tx.existing(name)
	if err != nil {
		return err
	}
	if fi != nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
		same, err := sameBytes(tx.root, old, data)
		if err != nil {
			return fmt.Errorf("comparing %s: %w", name, err)
		}
		if same {
			if !tx.inPlace {
				if err := tx.linkFile(old, path.Join(tx.staging, name)); err != nil {
					return err
				}
			}
			tx.mu.Lock()
			tx.stats.Unchanged++
			tx.sizes[name] = int64(len(data))
			tx.mu.Unlock()
			return nil
		}
	}
	target := path.Join(tx.staging, name)
	if tx.inPlace {
		if target, err = tx.tempFile(); err != nil {
			return err
		}
	}
	if err := tx.writeFile(target, data); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tx.mu.Lock()
	if tx.inPlace {
		tx.names[name] = target
	}
	tx.stats.Written++
	tx.sizes[name] = int64(len(data))
	tx.mu.Unlock()
	return nil
}

// tempFile names a new temporary file in the output folder, making the
// folder that holds them on first use.
func (tx *Tx) tempFile() (string, error) {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	tmp := path.Join(tx.base, tmpFolder)
	if !tx.tmpMade {
		if err := tx.root.Mkdir(tmp, 0o700); err != nil {
			return "", fmt.Errorf("creating a temporary folder in the output folder: %w", err)
		}
		tx.tmpMade = true
	}
	tx.seq++
	return path.Join(tmp, strconv.Itoa(tx.seq)), nil
}

// Remove drops the file name of the previous build: in [Options.Partial]
// mode, the way to remove a page that no longer exists. Without Partial
// every file that is not Put is removed anyway. Remove has no effect on a
// name that is also Put, on a file the user put in the output folder, or on
// an invalid name.
func (tx *Tx) Remove(name string) {
	if checkName(name) != nil {
		return
	}
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if !tx.closed {
		tx.removed[name] = true
	}
}

// Commit makes the output folder hold the new build and ends the
// transaction. Without [Options.Partial] the change is one atomic swap, and
// a failed Commit leaves the output folder as it was; with it, files are
// replaced one by one, all of them before Commit returns.
func (tx *Tx) Commit() (Stats, error) {
	tx.mu.Lock()
	if tx.closed {
		tx.mu.Unlock()
		return Stats{}, errClosed
	}
	tx.closed = true
	failed := tx.failed
	tx.mu.Unlock()
	if failed != nil {
		tx.cleanup()
		return Stats{}, fmt.Errorf("not publishing %s after a failed write: %w", tx.dir, failed)
	}
	// The stage serves Put alone: Commit links and renames through root.
	tx.closeStage()
	commit := tx.commitSwap
	if tx.inPlace {
		commit = tx.commitInPlace
	}
	files, err := commit()
	if err != nil {
		tx.cleanup()
		return Stats{}, fmt.Errorf("publishing %s: %w", tx.dir, err)
	}
	tx.root.Close()
	tx.mu.Lock()
	tx.files = files
	tx.sizes[markerName] = int64(len(files.marker))
	tx.mu.Unlock()
	tx.log.Debug("published", "dir", tx.dir, "written", tx.stats.Written,
		"unchanged", tx.stats.Unchanged, "removed", tx.stats.Removed)
	return tx.stats, nil
}

// Files returns the list of files the output folder's marker holds after a
// successful Commit, for the next Begin's [Options.Files]. It is nil before
// Commit, after a failed one and after Abort.
func (tx *Tx) Files() *Files {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	return tx.files
}

// Sizes returns, after a successful Commit, the size of every file the
// transaction Put or Created and of the marker, by name: for a build
// without [Options.Partial], every file of the output folder but the
// user's. It is nil before Commit, after a failed one and after Abort. The
// map is the transaction's: the caller must not change it.
func (tx *Tx) Sizes() map[string]int64 {
	tx.mu.Lock()
	defer tx.mu.Unlock()
	if tx.files == nil {
		return nil
	}
	return tx.sizes
}

// Abort ends the transaction leaving the output folder as it was, and
// deletes what Begin and Put made. After Commit, Abort does nothing, so a
// deferred Abort is safe.
func (tx *Tx) Abort() error {
	tx.mu.Lock()
	if tx.closed {
		tx.mu.Unlock()
		return nil
	}
	tx.closed = true
	tx.mu.Unlock()
	return tx.cleanup()
}

// cleanup deletes the staging or temporary files and the parent folders
// Begin made, when the new output did not go into place.
func (tx *Tx) cleanup() error {
	tx.closeStage()
	var err error
	if tx.inPlace {
		err = tx.dropTemp()
	} else {
		err = removeTree(tx.root, tx.staging)
	}
	tx.root.Close()
	for i := len(tx.created) - 1; i >= 0; i-- {
		// Best effort: a folder someone filled meanwhile stays.
		os.Remove(tx.created[i])
	}
	if err != nil {
		return fmt.Errorf("deleting the unfinished build: %w", err)
	}
	return nil
}

func (tx *Tx) closeStage() {
	if tx.stage != nil {
		tx.stage.close()
		tx.stage = nil
	}
}
