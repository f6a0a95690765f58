#!/bin/sh
# tests/integration/pg_snapshots.sh — real Calc against PostgreSQL: two soffice
# instances write snapshots into the same PostgreSQL database at the same time,
# then a third recalculation reads the history and the trend back.
#
# Runs itself under scripts/pg-cluster.sh (a throw-away server on a Unix
# socket, stopped at the end even on failure) unless SG_TEST_PG is already set.
# Two fresh profiles with build/salesgoal.oxt, both with SALESGOAL_DB set to
# one postgresql:// URI (LO_SALESGOAL_DB, see scripts/lo-profile.sh):
#   pg_a.fods  units u1..u60   days 2026-01-01..06
#   pg_b.fods  units u31..u90  days 2026-01-04..09
# one SG_SNAPSHOT per unit and day (each its own transaction), unit i on day d
# with target 1000 i and actual 10 i d in both books, so the rows both write
# (u31..u60 on days 4..6) are the same whoever writes last. Then pg_read.fods
# (in profile A) reads them back with SG_HISTORY and SG_TREND; its expected
# values are worked out in the sheet from the rule above (actual = 10 i d, a
# straight line in d, so the trend at day 20 is 200 i).
# Checks: every SG_SNAPSHOT cell shows 1; the database holds exactly the
# union (30 x 6 + 30 x 9 + 30 x 6 = 630 rows) with the right values; every
# pass cell of pg_read is TRUE.
# Prints PASS/FAIL lines and "N passed, M failed" (scripts/testlib.sh).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
if [ -z "${SG_TEST_PG:-}" ]; then
  exec scripts/pg-cluster.sh "$0" "$@"
fi
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/integration/pg
CSV_FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"

[ -f "$OXT" ] || {
  fail "$OXT not found: run 'make oxt' first"
  finish
}
t0=$(now)
rm -rf "$OUT"
mkdir -p "$OUT/csv"
psql -q "$SG_TEST_PG" -c "CREATE DATABASE salesgoal_calc" > /dev/null
URI="postgresql:///salesgoal_calc?host=$SG_TEST_PG_HOST&user=postgres"
sql() { psql -At "postgresql:///salesgoal_calc?host=$SG_TEST_PG_HOST&user=postgres" -c "$1"; }

LO_BASE=$OUT/lo-a
lo_setup "$OXT"
BASE_A=$LO_BASE
LO_BASE=$OUT/lo-b
lo_setup "$OXT"
BASE_B=$LO_BASE
LO_SALESGOAL_DB=$URI
LO_SALESGOAL_SHARED_PLANS=pgcalc # both books' workbooks write the one plan

# book NAME FIRST_UNIT FIRST_DAY: 60 units, 6 days, one SG_SNAPSHOT per cell.
book() {
  awk -v name="$1" -v u0="$2" -v first="$3" 'BEGIN {
    q = "&quot;"
    snap = "of:=ORG.SALESGOAL.FUNCTIONS.SG_SNAPSHOT(" q "pgcalc" q ";"
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<!-- written by tests/integration/pg_snapshots.sh: book " name " -->"
    print "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
      " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
      " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
      " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\"" \
      " office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">"
    print "<office:body><office:spreadsheet><table:table table:name=\"Snapshots\">"
    for (r = 1; r <= 60; r++) {
      i = u0 + r - 1
      printf "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>u%d</text:p></table:table-cell>", i
      printf "<table:table-cell office:value-type=\"float\" office:value=\"%d\"/>", i * 1000
      for (d = first; d < first + 6; d++)
        printf "<table:table-cell table:formula=\"%s[.A%d];DATE(2026;1;%d);[.B%d];[.B%d]*%d/100)\"/>", snap, r, d, r, r, d
      print "</table:table-row>"
    }
    print "</table:table></office:spreadsheet></office:body></office:document>"
  }'
}
book a 1 1 > "$OUT/pg_a.fods"
book b 31 4 > "$OUT/pg_b.fods"

convert() { # NAME BASE
  LO_BASE=$2
  # shellcheck disable=SC2034 # read by lo-profile.sh
  LO_PROFILE_URL=file://$2/profile
  lo_convert "$OUT/csv" "$CSV_FILTER" "$OUT/pg_$1.fods"
}
rc_a=0
rc_b=0
convert a "$BASE_A" > "$OUT/convert-a.log" 2>&1 &
pid_a=$!
convert b "$BASE_B" > "$OUT/convert-b.log" 2>&1 &
pid_b=$!
wait "$pid_a" || rc_a=$?
wait "$pid_b" || rc_b=$?
echo "pg: both conversions in $(elapsed "$t0" "$(now)") s"
for side in a b; do
  if [ "$side" = a ]; then rc=$rc_a; else rc=$rc_b; fi
  [ "$rc" -eq 0 ] || { sed 's/^/  /' "$OUT/convert-$side.log"; fail "soffice $side exited with $rc"; }
  csvf=$OUT/csv/pg_$side-Snapshots.csv
  if [ ! -f "$csvf" ]; then
    fail "$side: soffice produced no $csvf"
    continue
  fi
  ones=$(awk -F, '{ for (c = 3; c <= 8; c++) if ($c == "1") n++ } END { print n + 0 }' "$csvf")
  other=$(awk -F, '{ for (c = 3; c <= 8; c++) if ($c != "1") { print NR ":" c "=" $c; exit } }' "$csvf")
  if [ "$ones" = 360 ]; then
    pass "$side: all 360 SG_SNAPSHOT cells show 1 (written to PostgreSQL)"
  else
    fail "$side: $ones of 360 SG_SNAPSHOT cells show 1; first other: $other"
  fi
