package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/treatyline/treatyline/internal/date"
)

// recordName is the file in the output folder that says what the last
// complete build read and wrote, so that a build of the same inputs into
// the same untouched output can stop before rendering. Its name is in
// publish's own namespace, so it is never taken for the user's file and a
// swapped-in tree starts without it.
const recordName = ".treatyline-inputs"

// recordHeader starts a record; a record of another format is ignored.
const recordHeader = "treatyline inputs 2\n"

// record is what a build leaves in recordName.
type record struct {
	digest string // of every input, see inputDigest
	asOf   date.Date
	pages  int
	files  map[string]int64 // every file of the output folder, by slash path, with its size
}

// usableRecord returns the record of the output folder out, unless there
// is none or a build cut short left its files beside or in the folder:
// only a real build cleans them up.
func usableRecord(out string) (record, bool) {
	parent, name := filepath.Split(out)
	if left, _ := filepath.Glob(filepath.Join(parent, "."+name+".treatyline-*")); len(left) > 0 {
		return record{}, false
	}
	if _, err := os.Lstat(filepath.Join(out, ".treatyline-tmp")); err == nil {
		return record{}, false
	}
	rec, err := readRecord(filepath.Join(out, recordName))
	return rec, err == nil
}

// upToDate returns the stats of a build that would change nothing, when
// rec, the record of the output folder out, is that of a build of the very
// same inputs, whose digest the function digest gives, and every file it
// lists is there with the size it had. ok is false at the least doubt, and
// the caller builds.
func upToDate(out string, rec record, digest func() (string, bool)) (stats Stats, ok bool) {
	if d, ok := digest(); !ok || d != rec.digest {
		return Stats{}, false
	}
	for name, size := range rec.files {
		info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || !info.Mode().IsRegular() || info.Size() != size {
			return Stats{}, false
		}
	}
	return Stats{Pages: rec.pages, Unchanged: rec.pages, Output: out, AsOf: rec.asOf}, true
}

// outputFolder finds the output folder as a build would, reading no more
// of config.toml than output_dir. The record's digest covers the whole
// config, so a record found through a stale reading never matches.
func outputFolder(opts Options) (string, bool) {
	if opts.Output == "" {
		var cfg struct {
			OutputDir string `toml:"output_dir"`
		}
		if _, err := toml.DecodeFile(filepath.Join(opts.Source, "config.toml"), &cfg); err != nil {
			return "", false
		}
		if cfg.OutputDir == "" {
			cfg.OutputDir = "public"
		}
		opts.Output = filepath.FromSlash(cfg.OutputDir)
		if !filepath.IsAbs(opts.Output) {
			opts.Output = filepath.Join(opts.Source, opts.Output)
		}
	}
	out, err := filepath.Abs(opts.Output)
	return out, err == nil
}

// digestInputs runs inputDigest in a goroutine and returns a function that
// waits for its result. The caller must call it before it returns.
func digestInputs(opts Options, out string, reads *readLog) func() (string, bool) {
	type result struct {
		digest string
		ok     bool
	}
	done := make(chan result, 1)
	go func() {
		digest, ok := inputDigest(opts, out, reads)
		done <- result{digest, ok}
	}()
	return sync.OnceValues(func() (string, bool) {
		r := <-done
		return r.digest, r.ok
	})
}

