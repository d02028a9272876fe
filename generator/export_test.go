package generator

import "github.com/omslint/omslint/phpconf"

// What the tests (package generator_test) use of the generator beyond its
// API: shorthands for what the commands spell out.

// Merge is MergeWith with the file-following default for secrets.
func Merge(f *phpconf.File, b *Block) (*MergeResult, error) {
	return MergeWith(f, b, MergeOptions{})
}

// Changed reports whether the merge changes the file.
func (r *MergeResult) Changed() bool { return len(r.Edits) > 0 }

// NewEnvPHP is a new minimal env.php holding only the block, in Magento's
// modern layout (what `bin/magento` would write for that array).
func (b *Block) NewEnvPHP() string {
	return "<?php\nreturn [\n" + b.PHP(Indent) + "\n];\n"
}
