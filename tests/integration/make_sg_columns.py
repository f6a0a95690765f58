#!/usr/bin/env python3
"""Writes tests/integration/sg_columns.fods: column forms vs per-cell formulas."""
import sys
from xml.sax.saxutils import escape

F = "ORG.SALESGOAL.FUNCTIONS."

def colname(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s

def ref(r, c):  # 0-based -> [.A1]
    return "[.%s%d]" % (colname(c), r + 1)

def rng(r1, c1, r2, c2, absolute=False):
    if absolute:
        return "[.$%s$%d:.$%s$%d]" % (colname(c1), r1 + 1, colname(c2), r2 + 1)
    return "[.%s%d:.%s%d]" % (colname(c1), r1 + 1, colname(c2), r2 + 1)

class Sheet:
    def __init__(self, name):
        self.name, self.cells = name, {}
    def text(self, r, c, t):
        self.cells[(r, c)] = '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(t)
    def num(self, r, c, v):
        self.cells[(r, c)] = '<table:table-cell office:value-type="float" office:value="%r"/>' % v
    def formula(self, r, c, f, rows=1, cols=1):
        span = ""
        if rows > 1 or cols > 1:
            span = ' table:number-matrix-columns-spanned="%d" table:number-matrix-rows-spanned="%d"' % (cols, rows)
        self.cells[(r, c)] = '<table:table-cell%s table:formula="%s"/>' % (span, escape("of:=" + f, {'"': "&quot;"}))
    def xml(self):
        nr = max(r for r, _ in self.cells) + 1
        nc = max(c for _, c in self.cells) + 1
        out = ['<table:table table:name="%s">' % self.name]
        for r in range(nr):
            out.append("<table:table-row>" + "".join(self.cells.get((r, c), "<table:table-cell/>") for c in range(nc)) + "</table:table-row>")
        out.append("</table:table>")
        return "\n".join(out)

def header(s, extra):
    for c, t in enumerate(["case", "result", "expected", "pass"]):
        s.text(0, c, t)
    s.text(0, 5, extra)

def compare_row(s, r, label, res, exp, na_for_error=False):
    s.text(r, 0, label)
    s.formula(r, 1, res)
    s.formula(r, 2, "IFERROR(%s;NA())" % exp if na_for_error else exp)
    B, C = ref(r, 1), ref(r, 2)
    s.formula(r, 3, "IF(ISERROR(%s);AND(ISERROR(%s);ISNA(%s)=ISNA(%s));AND(ISNUMBER(%s);%s=%s))" % (C, B, B, C, B, B, C)
              if not na_for_error else
              "IF(ISERROR(%s);ISNA(%s);AND(ISNUMBER(%s);%s=%s))" % (C, B, B, B, C))

METRICS = ["attainment", "expected", "pace", "gap", "required_per_day", "forecast"]

def progress_sheet(name, reps, seasonal, per_rep_period):
    """reps: (target, actual, as_of date tuple, start, end)."""
    s = Sheet(name)
    header(s, "data: target | actual | as_of | start | end || column form (array) || per cell")
    D = 8  # data columns from I
    n = len(reps)
    for i, (t, a, asof, st, en) in enumerate(reps):
        r = 1 + i
        s.num(r, D, t)
        s.num(r, D + 1, a)
        s.formula(r, D + 2, "DATE(%d;%d;%d)" % asof)
        s.formula(r, D + 3, "DATE(%d;%d;%d)" % st)
        s.formula(r, D + 4, "DATE(%d;%d;%d)" % en)
    season = ""
    if seasonal:
        # 12 monthly weights in column F rows 2..13 (December heavy)
        for m in range(12):
            s.num(1 + m, 6, [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3][m])
        s.text(14, 6, "seasonality")
        season = ";" + rng(1, 6, 12, 6, True)
    last = n
    if per_rep_period:
        start, end = rng(1, D + 3, last, D + 3), rng(1, D + 4, last, D + 4)
    else:
        start, end = "DATE(2026;1;1)", "DATE(2026;12;31)"
    col0 = D + 6   # column form block
    per0 = col0 + 7  # per-cell block
    opt = (";" + season[1:]) if seasonal else ""
    metric_arg = ";" if seasonal else ""
    s.formula(1, col0, F + "SG_PROGRESS(%s;%s;%s;%s;%s%s%s)" % (
        rng(1, D, last, D), rng(1, D + 1, last, D + 1), start, end, rng(1, D + 2, last, D + 2),
        metric_arg, season), rows=n, cols=6)
    for i in range(n):
        r = 1 + i
        st = ref(r, D + 3) if per_rep_period else "DATE(2026;1;1)"
        en = ref(r, D + 4) if per_rep_period else "DATE(2026;12;31)"
        s.formula(r, per0, F + "SG_PROGRESS(%s;%s;%s;%s;%s%s%s)" % (
            ref(r, D), ref(r, D + 1), st, en, ref(r, D + 2), metric_arg, season), rows=1, cols=6)
    # one metric as a column, and per cell
    mcol = per0 + 7
    pcol = mcol + 1
    s.formula(1, mcol, F + "SG_PROGRESS(%s;%s;%s;%s;%s;\"pace\"%s)" % (
        rng(1, D, last, D), rng(1, D + 1, last, D + 1), start, end, rng(1, D + 2, last, D + 2), season), rows=n, cols=1)
    r = 1
    for i in range(n):
        for k in range(6):
            compare_row(s, r, "rep %d %s" % (i + 1, METRICS[k]),
                        "INDEX(%s;%d;%d)" % (rng(1, col0, last, col0 + 5, True), i + 1, k + 1),
                        "INDEX(%s;%d;%d)" % (rng(1, per0, last, per0 + 5, True), i + 1, k + 1))
            r += 1
    for i in range(n):
        rr = 1 + i
        st = ref(rr, D + 3) if per_rep_period else "DATE(2026;1;1)"
        en = ref(rr, D + 4) if per_rep_period else "DATE(2026;12;31)"
        compare_row(s, r, "rep %d pace alone (column with metric; a per-cell error is #N/A in the column)" % (i + 1),
                    "INDEX(%s;%d;1)" % (rng(1, mcol, last, mcol, True), i + 1),
                    F + "SG_PROGRESS(%s;%s;%s;%s;%s;\"pace\"%s)" % (ref(rr, D), ref(rr, D + 1), st, en, ref(rr, D + 2), season),
                    na_for_error=True)
        r += 1
    return s, r, (D, col0, per0, last)

reps_year = [
    (365000, 31000, (2026, 1, 31), (2026, 1, 1), (2026, 12, 31)),   # on pace
    (0, 500, (2026, 6, 30), (2026, 1, 1), (2026, 12, 31)),          # target 0
    (120000, -2000, (2025, 12, 15), (2026, 1, 1), (2026, 12, 31)),  # before start
    (50000, 50000, (2027, 1, 5), (2026, 1, 1), (2026, 12, 31)),     # after end, met
    (80000, 20000, (2026, 12, 31), (2026, 1, 1), (2026, 12, 31)),   # last day, missing
    (100000, 61000, (2026, 7, 15), (2026, 1, 1), (2026, 12, 31)),
    (100000, 61000, (2026, 7, 15), (2026, 1, 1), (2026, 12, 31)),   # same as before
    (1234.5, 99.25, (2026, 2, 28), (2026, 1, 1), (2026, 12, 31)),
]
reps_mixed = [
    (90000, 31000, (2026, 1, 31), (2026, 1, 1), (2026, 3, 31)),
    (90000, 31000, (2026, 1, 31), (2026, 1, 1), (2026, 3, 31)),
    (365000, 31000, (2026, 1, 31), (2026, 1, 1), (2026, 12, 31)),
    (90000, 45000, (2026, 5, 15), (2026, 4, 1), (2026, 6, 30)),
    (90000, 45000, (2026, 2, 15), (2026, 4, 1), (2026, 6, 30)),
    (200000, 150000, (2026, 11, 30), (2026, 1, 1), (2026, 12, 31)),
]

sheets = []
s, r, (D, col0, per0, last) = progress_sheet("SG_PROGRESS", reps_year, False, False)
# independent checks worked out by hand: rep 1 expects 365000 x 31/365 = 31000, needs
# 334000 / 334 = 1000 a day; the column form with lengths 8 and 7 is an error
compare_row(s, r, "by hand: rep 1 expected = 365000 x 31 / 365", "INDEX(%s;1;2)" % rng(1, col0, last, col0 + 5, True), "365000*31/365"); r += 1
compare_row(s, r, "by hand: rep 1 required_per_day = 334000 / 334", "INDEX(%s;1;5)" % rng(1, col0, last, col0 + 5, True), "334000/334"); r += 1
s.text(r, 0, "lengths 8 and 7: an error, not a guess")
s.formula(r, 1, "ISERROR(%sSG_PROGRESS(%s;%s;DATE(2026;1;1);DATE(2026;12;31);%s))" % (F, rng(1, D, last, D), rng(1, D + 1, last - 1, D + 1), rng(1, D + 2, last, D + 2)))
s.formula(r, 2, "TRUE()")
s.formula(r, 3, "%s=%s" % (ref(r, 1), ref(r, 2))); r += 1
s.text(r, 0, "rows of the column form = reps")
s.formula(r, 1, "ROWS(%sSG_PROGRESS(%s;%s;DATE(2026;1;1);DATE(2026;12;31);%s))" % (F, rng(1, D, last, D), rng(1, D + 1, last, D + 1), rng(1, D + 2, last, D + 2)))
s.num(r, 2, len(reps_year))
s.formula(r, 3, "%s=%s" % (ref(r, 1), ref(r, 2))); r += 1
sheets.append(s)
s, r, _ = progress_sheet("SG_PROGRESS seasonal", reps_mixed, True, True)
sheets.append(s)

# SG_RAMP: quota | hire | start | end per rep, ramp 0.3; 0.6; 1 in column G
s = Sheet("SG_RAMP")
header(s, "data: quota | hire | period start | period end || ramp in G")
for m, v in enumerate([0.3, 0.6, 1]):
    s.num(1 + m, 6, v)
ramps = [(30000, (2026, 6, 16), (2026, 6, 1), (2026, 6, 30)),
         (30000, (2025, 1, 10), (2026, 6, 1), (2026, 6, 30)),
         (60000, (2026, 6, 30), (2026, 6, 1), (2026, 6, 30)),
         (90000, (2026, 2, 28), (2026, 4, 1), (2026, 6, 30)),
         (45000, (2026, 7, 1), (2026, 6, 1), (2026, 6, 30))]
D = 8
n = len(ramps)
for i, (q, h, st, en) in enumerate(ramps):
    s.num(1 + i, D, q)
    s.formula(1 + i, D + 1, "DATE(%d;%d;%d)" % h)
    s.formula(1 + i, D + 2, "DATE(%d;%d;%d)" % st)
    s.formula(1 + i, D + 3, "DATE(%d;%d;%d)" % en)
col0 = D + 5
ramp = rng(1, 6, 3, 6, True)
s.formula(1, col0, F + "SG_RAMP(%s;%s;%s;%s;%s)" % tuple([rng(1, D + k, n, D + k) for k in range(4)] + [ramp]), rows=n, cols=1)
r = 1
for i in range(n):
    rr = 1 + i
    compare_row(s, r, "rep %d" % (i + 1), "INDEX(%s;%d;1)" % (rng(1, col0, n, col0, True), i + 1),
                F + "SG_RAMP(%s;%s;%s;%s;%s)" % (ref(rr, D), ref(rr, D + 1), ref(rr, D + 2), ref(rr, D + 3), ramp))
    r += 1
compare_row(s, r, "by hand: rep 1 = 30000 / 30 x 15 x 0.3", "INDEX(%s;1;1)" % rng(1, col0, n, col0, True), "30000/30*15*0.3"); r += 1
compare_row(s, r, "broadcast: one period for all (rep 1 again)",
            "INDEX(%sSG_RAMP(%s;%s;DATE(2026;6;1);DATE(2026;6;30);%s);1;1)" % (F, rng(1, D, n, D), rng(1, D + 1, n, D + 1), ramp),
            "4500"); r += 1
s.text(r, 0, "lengths 5 and 4: an error")
s.formula(r, 1, "ISERROR(%sSG_RAMP(%s;%s;DATE(2026;6;1);DATE(2026;6;30)))" % (F, rng(1, D, n, D), rng(1, D + 1, n - 1, D + 1)))
s.formula(r, 2, "TRUE()")
s.formula(r, 3, "%s=%s" % (ref(r, 1), ref(r, 2))); r += 1
sheets.append(s)

# SG_ALERT: values | units, rules in F..H
s = Sheet("SG_ALERT")
header(s, "data: value | unit || rules in G:I")
rules = [("^APAC/", 0.95, 0.99), ("Key", 0.7, 0.8)]
for i, (p, red, amb) in enumerate(rules):
    s.text(1 + i, 6, p); s.num(1 + i, 7, red); s.num(1 + i, 8, amb)
alerts = [(0.8, "APAC/A"), (0.9, "EMEA/B"), (1.0, "APAC/C"), (0.75, "EMEA/Key/D"), (0.96, "EMEA/E"), (0.5, "LATAM/F")]
D = 10
n = len(alerts)
for i, (v, u) in enumerate(alerts):
    s.num(1 + i, D, v); s.text(1 + i, D + 1, u)
col0 = D + 3
rul = rng(1, 6, 2, 8, True)
s.formula(1, col0, F + "SG_ALERT(%s;;%s;%s)" % (rng(1, D, n, D), rng(1, D + 1, n, D + 1), rul), rows=n, cols=1)
s.formula(1, col0 + 1, F + "SG_ALERT(%s;;\"APAC/A\";%s)" % (rng(1, D, n, D), rul), rows=n, cols=1)
r = 1
want = ["RED", "AMBER", "GREEN", "AMBER", "GREEN", "RED"]
for i in range(n):
    rr = 1 + i
    s.text(r, 0, "rep %d (by hand: %s)" % (i + 1, want[i]))
    s.formula(r, 1, "INDEX(%s;%d;1)" % (rng(1, col0, n, col0, True), i + 1))
    s.formula(r, 2, F + "SG_ALERT(%s;;%s;%s)" % (ref(rr, D), ref(rr, D + 1), rul))
    s.formula(r, 3, "AND(%s=%s;%s=\"%s\")" % (ref(r, 1), ref(r, 2), ref(r, 1), want[i]))
    r += 1
for i in range(n):
    rr = 1 + i
    s.text(r, 0, "one unit for all, rep %d" % (i + 1))
    s.formula(r, 1, "INDEX(%s;%d;1)" % (rng(1, col0 + 1, n, col0 + 1, True), i + 1))
    s.formula(r, 2, F + "SG_ALERT(%s;;\"APAC/A\";%s)" % (ref(rr, D), rul))
    s.formula(r, 3, "%s=%s" % (ref(r, 1), ref(r, 2)))
    r += 1
s.text(r, 0, "lengths 6 and 5: an error")
s.formula(r, 1, "ISERROR(%sSG_ALERT(%s;;%s))" % (F, rng(1, D, n, D), rng(1, D + 1, n - 1, D + 1)))
s.formula(r, 2, "TRUE()")
s.formula(r, 3, "%s=%s" % (ref(r, 1), ref(r, 2))); r += 1
sheets.append(s)

head = '''<?xml version="1.0" encoding="UTF-8"?>
<!--
  Column forms (issue 15): SG_PROGRESS, SG_RAMP and SG_ALERT over a whole team in one
  array formula, compared cell by cell with one formula per rep, plus values worked out
  by hand and mismatched lengths. Written by tests/integration/make_sg_columns.py.
  Each sheet: "result" (column form), "expected" (per cell), "pass" columns.
-->
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body>
<office:spreadsheet>
'''
tail = '''
</office:spreadsheet>
</office:body>
</office:document>
'''
sys.stdout.write(head + "\n".join(s.xml() for s in sheets) + tail)
