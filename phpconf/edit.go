package phpconf

// Edit replaces the bytes [Start, End) of the original source with Text;
// Start == End inserts.
type Edit struct {
	Start, End int
	Text       string
}
