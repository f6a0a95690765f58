#!/bin/sh
# tests/bench/calc.sh — the in-Calc half of `make bench` (issue 15): installs
# build/salesgoal.oxt and the Python-UNO comparison add-in
# (build/bench/pybench.oxt) into a private profile (build/bench/lo), runs
# tests/bench/calc_bench.py against one headless soffice and writes
# build/bench/report.md, with the C benches' output (build/bench/c-benches.txt,
# written by `make bench` just before) appended.
# Environment: BENCH_RUNS (rounds, default 5), BENCH_DIVISOR (every size divided
# by it, default 1: e.g. 100 for a quick run that shows the driver works, not
# figures to quote), LO_TIMEOUT (default 3600 here).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OUT=build/bench
mkdir -p "$OUT"
LO_BASE=$OUT/lo
LO_TIMEOUT=${LO_TIMEOUT:-3600}
export LO_BASE LO_TIMEOUT
# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
lo_setup build/salesgoal.oxt
# The Python-UNO comparison add-in (tests/bench/pybench): this profile only.
[ -f build/bench/pybench.oxt ] || lo_die "build/bench/pybench.oxt not found: run 'make bench'"
cp build/bench/pybench.oxt "$LO_BASE/work/pybench.oxt"
[ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/pybench.oxt"
lo_unopkg add --suppress-license --force "$LO_BASE/work/pybench.oxt" > "$LO_BASE/unopkg-pybench.log" 2>&1 ||
  { cat "$LO_BASE/unopkg-pybench.log" >&2; lo_die "unopkg add pybench.oxt failed (log above)"; }
rm -f "$LO_BASE/work/report.md"
lo_py_module cli/sg_uno.py
lo_python tests/bench/calc_bench.py "$(lo_abspath "$LO_BASE/work")/report.md" "${BENCH_RUNS:-5}" \
  "${BENCH_DIVISOR:-1}"
[ -s "$LO_BASE/work/report.md" ] || lo_die "calc_bench.py wrote no report (see $LO_BASE/uno-soffice.log)"
cp "$LO_BASE/work/report.md" "$OUT/report.md"
if [ -s "$OUT/c-benches.txt" ]; then
  {
    echo
    echo "## Engine and catalogue benches (tests/bench/bench_*.c, same machine, same run of make bench)"
    echo
    echo '```'
    cat "$OUT/c-benches.txt"
    echo '```'
  } >> "$OUT/report.md"
fi
# The engine scaling tables (tests/bench/engine_scaling.c) close the report.
if [ -s "$OUT/engine.md" ]; then { echo; cat "$OUT/engine.md"; } >> "$OUT/report.md"; fi
echo "bench: wrote $OUT/report.md"
