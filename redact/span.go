package redact

// AddSpan registers the byte range [start, end) of file as a secret value
// (a literal secret in .omslint.yaml, say), masked in every snippet.
func (r *Redactor) AddSpan(file string, start, end int) {
	if r == nil || end <= start {
		return
	}
	r.spans[file] = append(r.spans[file], [2]int{start, end})
}
