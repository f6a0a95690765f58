#!/bin/sh
# author-charts.sh NAME... — redraw the charts of samples/NAME.fods in real Calc
# (scripts/chart-author.py over UNO) and paste them into the hand-written files
# (scripts/chart-paste.py). An authoring tool, not part of the build: run it after
# changing a sample's chart data block, after `make oxt`. Needs python3-uno.
# SAMPLES_DIR (default samples): the folder whose NAME.fods are read and pasted
# into, e.g. a copy to try the tool on.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
LO_BASE=build/charts/lo
SAMPLES_DIR=${SAMPLES_DIR:-samples}
lo_setup build/salesgoal.oxt
lo_py_module cli/sg_uno.py
mkdir -p build/charts/out
for name in "$@"; do
  cp "$SAMPLES_DIR/$name.fods" "$LO_BASE/work/in-$name.fods"
  [ "$LO_ROOT" = 1 ] && chown "$LO_UID:$LO_GID" "$LO_BASE/work/in-$name.fods" "$LO_BASE/work"
  lo_python scripts/chart-author.py "$LO_BASE/work/in-$name.fods" "$LO_BASE/work/out-$name.fods" "$name"
  cp "$LO_BASE/work/out-$name.fods" "build/charts/out/$name.fods"
  python3 scripts/chart-paste.py "build/charts/out/$name.fods" "$SAMPLES_DIR/$name.fods"
done
