"""What the add-in keeps between calls never outlives what it depends on (issue 15).

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 recalc_caches.py PIPE [SECONDS]
(SECONDS: how long to wait for soffice to accept, default 90; more under valgrind.)
Two parts, in one soffice:

1. NullDate. The add-in must never use a stale NullDate: a wrong date is
worse than a slow one. Two documents stay open in one soffice; one changes its NullDate through
UNO (doc.NullDate, what Tools > Options > LibreOffice Calc > Calculate > Date
sets) from 1899-12-30 to 1904-01-01 and back, the other keeps 1904-01-01
throughout; after each change both are recalculated, in turn, several times.
Every date is written with DATE(), so the same calendar dates have serials
1,462 apart in the two systems, and every result is checked against values
worked out by hand:
- {=SG_PERIODS(90000; DATE(2026;1;1); DATE(2026;3;31))}: one row per month,
  first days 2026-01-01, 02-01, 03-01 (as DATE() gives them in the document's
  own system) and amounts by days: 90000 x 31/90, 28/90, 31/90 = 31000,
  28000, 31000;
- the fill-down recipe =INDEX(SG_PERIODS(...); 2; 1) (the result cache: its
  key holds the NullDate), 2026-02-01;
- seasonal per-cell SG_PROGRESS(78000; 3000; DATE(2026;1;1); DATE(2026;12;31);
  DATE(2026;3;31); "expected"; 1..12): month m is worth 78000 x m/78 = 1000 m,
  so 6000 are expected by the end of March. With a stale NullDate the add-in
  would see 2021-12-31 .. 2022-03-30, with other month boundaries.

2. The fill-down memo (addin/memo.c). One document, 200 weights in B2:B201
and the total in G1:
- D2:D201 the array formula {=SG_SPLIT(G1; B2:B201; 1)};
- E2:E201 the fill-down recipe =INDEX(SG_SPLIT($G$1; $B$2:$B$201; 1); ROW()-1),
  200 calls with the same 200-cell range: the memo answers all but the first.
Round by round one input changes (a weight, the total, a weight typed as text
"5" in place of the number 5, back to the number), then calculateAll; every
round both forms must equal the largest-remainder split worked out here in
exact fractions (shares total x w / sum, floors, the remainder to the largest
fractions, ties to the earlier row), or, for the text weight, every cell of both
forms must be an error. A second column form, seasonal SG_PROGRESS "expected"
for 100 reps filled down with INDEX(...; ROW()-1), is checked across changes
of the document's NullDate (1899-12-30 -> 1904-01-01 -> back): 78000 a year
with monthly weights 1..12 (1000 x m for month m) expects 6000 by the end of
March; with the other NullDate the same serials are other dates.
Prints PASS / FAIL lines; terminates soffice when done. Needs cli/sg_uno.py
beside it (run.sh copies it).
"""
import sys
from fractions import Fraction

import uno  # noqa: F401 (its import hook makes com.sun.star importable)
from com.sun.star.util import Date

from sg_uno import desktop, fill_down, load_hidden

PIPE = sys.argv[1]
WAIT = float(sys.argv[2]) if len(sys.argv) > 2 else 90
SG = "ORG.SALESGOAL.FUNCTIONS."
FAILED = 0
DESKTOP = None  # soffice's Desktop, while main() runs


def check(problems, what):
    """PASS, or FAIL with every problem found."""
    global FAILED
    if problems:
        FAILED += 1
        print("FAIL %s: %s" % (what, "; ".join(problems)), flush=True)
    else:
        print("PASS %s" % what, flush=True)


def hidden_doc():
    return load_hidden(DESKTOP, "private:factory/scalc")


# ------------------------------------------------------------ 1. NullDate

def new_doc(null_date):
    doc = hidden_doc()
    doc.NullDate = null_date
    s = doc.Sheets.getByIndex(0)
    s.getCellRangeByName("A1:C3").setArrayFormula(
        "=%sSG_PERIODS(90000;DATE(2026;1;1);DATE(2026;3;31))" % SG)
    s.getCellRangeByName("E1").setFormula(
        "=INDEX(%sSG_PERIODS(90000;DATE(2026;1;1);DATE(2026;3;31));2;1)" % SG)
    s.getCellRangeByName("F1").setFormula(
        '=%sSG_PROGRESS(78000;3000;DATE(2026;1;1);DATE(2026;12;31);DATE(2026;3;31);"expected";'
        "{1;2;3;4;5;6;7;8;9;10;11;12})" % SG)
    # the same calendar dates, as Calc itself counts them in this document
    for cell, (y, m, d) in (("G1", (2026, 1, 1)), ("G2", (2026, 2, 1)), ("G3", (2026, 3, 1))):
        s.getCellRangeByName(cell).setFormula("=DATE(%d;%d;%d)" % (y, m, d))
    return doc, s


