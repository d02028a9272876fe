package engine

import "github.com/omslint/omslint/phpconf"

func phpconfLines(b []byte) *phpconf.LineIndex { return phpconf.NewLineIndex(b) }
