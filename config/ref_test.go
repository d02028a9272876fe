package config

import (
	"errors"
	"testing"
)

func TestParseRef(t *testing.T) {
	for s, want := range map[string]string{
		"${OMS_SECRET}": "OMS_SECRET", "${a}": "a", "${_1}": "_1",
		"${}": "", "${1A}": "", "$OMS": "", "${A B}": "", "x${A}": "", "${A}x": "", "${A-B}": "",
	} {
		got, ok := parseRef(s)
		if got != want || ok != (want != "") {
			t.Errorf("parseRef(%q) = %q, %v", s, got, ok)
		}
	}
}

func TestExpandRef(t *testing.T) {
	env := func(name string) (string, bool) {
		v, ok := map[string]string{"OMS_SECRET": "abc", "EMPTY": ""}[name]
		return v, ok
	}
	tests := []struct {
		f       Field
		want    string
		wantErr bool
	}{
		{Field{Value: "literal", Set: true}, "literal", false},
		{Field{}, "", false},
		{Field{Value: "${OMS_SECRET}", IsRef: true, RefName: "OMS_SECRET", Set: true}, "abc", false},
		{Field{Value: "${EMPTY}", IsRef: true, RefName: "EMPTY", Set: true}, "", false},
		{Field{Value: "${NOPE}", IsRef: true, RefName: "NOPE", Set: true, Line: 4, Col: 9}, "", true},
	}
	for _, tt := range tests {
		got, err := ExpandRef(tt.f, env)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ExpandRef(%+v) = %q, %v", tt.f, got, err)
		}
		var re *RefError
		if tt.wantErr && (!errors.As(err, &re) || re.Name != "NOPE" || err.Error() != "4:9: environment variable NOPE is not set") {
			t.Errorf("error = %v", err)
		}
	}
	t.Setenv("OMSLINT_TEST_REF", "from-os")
	if got, err := ExpandRef(Field{IsRef: true, RefName: "OMSLINT_TEST_REF", Set: true}, nil); got != "from-os" || err != nil {
		t.Errorf("nil getenv: %q %v", got, err)
	}
}
