package diag

import "strings"

// Suggest returns the known name closest to name by edit distance, ignoring
// case, or "" if none is close enough to be a likely typo. Ties go to the
// name that comes first in known, so the answer is deterministic.
func Suggest(name string, known []string) string {
	lname := strings.ToLower(name)
	best, bestDist := "", 0
	for _, k := range known {
		d := distance(lname, strings.ToLower(k))
		if d == 0 {
			return k
		}
		if limit := max(1, min(len([]rune(lname)), len([]rune(k)))/3); d > limit {
			continue
		}
		if best == "" || d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// DidYouMean formats Suggest's answer as a message suffix: ` (did you mean
// "x"?)`, or "" when there is nothing to suggest.
func DidYouMean(name string, known []string) string {
	if s := Suggest(name, known); s != "" && s != name {
		return didYouMean(s)
	}
	return ""
}

func didYouMean(suggestion string) string { return ` (did you mean "` + suggestion + `"?)` }

// distance is the optimal string alignment distance: Levenshtein plus the
// transposition of two neighbours, the commonest typo ("sigend").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
