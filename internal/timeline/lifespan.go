package timeline

// lifespan draws l as a chart needs it; s is l's status.
func (l *life) lifespan(s Status) Lifespan {
	ls := Lifespan{Treaty: l.treaty, Status: s, Signed: l.signed, End: l.end}
	ls.Suspensions = l.suspensions()
	for i := range ls.Suspensions {
		if ls.Suspensions[i].End.IsZero() {
			ls.Suspensions[i].End = l.end
		}
	}
	if l.inForce.IsZero() {
		return ls
	}
	in := Period{Start: l.inForce}
	for _, p := range ls.Suspensions {
		if p.Party != "" || p.Start.Before(l.inForce) {
			continue
		}
		in.End = p.Start
		ls.InForce = append(ls.InForce, in)
		if p.End.IsZero() || (!l.end.IsZero() && !p.End.Before(l.end)) {
			return ls
		}
		in = Period{Start: p.End}
	}
	in.End = l.end
	ls.InForce = append(ls.InForce, in)
	return ls
}
