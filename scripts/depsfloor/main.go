// Command depsfloor links every package omslint links, except omslint's own,
// and does nothing: its start-up is what the dependencies cost before any of
// omslint's code runs (scripts/bench-compare.sh times it beside the floor).
// TestFloorLinksOmslintsDependencies fails when omslint links a package
// this does not.
package main

import (
	_ "crypto/tls"
	_ "crypto/x509"
	_ "embed"
	_ "encoding/json"
	_ "encoding/xml"
	_ "fmt"
	_ "github.com/VKCOM/php-parser/pkg/ast"
	_ "github.com/VKCOM/php-parser/pkg/conf"
	_ "github.com/VKCOM/php-parser/pkg/errors"
	_ "github.com/VKCOM/php-parser/pkg/parser"
	_ "github.com/VKCOM/php-parser/pkg/position"
	_ "github.com/VKCOM/php-parser/pkg/token"
	_ "github.com/VKCOM/php-parser/pkg/version"
	_ "github.com/agnivade/levenshtein"
	_ "github.com/fatih/color"
	_ "github.com/mattn/go-colorable"
	_ "github.com/mattn/go-isatty"
	_ "github.com/owenrumney/go-sarif/v2/sarif"
	_ "github.com/spf13/cobra"
	_ "github.com/spf13/pflag"
	_ "golang.org/x/sys/unix"
	_ "gopkg.in/yaml.v3"
	_ "hash/maphash"
	_ "net/http"
	_ "os"
	_ "os/user"
	_ "regexp"
	_ "runtime/debug"
	_ "text/tabwriter"
	_ "text/template"
)

func main() {}
