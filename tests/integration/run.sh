#!/bin/sh
# tests/integration/run.sh — salesgoal inside a real LibreOffice Calc.
#
# Run by `make integration` after `make oxt`. Installs build/salesgoal.oxt into a
# fresh private profile (scripts/lo-profile.sh: as root, soffice runs as an
# unprivileged user), recalculates the hand-written workbooks in one headless
# soffice run, exports every sheet to CSV and checks:
#   - tests/integration/sg_*.fods: in each sheet, the columns headed "result",
#     "expected" and "pass": every non-empty pass cell must be TRUE, and a result
#     whose expected value is an error text (Err:502) must show exactly that text;
#   - the add-in is really loaded (no #NAME? / Err:504 anywhere in a result column);
#   - samples/target-split.fods: its key cells, worked out by hand;
#   - (when /usr/bin/python3 has uno) the Function Wizard descriptions;
#   - concurrent_snapshots.sh and harden.sh (hostile workbook, swapped database,
#     torture workbook), each in profiles of their own.
# The last line is "N passed, M failed"; the exit status is non-zero on any failure.
#
# Environment: OXT (default build/salesgoal.oxt), LO_TIMEOUT (seconds per soffice
# call, default 120), SG_SKIP_UNO=1 to skip the UNO description check.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/integration
CSV_FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
# tokens: 44 ',' | 34 '"' | 76 UTF-8 | from line 1 | - | lang 0 | quote only when needed |
#         - | values raw, not as shown | no formulas | no trimming | -1 all sheets,
#         one file each: <name>-<sheet>.csv

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
# pass, fail, tally, finish, now, elapsed
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"

