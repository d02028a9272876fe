package generator_test

import (
	"encoding/json"
	"github.com/omslint/omslint/internal/testcorpus"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/omslint/omslint/generator"
	"github.com/omslint/omslint/phpconf"
)

// The corpus layouts a merge must follow (SOURCES.md): 02/03 var_export,
// 12 modern, 16 ece-tools (var_export, no final newline), 05 hand-edited
// with tabs.
var mergeCorpus = []struct {
	file   string
	layout string // modern | var_export | ece | hand
}{
	{"02-Anandontigeri-Magento2.0.2.php", "var_export"},
	{"03-ChandradeepKumar-magento21.php", "var_export"},
	{"04-wrsenn-docker-containers.php", "var_export"},
	{"05-jfodb-notmage2.php", "hand"},
	{"06-TransbankDevelopers-transbank-plugin-magento2-onepay.php", "modern"},
	{"12-magento-magento2.php", "modern"},
	{"16-agilaaskan-mybackup.php", "ece"},
	{"17-agilaaskan-mybackup.php", "modern"},
	{"24-gigatodadze-alldigital.php", "modern"},
}

func TestMergeAddsBlockInEachLayout(t *testing.T) {
	b := build(t, generator.Input{})
	for _, c := range mergeCorpus {
		t.Run(c.file[:2], func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(testcorpus.Dir(t, "envphp"), c.file))
			if err != nil {
				t.Fatal(err)
			}
			f := parse(t, c.file, src)
			res, err := generator.Merge(f, b)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Edits) != 1 || res.Edits[0].Start != res.Edits[0].End {
				t.Fatalf("adding serviceBus must be one pure insertion, got %+v", res.Edits)
			}
			e := res.Edits[0]
			// Every other byte is kept.
			if string(res.Out[:e.Start]) != string(src[:e.Start]) || string(res.Out[e.Start+len(e.Text):]) != string(src[e.Start:]) {
				t.Fatal("bytes outside the insertion changed")
			}
			g := parse(t, c.file, res.Out)
			last := g.Root.Items[len(g.Root.Items)-1]
			if last.Key.Str != "serviceBus" {
				t.Fatalf("serviceBus is not the last top-level element")
			}
			// The result is exactly what the file's own writer prints.
			switch c.layout {
			case "modern":
				if m := modernFile(g); m != string(res.Out) {
					t.Errorf("merged file differs from Magento's writer:\n%s", lineDiff(m, string(res.Out)))
				}
			case "var_export", "ece":
				if m := varExportFile(g, c.layout != "ece"); m != string(res.Out) {
					t.Errorf("merged file differs from var_export:\n%s", lineDiff(m, string(res.Out)))
				}
			case "hand":
				// 05 writes `=>` with no space before the line break.
				if !strings.HasPrefix(e.Text, "  'serviceBus' =>\n  array (\n    'url'") {
					t.Errorf("inserted text does not follow the file's indentation:\n%q", e.Text)
				}
			}
			// PHP agrees: the merged file is the original array plus serviceBus.
			checkPHPMerge(t, src, res.Out, b)
			// Merging again changes nothing.
			again, err := generator.Merge(g, b)
			if err != nil || again.Changed() {
				t.Errorf("second merge changed the file: %v %v", err, again.Changes)
			}
		})
	}
}

