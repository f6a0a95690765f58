#!/bin/sh
# tests/integration/harden.sh — issue 11 in real Calc: a hostile (received)
# workbook, the snapshot database swapped while soffice has it open, and the
# torture workbook (every function with the worst arguments: values checked,
# only a hang watchdog on time).
#
# Called by tests/integration/run.sh (after `make oxt`); can also run alone.
# A fresh private profile with build/salesgoal.oxt, one headless soffice
# driven over UNO by tests/integration/harden.py, a database of its own
# (LO_SALESGOAL_DB). Prints PASS/FAIL and info lines, last "N passed, M
# failed"; non-zero exit status on a failure.
#
# Environment: OXT (default build/salesgoal.oxt), LO_TIMEOUT (see lo-profile.sh;
# for harden.py itself LO_HARDEN_TIMEOUT, default 900 s, 3600 s with the next),
# SG_TORTURE_WHOLE_RESULT=1 to time a call with a million-cell result as well
# (minutes in Calc 7.4: issue 11 item 8).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/integration/harden

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"

if ! /usr/bin/python3 -c 'import uno' 2> /dev/null; then
  echo "FAIL harden: /usr/bin/python3 has no uno module (python3-uno)"
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir -p "$OUT"
LO_BASE=$OUT/lo
t0=$(now)
lo_setup "$OXT"
LO_SALESGOAL_DB=$(lo_abspath "$LO_BASE/work")/harden-db/snapshots.sqlite
build/sg-gen list > "$LO_BASE/work/functions.txt"
[ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/functions.txt"
lo_py_module cli/sg_uno.py
rc=0
# harden.py runs about a minute here (the torture recalculation most of it,
# the million-cell result minutes more): LO_TIMEOUT is a hang watchdog at
# about 10 times that, not a performance bound (harden.py checks values).
if [ "${SG_TORTURE_WHOLE_RESULT:-0}" = 1 ]; then LO_TIMEOUT=${LO_HARDEN_TIMEOUT:-3600}
else LO_TIMEOUT=${LO_HARDEN_TIMEOUT:-900}; fi
lo_python tests/integration/harden.py "$(lo_abspath "$LO_BASE/work")" \
  "$(lo_abspath "$LO_BASE/work/functions.txt")" "${SG_TORTURE_WHOLE_RESULT:-0}" \
  > "$OUT/harden.log" 2>&1 || rc=$?
echo "info: harden checks in $(elapsed "$t0" "$(now)") s"
tally "$OUT/harden.log" "$rc" ""
finish
