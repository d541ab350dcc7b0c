package render

import (
	"fmt"

	"github.com/treatyline/treatyline/internal/content"
)

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
		type item struct {
			treaty  *content.Treaty
			article *content.Article
		}
		var all []item
		for _, tr := range t.Treaties {
			all = append(all, item{treaty: tr})
		}
		for _, a := range t.Articles {
			all = append(all, item{article: a})
		}
		d := listData{Name: t.Name, Pager: pagerFor(l, dir+"/"+t.Slug, i, n)}
		for _, it := range pageSlice(all, i, s.perPage()) {
			if it.treaty != nil {
				ti, err := s.treatyItem(l, it.treaty)
				if err != nil {
					return view{}, err
				}
				d.Treaties = append(d.Treaties, ti)
				continue
			}
			ai, err := s.articleItem(l, it.article)
			if err != nil {
				return view{}, err
			}
			d.Articles = append(d.Articles, ai)
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
