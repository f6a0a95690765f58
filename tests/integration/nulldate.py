"""The document's NullDate is read afresh when it changes (issue 15, item 2).

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 nulldate.py PIPE
The add-in must never use a stale NullDate: a wrong date is worse than a slow
one. Two documents stay open in one soffice; one changes its NullDate through
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
Prints PASS / FAIL lines; terminates soffice when done.
"""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.util import Date

PIPE = sys.argv[1]
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


def check(problems, what):
    """One line per document and step: PASS, or FAIL with every problem."""
    global FAILED
    if problems:
        FAILED += 1
        print("FAIL nulldate: %s: %s" % (what, "; ".join(problems)), flush=True)
    else:
        print("PASS nulldate: %s" % what, flush=True)


CTX = connect()
DESKTOP = CTX.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", CTX)
SG = "ORG.SALESGOAL.FUNCTIONS."


def new_doc(null_date):
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = DESKTOP.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
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
    check(problems, "%s (NullDate %s): SG_PERIODS dates and amounts, fill-down recipe, seasonal "
          "SG_PROGRESS" % (label, system))


def main():
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
    print("nulldate: %d failed" % FAILED)
    try:
        DESKTOP.terminate()
    except Exception:
        pass


try:
    main()
except Exception as e:  # a broken bridge or document is a failure, not a pass
    print("FAIL nulldate: raised %s: %s" % (type(e).__name__, e))
    sys.exit(1)
sys.exit(1 if FAILED else 0)