def verify(doc, s, label):
    nd = doc.NullDate
    system = "%04d-%02d-%02d" % (nd.Year, nd.Month, nd.Day)
    cell = s.getCellRangeByName
    days = [cell("G%d" % r).getValue() for r in (1, 2, 3)]
    firsts = [cell("A%d" % r).getValue() for r in (1, 2, 3)]
    amounts = [cell("B%d" % r).getValue() for r in (1, 2, 3)]
    errors = [c for c in ("A1", "A2", "A3", "B1", "E1", "F1") if cell(c).getError()]
    problems = []
    if errors:
        problems.append("error cells %s" % errors)
    if firsts != days:
        problems.append("SG_PERIODS first days %s, DATE() gives %s" % (firsts, days))
    if amounts != [31000.0, 28000.0, 31000.0]:
        problems.append("SG_PERIODS amounts %s, not 31000, 28000, 31000" % amounts)
    if cell("E1").getValue() != days[1]:
        problems.append("fill-down recipe %s, DATE(2026;2;1) is %s" % (cell("E1").getValue(), days[1]))
    if abs(cell("F1").getValue() - 6000) > 1e-6:
        problems.append("seasonal SG_PROGRESS expected %s, not 6000" % cell("F1").getValue())
    check(problems, "nulldate: %s (NullDate %s): SG_PERIODS dates and amounts, fill-down recipe, seasonal "
          "SG_PROGRESS" % (label, system))


def null_date_changes():
    d1899, d1904 = Date(30, 12, 1899), Date(1, 1, 1904)
    moving, ms = new_doc(d1899)
    fixed, fs = new_doc(d1904)
    for step, null_date in enumerate((d1899, d1904, d1899, d1904)):
        moving.NullDate = null_date  # Calc recalculates the document itself
        verify(moving, ms, "changed document, step %d, as setting the NullDate left it" % (step + 1))
        for rnd in range(2):
            for doc, s, label in ((moving, ms, "changed document"), (fixed, fs, "other document")):
                doc.calculateAll()
                verify(doc, s, "%s, step %d round %d" % (label, step + 1, rnd + 1))
    moving.close(True)
    fixed.close(True)


# ------------------------------------------------------------ 2. the fill-down memo

def largest_remainder(total, weights):
    s = sum(weights)
    shares = [Fraction(total) * w / s for w in weights]
    parts = [int(x) for x in shares]  # floors (all shares >= 0)
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return [float(p) for p in parts]


