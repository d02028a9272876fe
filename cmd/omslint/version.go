package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// toolVersion is the short version written into reports (JSON tool.version,
// SARIF driver version): the release or module version, else "dev".
func toolVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi).short
}

// versionInfo is what `omslint version` and `omslint --version` print.
type versionInfo struct {
	short    string // v1.2.3, (devel) builds: dev
	revision string // vcs.revision, "" when the build did not record one
	modified bool   // vcs.modified: the work tree had uncommitted changes
	time     string // vcs.time
	goVer    string
}

// buildVersion reads the version from the -ldflags value or the build info
// (go build in a git checkout records vcs.revision and vcs.modified; go
// install module@version records the module version).
func buildVersion(bi *debug.BuildInfo) versionInfo {
	v := versionInfo{short: "dev"}
	if bi != nil {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v.short = bi.Main.Version
		}
		v.goVer = bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.revision = s.Value
			case "vcs.modified":
				v.modified = s.Value == "true"
			case "vcs.time":
				v.time = s.Value
			}
		}
	}
	if version != "" {
		v.short = version
	}
	return v
}

// String is one line: `omslint v1.2.3 (revision 0123…, modified, 2026-12-01T10:00:00Z, go1.26.8)`.
func (v versionInfo) String() string {
	var extra []string
	if v.revision != "" {
		extra = append(extra, "revision "+v.revision)
	} else {
		extra = append(extra, "revision unknown")
	}
	if v.modified {
		extra = append(extra, "modified")
	}
	if v.time != "" {
		extra = append(extra, v.time)
	}
	if v.goVer != "" {
		extra = append(extra, v.goVer)
	}
	return fmt.Sprintf("omslint %s (%s)", v.short, strings.Join(extra, ", "))
}

func longVersion() string {
	bi, _ := debug.ReadBuildInfo()
	return buildVersion(bi).String()
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print omslint's version, VCS revision and Go version (same as --version)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), longVersion())
			return err
		},
	}
}
