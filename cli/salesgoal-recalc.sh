#!/bin/sh
# salesgoal-recalc — run by `salesgoal recalc` (installed beside it as
# libexec/salesgoal/salesgoal-recalc; in the source tree as cli/salesgoal-recalc.sh).
#     salesgoal-recalc IN OUT FORMAT VALUES [PROGRESS_FD]
# IN and OUT are absolute paths; FORMAT is xlsx, pdf or csv; VALUES is 1 to
# replace every salesgoal formula by its value. Installs the extension into a
# fresh private LibreOffice profile in a temporary folder (scripts/lo-profile.sh,
# as `make demo` does: as root, soffice runs as an unprivileged user), runs
# recalc.py in a headless soffice and copies the result to OUT (csv: one file per
# sheet, OUT-SHEET.csv, when the workbook has several). Phases are written as
# lines to PROGRESS_FD, and each file written as "wrote PATH". Exit status 0, 1 (failed, reason on stderr), 2 (usage).
set -eu

[ $# -ge 4 ] || { echo "usage: salesgoal-recalc IN OUT FORMAT VALUES [PROGRESS_FD]" >&2; exit 2; }
IN=$1
OUT=$2
FORMAT=$3
VALUES=$4
PROGRESS_FD=${5:-}
HERE=$(cd "$(dirname "$0")" && pwd -P)

phase() {
  if [ -n "$PROGRESS_FD" ]; then eval "echo \"\$1\" >&$PROGRESS_FD" 2> /dev/null || true; fi
}

LIB=
for f in "$HERE/lo-profile.sh" "$HERE/../scripts/lo-profile.sh"; do
  [ -f "$f" ] && LIB=$f && break
done
[ -n "$LIB" ] || { echo "salesgoal recalc: lo-profile.sh not found beside $0" >&2; exit 1; }
PY=
for f in "$HERE/recalc.py" "$HERE/../cli/recalc.py"; do
  [ -f "$f" ] && PY=$f && break
done
[ -n "$PY" ] || { echo "salesgoal recalc: recalc.py not found beside $0" >&2; exit 1; }
# recalc.py imports sg_uno.py, installed (and kept in cli/) beside it
UNO_PY=$(dirname "$PY")/sg_uno.py
[ -f "$UNO_PY" ] || { echo "salesgoal recalc: sg_uno.py not found beside $PY" >&2; exit 1; }
OXT=${SALESGOAL_OXT:-}
if [ -z "$OXT" ]; then
  for f in "$HERE/../../share/salesgoal/salesgoal.oxt" "$HERE/../build/salesgoal.oxt"; do
    [ -f "$f" ] && OXT=$f && break
  done
fi
[ -n "$OXT" ] && [ -f "$OXT" ] ||
  { echo "salesgoal recalc: salesgoal.oxt not found (set SALESGOAL_OXT)" >&2; exit 1; }

# shellcheck source=scripts/lo-profile.sh disable=SC1090,SC1091
. "$LIB"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-recalc.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
# as root, the unprivileged LibreOffice user must be able to enter it
chmod 755 "$TMP"
LO_BASE=$TMP/lo

phase setup
# (lo_setup says what failed and exits by itself)
lo_setup "$OXT" >&2

name=$(basename "$IN")
mkdir -p "$LO_BASE/work/in" "$LO_BASE/work/out"
cp "$IN" "$LO_BASE/work/in/$name"
[ "$LO_ROOT" = 1 ] && chown -R "$LO_UID:$LO_GID" "$LO_BASE/work"

lo_py_module "$UNO_PY"

stem=$(basename "$OUT")
stem=${stem%.*}
phase start
rc=0
lo_python "$PY" "$LO_BASE/work/in/$name" "$LO_BASE/work/out" "$stem" "$FORMAT" "$VALUES" \
  "$PROGRESS_FD" || rc=$?
if [ "$rc" -ne 0 ]; then
  [ -s "$LO_BASE/uno-soffice.log" ] && cat "$LO_BASE/uno-soffice.log" >&2
  [ "$rc" -eq 124 ] && echo "salesgoal recalc: soffice timed out after ${LO_TIMEOUT}s" >&2
  exit 1
fi

outdir=$(dirname "$OUT")
found=0
for f in "$LO_BASE"/work/out/*; do
  [ -e "$f" ] || continue
  found=1
  if [ "$(basename "$f")" = "$stem.$FORMAT" ]; then
    dest=$OUT
  else
    dest=$outdir/$(basename "$f")
  fi
  cp "$f" "$dest"
  phase "wrote $dest"
done
[ "$found" = 1 ] || { echo "salesgoal recalc: LibreOffice wrote nothing for $IN" >&2; exit 1; }
phase done
exit 0
