//go:build !linux

package publish

import (
	"errors"
	"os"
)

// stage is the staging folder's fast path, which only Linux offers (see
// stage_linux.go); elsewhere newStage returns nil and the transaction makes
// folders and files through its os.Root.
type stage struct{}

func newStage(root *os.Root, name string) *stage { return nil }

func (*stage) mkdir(name string) error                  { return errors.ErrUnsupported }
func (*stage) writeFile(name string, data []byte) error { return errors.ErrUnsupported }
func (*stage) close() error                             { return nil }