// inputDigest digests everything a build of opts into out reads: the
// program itself, the options, config.toml and every file under content/
// and templates/, ignored ones too. ok is false when the site holds a
// symbolic link, whose target could change unseen, or a file cannot be
// read.
//
// With reads, the log of a build that has read all it reads, the files it
// logged are digested as the build read them, not read again; ok is then
// also false when the log is incomplete, a file it logged is gone, or a
// file it did not log changed since the build began, which the build may
// have missed.
func inputDigest(opts Options, out string, reads *readLog) (digest string, ok bool) {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil || hashFile(h, exe) != nil {
		return "", false
	}
	src, err := filepath.Abs(opts.Source)
	if err != nil {
		return "", false
	}
	fmt.Fprintf(h, "\x00%q %q %s %s %q %t\x00", src, out, opts.AsOf, opts.Fallback, opts.BaseURL, opts.Drafts)
	root, err := os.OpenRoot(src)
	if err != nil {
		return "", false
	}
	defer root.Close()
	fsys, release := siteFS(root)
	defer release()
	d := &digester{h: h, fsys: fsys, reads: reads}
	if info, err := fs.Lstat(fsys, "config.toml"); err != nil || d.file("config.toml", info.Mode().Type()) != nil {
		return "", false
	}
	for _, dir := range []string{"content", "templates"} {
		err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case e.Type()&fs.ModeSymlink != 0:
				return errors.New("symbolic link")
			case e.IsDir():
				fmt.Fprintf(h, "dir %q\x00", p)
				return nil
			}
			return d.file(p, e.Type())
		})
		if err != nil && !(errors.Is(err, fs.ErrNotExist) && isMissing(fsys, dir)) {
			return "", false
		}
	}
	if reads != nil && (reads.incomplete || d.logged != len(reads.files)) {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// isMissing reports whether dir is absent from the site, which a digest
// records as such.
func isMissing(fsys fs.FS, dir string) bool {
	_, err := fs.Lstat(fsys, dir)
	return errors.Is(err, fs.ErrNotExist)
}

// digester adds files to the digest of a site's inputs.
type digester struct {
	h     io.Writer
	fsys  fs.FS
	reads *readLog // see inputDigest; nil to read every file
	// logged counts the files met that reads holds.
	logged int
	// buf serves every file read: the bytes are dropped once hashed.
	buf []byte
}

// file adds the path, size and SHA-256 of the file p, of type typ; only a
// regular file will do. The type comes from the folder listing that found
// p, which saves a stat of every file of a large site.
func (d *digester) file(p string, typ fs.FileMode) error {
	if !typ.IsRegular() {
		return fmt.Errorf("%s is not a regular file", p)
	}
	s, ok := fileSum{}, false
	if d.reads != nil {
		s, ok = d.reads.files[p]
	}
	if ok {
		d.logged++
	} else {
		if d.reads != nil {
			info, err := fs.Lstat(d.fsys, p)
			if err != nil {
				return err
			}
			// A second's margin covers file systems whose clocks tick
			// coarsely.
			if changedSince(info, d.reads.start.Add(-time.Second)) {
				return fmt.Errorf("%s changed while the site was built", p)
			}
		}
		data, err := d.read(p)
		if err != nil {
			return err
		}
		s = fileSum{sha256.Sum256(data), len(data)}
	}
	fmt.Fprintf(d.h, "file %q %d %x\x00", p, s.size, s.sum)
	return nil
}

// read reads the file p into d.buf where the file system can.
func (d *digester) read(p string) ([]byte, error) {
	bfs, ok := d.fsys.(bufferFS)
	if !ok {
		return fs.ReadFile(d.fsys, p)
	}
	data, err := bfs.ReadFileBuffer(p, d.buf)
	if err == nil {
		d.buf = data
	}
	return data, err
}

// bufferFS is a file system that reads files into a buffer of the caller's.
type bufferFS interface {
	ReadFileBuffer(name string, buf []byte) ([]byte, error)
}

func hashFile(h io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}

// readRecord reads the record at name.
func readRecord(name string) (record, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return record{}, err
	}
	rest, ok := bytes.CutPrefix(data, []byte(recordHeader))
	if !ok {
		return record{}, errors.New("not a record")
	}
	rec := record{files: map[string]int64{}}
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(nil, 1<<20)
	for i := 0; sc.Scan(); i++ {
		key, value, _ := strings.Cut(sc.Text(), " ")
		switch {
		case i == 0 && key == "digest":
			rec.digest = value
		case i == 1 && key == "as-of":
			rec.asOf, err = date.Parse(value)
		case i == 2 && key == "pages":
			rec.pages, err = strconv.Atoi(value)
		case i > 2:
			var size int64
			size, err = strconv.ParseInt(key, 10, 64)
			if err == nil && !filepath.IsLocal(filepath.FromSlash(value)) {
				err = fmt.Errorf("file %q outside the output folder", value)
			}
			rec.files[value] = size
		default:
			err = fmt.Errorf("unexpected line %q", sc.Text())
		}
		if err != nil {
			return record{}, err
		}
	}
	if rec.digest == "" || len(rec.files) == 0 {
		return record{}, errors.New("incomplete record")
	}
	return rec, sc.Err()
}

// writeRecord records the build that made stats: digest, the digest of its
// inputs, and every file it wrote into the output folder, with its size.
// The user's files are left out: a build carries them as they are, so no
// change to them can make it write anything else.
func writeRecord(stats Stats, digest string) error {
	if stats.sizes == nil {
		return errors.New("no list of the files written")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%sdigest %s\nas-of %s\npages %d\n", recordHeader, digest, stats.AsOf, stats.Pages)
	for _, name := range slices.Sorted(maps.Keys(stats.sizes)) {
		if strings.ContainsAny(name, "\n\r") {
			return fmt.Errorf("the record cannot hold the name %q", name)
		}
		fmt.Fprintf(&b, "%d %s\n", stats.sizes[name], name)
	}
	tmp, err := os.CreateTemp(stats.Output, recordName+"-*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(b.String())
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(stats.Output, recordName))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// forgetRecord removes the record of the output folder out before a build
// changes the folder, so that a build cut short leaves none behind.
func forgetRecord(out string) error {
	err := os.Remove(filepath.Join(out, recordName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
