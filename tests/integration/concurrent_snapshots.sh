#!/bin/sh
# tests/integration/concurrent_snapshots.sh — two soffice instances write
# overlapping snapshots into one database at the same time: no row is lost and
# no call fails.
#
# Called at the end of tests/integration/run.sh (after `make oxt`); can also run
# alone. Two fresh private profiles with build/salesgoal.oxt (scripts/
# lo-profile.sh), both pointed at ONE snapshot database (LO_SALESGOAL_DB, passed
# to soffice as SALESGOAL_DB; neither the file nor its folder exists yet, so the
# two instances also race to create them). Two books, written here into
# build/integration/concurrent/ (Calc does not load repeated formula rows, so
# every row is spelled out: too many to keep by hand), are recalculated by two
# soffice conversions started at the same time:
#   concurrent_a.fods  units u1..u800,    days 2026-01-01..06
#   concurrent_b.fods  units u401..u1200, days 2026-01-04..09
# each with one SG_SNAPSHOT call per unit and day (4,800 cells, each its own
# transaction) and one call for all its 800 units on 2026-01-05 (B802, one
# transaction). Unit i on day d has target i x 1,000 and actual i x d x 10 in
# both books, so the 1,200 snapshots both write (u401..u800 on days 4-6) are
# the same whoever writes last. Every column mixes units only one book writes
# with shared ones, whatever order Calc computes the cells in.
# Why 800 units: SQLite's busy handler is not fair. A writer that commits back
# to back keeps the lock while the other one sleeps and retries, so with 200
# units one instance wrote all its rows (about 0.3 s) before the other got in,
# and the commits never interleaved; with 400 they did in two runs out of
# three, with 800 in every run (about 1 s of both writing).
# Checks:
#   - every SG_SNAPSHOT cell of both CSVs shows its count (1, or 800): no error;
#   - the database holds exactly the union: u1..u400 x 6 days + u401..u800 x 9
#     + u801..u1200 x 6 = 8,400 rows, each with the values above;
#   - PRAGMA integrity_check is ok (python3's sqlite3 module, run as the
#     LibreOffice user);
#   - the two instances did write at the same time: ordered by their `created`
#     time, the snapshots only A writes and those only B writes alternate
#     (commits interleaved). If not (one soffice started late), the conversions
#     run once more on a fresh database before this counts as a failure.
# Prints "PASS ..." / "FAIL ..." lines (run.sh counts them, with its own
# "concurrent snapshots: " prefix, scripts/testlib.sh tally), "concurrent: ..."
# information, and last "N passed, M failed"; the exit status is non-zero on a
# failure.
#
# Environment: OXT (default build/salesgoal.oxt), LO_TIMEOUT (see lo-profile.sh),
# SG_CONCURRENT_UNITS (units per book, even; default 800).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
OXT=${OXT:-build/salesgoal.oxt}
OUT=build/integration/concurrent
CSV_FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
UNITS=${SG_CONCURRENT_UNITS:-800} # per book, even; A: u1..u800, B: u401..u1200
HALF=$((UNITS / 2))
DAY0=46022 # 2025-12-31 as a 1899-12-30 serial: day d of January 2026 is DAY0 + d
# Both books write the plan "concurrent": plans belong to the workbook that
# first records them, so the user shares this one (README, "Who may use a plan").
LO_SALESGOAL_SHARED_PLANS=concurrent

# shellcheck source=scripts/lo-profile.sh disable=SC1091
. "$ROOT/scripts/lo-profile.sh"
# pass, fail, finish, now, elapsed
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"

