"""Check the samples' charts over UNO (issue 18 item 7).

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 charts.py PIPE DIR
DIR holds copies of samples/*.fods. For each sample in EXPECTED: after calculateAll()
every listed chart exists on its sheet, is bound to exactly the listed range (the
chart's data ranges), and for each of its data series every value the chart plots
(the first and the last among them) equals the cell it comes from (so the chart shows
the SG_ results as computed); series listed under "lines" are drawn by a line chart
type (thresholds over bars). Every chart has a main title and both axis titles, in
the sample's language: Chinese (CJK characters) in NAME-zh, none in the others.
Prints "PASS ..." / "FAIL ..." lines; terminates soffice when done. Needs
cli/sg_uno.py beside it (run.sh copies it).
"""
import math
import os
import sys

import uno

from sg_uno import desktop, load_hidden

# sample -> [(sheet, data range of one chart[, value ranges drawn as lines])], in the
# order of the charts on each sheet.
EXPECTED = {
    "target-split": [("Plan", "H9:N13")],
    "target-split-zh": [("计划", "H9:N13")],
    "funnel-planner": [("Plan", "J12:L17")],
    "funnel-planner-zh": [("计划", "J12:L17")],
    "monthly-tracker": [("Tracker", "L13:N25"), ("Tracker", "P13:R25"), ("History", "G30:J44")],
    "monthly-tracker-zh": [("月度跟踪", "L13:N25"), ("月度跟踪", "P13:R25"), ("快照历史", "G30:J44")],
    # the pace bars K:N and the default thresholds O:P (=B10, =C10) as two lines
    "team-dashboard": [("Dashboard", "K21:P33", ["O22:O33", "P22:P33"]),
                       ("Dashboard", "K44:M46")],
    "team-dashboard-zh": [("仪表板", "K21:P33", ["O22:O33", "P22:P33"]), ("仪表板", "K44:M46")],
    "org-tree-plan": [("Tree", "E27:H35")],
    "org-tree-plan-zh": [("Tree", "E27:H35")],
    # a column per region stacked by product line: the SG_SPLIT2D block with its headers
    "region-product-plan": [("Plan", "A20:F24")],
    "region-product-plan-zh": [("Plan", "A20:F24")],
    # hand-written charts: the XY payout curve over the tiers; the re-phase columns
    # (labels in row 19) and the funnel gap (label F59, categories A60:A63)
    "compensation": [("Commission", "A26:D35")],
    "compensation-zh": [("佣金", "A26:D35")],
    "target-review": [("Review", "A19:D31"), ("Review", "A59:F63")],
    "target-review-zh": [("目标复盘", "A19:D31"), ("目标复盘", "A59:F63")],
}


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


def cells_of(doc, rep):
    """'$Plan.$I$10:$I$14' -> the numbers of those cells, row by row."""
    first, last = rep.replace("$", "").split(":")
    sheet_name, ref = first.rsplit(".", 1)
    last = last.rsplit(".", 1)[-1]
    block = doc.Sheets.getByName(sheet_name.strip("'")).getCellRangeByName(ref + ":" + last)
    addr = block.getRangeAddress()
    return [cell_value(doc, "%s.%s" % (sheet_name, a1(c, r)))
            for r in range(addr.StartRow, addr.EndRow + 1)
            for c in range(addr.StartColumn, addr.EndColumn + 1)]


def check_series(doc, label, chart_doc, lines=()):
    ok = True
    diagram = chart_doc.getFirstDiagram()
    n = 0
    drawn_as_lines = set()
    for cs in diagram.getCoordinateSystems():
        for ct in cs.getChartTypes():
            for series in ct.getDataSeries():
                for seq in series.getDataSequences():
                    values = seq.getValues()
                    rep = values.getSourceRangeRepresentation()
                    data = values.getData()
                    if not data or ":" not in rep:
                        continue
                    if ct.getChartType() == "com.sun.star.chart2.LineChartType":
                        drawn_as_lines.add(rep.replace("$", "").rsplit(".", 1)[-1])
                    want = cells_of(doc, rep)
                    got = [float(v) if isinstance(v, (int, float)) else float("nan") for v in data]
                    n += 1
                    if len(got) != len(want) or not all(same(g, w) for g, w in zip(got, want)):
                        ok = False
                        print("FAIL %s: series %s plots %r, the cells hold %r" % (label, rep, got, want))
    if n == 0:
        print("FAIL %s: no data series" % label)
        return False
    if ok:
        print("PASS %s: %d data sequences, every point (first and last too) equals its cell" % (label, n))
    for rng in lines:
        if rng in drawn_as_lines:
            print("PASS %s: %s drawn as a line" % (label, rng))
        else:
            print("FAIL %s: %s is not drawn as a line (lines: %s)" % (label, rng, sorted(drawn_as_lines)))
    return ok


def has_cjk(text):
    return any("\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in text)


def check_titles(label, chart_doc, chinese):
    """A main title and both axis titles, in the sample's language."""
    diagram = chart_doc.getDiagram()
    titles = {"title": chart_doc.Title.String if chart_doc.HasMainTitle else ""}
    titles["x axis"] = diagram.XAxisTitle.String if diagram.HasXAxisTitle else ""
    titles["y axis"] = diagram.YAxisTitle.String if diagram.HasYAxisTitle else ""
    for what, text in titles.items():
        if not text.strip():
            print("FAIL %s: no %s" % (label, what))
        elif has_cjk(text) != chinese:
            print("FAIL %s: %s %r is not in %s" % (label, what, text, "Chinese" if chinese else "English"))
        else:
            print("PASS %s: %s %r" % (label, what, text))


def check_charts(doc, name, charts):
    """The charts EXPECTED lists for sample name, in doc (recalculated)."""
    seen = {}
    for sheet_name, want, *lines in charts:
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
        check_series(doc, label, chart.EmbeddedObject, lines[0] if lines else ())
        check_titles(label, chart.EmbeddedObject, name.endswith("-zh"))



def main():
    pipe, folder = sys.argv[1:3]
    with desktop(pipe, 60) as desk:
        for name, charts in EXPECTED.items():
            path = os.path.join(folder, name + ".fods")
            if not os.path.exists(path):
                print("FAIL %s: no such sample" % name)
                continue
            doc = load_hidden(desk, uno.systemPathToFileUrl(path))
            doc.calculateAll()
            check_charts(doc, name, charts)
            doc.close(True)


main()
