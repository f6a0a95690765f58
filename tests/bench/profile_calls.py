"""Per-call cost of add-in calls in real Calc, for callgrind (issue 15).

Run by tests/bench/profile_calls.sh through lo_python with soffice.bin under
valgrind --tool=callgrind --toggle-collect='ScModelObj::calculateAll()'
--dump-after='ScModelObj::calculateAll()': one dump per calculateAll, in the
order of VARIANTS (each variant one hidden document, recalculated once per
round; pacing variants N cells), two rounds. Instruction counts are reliable on a loaded machine; times are not.
    /usr/bin/python3 profile_calls.py PIPE [N] [ONLY]
(ONLY: run just the variants whose label contains this text, e.g. "filled".)
Needs cli/sg_uno.py beside it (profile_calls.sh copies it).
"""
import sys

from sg_uno import desktop, fill_down, load_hidden, timed_calculate_all

PIPE = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
ONLY = sys.argv[3] if len(sys.argv) > 3 else ""
START, END = 46023, 46387


DESKTOP = None  # soffice's Desktop, while main() runs


def new_doc():
    doc = load_hidden(DESKTOP, "private:factory/scalc")
    doc.enableAutomaticCalculation(False)
    s = doc.Sheets.getByIndex(0)
    # target, actual, as_of; E: the attainment actual/target as a plain value
    s.getCellRangeByPosition(0, 0, 4, N - 1).setDataArray(tuple(
        (float(1000 + i), float(500 + i), float(START + i % 365), "", (500.0 + i) / (1000 + i))
        for i in range(N)))
    return doc, s


def pacing(formula):
    def build():
        doc, s = new_doc()
        fill_down(s.getCellRangeByPosition(3, 0, 3, N - 1), formula)
        return doc, s
    return build


def pacing_column():
    doc, s = new_doc()
    s.getCellRangeByPosition(3, 0, 3, N - 1).setArrayFormula(
        '=SG_PROGRESS(A1:A{0};B1:B{0};{1};{2};C1:C{0};"pace")'.format(N, START, END))
    return doc, s


def split(rows, formula, filled=False):
    """Weights in F1:F{rows}; the formula over column G (array or filled down)."""
    def build():
        doc, s = new_doc()
        s.getCellRangeByPosition(5, 0, 5, rows - 1).setDataArray(
            tuple((float(1 + i % 9),) for i in range(rows)))
        target = s.getCellRangeByPosition(6, 0, 6, rows - 1)
        if filled:
            fill_down(target, formula.format(rows=rows))
        else:
            target.setArrayFormula(formula.format(rows=rows))
        return doc, s
    return build


VARIANTS = [
    ("empty", new_doc),
    ("native pacing", pacing("=B1/(A1*(MIN(MAX(C1;{0}-1);{1})-{0}+1)/{2})".format(START, END, END - START + 1))),
    ("SG_ALERT(value)", pacing("=SG_ALERT(E1)")),
    ("SG_PROGRESS", pacing('=SG_PROGRESS(A1;B1;{0};{1};C1;"pace")'.format(START, END))),
    ("SG_PROGRESS column", pacing_column),
    ("SG_SPLIT 10,000 array", split(10000, "=SG_SPLIT(100007;F1:F{rows};1)")),
    ("native {=F1:F10000*2}", split(10000, "=F1:F{rows}*2")),
    ("SG_SPLIT 1,000 array", split(1000, "=SG_SPLIT(100007;F1:F{rows};1)")),
    ("SG_SPLIT 1,000 filled down", split(1000, "=INDEX(SG_SPLIT(100007;$F$1:$F${rows};1);ROW())", True)),
]


def main():
    docs = []
    for label, build in VARIANTS:
        if ONLY not in label:
            continue
        doc, s = build()
        docs.append((label, doc, s))
    # Two rounds: the first pays one-time costs (loading the add-in, type
    # descriptions); dumps of the second round are the steady state.
    for rnd in (1, 2):
        for label, doc, s in docs:
            # a new first input each round (target, SG_ALERT's value, weight):
            # no round is answered from the previous one's cache or memo
            for col, value in ((0, 1000.0 + rnd), (4, 0.5 + rnd / 100.0), (5, 1.0 + rnd)):
                s.getCellByPosition(col, 0).setValue(value)
            seconds = timed_calculate_all(doc)
            first = s.getCellByPosition(6 if "SPLIT" in label or "F1" in label else 3, 0)
            print("profile: round %d: %s: calculateAll %.2f s (under valgrind), first cell %r%s"
                  % (rnd, label, seconds, first.getValue(),
                     " ERROR %d" % first.getError() if first.getError() else ""), flush=True)
    for _, doc, _ in docs:
        doc.close(True)


with desktop(PIPE, 600) as DESKTOP:
    main()
