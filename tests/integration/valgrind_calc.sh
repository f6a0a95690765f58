#!/bin/sh
# valgrind_calc.sh — the add-in inside a real Calc, under valgrind.
#
# Run by `make valgrind-calc` (part of `make check`) after `make oxt`.
# Recalculates integration sheets headless with build/salesgoal.oxt installed,
# with soffice.bin under memcheck, and fails on any valgrind record (invalid
# access, uninitialised value, definite leak) whose stack passes through
# libsalesgoal.so. Records that only involve LibreOffice or glibc are counted
# and reported, not failed: they are not ours to fix.
# The last line is "N passed, M failed". Takes a few minutes.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/valgrind-calc
SHEETS="tests/integration/sg_split.fods tests/integration/sg_lasterror.fods
        tests/integration/sg_alert.fods tests/integration/sg_time_1904.fods"

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
command -v valgrind > /dev/null 2>&1 || lo_die "valgrind not found"
[ -f "$OXT" ] || lo_die "$OXT not found: run 'make oxt' first"

rm -rf "$OUT/csv"
mkdir -p "$OUT/csv"
LO_BASE=$OUT/lo
lo_setup "$OXT"
# A plain run first: the first start of a profile may ask for a restart
# (exit 81), and it stages the sheets in $LO_BASE/work/in.
# shellcheck disable=SC2086
lo_convert "$OUT/csv" csv $SHEETS

rm -f "$LO_BASE"/tmp/vg.*.log "$LO_BASE"/work/out/*
set --
for f in "$LO_BASE"/work/in/*; do set -- "$@" "$f"; done
lo_wait_idle
start=$(date +%s)
rc=0
lo_as_user timeout -k 10 "${LO_VALGRIND_TIMEOUT:-1800}" valgrind --leak-check=full \
  --errors-for-leak-kinds=definite --num-callers=40 \
  --log-file="$LO_BASE/tmp/vg.%p.log" "$LO_PROGRAM/soffice.bin" \
  "-env:UserInstallation=$LO_PROFILE_URL" --headless --norestore \
  --convert-to csv --outdir "$LO_BASE/work/out" "$@" \
  > "$OUT/soffice.log" 2>&1 || rc=$?
echo "valgrind-calc: soffice under memcheck took $(($(date +%s) - start)) s (exit $rc)"

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }

if [ "$rc" -eq 0 ]; then
  pass "soffice under valgrind exited normally"
else
  fail "soffice under valgrind exited $rc (log: $OUT/soffice.log)"
fi
for sheet in $SHEETS; do
  name=$(basename "$sheet" .fods)
  csvf=$LO_BASE/work/out/$name.csv
  if [ ! -s "$csvf" ]; then
    fail "$name: no CSV written under valgrind"
  elif grep -q -e '#NAME?' -e 'Err:504' "$csvf"; then
    fail "$name: the add-in was not loaded under valgrind"
  else
    pass "$name: recalculated with the add-in under valgrind"
  fi
done

logs=$(ls "$LO_BASE"/tmp/vg.*.log 2> /dev/null || true)
if [ -z "$logs" ]; then
  fail "valgrind wrote no log"
else
  # One record = the lines between two "==PID== " separators.
  # shellcheck disable=SC2086
  awk -v out="$OUT/ours.txt" '
    function flush() {
      if (rec ~ /(Invalid|uninitialised|Conditional jump|definitely lost|Mismatched|Source and destination)/) {
        total++
        if (rec ~ /libsalesgoal/) { ours++; print rec > out }
      }
      rec = ""
    }
    /^==[0-9]+== $/ { flush(); next }
    { rec = rec $0 "\n" }
    END { flush(); printf "%d %d\n", total, ours }' $logs > "$OUT/counts.txt"
  read -r total ours < "$OUT/counts.txt"
  echo "valgrind-calc: $total valgrind records in all, $ours through libsalesgoal.so"
  if [ "$ours" -eq 0 ]; then
    pass "no invalid access, uninitialised value or definite leak through libsalesgoal.so"
  else
    head -60 "$OUT/ours.txt"
    fail "$ours valgrind records pass through libsalesgoal.so (all in $OUT/ours.txt)"
  fi
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
