package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// lookup returns what is at name in the folder top of root, never following
// a symbolic link on the way. When nothing is there it returns a nil info
// and, if a component of name exists but is not a folder, that component.
func lookup(root *os.Root, top, name string) (fi fs.FileInfo, blocked string, err error) {
	elems := strings.Split(name, "/")
	for i := 1; i < len(elems); i++ {
		sub := strings.Join(elems[:i], "/")
		fi, err := root.Lstat(path.Join(top, sub))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", nil
		}
		if err != nil {
			return nil, "", err
		}
		if !fi.IsDir() {
			return nil, sub, nil
		}
	}
	fi, err = root.Lstat(path.Join(top, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", nil
	}
	return fi, "", err
}

// existing returns the previous build's file at name, nil if there is none.
// It fails when writing name would overwrite, or pass through, something
// that the user put in the output folder.
func (tx *Tx) existing(name string) (fs.FileInfo, error) {
	if !tx.existed {
		return nil, nil
	}
	fi, blocked, err := lookup(tx.root, tx.base, name)
	switch {
	case err != nil:
		return nil, err
	case blocked != "" && tx.oldFiles[blocked] && !tx.inPlace:
		// A page of the previous build becomes a folder of the new one.
		return nil, nil
	case blocked != "":
		return nil, inTheWay(name, blocked)
	case fi == nil:
		return nil, nil
	case tx.oldFiles[name] && !fi.IsDir():
		return fi, nil
	}
	return nil, inTheWay(name, name)
}

func inTheWay(name, at string) error {
	return fmt.Errorf("writing %s: %s is in the output folder and treatyline did not write it; move it away or rename the page", name, at)
}

// sameBytes reports whether the file p holds exactly data, reading it in
// chunks and stopping at the first difference.
func sameBytes(root *os.Root, p string, data []byte) (bool, error) {
	f, err := root.Open(p)
	if err != nil {
		return false, err
	}
	defer f.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := f.Read(buf)
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false, nil
		}
		data = data[n:]
		if err == io.EOF {
			return len(data) == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// writeFile creates the new file p with data, and the folders above it.
func (tx *Tx) writeFile(p string, data []byte) error {
	if err := tx.mkdirs(path.Dir(p)); err != nil {
		return err
	}
	if rel, ok := tx.staged(p); ok {
		return tx.stage.writeFile(rel, data)
	}
	f, err := tx.root.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// linkFile makes newname a hard link to oldname, and the folders above it.
// A symbolic link is linked itself, never followed.
func (tx *Tx) linkFile(oldname, newname string) error {
	if err := tx.mkdirs(path.Dir(newname)); err != nil {
		return err
	}
	if err := tx.root.Link(oldname, newname); err != nil {
		return fmt.Errorf("keeping %s: %w", oldname, err)
	}
	return nil
}

// removeTree deletes the tree name. Folders the user made read-only are made
// writable first when that is what stops the deletion: a deleted tree's
// folders are its own, never shared with the output folder, which holds only
// links to its files. The tree's marker goes last, so that a build killed
// while deleting leaves a tree the next build still knows as a leftover.
func removeTree(root *os.Root, name string) error {
	if entries, err := fs.ReadDir(root.FS(), name); err == nil {
		for _, e := range entries {
			if e.Name() != markerName {
				if err := removeAll(root, path.Join(name, e.Name())); err != nil {
					return err
				}
			}
		}
	}
	return removeAll(root, name)
}

func removeAll(root *os.Root, name string) error {
	err := root.RemoveAll(name)
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	fs.WalkDir(root.FS(), name, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if info, err := d.Info(); err == nil && info.Mode().Perm()&0o700 != 0o700 {
				root.Chmod(p, info.Mode().Perm()|0o700)
			}
		}
		return nil
	})
	return root.RemoveAll(name)
}

// mkdirs makes the folder dir and those above it, asking for each folder
// once per transaction: most pages sit in a folder of their own under
// folders that thousands share, and making a path of folders costs a few
// system calls per level even when they exist.
func (tx *Tx) mkdirs(dir string) error {
	if dir == "." || dir == "/" {
		return nil
	}
	if _, ok := tx.dirs.Load(dir); ok {
		return nil
	}
	if err := tx.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	if err := tx.mkdir(dir); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	tx.dirs.Store(dir, true)
	return nil
}

// mkdir makes the folder dir, whose parent exists.
func (tx *Tx) mkdir(dir string) error {
	if rel, ok := tx.staged(dir); ok {
		return tx.stage.mkdir(rel)
	}
	return tx.root.Mkdir(dir, 0o755)
}

// staged returns p, a path in the folder root is opened on, relative to the
// staging folder when p is inside it and the stage is open.
func (tx *Tx) staged(p string) (string, bool) {
	if tx.stage == nil {
		return "", false
	}
	return strings.CutPrefix(p, tx.staging+"/")
}
