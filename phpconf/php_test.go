package phpconf

import (
	"os/exec"
	"testing"
)

// TestAgainstPHPVarExport compares PHPString and FormatArray in
// VarExportStyle with PHP's own var_export, when php is installed.
func TestAgainstPHPVarExport(t *testing.T) {
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not installed")
	}
	entries := []KV{
		{Key: "url", Raw: PHPString("https://oms.example.com/")},
		{Key: "it's", Raw: PHPString(`a\b'c"d$e` + "\nf")},
		{Key: "secure_endpoint", Raw: "true"},
		Nested("empty"),
		Nested("nested", KV{Key: "n", Raw: "1"}, Nested("deeper", KV{Key: "x", Raw: PHPString("y")})),
	}
	want := FormatArray(entries, VarExportStyle(), "")
	code := "echo var_export(" + want + ", true);"
	out, err := exec.Command(php, "-r", code).CombinedOutput()
	if err != nil {
		t.Fatalf("php: %v\n%s", err, out)
	}
	if string(out) != want {
		t.Fatalf("var_export gives\n%s\nFormatArray gives\n%s", out, want)
	}
}
