package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/omslint/omslint/linter"
	"github.com/omslint/omslint/magento"
	"github.com/omslint/omslint/phpconf"
)

// FuzzFix lints random env.php-like input (seeded with every fixture's
// env.php and config.php), applies the fixes round by round as --fix does,
// and checks that the first round changes only the bytes of its edits,
// that the result of every round parses (fixRounds refuses one that does
// not, as an internal error), and that the composed edits of all rounds
// account for every changed byte.
//
//	go test ./engine -run '^$' -fuzz FuzzFix -fuzztime 60s
func FuzzFix(f *testing.F) {
	for _, glob := range []string{"../fixtures/fix/*/app/etc/*.php", "../fixtures/cases/*/env.php", "../fixtures/cases/*/app/etc/*.php"} {
		names, _ := filepath.Glob(glob)
		for _, name := range names {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("<?php\nreturn ['servicebus' => ['url' => 'http://x', 'secure_endpoint' => '0', 'secret' => 'x']];"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		p, err := magento.LoadStdin(bytes.NewReader(src), "env.php", "", magento.LoadOptions{})
		if err != nil {
			return
		}
		fs, err := linter.Run(p, linter.Options{})
		if err != nil {
			t.Fatal(err)
		}
		// The first round, by hand: each file's planned edits change only
		// their bytes.
		for _, ff := range planFixes(p, fs) {
			out, _, skipped := phpconf.Apply(ff.src.Data, ff.edits)
			if len(skipped) > 0 {
				t.Fatalf("planned edits conflict: %+v", ff.edits)
			}
			checkOutside(t, ff.src.Data, out, ff.edits)
		}
		// Every round, as --fix runs them.
		keep := func(fs []*linter.Finding) []*linter.Finding { return fs }
		files, _, _, err := fixRounds(p, fs, linter.Options{}, magento.LoadOptions{}, keep)
		if err != nil {
			t.Fatalf("fix: %v\n%q", err, src)
		}
		for _, file := range files {
			if file.final.Tree.Err != nil || file.final.Tree.Root == nil {
				t.Fatalf("fixed file does not parse:\n%q", file.final.Data)
			}
			checkOutside(t, file.orig.Data, file.final.Data, file.edits)
		}
	})
}
