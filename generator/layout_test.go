package generator_test

import (
	"strconv"
	"strings"

	"github.com/omslint/omslint/phpconf"
)

// Renderers of the two writers Magento has used, from a parsed tree, so a
// test can say "this is exactly the file the writer would print for this
// array" (SOURCES.md of the corpus confirms both layouts byte for byte).

// modernFile is Magento 2.2.5+'s DeploymentConfig writer (PhpFormatter):
// short arrays, 4-space indent, elements joined by ",\n", an empty array
// as "[\n\n" + indent + "]".
func modernFile(f *phpconf.File) string {
	return "<?php\nreturn " + modern(f, f.Root, "    ") + ";\n"
}

func modern(f *phpconf.File, a *phpconf.Array, prefix string) string {
	var els []string
	list := isList(a)
	for _, el := range a.Items {
		v := prefix
		if !list {
			v += keyExport(el.Key) + " => "
		}
		if el.Value.Kind == phpconf.KindArray {
			v += modern(f, el.Value.Array, "    "+prefix)
		} else {
			v += scalarExport(f, el.Value, "null")
		}
		els = append(els, v)
	}
	return "[\n" + strings.Join(els, ",\n") + "\n" + prefix[4:] + "]"
}

// varExportFile is `"<?php\nreturn " . var_export($data, true) . ";\n"`
// (Magento 2.0/2.1); ece-tools writes it without the final newline.
func varExportFile(f *phpconf.File, finalNewline bool) string {
	s := "<?php\nreturn " + varExport(f, f.Root, "") + ";"
	if finalNewline {
		s += "\n"
	}
	return s
}

func varExport(f *phpconf.File, a *phpconf.Array, indent string) string {
	var b strings.Builder
	b.WriteString("array (\n")
	for _, el := range a.Items {
		b.WriteString(indent + "  " + keyExport(el.Key) + " => ")
		if el.Value.Kind == phpconf.KindArray {
			b.WriteString("\n" + indent + "  " + varExport(f, el.Value.Array, indent+"  "))
		} else {
			b.WriteString(scalarExport(f, el.Value, "NULL"))
		}
		b.WriteString(",\n")
	}
	b.WriteString(indent + ")")
	return b.String()
}

func keyExport(k phpconf.Key) string {
	if k.IsInt {
		return strconv.FormatInt(k.Int, 10)
	}
	return phpStr(k.Str)
}

func scalarExport(f *phpconf.File, v *phpconf.Value, null string) string {
	switch v.Kind {
	case phpconf.KindString:
		return phpStr(v.Str)
	case phpconf.KindInt:
		return strconv.FormatInt(v.Int, 10)
	case phpconf.KindBool:
		if v.Bool {
			return "true"
		}
		return "false"
	case phpconf.KindNull:
		return null
	}
	return f.Raw(v.Range)
}

// phpStr is var_export's single-quoted string.
func phpStr(s string) string { return phpconf.PHPString(s) }

// isList: Magento's writer leaves out the keys of a list (keys 0..n-1 in
// order), as corpus files 17 and 24 show.
func isList(a *phpconf.Array) bool {
	for i, el := range a.Items {
		if !el.Key.IsInt || el.Key.Int != int64(i) {
			return false
		}
	}
	return true
}