[ -f "$OXT" ] || {
  echo "integration: $OXT not found: run 'make oxt' first" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# (not rm -rf $OUT: lo-profile keeps a note there of a fallback profile to clean up)
rm -rf "$OUT/csv" "$OUT"/*.results "$OUT"/*.notloaded "$OUT"/describe*.log
mkdir -p "$OUT"
LO_BASE=$OUT/lo

t0=$(now)
lo_setup "$OXT"
t1=$(now)
echo "integration: extension installed into a fresh profile in $(elapsed "$t0" "$t1") s$([ "$LO_ROOT" = 1 ] && echo " (as user $LO_USER: running as root)")"

# ------------------------------------------------------------ samples leave real history alone
# Opening a sample must never write into the planner's snapshot database (issue 10 item 5).
# Before any sample is opened, a planner's own workbook records a real plan into the profile's
# ~/.local/share/salesgoal/snapshots.sqlite; its checksum is taken, every sample is opened and
# recalculated, and the file must be byte for byte the same with no WAL left, while the samples'
# snapshots (plans named "demo:...") land in snapshots-demo.sqlite beside it.
SEED=$OUT/seed
mkdir -p "$SEED"
cat > "$SEED/planner-history.fods" << 'FODS'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="History">
<table:table-row><table:table-cell office:value-type="string"><text:p>North</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1200000"/><table:table-cell office:value-type="float" office:value="310000"/><table:table-cell table:formula="of:=ORG.SALESGOAL.FUNCTIONS.SG_SNAPSHOT(&quot;FY2026&quot;;[.A1:.A2];DATE(2026;3;31);[.B1:.B2];[.C1:.C2])"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>South</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="900000"/><table:table-cell office:value-type="float" office:value="250000"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>
FODS
REAL_DB=$LO_BASE/home/.local/share/salesgoal/snapshots.sqlite
DEMO_DB=$LO_BASE/home/.local/share/salesgoal/snapshots-demo.sqlite
lo_convert "$OUT/csv-seed" "$CSV_FILTER" "$SEED/planner-history.fods"
if [ -s "$REAL_DB" ]; then
  real_before=$(sha256sum < "$REAL_DB")
  # shellcheck disable=SC2046
  lo_convert "$OUT/csv-samples" "$CSV_FILTER" $(ls samples/*.fods)
  if [ "$real_before" = "$(sha256sum < "$REAL_DB")" ] && [ ! -s "$REAL_DB-wal" ]; then
    pass "samples: the planner's snapshot database is untouched after opening every sample"
  else
    fail "samples: opening the samples changed the planner's database $REAL_DB"
  fi
  if [ -s "$DEMO_DB" ]; then
    pass "samples: their snapshots went to the demo database ($(basename "$DEMO_DB"))"
  else
    fail "samples: no demo database $DEMO_DB (did the samples record anything?)"
  fi
else
  fail "samples: the planner's workbook wrote no snapshot database at $REAL_DB"
fi

WORKBOOKS=$(ls tests/integration/sg_*.fods samples/*.fods)
# shellcheck disable=SC2086
lo_convert "$OUT/csv" "$CSV_FILTER" $WORKBOOKS
t2=$(now)
echo "integration: recalculated and exported $(echo "$WORKBOOKS" | wc -w) workbooks in $(elapsed "$t1" "$t2") s"

# ------------------------------------------------------------ CSV helpers
# A CSV line splitter for awk (mawk and gawk): fields into F[1..n], quotes honoured.
AWK_CSV=$(cat "$ROOT/scripts/csv.awk")

# cell FILE A1: the raw CSV text of one cell.
cell() {
  awk -v want="$2" "$AWK_CSV"'
    NR == row(want) { csv($0); print F[col(want)]; found = 1; exit }
    END { if (!found) print "" }' "$1"
}

# ------------------------------------------------------------ test sheets
for fods in tests/integration/sg_*.fods; do
  base=$(basename "$fods" .fods)
  found=0
  for csvf in "$OUT/csv/$base"-*.csv; do
    [ -f "$csvf" ] || continue
    found=1
    sheet=${csvf##*/}
    sheet=${sheet%.csv}
    # PASS/FAIL lines into SHEET.results, cells showing #NAME?/Err:504 into
    # SHEET.notloaded.
    rc=0
    awk -v notloaded="$OUT/$sheet.notloaded" "$AWK_CSV"'
      NR == 1 {
        n = csv($0)
        for (i = 1; i <= n; i++) {
          if (F[i] == "result") rc = i
          if (F[i] == "expected") ec = i
          if (F[i] == "pass") pc = i
        }
        if (!rc || !ec || !pc) { print "FAIL no result/expected/pass header"; exit }
        next
      }
      {
        csv($0)
        if (F[1] != "") { label = F[1]; first = NR }
        if (F[rc] == "#NAME?" || F[rc] == "Err:504")
          print "row " NR " (" label "): " F[rc] > notloaded
        if (F[pc] == "") next
        name = "row " NR ": " label (NR == first ? "" : " (continued)")
        ok = (F[pc] == "TRUE")
        raw = ""
        if (F[ec] ~ /^(Err:[0-9]+|#[A-Z\/0-9!?]+)$/ && F[rc] != F[ec]) { ok = 0; raw = " (raw text differs)" }
        if (ok) print "PASS " name
        else print "FAIL " name ": result=[" F[rc] "] expected=[" F[ec] "] pass=[" F[pc] "]" raw
      }' "$csvf" > "$OUT/$sheet.results" || rc=$?
    if [ -s "$OUT/$sheet.notloaded" ]; then
      echo "=============================================================================="
      echo "THE SALESGOAL ADD-IN IS NOT LOADED in Calc ($sheet):"
      sed 's/^/  /' "$OUT/$sheet.notloaded" | head -5
      echo "  #NAME?  = Calc does not know ORG.SALESGOAL.FUNCTIONS.* (CalcAddIns.xcu not registered)"
      echo "  Err:504 = the function is known but the component failed to load or to be called"
      echo "  unopkg log: $LO_BASE/unopkg.log; soffice log: $LO_BASE/convert.log"
      echo "=============================================================================="
      fail "$sheet: add-in loaded"
    else
      pass "$sheet: add-in loaded (no #NAME? or Err:504)"
    fi
    # every row with a pass cell counts; a sheet where none passes fails
    tally "$OUT/$sheet.results" "$rc" "$sheet: "
    [ "$TALLY_PASSED" -gt 0 ] || fail "$sheet: no passing row"
  done
  [ "$found" = 1 ] || fail "$base: soffice produced no CSV (see $LO_BASE/convert.log)"
done

# The SG_LASTERROR texts, for the log.
for le in "$OUT"/csv/sg_lasterror-*.csv; do
  [ -f "$le" ] || continue
  for c in B5 B7 B9 B11 B13; do
    echo "info: SG_LASTERROR() in $c: $(cell "$le" "$c")"
  done
done

# ------------------------------------------------------------ the samples
# Key cells of every samples/NAME.fods, worked out by hand, listed in
# samples/NAME.checks as "SHEET CELL EXPECTED what" (# starts a comment).
check_cell() { # CSV CELL EXPECTED WHAT
  got=$(cell "$1" "$2")
  kind=text
  printf '%s' "$3" | grep -Eq '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$' && kind=number
  case $kind in
    number)
      # raw CSV keeps the % of percentage-formatted cells: 32.9090909090909%
      if awk -v g="$got" -v e="$3" 'BEGIN {
            if (g ~ /^-?[0-9.]+%$/) { sub(/%$/, "", g); g = g / 100 }
            if (g !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1
            d = g - e; if (d < 0) d = -d; a = e < 0 ? -e : e
            exit !(d <= 1e-9 * (a > 1 ? a : 1)) }'; then
        pass "$4 = $got"
      else
        fail "$4: got [$got], expected $3"
      fi ;;
    *)
      if [ "$got" = "$3" ]; then pass "$4 = $got"; else fail "$4: got [$got], expected [$3]"; fi ;;
  esac
}
for checks in samples/*.checks; do
  [ -f "$checks" ] || continue
  name=$(basename "$checks" .checks)
  while read -r sheet ref expected what; do
    case $sheet in '' | '#'* | '@'*) continue ;; esac
    csvf=$OUT/csv/$name-$sheet.csv
    if [ -f "$csvf" ]; then
      check_cell "$csvf" "$ref" "$expected" "$name $ref $what"
    else
      fail "$name: soffice produced no $csvf (see $LO_BASE/convert.log)"
    fi
  done < "$checks"
done

# ------------------------------------------------------------ Function Wizard texts
if [ "${SG_SKIP_UNO:-0}" = 1 ]; then
  echo "info: UNO description check skipped (SG_SKIP_UNO=1)"
elif ! /usr/bin/python3 -c 'import uno' 2> /dev/null; then
  echo "info: UNO description check skipped: /usr/bin/python3 has no uno module (python3-uno)"
else
  t3=$(now)
  build/sg-gen list > "$LO_BASE/work/functions.txt"
  lo_py_module cli/sg_uno.py # describe.py, charts.py and recalc_caches.py import it
  # English UI first, then Chinese: help texts and messages follow the UI.
  for lang in en zh; do
    if [ "$lang" = zh ]; then
      if [ ! -d /usr/lib/libreoffice/program/resource/zh_CN ]; then
        fail "wizard[zh]: the Chinese UI is not installed (libreoffice-l10n-zh-cn)"
        continue
      fi
      lo_set_ui_locale zh-CN
    fi
    rc=0
    lo_python tests/integration/describe.py "$LO_BASE/work/functions.txt" "$lang" \
      > "$OUT/describe-$lang.log" 2>&1 || rc=$?
    tally "$OUT/describe-$lang.log" "$rc" "wizard[$lang]: "
  done
  echo "integration: UNO description check in $(elapsed "$t3" "$(now)") s"
  # The samples' charts (issue 18): bound to the intended ranges, plotting the cells' values.
  mkdir -p "$LO_BASE/work/charts"
  cp samples/*.fods "$LO_BASE/work/charts/"
  [ "$LO_ROOT" = 1 ] && chown -R "$LO_UID:$LO_GID" "$LO_BASE/work/charts"
  rc=0
  lo_python tests/integration/charts.py "$LO_BASE/work/charts" > "$OUT/charts.log" 2>&1 || rc=$?
  tally "$OUT/charts.log" "$rc" "charts: "
  # Issue 15: a changed NullDate is read afresh, in the changed document only,
  # and the fill-down memo (addin/memo.c) never answers for other inputs.
  rc=0
  lo_python tests/integration/recalc_caches.py > "$OUT/recalc_caches.log" 2>&1 || rc=$?
  tally "$OUT/recalc_caches.log" "$rc" ""
fi

# ------------------------------------------------------------ charts in the PDFs
# Every sample's PDF shows its charts: each of the series colours listed by
# "@chart-colours RRGGBB..." lines in the sample's .checks file (default: Calc's first series
# colour #004586) has at least 20 pixels on some page (so every chart listed by its
# colours is drawn); "@chart-colours none" marks a sample without a chart (reported,
# not failed).
if command -v pdftoppm > /dev/null 2>&1; then
  # shellcheck disable=SC2046
  lo_convert "$OUT/pdf" pdf $(ls samples/*.fods)
  for pdf in "$OUT"/pdf/*.pdf; do
    name=$(basename "$pdf" .pdf)
    checks=samples/$name.checks
    colours=$(sed -n 's/^@chart-colours[[:space:]]*//p' "$checks" 2> /dev/null | tr '\n' ' ')
    colours=${colours% }  # every @chart-colours line counts (one per chart)
    [ -n "$colours" ] || colours=004586
    if [ "$colours" = none ]; then
      echo "info: pdf: $name has no chart"
      continue
    fi
    rm -rf "$OUT/pdf/$name.pages" && mkdir -p "$OUT/pdf/$name.pages"
    pdftoppm -r 40 "$pdf" "$OUT/pdf/$name.pages/p"
    worst=$(python3 - "$colours" "$OUT/pdf/$name.pages"/p*.ppm << 'PY'
import sys
want = [(c, tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))) for c in sys.argv[1].split()]
best = {c: (0, "") for c, _ in want}
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    # P6 header: magic, width, height, maxval, each separated by whitespace
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace(): pos += 1
        start = pos
        while not data[pos:pos + 1].isspace(): pos += 1
        parts.append(data[start:pos])
    px = data[pos + 1:]
    counts = {}
    for i in range(0, len(px) - 2, 3):
        if px[i] > 235 and px[i + 1] > 235 and px[i + 2] > 235:
            continue  # white
        key = px[i:i + 3]
        counts[key] = counts.get(key, 0) + 1
    page = path.rsplit("/", 1)[-1]
    for c, (r, g, b) in want:
        hits = sum(n for k, n in counts.items()
                   if abs(k[0] - r) < 40 and abs(k[1] - g) < 40 and abs(k[2] - b) < 40)
        best[c] = max(best[c], (hits, page))
