#!/usr/bin/env bash
# bench-compare.sh: omslint's whole-process lint against PHP's own syntax
# check, `php -l`, on the same files, in one run on one machine.
#
#   scripts/bench-compare.sh [-q] [-n] [-r ROUNDS] [-k KEEP_DIR]
#
# It builds omslint (CGO_ENABLED=0, as released), generates the inputs, and
# for each case times both commands in alternating rounds (omslint first in
# odd rounds, php first in even ones), then prints median wall times, their
# ratio, and peak memory (max RSS). Cases:
#
#   typical-2k, typical-10k  corpus files 12 and 11 when ../shared/corpus (or
#                            $OMSLINT_CORPUS) holds them, else the bundled
#                            fixtures/cases/clean-root env.php (2.6 KB)
#   synthetic-200k, -10m     internal/benchdata.SyntheticEnv (scripts/benchgen)
#   synthetic-10m-expr       the 10 MB file with getenv() credentials and a few
#                            constants (SyntheticEnvWithExpressions): an extra
#                            case, not in the issue's list, for the files that
#                            hold PHP expressions (a quarter of the corpus)
#   fleet-1000               1,000 copies of fixtures/cases/clean-root; omslint
#                            lint --recursive when the build has it, and always
#                            a shell loop of `omslint lint ROOT` against a loop
#                            of `php -l ROOT/app/etc/env.php`
#
# Then the cases users wait on (issue 19), each against the startup floor (a
# Go hello-world binary the script builds) as well as php -l:
#
#   deps-floor, version  what start-up alone costs: scripts/depsfloor (every
#                        package omslint links but its own, doing nothing)
#                        and `omslint version`, each against the floor
#   root-outside-git     fixtures/cases/clean-root, copied outside any git tree
#   root-inside-git      the same root inside a git work tree (env.php not
#                        tracked): omslint reads the index in-process
#   root-real-size       409 modules in config.php, 409 locked packages
#                        (~1.25 MB composer.lock): benchdata.RealSizeRoot
#   fleet-big            omslint lint -r over -F ROOTS (default 10,000) distinct
#                        stores: wall, peak RSS, and when the first byte of
#                        output appeared (as a share of the run), for text and
#                        JSON; then the same stores with one finding each
#                        (fleet-big-findings) in text, JSON, SARIF and JUnit,
#                        and at a fifth of the roots (peak RSS flat)
#
# Timing uses hyperfine when installed (each round is one hyperfine call with
# both commands; the median of the round medians is reported), else its own
# loop (date +%s%N around each run). Peak memory is GNU time's %M (max RSS);
# without /usr/bin/time it is reported as n/a. Needs no network: go builds
# from the module cache. Exits 2 when php or go is missing.
#
# -q: fewer rounds (3, fleet 1) for a quick look. -k DIR: keep inputs there.
# -n: time with the own loop even when hyperfine is installed.
set -euo pipefail

ROUNDS=7
FLEET_ROUNDS=3
KEEP=""
NO_HYPERFINE=""
BIG_FLEET=10000
while getopts "qnr:k:F:" opt; do
	case $opt in
	q) ROUNDS=3 FLEET_ROUNDS=1 ;;
	F) BIG_FLEET=$OPTARG ;;
	r) ROUNDS=$OPTARG ;;
	k) KEEP=$OPTARG ;;
	n) NO_HYPERFINE=1 ;;
	*) echo "usage: $0 [-q] [-n] [-r ROUNDS] [-k KEEP_DIR] [-F ROOTS]" >&2; exit 2 ;;
	esac
done

die() { echo "bench-compare: $*" >&2; exit 2; }

command -v php >/dev/null 2>&1 || die "php not found on PATH: install php-cli (the comparison is against php -l)"
command -v go >/dev/null 2>&1 || die "go not found on PATH: needed to build omslint"
php -r 'exit(0);' >/dev/null 2>&1 || die "php is on PATH but does not run"

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

if [ -n "$KEEP" ]; then
	WORK=$KEEP
	mkdir -p "$WORK"
else
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/omslint-bench.XXXXXX")
	trap 'rm -rf "$WORK"' EXIT
fi

TIME_BIN=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
	TIME_BIN=/usr/bin/time
