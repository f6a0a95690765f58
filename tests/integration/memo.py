"""The fill-down memo (addin/memo.c) never serves a result for other inputs.

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 memo.py PIPE
One document, 200 weights in B2:B201 and the total in G1:
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
Prints PASS / FAIL lines; terminates soffice when done.
"""
import sys
import time
from fractions import Fraction

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.util import Date

PIPE = sys.argv[1]
ROWS = 200
SG = "ORG.SALESGOAL.FUNCTIONS."
FAILED = 0


def connect(seconds=90):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + seconds
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % PIPE)
        except NoConnectException:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def check(ok, what):
    global FAILED
    FAILED += 0 if ok else 1
    print("%s memo: %s" % ("PASS" if ok else "FAIL", what), flush=True)


def largest_remainder(total, weights):
    s = sum(weights)
    shares = [Fraction(total) * w / s for w in weights]
    parts = [int(x) for x in shares]  # floors (all shares >= 0)
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return [float(p) for p in parts]


CTX = connect()
DESKTOP = CTX.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", CTX)


def main():
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = DESKTOP.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
    s = doc.Sheets.getByIndex(0)
    cell = s.getCellRangeByName
    weights = [1 + (i * 7) % 13 for i in range(ROWS)]
    total = 100003
    cell("B2:B%d" % (ROWS + 1)).setDataArray(tuple((float(w),) for w in weights))
    cell("G1").setValue(total)
    cell("D2:D%d" % (ROWS + 1)).setArrayFormula("=%sSG_SPLIT(G1;B2:B%d;1)" % (SG, ROWS + 1))
    cell("E2").setFormula("=INDEX(%sSG_SPLIT($G$1;$B$2:$B$%d;1);ROW()-1)" % (SG, ROWS + 1))
    cell("E2:E%d" % (ROWS + 1)).fillAuto(uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM"), 1)

    def column(c):
        return [row[0] for row in cell("%s2:%s%d" % (c, c, ROWS + 1)).getDataArray()]

    def errors(c):
        return sum(1 for r in range(2, ROWS + 2) if cell("%s%d" % (c, r)).getError())

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
            check(errors("D") == ROWS and errors("E") == ROWS,
                  "%s: every array and fill-down cell is an error (%d, %d of %d)"
                  % (label, errors("D"), errors("E"), ROWS))
            continue
        want = largest_remainder(total, weights)
        got_d, got_e = column("D"), column("E")
        check(got_d == want and got_e == want,
              "%s: array form and fill-down recipe equal the split worked out by hand (%d rows, "
              "total %d; %d and %d rows differ)" % (label, ROWS, total,
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
    cell("M2").setFormula(
        '=INDEX(%sSG_PROGRESS($J$2:$J$%d;$K$2:$K$%d;46023;46387;$L$2:$L$%d;"expected";%s);ROW()-1)'
        % (SG, reps + 1, reps + 1, reps + 1, season))
    cell("N2").setFormula('=%sSG_PROGRESS(J2;K2;46023;46387;L2;"expected";%s)' % (SG, season))
    down = uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM")
    cell("M2:M%d" % (reps + 1)).fillAuto(down, 1)
    cell("N2:N%d" % (reps + 1)).fillAuto(down, 1)
    for null_date, name in ((Date(30, 12, 1899), "1899-12-30"), (Date(1, 1, 1904), "1904-01-01"),
                            (Date(30, 12, 1899), "1899-12-30 again")):
        doc.NullDate = null_date
        doc.calculateAll()
        memo = [row[0] for row in cell("M2:M%d" % (reps + 1)).getDataArray()]
        single = [row[0] for row in cell("N2:N%d" % (reps + 1)).getDataArray()]
        if null_date.Year == 1899:
            bad = sum(1 for v in memo + single if not isinstance(v, float) or abs(v - 6000) > 1e-6)
            check(bad == 0, "NullDate %s: seasonal SG_PROGRESS filled down over %d reps and per cell "
                  "expects 6000 by 2026-03-31 (%d differ)" % (name, reps, bad))
        else:
            bad = sum(1 for a, b in zip(memo, single) if not isinstance(a, float) or a != b)
            # 2030-01-02 .. 2031-01-01 as of 2030-04-01, a day worth its month's
            # weight / days: the period weighs 30/31 + (2 + ... + 12) + 1/31 = 78,
            # the part to date 30/31 + 2 + 3 + 4/30.
            want = 78000 * (30 / 31 + 2 + 3 + 4 / 30) / 78
            bad = sum(1 for a, b in zip(memo, single) if not isinstance(a, float) or a != b or
                      abs(a - want) > 1e-6)
            check(bad == 0, "NullDate %s: seasonal SG_PROGRESS filled down and per cell expect %.3f "
                  "(the same serials are 2030-01-02 .. 2031-01-01 as of 2030-04-01; %d differ)"
                  % (name, want, bad))
    doc.close(True)
    print("memo: %d failed" % FAILED)
    try:
        DESKTOP.terminate()
    except Exception:
        pass


try:
    main()
except Exception as e:
    print("FAIL memo: raised %s: %s" % (type(e).__name__, e))
    sys.exit(1)
sys.exit(1 if FAILED else 0)