# the colour seen least: "hits colour page"
c = min(best, key=lambda k: best[k][0])
print(best[c][0], c, best[c][1])
PY
)
    n=${worst%% *}
    if [ "$n" -ge 20 ]; then
      pass "pdf: $name shows its charts (every colour of $colours: at least $n pixels)"
    else
      fail "pdf: $name shows no chart in colour ${worst#* } ($n pixels at most; colours $colours)"
    fi
  done
else
  echo "info: PDF chart check skipped: no pdftoppm (poppler-utils)"
fi

# ------------------------------------------------------------ concurrent snapshots
# Two soffice instances writing into one snapshot database at the same time.
rc=0
OXT=$OXT tests/integration/concurrent_snapshots.sh > "$OUT/concurrent.log" 2>&1 || rc=$?
tally "$OUT/concurrent.log" "$rc" "concurrent snapshots: "

# ------------------------------------------------------------ hardening (issue 11)
# A hostile workbook, the database swapped under an open Calc, the torture workbook.
rc=0
OXT=$OXT tests/integration/harden.sh > "$OUT/harden.log" 2>&1 || rc=$?
tally "$OUT/harden.log" "$rc" "harden: "

# ------------------------------------------------------------ PostgreSQL
# Two soffice instances writing into one PostgreSQL database (its own
# throw-away server), a third reading the history and trend back.
rc=0
OXT=$OXT tests/integration/pg_snapshots.sh > "$OUT/pg.log" 2>&1 || rc=$?
tally "$OUT/pg.log" "$rc" "postgresql: "

finish
