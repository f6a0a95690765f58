"""Check the samples' charts over UNO (issue 18 item 7).

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 charts.py PIPE DIR
DIR holds copies of samples/*.fods. For each sample in EXPECTED: after calculateAll()
every listed chart exists on its sheet, is bound to exactly the listed range (the
chart's data ranges), and for each of its data series the first and last values the
chart plots equal the cells they come from (so the chart shows the SG_ results as
computed). Prints "PASS ..." / "FAIL ..." lines; terminates soffice when done.
"""
import math
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# sample -> [(sheet, data range of one chart)], in the order the charts were added.
EXPECTED = {
    "target-split": [("Plan", "H9:N13")],
    "target-split-zh": [("计划", "H9:N13")],
    "funnel-planner": [("Plan", "J12:L17")],
    "monthly-tracker": [("Tracker", "L13:N25"), ("History", "G30:J44")],
    "team-dashboard": [("Dashboard", "K21:N33"), ("Dashboard", "K44:M46")],
}


def connect(pipe, seconds=60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + seconds
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


def a1(col, row):
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return "%s%d" % (name, row + 1)


def range_name(addr):
    return "%s:%s" % (a1(addr.StartColumn, addr.StartRow), a1(addr.EndColumn, addr.EndRow))


def cell_value(doc, rep):
    """'$Plan.$I$10' -> the number in that cell (NaN for text, blank or error)."""
    rep = rep.replace("$", "")
    sheet_name, ref = rep.rsplit(".", 1)
    cell = doc.Sheets.getByName(sheet_name.strip("'")).getCellRangeByName(ref)
    kind = cell.getType().value
    if cell.getError() != 0 or kind in ("EMPTY", "TEXT"):
        return float("nan")
    if kind == "FORMULA" and cell.FormulaResultType2 != 1:  # FormulaResult.VALUE
        return float("nan")
    return cell.getValue()


def same(a, b):
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def check_series(doc, label, chart_doc):
    ok = True
    diagram = chart_doc.getFirstDiagram()
    n = 0
    for cs in diagram.getCoordinateSystems():
        for ct in cs.getChartTypes():
            for series in ct.getDataSeries():
                for seq in series.getDataSequences():
                    values = seq.getValues()
                    rep = values.getSourceRangeRepresentation()
                    data = values.getData()
                    if not data or ":" not in rep:
                        continue
                    first_ref, last_ref = rep.split(":")
                    sheet = first_ref.rsplit(".", 1)[0]
                    last_ref = last_ref if "." in last_ref else sheet + "." + last_ref
                    first, last = cell_value(doc, first_ref), cell_value(doc, last_ref)
                    got_first = float(data[0]) if isinstance(data[0], (int, float)) else float("nan")
                    got_last = float(data[-1]) if isinstance(data[-1], (int, float)) else float("nan")
                    n += 1
                    if not (same(got_first, first) and same(got_last, last)):
                        ok = False
                        print("FAIL %s: series %s plots %r..%r, the cells hold %r..%r"
                              % (label, rep, got_first, got_last, first, last))
    if n == 0:
        print("FAIL %s: no data series" % label)
        return False
    if ok:
        print("PASS %s: %d data sequences, first and last points equal their cells" % (label, n))
    return ok


def main():
    pipe, folder = sys.argv[1:3]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    for name, charts in EXPECTED.items():
        path = os.path.join(folder, name + ".fods")
        if not os.path.exists(path):
            print("FAIL %s: no such sample" % name)
            continue
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (hidden,))
        doc.calculateAll()
        seen = {}
        for sheet_name, want in charts:
            k = seen.get(sheet_name, 0)
            seen[sheet_name] = k + 1
            label = "%s %s chart %d" % (name, sheet_name, k + 1)
            table_charts = doc.Sheets.getByName(sheet_name).Charts
            if table_charts.Count <= k:
                print("FAIL %s: the sheet has %d chart(s)" % (label, table_charts.Count))
                continue
            chart = table_charts.getByIndex(k)
            addrs = chart.getRanges()
            ranges = [range_name(r) for r in addrs]
            # An XY chart keeps its x column and its header row as ranges of their own:
            # together they must cover exactly the intended block.
            box = range_name(type(addrs[0])(addrs[0].Sheet, min(r.StartColumn for r in addrs),
                                            min(r.StartRow for r in addrs),
                                            max(r.EndColumn for r in addrs),
                                            max(r.EndRow for r in addrs))) if addrs else ""
            if box == want:
                print("PASS %s: bound to %s" % (label, want))
            else:
                print("FAIL %s: bound to %s, expected %s" % (label, ranges, want))
            check_series(doc, label, chart.EmbeddedObject)
        doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass


main()
