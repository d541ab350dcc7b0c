package publish

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// File is a file of a transaction that is written piece by piece, made by
// [Tx.Create]. Its methods are for one goroutine.
type File struct {
	tx     *Tx
	name   string      // in the output folder
	target string      // where its bytes go, in the folder root is opened on
	old    fs.FileInfo // the previous build's file, or nil
	f      *os.File
	w      *bufio.Writer
	size   int64
}

// Create is [Tx.Put] for a file too large to hold in memory whole, such as
// an export of a large site: what is written to the returned File goes to
// disk as it comes, and [File.Close] completes the file. The name is
// checked as Put checks it, and a file that ends up with the bytes it had
// counts as unchanged and keeps its old copy. The File must be closed;
// after a failed Create, Write or Close, Commit fails too.
func (tx *Tx) Create(name string) (*File, error) {
	f, err := tx.create(name)
	if err != nil {
		tx.fail(err)
	}
	return f, err
}

func (tx *Tx) create(name string) (*File, error) {
	if err := tx.reserve(name); err != nil {
		return nil, err
	}
	old, err := tx.existing(name)
	if err != nil {
		return nil, err
	}
	if old != nil && !old.Mode().IsRegular() {
		old = nil
	}
	target := path.Join(tx.staging, name)
	if tx.inPlace {
		if target, err = tx.tempFile(); err != nil {
			return nil, err
		}
	}
	if err := tx.mkdirs(path.Dir(target)); err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	f, err := tx.root.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", name, err)
	}
	return &File{tx: tx, name: name, target: target, old: old, f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

func (f *File) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	f.size += int64(n)
	return n, err
}

func (f *File) WriteString(s string) (int, error) {
	n, err := f.w.WriteString(s)
	f.size += int64(n)
	return n, err
}

func (f *File) WriteByte(c byte) error {
	err := f.w.WriteByte(c)
	if err == nil {
		f.size++
	}
	return err
}

// Close writes what is buffered and completes the file.
func (f *File) Close() error {
	err := f.w.Flush()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.settle()
	}
	if err != nil {
		err = fmt.Errorf("writing %s: %w", f.name, err)
		f.tx.fail(err)
	}
	return err
}

// settle counts the written file, or puts the previous build's copy in
// its place when the two hold the same bytes.
func (f *File) settle() error {
	tx := f.tx
	if f.old != nil && f.old.Size() == f.size {
		old := path.Join(tx.base, f.name)
		same, err := sameFiles(tx.root, old, f.target)
		if err != nil {
			return fmt.Errorf("comparing with the previous build: %w", err)
		}
		if same {
			if err := tx.root.Remove(f.target); err != nil {
				return err
			}
			if !tx.inPlace {
				if err := tx.linkFile(old, f.target); err != nil {
					return err
				}
			}
			tx.mu.Lock()
			tx.stats.Unchanged++
			tx.sizes[f.name] = f.size
			tx.mu.Unlock()
			return nil
		}
	}
	tx.mu.Lock()
	if tx.inPlace {
		tx.names[f.name] = f.target
	}
	tx.stats.Written++
	tx.sizes[f.name] = f.size
	tx.mu.Unlock()
	return nil
}

// sameFiles reports whether the files a and b hold the same bytes.
func sameFiles(root *os.Root, a, b string) (bool, error) {
	fa, err := root.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := root.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	bufA, bufB := make([]byte, 32<<10), make([]byte, 32<<10)
	for {
		na, errA := io.ReadFull(fa, bufA)
		nb, errB := io.ReadFull(fb, bufB)
		if na != nb || !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		eofA, eofB := errA == io.EOF || errA == io.ErrUnexpectedEOF, errB == io.EOF || errB == io.ErrUnexpectedEOF
		switch {
		case errA != nil && !eofA:
			return false, errA
		case errB != nil && !eofB:
			return false, errB
		case eofA || eofB:
			return eofA && eofB, nil
		}
	}
}
