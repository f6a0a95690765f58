"""Per-call cost of add-in calls in real Calc, for callgrind (issue 15).

Run by tests/bench/profile_calls.sh through lo_python with soffice.bin under
valgrind --tool=callgrind --toggle-collect='ScModelObj::calculateAll()'
--dump-after='ScModelObj::calculateAll()': one dump per calculateAll, in the
order of VARIANTS (each variant one hidden document of N cells, recalculated
once). Instruction counts are reliable on a loaded machine; times are not.
    /usr/bin/python3 profile_calls.py PIPE [N]
"""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sheet.FillDirection import TO_BOTTOM

PIPE = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
START, END = 46023, 46387


def connect(seconds=600):
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
            time.sleep(0.5)


CTX = connect()
DESKTOP = CTX.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", CTX)


def new_doc():
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = DESKTOP.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
    doc.enableAutomaticCalculation(False)
    s = doc.Sheets.getByIndex(0)
    # target, actual, as_of; E: the attainment actual/target as a plain value
    s.getCellRangeByPosition(0, 0, 4, N - 1).setDataArray(tuple(
        (float(1000 + i), float(500 + i), float(START + i % 365), "", (500.0 + i) / (1000 + i))
        for i in range(N)))
    return doc, s


def fill(s, formula):
    s.getCellByPosition(3, 0).setFormula(formula)
    s.getCellRangeByPosition(3, 0, 3, N - 1).fillAuto(TO_BOTTOM, 1)


VARIANTS = [
    ("empty", None),
    ("native pacing", "=B1/(A1*(MIN(MAX(C1;{0}-1);{1})-{0}+1)/{2})".format(START, END, END - START + 1)),
    ("SG_ALERT(value)", "=SG_ALERT(E1)"),
    ("SG_PROGRESS", '=SG_PROGRESS(A1;B1;{0};{1};C1;"pace")'.format(START, END)),
    ("SG_PROGRESS column", None),
]


def main():
    docs = []
    for label, formula in VARIANTS:
        doc, s = new_doc()
        if formula:
            fill(s, formula)
        elif label.endswith("column"):
            s.getCellRangeByPosition(3, 0, 3, N - 1).setArrayFormula(
                '=SG_PROGRESS(A1:A{0};B1:B{0};{1};{2};C1:C{0};"pace")'.format(N, START, END))
        docs.append((label, doc, s))
    # Two rounds: the first pays one-time costs (loading the add-in, type
    # descriptions); dumps of the second round are the steady state.
    for rnd in (1, 2):
        for label, doc, s in docs:
            t0 = time.perf_counter()
            doc.calculateAll()
            d1 = s.getCellByPosition(3, 0)
            print("profile: round %d: %s: %d cells, calculateAll %.2f s (under valgrind), D1 = %r%s"
                  % (rnd, label, N, time.perf_counter() - t0, d1.getValue(),
                     " ERROR %d" % d1.getError() if d1.getError() else ""), flush=True)
    for _, doc, _ in docs:
        doc.close(True)
    try:
        DESKTOP.terminate()
    except Exception:
        pass


main()
