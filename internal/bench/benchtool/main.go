// Command benchtool serves scripts/bench, the whole-process benchmark:
//
//	benchtool gen DIR ARTICLES [SEED]   write a synthetic site (the same for the same arguments)
//	benchtool baseline SITE OUT         the goldmark-only floor, see bench.Baseline
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/treatyline/treatyline/internal/bench"
	"github.com/treatyline/treatyline/internal/sitegen"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	usage := func() int {
		fmt.Fprintln(stderr, "usage: benchtool gen DIR ARTICLES [SEED] | benchtool baseline SITE OUT")
		return 2
	}
	if len(args) == 0 {
		return usage()
	}
	switch {
	case args[0] == "gen" && (len(args) == 3 || len(args) == 4):
		n, err := strconv.Atoi(args[2])
		seed := uint64(1)
		if err == nil && len(args) == 4 {
			seed, err = strconv.ParseUint(args[3], 10, 64)
		}
		if err != nil {
			fmt.Fprintln(stderr, "benchtool:", err)
			return 2
		}
		if err := sitegen.Write(args[1], sitegen.Options{Seed: seed, Articles: n, Treaties: sitegen.TreatiesFor(n)}); err != nil {
			fmt.Fprintln(stderr, "benchtool:", err)
			return 1
		}
	case args[0] == "baseline" && len(args) == 3:
		n, err := bench.Baseline(filepath.Join(args[1], "content", "articles"), args[2])
		if err != nil {
			fmt.Fprintln(stderr, "benchtool:", err)
			return 1
		}
		fmt.Fprintf(stderr, "converted %d articles\n", n)
	default:
		return usage()
	}
	return 0
}
