// Command gensite writes a synthetic site for benchmarks: gensite DIR
// ARTICLES [SEED]. The site is the same for the same arguments.
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/treatyline/treatyline/internal/sitegen"
)

func main() {
	if len(os.Args) < 3 || len(os.Args) > 4 {
		fmt.Fprintln(os.Stderr, "usage: gensite DIR ARTICLES [SEED]")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	seed := uint64(1)
	if err == nil && len(os.Args) == 4 {
		seed, err = strconv.ParseUint(os.Args[3], 10, 64)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(2)
	}
	if err := sitegen.Write(os.Args[1], sitegen.Options{Seed: seed, Articles: n, Treaties: sitegen.TreatiesFor(n)}); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}
