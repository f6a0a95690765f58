#!/bin/sh
# tests/bench/calc_filldown.sh — the fill-down recipe vs the array formula in a
# real headless Calc (tests/bench/filldown.py over UNO), run by `make bench`.
# Environment: OXT (default build/salesgoal.oxt), BENCH_ROWS (1000), BENCH_ROUNDS (7).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
LO_BASE=build/bench-lo
. "$ROOT/scripts/lo-profile.sh"
if ! /usr/bin/python3 -c 'import uno' 2> /dev/null; then
  echo "bench filldown: skipped: /usr/bin/python3 has no uno module (python3-uno)"
  exit 0
fi
lo_setup "$OXT"
lo_py_module cli/sg_uno.py
lo_python tests/bench/filldown.py "${BENCH_ROWS:-1000}" "${BENCH_ROUNDS:-7}"
