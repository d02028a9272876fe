package main

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/omslint/omslint/internal/mommock"
)

// TestDoctorScripts runs testdata/doctor/*.txtar against servers the test
// starts on 127.0.0.1 for each script:
//
//	MOCK_URL    a mock bus that behaves like mom-mock (token 201, JSON-RPC
//	            source_repository.search, callback header); client
//	            acme-store, secret $MOCK_SECRET; sources WH1 (aggregate eu)
//	            and WH2 (eu, us)
//	MOCK_CA     its certificate, for --ca-file
//	CLOSED_URL  a port nothing listens on
//	HANG_URL    a server that accepts connections and never answers
//
// `expand FILE...` replaces $MOCK_*, $CLOSED_* and $HANG_* in files with
// the script's variables (txtar files cannot hold a port chosen at run
// time); other ${NAME} references stay.
func TestDoctorScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/doctor",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			const secret = "Zq8vR2mN5kL7xP4tW9yB3cF6"
			m := mommock.Start(mommock.Config{ClientID: "acme-store", ClientSecret: secret, Token: "tok-b81c5e0a", CallbackHeader: true,
				Sources: []mommock.Source{{ID: "WH1", Name: "Main warehouse", Aggregates: []string{"eu"}}, {ID: "WH2", Aggregates: []string{"eu", "us"}}}})
			env.Defer(m.Close)
			ca, err := m.WriteCA(env.WorkDir)
			if err != nil {
				return err
			}
			env.Setenv("MOCK_URL", m.URL())
			env.Setenv("MOCK_CA", ca)
			env.Setenv("MOCK_SECRET", secret)

			closed, err := mommock.ClosedURL()
			if err != nil {
				return err
			}
			env.Setenv("CLOSED_URL", closed)
			hang, err := mommock.StartHang()
			if err != nil {
				return err
			}
			env.Defer(hang.Close)
			env.Setenv("HANG_URL", hang.URL())
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"expand": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) == 0 {
					ts.Fatalf("usage: expand FILE...")
				}
				for _, a := range args {
					p := ts.MkAbs(a)
					b, err := os.ReadFile(p)
					ts.Check(err)
					ts.Check(os.WriteFile(p, []byte(os.Expand(string(b), func(name string) string {
						for _, pre := range []string{"MOCK_", "CLOSED_", "HANG_"} {
							if strings.HasPrefix(name, pre) {
								return ts.Getenv(name)
							}
						}
						return "${" + name + "}" // a reference the file keeps
					})), 0o600))
				}
			},
		},
	})
}
