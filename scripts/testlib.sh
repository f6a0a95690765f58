#!/bin/sh
# testlib.sh — counters and results for the shell test drivers (sourced):
#     . scripts/testlib.sh
#     pass WHAT / fail WHAT      print "PASS WHAT" / "FAIL WHAT" and count it
#     tally LOG RC PREFIX        count the PASS/FAIL lines of a sub-check's LOG
#     now / elapsed T0 T1        wall-clock seconds, and T1 - T0 as "1.23"
#     finish                     print "N passed, M failed" and exit (1 on a failure)
# Used by tests/integration/run.sh, concurrent_snapshots.sh and valgrind_calc.sh.

PASSED=0
FAILED=0
pass() {
  PASSED=$((PASSED + 1))
  echo "PASS $*"
}
fail() {
  FAILED=$((FAILED + 1))
  echo "FAIL $*"
}
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ] || exit 1
  exit 0
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# tally LOG RC PREFIX: the output LOG of a sub-check that exited with RC.
# Every "PASS text" / "FAIL text" line counts as pass/fail "PREFIXtext"; other
# lines are shown as they are (a sub-check's own "N passed, M failed" line is
# dropped). A FAIL is recorded as well when RC is not 0 (the sub-check died or
# failed after its last result line) or when LOG holds no result at all.
# Sets TALLY_PASSED and TALLY_FAILED to the counts of LOG's own lines.
tally() {
  tl_log=$1
  tl_rc=$2
  tl_prefix=$3
  TALLY_PASSED=0
  TALLY_FAILED=0
  if [ -f "$tl_log" ]; then
    while IFS= read -r tl_line || [ -n "$tl_line" ]; do
      case $tl_line in
        PASS\ *)
          TALLY_PASSED=$((TALLY_PASSED + 1))
          pass "$tl_prefix${tl_line#PASS }"
          ;;
        FAIL\ *)
          TALLY_FAILED=$((TALLY_FAILED + 1))
          fail "$tl_prefix${tl_line#FAIL }"
          ;;
        *[0-9]\ passed,\ *[0-9]\ failed) ;;
        *) printf '%s\n' "$tl_line" ;;
      esac
    done < "$tl_log"
  fi
  if [ "$TALLY_PASSED" -eq 0 ] && [ "$TALLY_FAILED" -eq 0 ]; then
    fail "${tl_prefix}no result: no PASS or FAIL line in $tl_log"
  fi
  if [ "$tl_rc" -ne 0 ]; then
    fail "${tl_prefix}exited with status $tl_rc (log: $tl_log)"
  fi
  return 0
}
