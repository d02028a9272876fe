#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) one after the other.
# A crasher is written by `go test` under PKG/testdata/fuzz/TARGET/: fix the
# bug and commit that file, so the seed-corpus run of `go test ./...` keeps
# it as a regression test.
#
#   scripts/fuzz.sh [SECONDS] [TARGET_REGEXP]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
only="${2:-.}"
targets=(
  "./phpconf FuzzTree"
  "./phpconf FuzzRoutes"
  "./phpconf FuzzApplyEdits"
  "./engine FuzzLintBytes"
  "./engine FuzzFix"
  "./generator FuzzGenerateLint"
  "./config FuzzParse"
  "./jsonpos FuzzParse"
  "./effective FuzzParseEnvFile"
  "./effective FuzzRefs"
  "./effective FuzzOverride"
  "./gitindex FuzzParse"
  "./gitindex FuzzSplit"
  "./gitindex FuzzLink"
  "./gitindex FuzzEWAH"
)
status=0
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  [[ "$pkg $name" =~ $only ]] || continue
  echo "== $pkg $name (${secs}s)"
  if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "${secs}s"; then
    echo "!! $pkg $name found a failure (see $pkg/testdata/fuzz/$name)"
    status=1
  fi
done
exit $status
