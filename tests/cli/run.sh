#!/bin/sh
# tests/cli/run.sh — the salesgoal command, run by `make cli-test` (part of make check).
#
#   - functions on CSV files with answers worked out by hand (the add-in's examples);
#   - bad CSV (text in numbers, ragged rows, BOM, CRLF, ';' with decimal commas, empty,
#     not UTF-8, an unclosed quote): the exit status and the message;
#   - usage: --help lists every catalogue function, English and Chinese help, exit 2;
#   - history list / export / delete on a temporary store (SALESGOAL_DB in a temp dir),
#     confirmation on a terminal (a pty), and the delete guard still in place after;
#   - recalc of samples/target-split.fods to xlsx, cached values read back from the
#     sheet XML, and --values (skipped when SG_CLI_SKIP_RECALC=1).
# SALESGOAL_BIN: the command to test (default build/salesgoal). Last line:
# "N passed, M failed".
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd -P)
cd "$ROOT"
S=${SALESGOAL_BIN:-build/salesgoal}
case $S in /*) ;; *) S=$ROOT/$S ;; esac
# shellcheck source=scripts/testlib.sh disable=SC1091
. "$ROOT/scripts/testlib.sh"

[ -x "$S" ] || { echo "cli: $S not found: run 'make cli' first"; echo "0 passed, 1 failed"; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-cli-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/store"
export SALESGOAL_DB="$T/store/snapshots.sqlite"
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "$T"

# run CMD...: OUT, ERR (texts) and RC of one run, stdin from /dev/null
run() {
  RC=0
  "$@" < /dev/null > "$T/out" 2> "$T/err" || RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}
# check WHAT EXPECTED_RC EXPECTED_OUT: exact output and status
check() {
  if [ "$RC" = "$2" ] && [ "$OUT" = "$3" ]; then
    pass "$1"
  else
    fail "$1: status $RC (expected $2), output:"
    printf '%s\n--- expected:\n%s\n--- stderr:\n%s\n' "$OUT" "$3" "$ERR"
  fi
}
# check_err WHAT EXPECTED_RC TEXT...: status, and every TEXT in stderr
check_err() {
  ce_what=$1
  ce_rc=$2
  shift 2
  ce_ok=1
  [ "$RC" = "$ce_rc" ] || ce_ok=0
  for ce_text in "$@"; do
    case $ERR in *"$ce_text"*) ;; *) ce_ok=0 ;; esac
  done
  if [ "$ce_ok" = 1 ]; then
    pass "$ce_what"
  else
    fail "$ce_what: status $RC (expected $ce_rc), stderr: $ERR (expected: $*)"
  fi
}

# ------------------------------------------------------------ functions, hand-worked
# The target-split sample: blend 60% sales + 40% potential (sales 11.0M, potential
# 20M): North 0.6*4.2/11 + 0.4*5/20 = 36.2/110, South 27.4/110, East 28.2/110,
# West 18.2/110.
cat > regions.csv << 'EOF'
region,sales,potential
North,4200000,5000000
South,3100000,4000000
East,2500000,6000000
West,1200000,5000000
EOF
run "$S" blend --weights1 regions.csv:sales --weights2 regions.csv:potential --mix 0.6
if [ "$RC" = 0 ] && printf '%s\n' "$OUT" | awk -F, '
  NR == 1 { ok = ($0 == "region,sales,potential,blend") }
  NR > 1 { want[2] = 36.2; want[3] = 27.4; want[4] = 28.2; want[5] = 18.2
           d = $4 - want[NR] / 110; if (d < -1e-12 || d > 1e-12) ok = 0 }
  END { exit !(ok && NR == 5) }'; then
  pass "blend: the sample's regions, 36.2/110, 27.4/110, 28.2/110, 18.2/110"
else
  fail "blend: the sample's regions: status $RC, output: $OUT $ERR"
fi
# 12,000,000 x 36.2/110 = 3,949,090.9 -> 39,490 steps of 100, remainder .909;
# South 29,890 (.909), East 30,763 (.636), West 19,854 (.545): 119,997 steps, the
# 3 left go to the largest remainders North, South, East.
"$S" blend --weights1 regions.csv:sales --weights2 regions.csv:potential --mix 0.6 > blended.csv
RC=0
"$S" split --total 12000000 --weights -:blend --unit 100 < blended.csv > "$T/out" 2> "$T/err" || RC=$?
OUT=$(cut -d, -f1,5 "$T/out")
ERR=$(cat "$T/err")
check "split 12,000,000 by the blended weights, unit 100, from stdin" 0 "region,split
North,3949100
South,2989100
East,3076400
West,1985400"

# The published Hamilton example: 216, 310, 22, 32 into 60 seats -> 23, 32, 2, 3.
printf '216\n310\n22\n32\n' > hamilton.csv
run "$S" split --total 60 --weights hamilton.csv --unit 1
check "split: Hamilton's 216,310,22,32 into 60 (a file without header)" 0 "weights,split
216,23
310,32
22,2
32,3"

# A locked cell keeps its value; the other 60 go evenly: 40, 20, 20, 20.
printf 'rep,weight,locked\nAnna,1,40\nBen,1,\nChen,1,\nDana,1,\n' > locked.csv
run "$S" split --total 100 --weights locked.csv:weight --locked locked.csv:locked --unit 1
check "split: locked 40 of 100, the rest even (blank = free)" 0 "rep,weight,locked,split
Anna,1,40,40
Ben,1,,20
Chen,1,,20
Dana,1,,20"

# 1,000,000 / 25,000 = 40 wins; / 0.4 = 100; / 0.6 = 166.7 -> 167; / 0.5 = 334;
# / 0.2 = 1670 (the add-in's funnel example).
printf 'rate\n0.2\n0.5\n0.6\n0.4\n' > rates.csv
run "$S" funnel-backsolve --target 1000000 --avg-deal 25000 --rates rates.csv:rate
check "funnel-backsolve: 1,000,000 at 25,000 a deal -> 1670, 334, 167, 100, 40" 0 "funnel-backsolve
1670
334
167
100
40"

# Percentages and ';' with decimal commas (a European Excel export): 1,5 and 0,5
# are 75% and 25% of 100.
printf '\357\273\277unit;weight\r\nA;1,5\r\nB;0,5\r\n' > semicolon.csv
run "$S" split --total 100 --weights semicolon.csv:weight
check "split: BOM, CRLF, ';' and decimal commas" 0 'unit,weight,split
A,"1,5",75
B,"0,5",25'
printf 'unit,weight\r\nA,3\r\nB,1\r\n' > crlf.csv
run "$S" split --total 8 --weights crlf.csv:weight
check "split: CRLF line ends" 0 "unit,weight,split
A,3,6
B,1,2"
printf 'unit,share\nA,75%%\nB,25%%\n' > percent.csv
run "$S" split --total 8 --weights percent.csv:2
check "split: percentages, column by number" 0 "unit,share,split
A,75%,6
B,25%,2"

# ------------------------------------------------------------ bad CSV
printf 'region,history\nNorth,5\nSouth,abc\nEast,2\n' > text.csv
run "$S" split --total 100 --weights text.csv:history
check_err "text in numbers: exit 1, the argument, the row, the file line and the value" 1 \
  'SG_SPLIT, argument 2 (weights): text "abc" at row 2, column 1 of the range' \
  'at --weights: text.csv, line 3, column "history", value "abc"'
[ -z "$OUT" ] && pass "text in numbers: nothing on standard output" || fail "text in numbers: output $OUT"
LANG=zh_CN.UTF-8 run "$S" split --total 100 --weights text.csv:history
check_err "text in numbers, in Chinese (LANG=zh_CN.UTF-8)" 1 \
  'SG_SPLIT，第 2 个参数（权重）：区域第 2 行第 1 列是文本“abc”' '位置 --weights：text.csv 第 3 行'
printf 'a,b\n1,2\n3\n4,5\n' > ragged.csv
run "$S" split --total 100 --weights ragged.csv
check_err "ragged rows: exit 1, which line" 1 "--weights: ragged.csv, line 3 has 1 fields but line 1 has 2"
: > empty.csv
run "$S" split --total 100 --weights empty.csv
check_err "empty file: exit 1" 1 "--weights: empty.csv is empty"
printf '\357\273\277\r\n' > bomonly.csv
run "$S" split --total 100 --weights bomonly.csv
check_err "a BOM and a line end only: empty" 1 "bomonly.csv is empty"
printf 'weight\n' > headonly.csv
run "$S" split --total 100 --weights headonly.csv:weight
check_err "a header without rows: exit 1" 1 "headonly.csv has a header line but no rows"
printf 'unit,weight\n"North,1\nSouth,2\n' > quote.csv
run "$S" split --total 100 --weights quote.csv:weight
check_err "an unclosed quote: exit 1, the line it opens on" 1 "quote.csv, line 2: a quoted field is never closed"
printf 'unit,weight\n\311\317\272\243,1\n' > gbk.csv # 上海 in GBK
run "$S" split --total 100 --weights gbk.csv:weight
check_err "not UTF-8 (GBK): exit 1, save as CSV UTF-8" 1 'gbk.csv, line 2: not UTF-8' 'CSV UTF-8'
printf 'w\n1\nNaN\n' > nan.csv
run "$S" split --total 100 --weights nan.csv:w
check_err "NaN is text, not a number" 1 'text "NaN" at row 2' 'line 3'
run "$S" split --total 100 --weights missing.csv
check_err "a file that does not exist: exit 1" 1 "--weights: no such file: missing.csv"
run "$S" split --total 100 --weights regions.csv:nope
check_err "an unknown column: exit 1, the columns there are" 1 \
  'regions.csv has no column "nope"; its columns are "region", "sales", "potential"'
run "$S" split --total -5 --weights hamilton.csv
check_err "an engine error: the add-in's message" 1 "SG_SPLIT"

# ------------------------------------------------------------ usage
run "$S" split --weights hamilton.csv
check_err "a required option missing: exit 2, the add-in's message" 2 \
  "SG_SPLIT, argument 1 (total): is required but missing." "salesgoal split --help"
run "$S" split --total 1 --wieghts hamilton.csv
check_err "an unknown option: exit 2" 2 "unknown option --wieghts"
run "$S" splitt
check_err "an unknown command: exit 2" 2 "unknown command 'splitt'"
run "$S"
check_err "no command: usage, exit 2" 2 "usage: salesgoal"
run "$S" split --total
check_err "an option without its value: exit 2" 2 "--total needs a value"
run "$S" --help
missing=""
for name in $("$ROOT/build/sg-gen" list | cut -d' ' -f1); do
  cmd=$(printf '%s' "${name#SG_}" | tr 'A-Z_' 'a-z-')
  printf '%s\n' "$OUT" | grep -q "^  $cmd " || missing="$missing $cmd"
done
[ "$RC" = 0 ] && [ -z "$missing" ] && pass "--help lists every catalogue function ($("$ROOT/build/sg-gen" list | wc -l))" ||
  fail "--help: status $RC, missing:$missing"
run "$S" funnel-backsolve --help
case $OUT in *"--avg-deal"*"(required)"*) pass "function help: options named like the arguments (--avg-deal)" ;;
  *) fail "function help: $OUT" ;; esac
LANG=zh_CN.UTF-8 run "$S" split --help
case $OUT in *"要分解的总额"*"用法"*|*"用法"*"要分解的总额"*) pass "Chinese help by LANG" ;; *) fail "Chinese help: $OUT" ;; esac
LANG=zh_CN.UTF-8 LC_ALL=en_US.UTF-8 run "$S" split --help
case $OUT in *"The amount to split"*) pass "LC_ALL overrides LANG" ;; *) fail "LC_ALL: $OUT" ;; esac
LC_MESSAGES=zh_TW.UTF-8 run "$S" --help
case $OUT in *"函数"*) pass "Chinese by LC_MESSAGES" ;; *) fail "LC_MESSAGES: $OUT" ;; esac

# ------------------------------------------------------------ history
run "$S" history list
check "history list on a store that does not exist yet: the header only" 0 \
  "plan,units,snapshots,first,last,updated"
[ ! -e "$SALESGOAL_DB" ] && pass "history list creates no store" || fail "history list created $SALESGOAL_DB"
printf 'unit,target,actual\nNorth,100,40\nSouth,200,90\n' > units.csv
run "$S" snapshot --plan FY26 --unit units.csv:unit --as-of 2026-03-31 --target units.csv:target --actual units.csv:actual
run "$S" snapshot --plan FY26 --unit units.csv:unit --as-of 2026-04-30 --target units.csv:target --actual units.csv:target
run "$S" snapshot --plan "Q2, EMEA" --unit Paris --as-of 2026-04-30 --target 10 --actual 2.5
check "snapshot through the command (the add-in's SG_SNAPSHOT)" 0 "snapshot
1"
run "$S" history list
OUT=$(printf '%s\n' "$OUT" | sed 's/,[0-9-]*T[0-9:]*Z$//')
check "history list: plans (quoted when needed), units, snapshots, first and last day" 0 \
  'plan,units,snapshots,first,last,updated
FY26,2,4,2026-03-31,2026-04-30
"Q2, EMEA",1,1,2026-04-30,2026-04-30'
run "$S" history export --plan FY26 --format csv
OUT=$(printf '%s\n' "$OUT" | cut -d, -f1-5)
check "history export: every row of the plan, by unit then date" 0 "plan,unit,as_of,target,actual
FY26,North,2026-03-31,100,40
FY26,North,2026-04-30,100,100
FY26,South,2026-03-31,200,90
FY26,South,2026-04-30,200,200"
run "$S" history export --plan FY26
case $OUT in *,20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9:]*Z,20*Z*) pass "history export: created and updated as UTC times" ;;
  *) fail "history export times: $OUT" ;; esac
run "$S" history export --plan NOPE
check_err "history export of an unknown plan: exit 1" 1 'no snapshots of plan "NOPE"'
run "$S" history export --plan FY26 --format json
check_err "history export --format json: exit 2" 2 "only csv"
run "$S" history delete
check_err "history delete without --plan: exit 2" 2 "needs --plan"

# values replaced by overwrites, kept (and guarded) in snapshot_revision
python3 - "$SALESGOAL_DB" << 'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
INSERT INTO snapshot_revision VALUES ('FY26', 'North', 46112, 100, 30, NULL, 1.7e9),
  ('Q2, EMEA', 'Paris', 46112, 1, 1, NULL, 1.7e9);
""")
c.commit()
EOF
run "$S" history delete --plan FY26
check_err "history delete, not on a terminal, without --yes: refused, exit 2" 2 "--yes"
# on a terminal: answer "no", then "yes"
cat > answer_on_tty.py << 'EOF'
import os, pty, sys
answer = sys.argv[1].encode() + b"\n"
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
seen, sent = b"", False
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    seen += data
    if not sent and b"yes" in seen:
        os.write(fd, answer)
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.WEXITSTATUS(status))
EOF
RC=0
python3 answer_on_tty.py no "$S" history delete --plan FY26 > "$T/pty" 2>&1 || RC=$?
ERR=$(cat "$T/pty")
check_err "history delete on a terminal: asks, 'no' deletes nothing" 2 \
  'Delete all 4 snapshots of plan "FY26" (2 units, 2026-03-31 to 2026-04-30)' "Nothing deleted"
RC=0
python3 answer_on_tty.py yes "$S" history delete --plan FY26 > "$T/pty" 2>&1 || RC=$?
ERR=$(cat "$T/pty")
check_err "history delete on a terminal: 'yes' deletes" 0 'Deleted 4 snapshots of plan "FY26"'
run "$S" history list
OUT=$(printf '%s\n' "$OUT" | cut -d, -f1)
check "history list after the delete: only the other plan" 0 'plan
"Q2'
run "$S" history delete --plan "Q2, EMEA" --yes
check "history delete --yes" 0 "Deleted 1 snapshots of plan \"Q2, EMEA\" from $SALESGOAL_DB."
LEFT=$(python3 - "$SALESGOAL_DB" << 'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT count(*) FROM snapshot").fetchone()[0]
rev = c.execute("SELECT count(*) FROM snapshot_revision").fetchone()[0]
# a guard fires per row: give each table one to protect
c.execute("INSERT INTO snapshot (plan, unit, as_of, target, actual) VALUES ('X', 'u', 1, 1, 1)")
c.execute("INSERT INTO snapshot_revision VALUES ('X', 'u', 1, 1, 1, NULL, 1.7e9)")
c.commit()
guards = []
for table in ("snapshot", "snapshot_revision"):
    try:
        c.execute("DELETE FROM %s" % table)
        guards.append("%s-deletable" % table)
    except sqlite3.DatabaseError as e:
        guards.append("%s-guarded" % table)
print(rows, rev, " ".join(guards))
EOF
)
[ "$LEFT" = "0 0 snapshot-guarded snapshot_revision-guarded" ] &&
  pass "after the deletes: no rows left in either table, both guards back in place" ||
  fail "after the deletes: $LEFT"
run "$S" history --plan X --unit u
check "history --plan: the add-in's SG_HISTORY (the name history list shares)" 0 "history.1,history.2,history.3
1,1,1"
echo "not a database, just text" > "$T/store/foreign.sqlite"
SALESGOAL_DB=$T/store/foreign.sqlite run "$S" history list
check_err "history list on a file that is no store: exit 1, the add-in's message" 1 \
  "salesgoal history: the snapshot database is damaged or is not a database"

# ------------------------------------------------------------ recalc
if [ "${SG_CLI_SKIP_RECALC:-0}" = 1 ]; then
  finish
fi
run "$S" recalc "$ROOT/samples/target-split.fods" --to docx
check_err "recalc --to docx: exit 2" 2 "choose xlsx, pdf or csv"
run "$S" recalc "$ROOT/README.md" --to xlsx
check_err "recalc of a file that is no workbook: exit 2" 2 "is not a workbook"
run "$S" recalc nothere.ods --to xlsx
check_err "recalc of a missing workbook: exit 1" 1 "no such workbook"

t0=$(now)
run "$S" recalc "$ROOT/samples/target-split.fods" --to xlsx -o "$T/plan.xlsx"
t1=$(now)
if [ "$RC" = 0 ] && [ -s "$T/plan.xlsx" ] && [ "$OUT" = "$T/plan.xlsx" ]; then
  pass "recalc target-split.fods to xlsx in $(elapsed "$t0" "$t1") s"
else
  fail "recalc to xlsx: status $RC, printed [$OUT] (expected the path written): $ERR"
fi
[ -z "$ERR" ] && pass "recalc: no progress when standard error is not a terminal" || fail "recalc stderr: $ERR"
# the sample's checks, worked out by hand (samples/target-split.checks)
CELLS=$(python3 "$ROOT/tests/cli/xlsx_cells.py" "$T/plan.xlsx" Plan E10 E11 E12 E13 E14 F23 2>&1 || true)
VALUES=$(printf '%s\n' "$CELLS" | awk '{ printf "%s=%s ", $1, $2 }')
[ "$VALUES" = "E10=3949100 E11=2989100 E12=3076400 E13=1985400 E14=12000000 F23=1000000 " ] &&
  pass "recalc xlsx: the cached values are the hand-worked targets" || fail "recalc xlsx values: $CELLS"
case $(printf '%s\n' "$CELLS" | awk '$1 == "E10" { print $3 }') in
  *SG_SPLIT*) pass "recalc xlsx: the SG_SPLIT formulas are kept" ;;
  *) fail "recalc xlsx: no SG_SPLIT formula in E10: $CELLS" ;;
esac
run "$S" recalc "$ROOT/samples/target-split.fods" --to xlsx --values -o "$T/values.xlsx"
CELLS=$(python3 "$ROOT/tests/cli/xlsx_cells.py" "$T/values.xlsx" Plan E10 E11 E13 D10 E14 2>&1 || true)
VALUES=$(printf '%s\n' "$CELLS" | awk '{ printf "%s=%s:%s ", $1, $2, ($3 ~ /SG_/ ? "SG" : $3 == "-" ? "none" : "other") }')
[ "$RC" = 0 ] && [ "$VALUES" = "E10=3949100:none E11=2989100:none E13=1985400:none D10=0.329090909090909:none E14=12000000:other " ] &&
  pass "recalc --values: SG_ formulas replaced by their values, other formulas (the SUM) kept" ||
  fail "recalc --values: status $RC $ERR: $CELLS"
# csv of a workbook with two sheets: one file each, named after the sheet; values
# from samples/monthly-tracker.checks (8% and 100% of 1,200,000).
run "$S" recalc "$ROOT/samples/monthly-tracker.fods" --to csv -o "$T/mt.csv"
[ "$RC" = 0 ] && [ "$OUT" = "$T/mt-History.csv
$T/mt-Tracker.csv" ] && pass "recalc --to csv: one file per sheet, the files printed" ||
  fail "recalc --to csv: status $RC, printed [$OUT]: $ERR"
D=$(awk "$(cat "$ROOT/scripts/csv.awk")"'
  NR == 14 || NR == 26 { csv($0); printf "%s ", F[4] }' "$T/mt-Tracker.csv" 2> /dev/null || true)
[ "$D" = "96000 1200000 " ] && pass "recalc --to csv: the Tracker's January target and total" ||
  fail "recalc --to csv: Tracker D14, D26 = [$D]"
finish
