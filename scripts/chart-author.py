"""Authoring tool: add the samples' charts in real Calc and save a flat ODF copy.

Not part of the build. The samples are hand-written .fods; their charts are drawn by
Calc itself so that the chart XML is exactly what Calc reads and writes. Run through
scripts/lo-profile.sh (lo_python), once per sample:
    /usr/bin/python3 chart-author.py PIPE IN.fods OUT.fods SPEC
SPEC names the sample (target-split, funnel-planner, monthly-tracker, team-dashboard,
target-split-zh). The charts of OUT.fods (the <table:shapes> of each sheet) are then
pasted into samples/NAME.fods by scripts/chart-paste.py.
"""
import sys
import time

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import CellRangeAddress


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


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def cra(sheet_index, c0, r0, c1, r1):
    a = CellRangeAddress()
    a.Sheet, a.StartColumn, a.StartRow, a.EndColumn, a.EndRow = sheet_index, c0, r0, c1, r1
    return a


def col_row(ref):
    """'B12' -> (1, 11)"""
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return col - 1, int(digits) - 1


def rng(sheet_index, a, b):
    c0, r0 = col_row(a)
    c1, r1 = col_row(b)
    return cra(sheet_index, c0, r0, c1, r1)


PLACED = {}  # chart name -> its rectangle (1/100 mm)


def add_chart(doc, sheet, name, at, w, h, ranges, col_headers, row_headers, kind, title,
              xtitle, ytitle, stacked=False, swap=False, lines=False, percent_axis=False,
              reverse_categories=False, colors=None, right_of=None):
    """A chart with its top left corner at cell `at` (or right of chart `right_of`),
    w x h mm, over ranges; kind is a diagram service."""
    pos = sheet.getCellRangeByName(at).Position
    x, y = pos.X, pos.Y
    if right_of:
        x, y = PLACED[right_of].X + PLACED[right_of].Width + 500, PLACED[right_of].Y
    rect = Rectangle(x, y, w * 100, h * 100)
    PLACED[name] = rect
    charts = sheet.Charts
    if charts.hasByName(name):
        charts.removeByName(name)
    charts.addNewByName(name, rect, tuple(ranges), col_headers, row_headers)
    chart = charts.getByName(name).EmbeddedObject
    diagram = chart.createInstance(kind)
    chart.setDiagram(diagram)
    chart.HasMainTitle = True
    chart.Title.String = title
    chart.HasLegend = True
    diagram = chart.Diagram
    if swap:
        diagram.Vertical = True  # horizontal bars (com.sun.star.chart.BarDiagram)
    if stacked:
        diagram.Stacked = True
    if lines:
        diagram.Lines = True
    diagram.HasXAxisTitle = bool(xtitle)
    if xtitle:
        diagram.XAxisTitle.String = xtitle
    diagram.HasYAxisTitle = bool(ytitle)
    if ytitle:
        diagram.YAxisTitle.String = ytitle
    if percent_axis:
        fmts = chart.getNumberFormats()
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        key = fmts.queryKey("0%", locale, False)
        if key == -1:
            key = fmts.addNew("0%", locale)
        diagram.YAxis.NumberFormat = key
        diagram.YAxis.LinkNumberFormatToSource = False
    if reverse_categories:
        cs = chart.getFirstDiagram().getCoordinateSystems()[0]
        axis = cs.getAxisByDimension(0, 0)
        scale = axis.getScaleData()
        scale.Orientation = uno.Enum("com.sun.star.chart2.AxisOrientation", "REVERSE")
        axis.setScaleData(scale)
    if colors:  # chart2: series in order of the data columns
        series = chart.getFirstDiagram().getCoordinateSystems()[0].getChartTypes()[0].getDataSeries()
        for one, color in zip(series, colors):
            one.Color = color
            one.FillColor = color
    return chart


def target_split(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # Stacked bars: one per region, North split into its reps (the chart data block H9:N13).
    add_chart(doc, sheet, "RegionsByRep", "H15", 165, 95, [rng(0, "H9", "N13")], True, True,
              "com.sun.star.chart.BarDiagram",
              "各大区目标及华北的销售代表拆分" if zh else "Targets by region, North split into reps",
              "大区" if zh else "Region", "目标" if zh else "Target", stacked=True, swap=True,
              reverse_categories=True)


def funnel_planner(doc):
    sheet = doc.Sheets.getByIndex(0)
    # Widest on top: required count per stage against today's pipeline (block J12:L17).
    add_chart(doc, sheet, "Funnel", "J19", 150, 95, [rng(0, "J12", "L17")], True, True,
              "com.sun.star.chart.BarDiagram", "Funnel: what the target needs vs today's pipeline",
              "Stage", "Deals", swap=True, reverse_categories=True)


def monthly_tracker(doc):
    tracker = doc.Sheets.getByName("Tracker")
    add_chart(doc, tracker, "MonthlyTargets", "L27", 160, 90, [rng(0, "L13", "N25")], True, True,
              "com.sun.star.chart.BarDiagram", "Monthly targets (SG_PERIODS, SG_RAMP)", "Month",
              "Target")
    history = doc.Sheets.getByName("History")
    idx = 1 if doc.Sheets.getByIndex(1).Name == "History" else 0
    add_chart(doc, history, "HistoryTrend", "G5", 170, 100, [rng(idx, "G30", "J44")], True,
              False, "com.sun.star.chart.XYDiagram",
              "Actual to date against the target pace, with the trend forecast", "As of",
              "Actual to date", lines=True)


def team_dashboard(doc):
    sheet = doc.Sheets.getByIndex(0)
    add_chart(doc, sheet, "PaceByRep", "A64", 170, 110, [rng(0, "K21", "N33")], True, True,
              "com.sun.star.chart.BarDiagram", "Pace by rep, coloured by the SG_ALERT light",
              "Rep", "Pace", stacked=True, swap=True, percent_axis=True,
              reverse_categories=True,
              colors=[0xD93025, 0xF9AB00, 0x188038])
    add_chart(doc, sheet, "RollupByRegion", "A64", 150, 110, [rng(0, "K44", "M46")], True, True,
              "com.sun.star.chart.BarDiagram", "Roll-up by region (SG_ROLLUP)", "Region",
              "Amount", swap=True, right_of="PaceByRep")


SPECS = {
    "target-split": target_split,
    "target-split-zh": lambda d: target_split(d, zh=True),
    "funnel-planner": funnel_planner,
    "monthly-tracker": monthly_tracker,
    "team-dashboard": team_dashboard,
}


def main():
    pipe, src, dst, spec = sys.argv[1:5]
    ctx = connect(pipe)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                       (prop("Hidden", True),))
    doc.calculateAll()
    for i in range(doc.Sheets.Count):  # the sample's charts as pasted last time
        charts = doc.Sheets.getByIndex(i).Charts
        for name in charts.ElementNames:
            charts.removeByName(name)
    SPECS[spec](doc)
    doc.calculateAll()
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "OpenDocument Spreadsheet Flat XML"),))
    doc.close(True)
    print("PASS wrote %s" % dst)
    try:
        desktop.terminate()
    except Exception:
        pass


main()