func TestMergeReplacesOnlyDifferingValues(t *testing.T) {
	src, err := os.ReadFile("../fixtures/cases/example-root/app/etc/env.php")
	if err != nil {
		t.Fatal(err)
	}
	b := build(t, generator.Input{Getenv: env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": "n3w-client-secret", "OMS_SECRET": strings.Repeat("5e", 32)})})
	f := parse(t, "env.php", src)
	res, err := generator.Merge(f, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"replaced url", "replaced oauth_server_url", "replaced oauth_client_secret", "replaced secret", "replaced secure_endpoint"}
	if strings.Join(changeKeys(res.Changes), ",") != strings.Join(want, ",") {
		t.Errorf("changes %v, want %v", res.Changes, want)
	}
	g := parse(t, "env.php", res.Out)
	if m := modernFile(g); m != string(res.Out) {
		t.Errorf("merged file differs from Magento's writer:\n%s", lineDiff(m, string(res.Out)))
	}
	// Only the value spans changed: everything before serviceBus is intact.
	sb := f.Root.Get("serviceBus")
	if string(res.Out[:int(sb.Value.Range.Start)]) != string(src[:int(sb.Value.Range.Start)]) {
		t.Error("bytes before serviceBus changed")
	}
	checkPHPMerge(t, src, res.Out, b)

	// A generated secret never replaces the file's own.
	gen := build(t, generator.Input{Getenv: env(map[string]string{"OMS_OAUTH_CLIENT_SECRET": "n3w-client-secret"})})
	res2, err := generator.Merge(g, gen)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Changed() || res2.UsedGenerated {
		t.Errorf("generated secret replaced an existing one: %v", res2.Changes)
	}
}

func TestMergeAddsMissingKeys(t *testing.T) {
	src := []byte("<?php\nreturn array (\n  'serviceBus' => \n  array (\n    'url' => 'https://old.example.com/',\n  ),\n);\n")
	b := build(t, generator.Input{})
	f := parse(t, "env.php", src)
	res, err := generator.Merge(f, b)
	if err != nil {
		t.Fatal(err)
	}
	g := parse(t, "env.php", res.Out)
	if m := varExportFile(g, true); m != string(res.Out) {
		t.Errorf("not var_export layout:\n%s", lineDiff(m, string(res.Out)))
	}
	checkPHPMerge(t, src, res.Out, b)
}

func TestMergeRefuses(t *testing.T) {
	b := build(t, generator.Input{})
	for _, src := range []string{
		"<?php\nreturn [\n    'service_bus' => []\n];\n",
		"<?php\nreturn [\n    'serviceBus' => 'x'\n];\n",
		"<?php\nreturn [\n    'a' => \n];\n",
		"<?php\nreturn getenv('X');\n",
	} {
		f, _ := phpconf.Parse("env.php", []byte(src), phpconf.Options{})
		if _, err := generator.Merge(f, b); err == nil {
			t.Errorf("merge accepted %q", src)
		}
	}
}

// checkPHPMerge evaluates both files with PHP: the merged one must equal
// the original array with serviceBus replaced by the block's values over
// the original's (array_replace keeps keys the block does not set, and
// their order), and the block's key order for new keys.
func checkPHPMerge(t *testing.T, orig, merged []byte, b *generator.Block) {
	t.Helper()
	if _, err := exec.LookPath("php"); err != nil {
		return
	}
	dir := t.TempDir()
	o, m, k := filepath.Join(dir, "orig.php"), filepath.Join(dir, "merged.php"), filepath.Join(dir, "block.php")
	for p, data := range map[string][]byte{o: orig, m: merged, k: []byte(b.NewEnvPHP())} {
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got := php(t, "-r", `ob_start(); $o = include $argv[1]; $m = include $argv[2]; $k = include $argv[3]; ob_end_clean();
$o['serviceBus'] = array_replace(is_array($o['serviceBus'] ?? null) ? $o['serviceBus'] : [], $k['serviceBus']);
echo $o === $m ? "same" : "differ:\n" . var_export($m, true);`, o, m, k)
	if got != "same" {
		t.Errorf("PHP: %s", got)
	}
}

func TestEnvLineShellAndJSON(t *testing.T) {
	b := build(t, generator.Input{})
	line, err := b.EnvLine()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	out, err := exec.Command("bash", "-c", line+"\nprintf %s \"$MAGENTO_DC__OVERRIDE\"").Output()
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if v["serviceBus"]["oauth_client_secret"] != `it's a \ secret` || v["serviceBus"]["secure_endpoint"] != true {
		t.Errorf("round trip through the shell: %v", v)
	}
}

func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  writer: " + a + "\n  merged: " + b
		}
	}
	return "(equal lines, different line endings)"
}

func itoa(i int) string { return strconv.Itoa(i) }

// changeKeys drops the explanation of each change ("replaced url (a
// literal -> a literal)" -> "replaced url").
func changeKeys(cs []string) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i], _, _ = strings.Cut(c, " (")
	}
	return out
}