elif command -v gtime >/dev/null 2>&1; then
	TIME_BIN=$(command -v gtime)
fi
HYPERFINE=$(command -v hyperfine || true)
[ -z "$NO_HYPERFINE" ] || HYPERFINE=""

echo "== machine"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpus:     $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime) (1, 5, 15 min; at start)"
echo "php:      $(php -r 'echo PHP_VERSION;')"
echo "go:       $(go env GOVERSION)"
echo "timing:   ${HYPERFINE:-own loop (hyperfine not installed)}"
echo "memory:   ${TIME_BIN:-n/a: /usr/bin/time (GNU time) not found, peak RSS not measured}"

echo "== build"
CGO_ENABLED=0 go build -trimpath -o "$WORK/omslint" ./cmd/omslint || die "go build failed (offline? the module cache must hold the dependencies)"
go build -o "$WORK/benchgen" ./scripts/benchgen || die "go build ./scripts/benchgen failed"
OMSLINT=$WORK/omslint
echo "omslint:  $OMSLINT ($("$OMSLINT" version 2>/dev/null | head -1))"

echo "== inputs"
mkdir -p "$WORK/in"
CORPUS=${OMSLINT_CORPUS:-$REPO/../shared/corpus/envphp}
c12=$(ls "$CORPUS"/12-*.php 2>/dev/null | head -1 || true)
c11=$(ls "$CORPUS"/11-*.php 2>/dev/null | head -1 || true)
if [ -n "$c12" ] && [ -n "$c11" ]; then
	cp "$c12" "$WORK/in/typical-2k.php"
	cp "$c11" "$WORK/in/typical-10k.php"
	echo "typical:  corpus $(basename "$c12"), $(basename "$c11")"
else
	cp fixtures/cases/clean-root/app/etc/env.php "$WORK/in/typical-2k.php"
	echo "typical:  fixtures/cases/clean-root/app/etc/env.php (corpus not found at $CORPUS)"