done

# The database: the union, with the right values (unit i, day d = as_of - 46022).
expect() { # GOT EXPECTED WHAT
  if [ "$1" = "$2" ]; then pass "$3 = $1"; else fail "$3: got [$1], expected [$2]"; fi
}
expect "$(sql "SELECT count(*) FROM salesgoal.snapshot WHERE plan = 'pgcalc'")" 630 \
  "database: rows, the union of both books (30 x 6 + 30 x 9 + 30 x 6)"
expect "$(sql "SELECT count(*) FROM (SELECT *, substr(unit, 2)::int AS i, as_of - 46022 AS d
  FROM salesgoal.snapshot) s WHERE target <> 1000 * i OR actual <> 10 * i * d
  OR NOT ((i BETWEEN 1 AND 60 AND d BETWEEN 1 AND 6) OR (i BETWEEN 31 AND 90 AND d BETWEEN 4 AND 9))")" 0 \
  "database: rows with a wrong unit, day, target or actual"
expect "$(sql "SELECT count(*) FROM salesgoal.snapshot_revision")" 0 \
  "database: revisions (both books wrote equal values)"

# Reading back in Calc: SG_HISTORY and SG_TREND from PostgreSQL.
cat > "$OUT/pg_read.fods" << 'FODS'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Read">
<table:table-row><table:table-cell office:value-type="string"><text:p>what</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>result</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>expected</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>pass</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u7 (book A only): days recorded</text:p></table:table-cell><table:table-cell table:formula="of:=ROWS(ORG.SALESGOAL.FUNCTIONS.SG_HISTORY(&quot;pgcalc&quot;;&quot;u7&quot;))"/><table:table-cell office:value-type="float" office:value="6"/><table:table-cell table:formula="of:=[.B2]=[.C2]"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u7 actual on day 6 = 10 x 7 x 6</text:p></table:table-cell><table:table-cell table:formula="of:=INDEX(ORG.SALESGOAL.FUNCTIONS.SG_HISTORY(&quot;pgcalc&quot;;&quot;u7&quot;);6;3)"/><table:table-cell office:value-type="float" office:value="420"/><table:table-cell table:formula="of:=[.B3]=[.C3]"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u45 (both books): days recorded</text:p></table:table-cell><table:table-cell table:formula="of:=ROWS(ORG.SALESGOAL.FUNCTIONS.SG_HISTORY(&quot;pgcalc&quot;;&quot;u45&quot;))"/><table:table-cell office:value-type="float" office:value="9"/><table:table-cell table:formula="of:=[.B4]=[.C4]"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u45 first day is 2026-01-01</text:p></table:table-cell><table:table-cell table:formula="of:=INDEX(ORG.SALESGOAL.FUNCTIONS.SG_HISTORY(&quot;pgcalc&quot;;&quot;u45&quot;);1;1)"/><table:table-cell table:formula="of:=DATE(2026;1;1)"/><table:table-cell table:formula="of:=[.B5]=[.C5]"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u45 trend at 2026-01-20 = 10 x 45 x 20</text:p></table:table-cell><table:table-cell table:formula="of:=ORG.SALESGOAL.FUNCTIONS.SG_TREND(&quot;pgcalc&quot;;&quot;u45&quot;;DATE(2026;1;20))"/><table:table-cell office:value-type="float" office:value="9000"/><table:table-cell table:formula="of:=ABS([.B6]-[.C6])&lt;0.000001"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>u90 (book B only) trend at 2026-01-20 = 10 x 90 x 20</text:p></table:table-cell><table:table-cell table:formula="of:=ORG.SALESGOAL.FUNCTIONS.SG_TREND(&quot;pgcalc&quot;;&quot;u90&quot;;DATE(2026;1;20))"/><table:table-cell office:value-type="float" office:value="18000"/><table:table-cell table:formula="of:=ABS([.B7]-[.C7])&lt;0.000001"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>
FODS
convert read "$BASE_A" > "$OUT/convert-read.log" 2>&1 || fail "soffice (reader) failed: $(tail -3 "$OUT/convert-read.log")"
csvf=$OUT/csv/pg_read-Read.csv
if [ -f "$csvf" ]; then
  while IFS= read -r line; do
    case $line in
      *',TRUE') pass "read back: ${line%%,*}" ;;
      what,*) ;;
      *) fail "read back: $line" ;;
    esac
  done < "$csvf"
else
  fail "reader: soffice produced no $csvf"
fi
echo "pg: done in $(elapsed "$t0" "$(now)") s"
finish
