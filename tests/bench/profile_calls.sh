#!/bin/sh
# tests/bench/profile_calls.sh — callgrind profile of add-in calls in real Calc
# (tests/bench/profile_calls.py): one callgrind dump per variant's
# calculateAll in build/bench/callgrind/ (two rounds over the variants of
# profile_calls.py; the second round's dumps are the steady state), and the
# instructions of each dump. Not part of make check or make bench (slow: valgrind).
# Environment: PROFILE_CELLS (default 2000), PROFILE_ONLY (only the variants
# whose label contains it), LO_TIMEOUT (default 3600).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OUT=$ROOT/build/bench/callgrind
LO_BASE=build/bench/lo-profile
LO_TIMEOUT=${LO_TIMEOUT:-3600}
export LO_BASE LO_TIMEOUT
. "$ROOT/scripts/lo-profile.sh"
lo_setup build/salesgoal.oxt
lo_py_module cli/sg_uno.py
# a fresh profile's first start may exit 81 (restart): let a plain run do it
lo_convert "$LO_BASE/work/warm" csv tests/integration/sg_alert.fods > /dev/null
rm -rf "$OUT" && mkdir -p "$OUT"
# the office may run as an unprivileged user (lo-profile.sh): dumps go to /tmp first
CG=$(mktemp -d /tmp/sg-callgrind.XXXXXX) && chmod 777 "$CG"
LO_SOFFICE_WRAPPER="valgrind --tool=callgrind --collect-atstart=no --toggle-collect=ScModelObj::calculateAll() --dump-after=ScModelObj::calculateAll() --callgrind-out-file=$CG/cg.%p"
export LO_SOFFICE_WRAPPER
lo_python tests/bench/profile_calls.py "${PROFILE_CELLS:-2000}" "${PROFILE_ONLY:-}" | tee "$OUT/variants.txt"
cp "$CG"/cg.* "$OUT"/ && rm -rf "$CG"
echo "profile: dumps in $OUT (callgrind_annotate --inclusive=yes FILE)"
for f in "$OUT"/cg.*.*; do
  [ -f "$f" ] || continue
  printf '%s: %s Ir\n' "$(basename "$f")" "$(grep -m1 '^summary:' "$f" | cut -d' ' -f2)"
done
