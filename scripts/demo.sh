#!/bin/sh
# demo.sh — run by `make demo` after `make oxt`.
#
# Installs build/salesgoal.oxt into a fresh private LibreOffice profile
# (scripts/lo-profile.sh; as root, LibreOffice runs as an unprivileged user),
# recalculates the sample workbooks headless and writes, for each NAME,
#   build/demo/NAME.pdf          the workbook as printed
#   build/demo/NAME[-SHEET].csv  the values as shown (formatted), one per sheet
# then prints every sheet in the terminal, wrapped to its width (COLUMNS, else
# `tput cols`, else 100). target-split (the main job) comes first.
# Last, one example of the salesgoal command on a CSV file.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/demo
SAMPLES="samples/target-split.fods"
for s in samples/*.fods; do
  [ "$s" = samples/target-split.fods ] || SAMPLES="$SAMPLES $s"
done
# CSV as shown (token 9 = true): 12,000,000 and 32.91% exactly as in the sheet;
# token 12 = -1: every sheet, one file each (NAME-SHEET.csv).
CSV_SHOWN='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"

[ -f "$OXT" ] || { echo "demo: $OXT not found: run 'make oxt' first" >&2; exit 2; }

# The terminal's width: COLUMNS (not exported by most shells), then tput when
# stdout is a terminal, then 100.
WIDTH=${COLUMNS:-}
if [ -z "$WIDTH" ] && [ -t 1 ]; then WIDTH=$(tput cols 2> /dev/null || true); fi
case $WIDTH in '' | *[!0-9]*) WIDTH=100 ;; esac
[ "$WIDTH" -ge 40 ] || WIDTH=40

mkdir -p "$OUT"
rm -f "$OUT"/*.pdf "$OUT"/*.csv
LO_BASE=$OUT/lo

echo "demo: installing $OXT into a fresh LibreOffice profile ($OUT/lo)"
lo_setup "$OXT"
echo "demo: recalculating $SAMPLES"
# shellcheck disable=SC2086
lo_convert "$OUT" pdf $SAMPLES
# shellcheck disable=SC2086
lo_convert "$OUT" "$CSV_SHOWN" $SAMPLES

for sample in $SAMPLES; do
  name=$(basename "$sample" .fods)
  [ -s "$OUT/$name.pdf" ] || {
    cat "$LO_BASE/convert.log" >&2
    echo "demo: soffice did not write $OUT/$name.pdf (log above)" >&2
    exit 1
  }
  found=0
  for csvf in "$OUT/$name"-*.csv; do
    [ -s "$csvf" ] || continue
    # NAME-zh-SHEET.csv belongs to the sample NAME-zh, not to NAME
    other=0
    for o in $SAMPLES; do
      on=$(basename "$o" .fods)
      case $on in "$name"-*) case $csvf in "$OUT/$on"-*) other=1 ;; esac ;; esac
    done
    [ "$other" = 0 ] || continue
    found=1
    if grep -q -e '#NAME?' -e 'Err:504' "$csvf"; then
      echo "demo: WARNING: $csvf shows #NAME? or Err:504: the add-in is not loaded" >&2
    fi
    sheet=${csvf##*/"$name"-}
    echo
    echo "==== $name: ${sheet%.csv} ===================================================="
    # LC_ALL=C: widths in bytes; the table cells are ASCII.
    LC_ALL=C awk -v width="$WIDTH" -f scripts/csv.awk -f scripts/print-sheet.awk "$csvf" "$csvf" "$csvf"
  done
  [ "$found" = 1 ] || { echo "demo: soffice wrote no CSV for $name" >&2; exit 1; }
done

# The same engine without Calc: the sample's blended region weights split on the
# command line (build/salesgoal; `make install-cli` installs it as `salesgoal`).
printf 'region,weight\nNorth,36.2\nSouth,27.4\nEast,28.2\nWest,18.2\n' > "$OUT/regions.csv"
echo
echo "==== the command line: the regions of target-split, as in its Plan sheet ========"
echo "\$ salesgoal split --total 12000000 --weights $OUT/regions.csv:weight --unit 100"
build/salesgoal split --total 12000000 --weights "$OUT/regions.csv:weight" --unit 100

echo
printf 'demo: wrote'
for sample in $SAMPLES; do printf ' %s/%s.pdf' "$OUT" "$(basename "$sample" .fods)"; done
echo " and the CSV files beside them"
