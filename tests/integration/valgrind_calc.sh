#!/bin/sh
# valgrind_calc.sh — the add-in inside a real Calc, under valgrind.
#
# Run by `make valgrind-calc` (part of `make check`) after `make oxt`.
# Recalculates integration sheets headless with build/salesgoal.oxt installed,
# with soffice.bin under memcheck, and fails on any valgrind record (invalid
# access, uninitialised value, definite leak) whose stack passes through the
# add-in: a frame in libsalesgoal.so, or (the add-in is built with -g, so its
# frames name functions and source files, not the .so) a frame in this tree's
# engine/, functions/ or addin/ sources (--fullpath-after= makes valgrind print
# them as absolute paths). Records that only involve LibreOffice or glibc are
# counted and reported, not failed: they are not ours to fix. Every sheet is
# exported (NAME-SHEET.csv) and must show no #NAME? or Err:504.
# The last line is "N passed, M failed". Takes a few minutes.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/valgrind-calc
SHEETS="tests/integration/sg_split.fods tests/integration/sg_lasterror.fods
        tests/integration/sg_alert.fods tests/integration/sg_time_1904.fods
        tests/integration/sg_why.fods"
# as in run.sh: raw values, token 12 = -1: every sheet, one file each (NAME-SHEET.csv)
CSV_FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
# pass, fail, finish
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"
command -v valgrind > /dev/null 2>&1 || lo_die "valgrind not found"
[ -f "$OXT" ] || lo_die "$OXT not found: run 'make oxt' first"

rm -rf "$OUT/csv"
mkdir -p "$OUT/csv"
LO_BASE=$OUT/lo
lo_setup "$OXT"
# A plain run first: the first start of a profile may ask for a restart
# (exit 81), and it stages the sheets in $LO_BASE/work/in.
# shellcheck disable=SC2086
lo_convert "$OUT/csv" "$CSV_FILTER" $SHEETS

rm -f "$LO_BASE"/tmp/vg.*.log "$LO_BASE"/work/out/*
set --
for f in "$LO_BASE"/work/in/*; do set -- "$@" "$f"; done
start=$(date +%s)
rc=0
# The same soffice command line as lo_convert, with soffice.bin under memcheck
# (the wrapper is split on blanks, so the log path must have none).
case $LO_BASE in *[[:space:]]*) lo_die "valgrind log folder $LO_BASE contains blanks" ;; esac
LO_SOFFICE_WRAPPER="valgrind --leak-check=full --errors-for-leak-kinds=definite
  --num-callers=40 --fullpath-after= --log-file=$LO_BASE/tmp/vg.%p.log"
LO_TIMEOUT=${LO_VALGRIND_TIMEOUT:-1800}
lo_soffice --convert-to "$CSV_FILTER" --outdir "$LO_BASE/work/out" "$@" \
  > "$OUT/soffice.log" 2>&1 || rc=$?
echo "valgrind-calc: soffice under memcheck took $(($(date +%s) - start)) s (exit $rc)"

if [ "$rc" -eq 0 ]; then
  pass "soffice under valgrind exited normally"
else
  fail "soffice under valgrind exited $rc (log: $OUT/soffice.log)"
fi
for sheet in $SHEETS; do
  name=$(basename "$sheet" .fods)
  found=0
  for csvf in "$LO_BASE/work/out/$name"-*.csv; do
    [ -s "$csvf" ] || continue
    found=1
    part=${csvf##*/}
    part=${part%.csv}
    if grep -q -e '#NAME?' -e 'Err:504' "$csvf"; then
      fail "$part: the add-in was not loaded under valgrind (#NAME? or Err:504)"
    else
      pass "$part: recalculated with the add-in under valgrind"
    fi
  done
  [ "$found" = 1 ] || fail "$name: no CSV written under valgrind"
done

logs=$(ls "$LO_BASE"/tmp/vg.*.log 2> /dev/null || true)
if [ -z "$logs" ]; then
  fail "valgrind wrote no log"
else
  # One record = the lines between two "==PID== " separators. Ours: a frame in
  # libsalesgoal.so or in this tree's add-in sources (index(), not a regex:
  # ROOT may hold regex characters).
  rm -f "$OUT/ours.txt"
  # shellcheck disable=SC2086 # the log files
  awk -v out="$OUT/ours.txt" -v root="$ROOT" '
    function flush() {
      if (rec ~ /(Invalid|uninitialised|Conditional jump|definitely lost|Mismatched|Source and destination)/) {
        total++
        if (rec ~ /libsalesgoal/ || index(rec, root "/engine/") || index(rec, root "/functions/") ||
            index(rec, root "/addin/")) { ours++; print rec > out }
      }
      rec = ""
    }
    /^==[0-9]+== $/ { flush(); next }
    { rec = rec $0 "\n" }
    END { flush(); printf "%d %d\n", total, ours }' $logs > "$OUT/counts.txt"
  read -r total ours < "$OUT/counts.txt"
  echo "valgrind-calc: $total valgrind records in all, $ours through the add-in"
  if [ "$ours" -eq 0 ]; then
    pass "no invalid access, uninitialised value or definite leak through the add-in"
  else
    head -60 "$OUT/ours.txt"
    fail "$ours valgrind records pass through the add-in (libsalesgoal.so or $ROOT/{engine,functions,addin}; all in $OUT/ours.txt)"
  fi
fi

finish
