package render

import "fmt"

// termsData is the data of tags/index.html and parties/index.html.
type termsData struct {
	Terms []termItem
}

type termItem struct {
	ref
	Count int
}

func (s *site) termIndex(title, dir string, terms []*term) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		var d termsData
		for _, t := range terms {
			d.Terms = append(d.Terms, termItem{
				ref:   ref{Title: t.Name, URL: l.page(dir + "/" + t.Slug)},
				Count: len(t.Treaties) + len(t.Articles),
			})
		}
		return view{Title: title, Section: dir, Data: d}, nil
	}
}

// listData is the data of a tag's or a party's page: its treaties, then its
// articles, paginated as one list.
type listData struct {
	Name     string
	Treaties []treatyItem
	Articles []articleItem
	Pager    pager
}

// termPage is page i of n of a tag (dir "tags") or a party (dir "parties").
func (s *site) termPage(dir string, t *term, i, n int) func(l linker) (view, error) {
	return func(l linker) (view, error) {
		d := listData{Name: t.Name, Pager: pagerFor(l, dir+"/"+t.Slug, i, n)}
		treaties, articles := t.page(i, s.perPage())
		for _, tr := range treaties {
			ti, err := s.treatyItem(l, tr)
			if err != nil {
				return view{}, err
			}
			d.Treaties = append(d.Treaties, ti)
		}
		var err error
		if d.Articles, err = s.articleItems(l, articles); err != nil {
			return view{}, err
		}
		title := "Tag: " + t.Name
		if dir == "parties" {
			title = "Party: " + t.Name
		}
		if i > 1 {
			title += fmt.Sprintf(", page %d of %d", i, n)
		}
		return view{Title: title, Section: dir, Data: d}, nil
	}
}