[ -f "$OXT" ] || {
  fail "$OXT not found: run 'make oxt' first"
  finish
}
t0=$(now)
rm -rf "$OUT/csv" "$OUT"/*.log "$OUT"/*.fods
mkdir -p "$OUT/csv"

# Two fresh profiles. lo_setup sets LO_BASE to its absolute (or fallback) path.
LO_BASE=$OUT/lo-a
lo_setup "$OXT"
BASE_A=$LO_BASE
LO_BASE=$OUT/lo-b
lo_setup "$OXT"
BASE_B=$LO_BASE
echo "concurrent: two profiles with the extension in $(elapsed "$t0" "$(now)") s"

# book NAME FIRST_UNIT FIRST_DAY: the flat ODF book concurrent_NAME.fods,
# UNITS units from FIRST_UNIT, 6 days from FIRST_DAY.
book() {
  awk -v name="$1" -v u0="$2" -v first="$3" -v units="$UNITS" 'BEGIN {
    q = "&quot;"
    snap = "of:=ORG.SALESGOAL.FUNCTIONS.SG_SNAPSHOT(" q "concurrent" q ";"
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<!-- written by tests/integration/concurrent_snapshots.sh: book " name ", units u" u0 \
      " to u" u0 + units - 1 ", days " first " to " first + 5 " of January 2026 -->"
    print "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
      " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
      " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
      " xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\"" \
      " office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">"
    print "<office:body><office:spreadsheet><table:table table:name=\"Snapshots\">"
    printf "<table:table-row>%s%s%s", str("unit"), str("target"), str("actual 2026-01-05")
    for (d = first; d < first + 6; d++) printf "%s", str(sprintf("2026-01-%02d", d))
    print "</table:table-row>"
    for (r = 2; r <= units + 1; r++) {
      i = u0 + r - 2
      printf "<table:table-row>%s%s%s", str("u" i), num(i * 1000), num(i * 50)
      for (d = first; d < first + 6; d++)
        printf "<table:table-cell table:formula=\"%s[.A%d];DATE(2026;1;%d);[.B%d];[.B%d]*%d/100)\"/>",
          snap, r, d, r, r, d
      print "</table:table-row>"
    }
    printf "<table:table-row>%s<table:table-cell table:formula=\"%s", str("all units, 2026-01-05"), snap
    printf "[.A2:.A%d];DATE(2026;1;5);[.B2:.B%d];[.C2:.C%d])\"/></table:table-row>\n",
      units + 1, units + 1, units + 1
    print "</table:table></office:spreadsheet></office:body></office:document>"
  }
  function str(s) {
    return "<table:table-cell office:value-type=\"string\"><text:p>" s "</text:p></table:table-cell>"
  }
  function num(v) {
    return "<table:table-cell office:value-type=\"float\" office:value=\"" v "\"/>"
  }'
}
book a 1 1 > "$OUT/concurrent_a.fods"
book b $((HALF + 1)) 4 > "$OUT/concurrent_b.fods"

# convert NAME BASE: recalculate concurrent_NAME.fods in the profile at BASE.
convert() {
  LO_BASE=$2
  # shellcheck disable=SC2034 # read by lo-profile.sh
  LO_PROFILE_URL=file://$2/profile
  echo "start $(now)"
  lo_convert "$OUT/csv" "$CSV_FILTER" "$OUT/concurrent_$1.fods"
  echo "end $(now)"
}
span() { # the seconds soffice SIDE ran, from its log
  awk '$1 == "start" { s = $2 } $1 == "end" { e = $2 }
       END { if (s && e) printf "%.2f s", e - s; else printf "?" }' "$OUT/convert-$1.log"
}

# Run as the LibreOffice user, so that any -wal/-shm file keeps its owner.
DB_CHECK='
import sqlite3, sys
path, day0, units = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
half = units // 2
db = sqlite3.connect(path)
one = lambda sql, *a: db.execute(sql, a).fetchone()[0]
# unit number i and day d of each row
rows = "(SELECT *, CAST(substr(unit, 2) AS INTEGER) AS i, as_of - %d AS d FROM snapshot)" % day0
print("integrity", one("PRAGMA integrity_check"))
print("journal", one("PRAGMA journal_mode"))
print("rows", one("SELECT count(*) FROM snapshot"))
print("keys", one("SELECT count(*) FROM (SELECT DISTINCT plan, unit, as_of FROM snapshot)"))
print("wrong", one("SELECT count(*) FROM " + rows + """ WHERE plan != ?1
    OR unit != ?2 || i OR d != CAST(d AS INTEGER)
    OR NOT ((i BETWEEN 1 AND ?3 AND d BETWEEN 1 AND 6) OR (i BETWEEN ?4 + 1 AND ?4 + ?3 AND d BETWEEN 4 AND 9))
    OR target != i * 1000 OR actual != i * d * 10""", "concurrent", "u", units, half))
print("perday", one("SELECT group_concat(n, \",\") FROM (SELECT count(*) AS n FROM snapshot"
                    " GROUP BY as_of ORDER BY as_of)"))
# the snapshots only A writes and those only B writes, in the order created:
# how often does the writer change, and for how long did both write?
order = db.execute("SELECT i <= ?1 OR d <= 3, created FROM " + rows +
                   " WHERE i <= ?1 OR d <= 3 OR i > ?2 OR d >= 7 ORDER BY created", (half, units)).fetchall()
print("switches", sum(1 for x, y in zip(order, order[1:]) if x[0] != y[0]))
span = {w: [t for x, t in order if x == w] for w in (0, 1)}
if not span[0] or not span[1] or None in span[0] + span[1]:
    print("overlap -")
else:
    print("overlap %.3f" % (min(max(span[0]), max(span[1])) - max(min(span[0]), min(span[1]))))
'
value() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$OUT/db-check.log"; }

# Both conversions at once, on a database neither has seen; at most twice.
attempt=0
while :; do
  attempt=$((attempt + 1))
  # Inside profile A, which the LibreOffice user owns.
  LO_SALESGOAL_DB=$BASE_A/shared-$attempt/db/snapshots.sqlite
  rm -f "$OUT"/csv/*.csv "$OUT/db-check.log"
  t1=$(now)
  convert a "$BASE_A" > "$OUT/convert-a.log" 2>&1 &
  pid_a=$!
  convert b "$BASE_B" > "$OUT/convert-b.log" 2>&1 &
  pid_b=$!
  rc_a=0
  rc_b=0
  wait "$pid_a" || rc_a=$?
  wait "$pid_b" || rc_b=$?
  t2=$(now)
  echo "concurrent: both conversions together in $(elapsed "$t1" "$t2") s (a: $(span a), b: $(span b))"
  switches=0
  overlap=-
  if [ -f "$LO_SALESGOAL_DB" ]; then
    LO_BASE=$BASE_A
    lo_as_user /usr/bin/python3 -c "$DB_CHECK" "$LO_SALESGOAL_DB" "$DAY0" "$UNITS" \
      > "$OUT/db-check.log" 2>&1 || true
    switches=$(value switches)
    overlap=$(value overlap)
  fi
  # interleaved: A, then B, then A again (or the other way round) at least
  [ "${switches:-0}" -ge 2 ] || [ "$attempt" -ge 2 ] || {
    echo "concurrent: the commits of the two instances did not interleave (writer changes: ${switches:-?}); once more on a fresh database"
    continue
  }
  break
done
echo "concurrent: shared database $LO_SALESGOAL_DB"

for side in a b; do
  if [ "$side" = a ]; then rc=$rc_a; else rc=$rc_b; fi
  if [ "$rc" -ne 0 ]; then
    sed 's/^/  /' "$OUT/convert-$side.log"
    fail "soffice $side exited with $rc (log above)"
  fi
done

# ------------------------------------------------------------ the cells
AWK_CSV=$(cat "$ROOT/scripts/csv.awk")
for side in a b; do
  csvf=$OUT/csv/concurrent_$side-Snapshots.csv
  if [ ! -f "$csvf" ]; then
    fail "$side: soffice produced no $csvf (see $BASE_A/convert.log, $BASE_B/convert.log)"
    continue
  fi
  # Rows 2..UNITS+1, columns D..I: one-row snapshots (1); B(UNITS+2): the
  # UNITS-unit one.
  # Any error text anywhere is reported with its cell.
  report=$(awk -v units="$UNITS" "$AWK_CSV"'
    function ref(c, r) { return substr("ABCDEFGHIJ", c, 1) r }
    {
      n = csv($0)
      for (c = 1; c <= n; c++) {
        if (F[c] ~ /^(Err:[0-9]+|#[A-Z\/0-9!?]+)$/ && bad < 5) { bad++; errs = errs " " ref(c, NR) "=" F[c] }
        if (NR >= 2 && NR <= units + 1 && c >= 4 && c <= 9) { calls++; if (F[c] == "1") ok++ }
      }
      if (NR == units + 2) { whole = F[2] }
    }
    END { printf "%d %d %s%s\n", ok, calls, (whole == "" ? "-" : whole), errs }' "$csvf")
  read -r ok calls whole errs <<EOF
$report
EOF
  if [ "$ok" = $((UNITS * 6)) ] && [ "$calls" = "$ok" ] && [ "$whole" = "$UNITS" ] && [ -z "$errs" ]; then
    pass "$side: all $ok one-row SG_SNAPSHOT calls show 1, the $UNITS-unit call shows $whole"
  else
    fail "$side: one-row calls showing 1: $ok of $calls (expected $((UNITS * 6))); B$((UNITS + 2)) (the $UNITS-unit call) = [$whole], expected $UNITS; first errors: ${errs:-none}"
  fi
done

# ------------------------------------------------------------ the database
expect() { # KEY EXPECTED WHAT
  got=$(value "$1")
  if [ "$got" = "$2" ]; then pass "$3 = $got"; else fail "$3: got [$got], expected [$2]"; fi
}
if [ ! -f "$LO_SALESGOAL_DB" ]; then
  fail "no database at $LO_SALESGOAL_DB"
elif ! grep -q '^overlap ' "$OUT/db-check.log"; then
  sed 's/^/  /' "$OUT/db-check.log"
  fail "cannot read $LO_SALESGOAL_DB with /usr/bin/python3 (log above)"
else
  expect integrity ok "database: PRAGMA integrity_check"
  expect rows $((HALF * 21)) "database: rows, the union of both books ($HALF x 6 + $HALF x 9 + $HALF x 6)"
  expect keys $((HALF * 21)) "database: distinct (plan, unit, as_of)"
  expect perday "$UNITS,$UNITS,$UNITS,$((HALF * 3)),$((HALF * 3)),$((HALF * 3)),$UNITS,$UNITS,$UNITS" \
    "database: rows per day, January 1 to 9"
  expect wrong 0 "database: rows with a wrong plan, unit, day, target or actual"
  echo "concurrent: journal mode $(value journal)"
  if [ "${switches:-0}" -ge 2 ]; then
    pass "the two instances wrote at the same time: commits interleaved ($switches changes of writer, both writing for $overlap s)"
  else
    fail "the two instances did not write at the same time, twice (changes of writer: ${switches:-?}): nothing was tested"
  fi
fi

echo "concurrent: done in $(elapsed "$t0" "$(now)") s"
finish