def fill_down_memo():
    rows = 200
    doc = hidden_doc()
    s = doc.Sheets.getByIndex(0)
    cell = s.getCellRangeByName
    weights = [1 + (i * 7) % 13 for i in range(rows)]
    total = 100003
    cell("B2:B%d" % (rows + 1)).setDataArray(tuple((float(w),) for w in weights))
    cell("G1").setValue(total)
    cell("D2:D%d" % (rows + 1)).setArrayFormula("=%sSG_SPLIT(G1;B2:B%d;1)" % (SG, rows + 1))
    fill_down(cell("E2:E%d" % (rows + 1)), "=INDEX(%sSG_SPLIT($G$1;$B$2:$B$%d;1);ROW()-1)" % (SG, rows + 1))

    def column(c):
        return [row[0] for row in cell("%s2:%s%d" % (c, c, rows + 1)).getDataArray()]

    def errors(c):
        return sum(1 for r in range(2, rows + 2) if cell("%s%d" % (c, r)).getError())

    steps = [("first", None), ("weight B7 from %d to 40" % weights[5], ("B7", 40.0)),
             ("total to 99991", ("G1", 99991.0)), ("weight B7 typed as text \"5\"", ("B7", "5")),
             ("weight B7 back to the number 5", ("B7", 5.0)), ("weight B201 to 0", ("B201", 0.0))]
    for label, change in steps:
        if change:
            ref, value = change
            if isinstance(value, str):
                cell(ref).setString(value)
            else:
                cell(ref).setValue(value)
                if ref == "G1":
                    total = int(value)
                else:
                    weights[int(ref[1:]) - 2] = int(value)
        doc.calculateAll()
        if change and isinstance(change[1], str):
            check([] if errors("D") == rows and errors("E") == rows else ["not all errors"],
                  "memo: %s: every array and fill-down cell is an error (%d, %d of %d)"
                  % (label, errors("D"), errors("E"), rows))
            continue
        want = largest_remainder(total, weights)
        got_d, got_e = column("D"), column("E")
        check([] if got_d == want and got_e == want else ["rows differ"],
              "memo: %s: array form and fill-down recipe equal the split worked out by hand (%d rows, "
              "total %d; %d and %d rows differ)" % (label, rows, total,
                                                    sum(1 for a, b in zip(got_d, want) if a != b),
                                                    sum(1 for a, b in zip(got_e, want) if a != b)))

    # A column form with dates: the NullDate is part of what the memo
    # compares. The dates are serials (46023 .. 46387, as of 46112), so the
    # inputs stay the same when the NullDate changes, but not the calendar
    # dates they mean: 2026-01-01 .. 2026-12-31 as of 2026-03-31 from
    # 1899-12-30 (6000 expected, worked out above), 2030-01-02 .. 2031-01-01
    # from 1904-01-01 (worked out below). The fill-down recipe (memo) and a
    # per-cell call of each rep (too small for the memo) must both give them.
    reps = 100
    season = "{1;2;3;4;5;6;7;8;9;10;11;12}"
    cell("J2:L%d" % (reps + 1)).setDataArray(tuple((78000.0, float(100 + i), 46112.0) for i in range(reps)))
    fill_down(cell("M2:M%d" % (reps + 1)),
              '=INDEX(%sSG_PROGRESS($J$2:$J$%d;$K$2:$K$%d;46023;46387;$L$2:$L$%d;"expected";%s);ROW()-1)'
              % (SG, reps + 1, reps + 1, reps + 1, season))
    fill_down(cell("N2:N%d" % (reps + 1)),
              '=%sSG_PROGRESS(J2;K2;46023;46387;L2;"expected";%s)' % (SG, season))
    for null_date, name in ((Date(30, 12, 1899), "1899-12-30"), (Date(1, 1, 1904), "1904-01-01"),
                            (Date(30, 12, 1899), "1899-12-30 again")):
        doc.NullDate = null_date
        doc.calculateAll()
        memo = [row[0] for row in cell("M2:M%d" % (reps + 1)).getDataArray()]
        single = [row[0] for row in cell("N2:N%d" % (reps + 1)).getDataArray()]
        if null_date.Year == 1899:
            bad = sum(1 for v in memo + single if not isinstance(v, float) or abs(v - 6000) > 1e-6)
            check([] if bad == 0 else ["%d differ" % bad], "memo: NullDate %s: seasonal SG_PROGRESS filled down over %d reps and per cell "
                  "expects 6000 by 2026-03-31 (%d differ)" % (name, reps, bad))
        else:
            bad = sum(1 for a, b in zip(memo, single) if not isinstance(a, float) or a != b)
            # 2030-01-02 .. 2031-01-01 as of 2030-04-01, a day worth its month's
            # weight / days: the period weighs 30/31 + (2 + ... + 12) + 1/31 = 78,
            # the part to date 30/31 + 2 + 3 + 4/30.
            want = 78000 * (30 / 31 + 2 + 3 + 4 / 30) / 78
            bad = sum(1 for a, b in zip(memo, single) if not isinstance(a, float) or a != b or
                      abs(a - want) > 1e-6)
            check([] if bad == 0 else ["%d differ" % bad], "memo: NullDate %s: seasonal SG_PROGRESS filled down and per cell expect %.3f "
                  "(the same serials are 2030-01-02 .. 2031-01-01 as of 2030-04-01; %d differ)"
                  % (name, want, bad))
    doc.close(True)


def main():
    global DESKTOP
    with desktop(PIPE, WAIT) as DESKTOP:
        null_date_changes()
        fill_down_memo()
    print("recalc_caches: %d failed" % FAILED)


try:
    main()
except Exception as e:  # a broken bridge or document is a failure, not a pass
    print("FAIL recalc_caches: raised %s: %s" % (type(e).__name__, e))
    sys.exit(1)
sys.exit(1 if FAILED else 0)