fi
"$WORK/benchgen" -env 200K -o "$WORK/in/synthetic-200k.php"
"$WORK/benchgen" -env 10M -o "$WORK/in/synthetic-10m.php"
"$WORK/benchgen" -env 10M -expr -o "$WORK/in/synthetic-10m-expr.php"
rm -rf "$WORK/fleet"
"$WORK/benchgen" -fleet 1000 -from fixtures/cases/clean-root -o "$WORK/fleet"
chmod 600 "$WORK"/in/*.php
ls -l "$WORK"/in | tail -n +2
echo "fleet:    $(ls "$WORK/fleet" | wc -l) roots, $(du -sk "$WORK/fleet" | cut -f1) KB"

# Sanity: both tools accept every input (omslint exit 0 or 1: findings).
for f in "$WORK"/in/*.php; do
	php -l "$f" >/dev/null 2>&1 || die "php -l rejects $f"
	set +e
	"$OMSLINT" lint --as env "$f" >/dev/null 2>&1
	rc=$?
	set -e
	[ $rc -le 1 ] || die "omslint lint $f exited $rc"
done

cat >"$WORK/loop-omslint.sh" <<EOF
for r in "$WORK"/fleet/*; do "$OMSLINT" lint "\$r" >/dev/null 2>&1; done; exit 0
EOF
cat >"$WORK/loop-php.sh" <<EOF
for r in "$WORK"/fleet/*; do php -l "\$r/app/etc/env.php" >/dev/null 2>&1; done; exit 0
EOF
# The help text is read whole first: `grep -q` in a pipe exits at the first
# match, omslint then dies of SIGPIPE, and with pipefail the test failed.
RECURSIVE=""
LINT_HELP=$("$OMSLINT" lint --help 2>/dev/null || true)
case $LINT_HELP in *--recursive*) RECURSIVE=1 ;; esac

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# time_pair NAME ROUNDS CMD_A CMD_B: prints the median wall times of A and
# B, then their median CPU times (user + system), in ms.
time_pair() {
	local name=$1 rounds=$2 a=$3 b=$4 i
	: >"$WORK/$name.a" ; : >"$WORK/$name.b"; : >"$WORK/$name.cpu.a" ; : >"$WORK/$name.cpu.b"
	for i in $(seq 1 "$rounds"); do
		if [ -n "$HYPERFINE" ]; then
			local first=$a second=$b runs=5 warm=2
			[[ $name == fleet* ]] && runs=1 warm=0
			[ $((i % 2)) -eq 0 ] && first=$b second=$a
			"$HYPERFINE" -N -i -w $warm -r $runs --style none --export-csv "$WORK/$name.csv" "$first" "$second" >/dev/null 2>&1 ||
				"$HYPERFINE" -i -w $warm -r $runs --style none --export-csv "$WORK/$name.csv" "$first" "$second" >/dev/null 2>&1 ||
				die "hyperfine failed on $name"
			# command,mean,stddev,median,user,system,min,max (seconds)
			awk -F, -v a="$a" 'NR>1 {cmd=$1; gsub(/^"|"$/, "", cmd); print (cmd==a ? "a " : "b ") $4*1000, ($5+$6)*1000}' "$WORK/$name.csv" |
				while read -r which ms cpu; do
					echo "$ms" >>"$WORK/$name.$which"
					echo "$cpu" >>"$WORK/$name.cpu.$which"
				done
		else
			local order="a b"
			[ $((i % 2)) -eq 0 ] && order="b a"
			for w in $order; do
				local cmd=$a
				[ "$w" = b ] && cmd=$b
				local t0 t1
				t0=$(date +%s%N)
				# `times` prints the children's user and system time.
				bash -c "$cmd >/dev/null 2>&1; times" >"$WORK/times" 2>/dev/null || true
				t1=$(date +%s%N)
				echo "$(( (t1 - t0) / 1000 ))" | awk '{print $1/1000}' >>"$WORK/$name.$w"
				tail -1 "$WORK/times" | awk '{n=0; for (i=1;i<=2;i++) {split($i, p, "m"); sub(/s/, "", p[2]); n += p[1]*60 + p[2]} print n*1000}' >>"$WORK/$name.cpu.$w"
			done
		fi
	done
	echo "$(median <"$WORK/$name.a") $(median <"$WORK/$name.b") $(median <"$WORK/$name.cpu.a") $(median <"$WORK/$name.cpu.b")"
}

# peak_rss CMD: median max RSS in KB over 3 runs, or n/a.
peak_rss() {
	[ -n "$TIME_BIN" ] || { echo n/a; return; }
	local i
	for i in 1 2 3; do
		"$TIME_BIN" -f %M -o "$WORK/rss" sh -c "$1" >/dev/null 2>&1 || true
		tail -1 "$WORK/rss"
	done | median
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b+0 > 0 && a != "n/a" && b != "n/a") printf "%.2f", a/b; else print "n/a" }'; }

results=()
row() { # case size_bytes omslint_ms php_ms omslint_cpu php_cpu omslint_rss php_rss target_time
	local rss_x="-"
	if [ "$7" != n/a ] && [ "$2" -ge 1000000 ]; then rss_x=$(awk -v r="$7" -v s="$2" 'BEGIN {printf "%.1fx", r*1024/s}'); fi
	results+=("$(printf '%-16s %9s %9.1f %9.1f %6s %9.1f %9.1f %6s %8s %8s %6s %7s  %s' "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")" "$5" "$6" "$(ratio "$5" "$6")" "$7" "$8" "$(ratio "$7" "$8")" "$rss_x" "$9")")
}

echo "== timing ($ROUNDS rounds per file, $FLEET_ROUNDS for the fleet; alternating order)"
for f in "$WORK"/in/*.php; do
	name=$(basename "$f" .php)
	size=$(wc -c <"$f")
	echo "-- $name ($size bytes)"
	read -r mo mp co cp < <(time_pair "$name" "$ROUNDS" "$OMSLINT lint --as env $f" "php -l $f")
	ro=$(peak_rss "$OMSLINT lint --as env $f")
	rp=$(peak_rss "php -l $f")
	target="≤0.50"
	case $name in synthetic-10m*) target="≤2.00" ;; synthetic-200k) target="-" ;; esac
	row "$name" "$size" "$mo" "$mp" "$co" "$cp" "$ro" "$rp" "$target"
done

fleet_size=$(du -sb "$WORK/fleet" 2>/dev/null | cut -f1 || echo 0)
echo "-- fleet-1000: loop of omslint lint ROOT vs loop of php -l ROOT/app/etc/env.php"
read -r mo mp co cp < <(time_pair fleet-loop "$FLEET_ROUNDS" "sh $WORK/loop-omslint.sh" "sh $WORK/loop-php.sh")
row fleet-loop "1000" "$mo" "$mp" "$co" "$cp" "$(peak_rss "sh $WORK/loop-omslint.sh")" "$(peak_rss "sh $WORK/loop-php.sh")" "≤0.50"
if [ -n "$RECURSIVE" ]; then
	echo "-- fleet-1000: omslint lint --recursive vs loop of php -l"
	read -r mo mp co cp < <(time_pair fleet-recursive "$FLEET_ROUNDS" "$OMSLINT lint --recursive $WORK/fleet" "sh $WORK/loop-php.sh")
	row fleet-recursive "1000" "$mo" "$mp" "$co" "$cp" "$(peak_rss "$OMSLINT lint --recursive $WORK/fleet")" "$(peak_rss "sh $WORK/loop-php.sh")" "≤0.50"
else
	echo "   (this omslint has no lint --recursive: fleet measured as a loop only)"
fi

echo "== the cases users wait on (ratios against the hello-world floor and php -l)"
mkdir -p "$WORK/hello" && cat >"$WORK/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
(cd "$WORK/hello" && cat >go.mod <<'MOD'
module hello

go 1.21
MOD
CGO_ENABLED=0 go build -trimpath -o "$WORK/hello-bin" .) || die "hello-world build failed"
FLOOR=$WORK/hello-bin
# The dependency floor: every package omslint links but its own, doing
# nothing (scripts/depsfloor): what start-up costs before omslint's code.
CGO_ENABLED=0 go build -trimpath -o "$WORK/depsfloor" ./scripts/depsfloor || die "go build ./scripts/depsfloor failed"
DEPS_FLOOR=$WORK/depsfloor
rm -rf "$WORK/roots" && mkdir -p "$WORK/roots"
"$WORK/benchgen" -fleet 1 -from fixtures/cases/clean-root -o "$WORK/roots/outside"
mkdir -p "$WORK/roots/ingit" && "$WORK/benchgen" -fleet 1 -from fixtures/cases/clean-root -o "$WORK/roots/ingit/repo"
(cd "$WORK/roots/ingit/repo" && git init -q . && git add shop-0001/composer.json && GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@localhost GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@localhost git -c commit.gpgsign=false commit -qm init) >/dev/null 2>&1 || echo "   (git failed: root-inside-git is a root in a work tree without an index)"
"$WORK/benchgen" -realsize -o "$WORK/roots/real"
OUT_ROOT=$WORK/roots/outside/shop-0001
GIT_ROOT=$WORK/roots/ingit/repo/shop-0001
REAL_ROOT=$WORK/roots/real
extra=()
extra_row() { # case omslint-cmd floor-or-php-cmd label
	local name=$1 a=$2 b=$3 what=$4
	read -r mo mb co cb < <(time_pair "$name" "$ROUNDS" "$a" "$b")
	extra+=("$(printf '%-18s %9.1f %9.1f %6s  (%s)  rss %s KB' "$name" "$mo" "$mb" "$(ratio "$mo" "$mb")" "$what" "$(peak_rss "$a")")")
}
extra_row deps-floor "$DEPS_FLOOR" "$FLOOR" "omslint's dependencies doing nothing, vs hello-world floor"
extra_row version "$OMSLINT version" "$FLOOR" "omslint version, vs hello-world floor"
extra_row root-outside-git "$OMSLINT lint $OUT_ROOT" "$FLOOR" "vs hello-world floor; target <=1.6"
extra_row root-outside-deps "$OMSLINT lint $OUT_ROOT" "$DEPS_FLOOR" "vs the dependency floor"
extra_row root-inside-git "$OMSLINT lint $GIT_ROOT" "$FLOOR" "vs hello-world floor; target <=1.8"
extra_row root-inside-git-php "$OMSLINT lint $GIT_ROOT" "php -l $GIT_ROOT/app/etc/env.php" "vs php -l env.php"
extra_row root-real-size "$OMSLINT lint $REAL_ROOT" "$FLOOR" "vs hello-world floor; target <=4"
extra_row root-real-size-php "$OMSLINT lint $REAL_ROOT" "php -l $REAL_ROOT/app/etc/config.php" "vs php -l config.php"
echo "-- fleet-big: $BIG_FLEET roots"
rm -rf "$WORK/bigfleet" && "$WORK/benchgen" -fleet "$BIG_FLEET" -from fixtures/cases/clean-root -o "$WORK/bigfleet"
# The same stores with one finding each (serviceBus.secure_endpoint false,
# OMS122): what a fleet report streams, and what JSON/SARIF/JUnit hold.
rm -rf "$WORK/findroot" && cp -R fixtures/cases/clean-root "$WORK/findroot" && rm -f "$WORK/findroot"/lint.*
sed -i.bak "s/'secure_endpoint' => true/'secure_endpoint' => false/" "$WORK/findroot/app/etc/env.php" && rm -f "$WORK/findroot/app/etc/env.php.bak"
SMALL_FLEET=$(( BIG_FLEET / 5 ))
rm -rf "$WORK/findfleet" "$WORK/findfleet-small"
"$WORK/benchgen" -fleet "$BIG_FLEET" -from "$WORK/findroot" -o "$WORK/findfleet"
"$WORK/benchgen" -fleet "$SMALL_FLEET" -from "$WORK/findroot" -o "$WORK/findfleet-small"
# fleet_run NAME DIR FORMAT: one run of lint -r: wall, when the first byte
# of standard output came (as a share of the run: the text report streams,
# the other formats are one document written at the end) and peak RSS.
fleet_run() {
	local t0 t1 first rss=n/a
	t0=$(date +%s%N)
	if [ -n "$TIME_BIN" ]; then
		first=$("$TIME_BIN" -f %M -o "$WORK/rss" "$OMSLINT" lint -r "$2" --format "$3" 2>/dev/null | { head -c1 >/dev/null; date +%s%N; cat >/dev/null; })
		rss=$(tail -1 "$WORK/rss")
	else
		first=$("$OMSLINT" lint -r "$2" --format "$3" 2>/dev/null | { head -c1 >/dev/null; date +%s%N; cat >/dev/null; })
	fi
	t1=$(date +%s%N)
	extra+=("$(printf '%-18s %-5s %9.1f ms wall, first output at %s %% of the run, peak RSS %s KB (target <=65536, flat)' "$1" "$3" "$(( (t1 - t0) / 1000000 ))" "$(awk -v a="$first" -v s="$t0" -v e="$t1" 'BEGIN {printf "%.0f", 100*(a-s)/(e-s)}')" "$rss")")
}
fleet_run fleet-big "$WORK/bigfleet" text
fleet_run fleet-big "$WORK/bigfleet" json
for f in text json sarif junit; do
	fleet_run fleet-big-findings "$WORK/findfleet" "$f"
done
# Flat in the number of roots: the same at a fifth of the roots.
for f in text json; do
	fleet_run "fleet-$SMALL_FLEET-findings" "$WORK/findfleet-small" "$f"
done

echo
echo "== results: wall = median wall ms, cpu = median user+system ms, ratio = omslint / php -l;"
echo "   rss = peak RSS in KB (median of 3), rss/size = omslint's peak RSS / file size (files of 1 MB or more)"
echo "   (fleet rows: bytes = number of roots)"
printf '%-16s %9s %9s %9s %6s %9s %9s %6s %8s %8s %6s %7s  %s\n' case bytes wall-oms wall-php ratio cpu-oms cpu-php ratio rss-oms rss-php ratio rss/size wall-target
for r in "${results[@]}"; do echo "$r"; done
echo
echo "== the cases users wait on: wall-oms, wall-other (ms), ratio"
for r in "${extra[@]}"; do echo "$r"; done
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "targets: typical and fleet ≤0.50x php -l; 10 MB ≤2.00x; peak RSS ≤30 MB typical, ≤10x file size for large files"
echo "fleet RSS is the largest single process of the loop (GNU time reports the max over the process tree)"
