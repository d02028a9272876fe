package generator_test

import (
	"strings"
	"testing"

	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/phpconf"
)

// generate --write refuses an env.php that does not parse; its error
// quotes the parser's message, whose token may be a secret value
// ('password' => 'a' hunter2): masked, as OMS001 masks it.
func TestMergeBrokenMasksToken(t *testing.T) {
	src := "<?php\nreturn ['serviceBus' => ['secret' => 'a' CnryToken1]];\n"
	f, _ := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
	if f == nil || f.Err == nil {
		t.Fatal("the source must not parse")
	}
	_, err := generator.Merge(f, build(t, generator.Input{}))
	if err == nil || !strings.Contains(err.Error(), "not valid PHP") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "Cnry") {
		t.Errorf("the error shows the secret: %v", err)
	}
}
