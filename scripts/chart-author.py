"""Authoring tool: add the samples' charts in real Calc and save a flat ODF copy.

Not part of the build. The samples are hand-written .fods; their charts are drawn by
Calc itself so that the chart XML is exactly what Calc reads and writes. Run through
scripts/lo-profile.sh (lo_python), once per sample:
    /usr/bin/python3 chart-author.py PIPE IN.fods OUT.fods SPEC
SPEC names the sample (target-split, funnel-planner, monthly-tracker, team-dashboard,
org-tree-plan, region-product-plan, each also with -zh for its Chinese copy).
The charts of OUT.fods (the <table:shapes> of each sheet) are then pasted into
samples/NAME.fods by scripts/chart-paste.py. Needs cli/sg_uno.py beside it
(author-charts.sh copies it).
"""
import sys

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.table import CellRangeAddress

from sg_uno import load_hidden, office, prop


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
CTX = None  # the component context (for chart2 services)


def add_chart(doc, sheet, name, at, w, h, ranges, col_headers, row_headers, kind, title,
              xtitle, ytitle, stacked=False, swap=False, lines=False, percent_axis=False,
              reverse_categories=False, colors=None, right_of=None, below=None,
              series_in_rows=False, axis_format=None, x_range=None, line_series=None,
              step=None, offset=(0, 0)):
    """A chart with its top left corner at cell `at` (or right of chart `right_of`, or
    below chart `below`), w x h mm, over ranges; kind is a diagram service.
    series_in_rows: each row of the block is a series (the header row holds the
    categories). axis_format, step: the value axis's number format code and step. x_range: (min, max)
    of the x axis (an XY chart's dates). line_series: [(color, width 1/100 mm)] for the
    last series of the block, drawn as lines over the bars (not stacked)."""
    pos = sheet.getCellRangeByName(at).Position
    x, y = pos.X + offset[0] * 100, pos.Y + offset[1] * 100
    if right_of:
        x, y = PLACED[right_of].X + PLACED[right_of].Width + 500, PLACED[right_of].Y
    if below:
        x, y = PLACED[below].X, PLACED[below].Y + PLACED[below].Height + 500
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
    if series_in_rows:
        diagram.DataRowSource = uno.Enum("com.sun.star.chart.ChartDataRowSource", "ROWS")
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
        axis_format = "0%"
    if axis_format:
        fmts = chart.getNumberFormats()
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        key = fmts.queryKey(axis_format, locale, False)
        if key == -1:
            key = fmts.addNew(axis_format, locale)
        diagram.YAxis.NumberFormat = key
        diagram.YAxis.LinkNumberFormatToSource = False
    if step:
        diagram.YAxis.AutoStepMain, diagram.YAxis.StepMain = False, step
    if x_range:
        diagram.XAxis.AutoMin, diagram.XAxis.Min = False, x_range[0]
        diagram.XAxis.AutoMax, diagram.XAxis.Max = False, x_range[1]
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
    if line_series:
        as_lines(chart, line_series)
    return chart


def as_lines(chart, styles):
    """Move the last len(styles) series of the bar chart into a line chart type of the
    same coordinate system: drawn as lines across the categories, never stacked."""
    cs = chart.getFirstDiagram().getCoordinateSystems()[0]
    bars = cs.getChartTypes()[0]
    lines = CTX.ServiceManager.createInstanceWithContext("com.sun.star.chart2.LineChartType", CTX)
    no_symbol = uno.createUnoStruct("com.sun.star.chart2.Symbol")
    no_symbol.Style = uno.Enum("com.sun.star.chart2.SymbolStyle", "NONE")
    for one, (color, width) in zip(bars.getDataSeries()[-len(styles):], styles):
        bars.removeDataSeries(one)
        one.StackingDirection = uno.Enum("com.sun.star.chart2.StackingDirection", "NO_STACKING")
        one.Color = color
        one.LineWidth = width
        one.Symbol = no_symbol
        lines.addDataSeries(one)
    cs.addChartType(lines)


def target_split(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # Stacked bars: one per region, North split into its reps (the chart data block H9:N13).
    add_chart(doc, sheet, "RegionsByRep", "H15", 165, 95, [rng(0, "H9", "N13")], True, True,
              "com.sun.star.chart.BarDiagram",
              "各大区目标及华北的销售代表拆分" if zh else "Targets by region, North split into reps",
              "大区" if zh else "Region", "目标" if zh else "Target", stacked=True, swap=True,
              reverse_categories=True, axis_format="#,##0", step=2000000)


def funnel_planner(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # Widest on top: required count per stage against today's pipeline (block J12:L17).
    add_chart(doc, sheet, "Funnel", "J19", 150, 95, [rng(0, "J12", "L17")], True, True,
              "com.sun.star.chart.BarDiagram",
              "漏斗：目标所需与当前管道" if zh else
              "Funnel: what the target needs vs today's pipeline",
              "阶段" if zh else "Stage", "商机数" if zh else "Deals", swap=True,
              reverse_categories=True)


def monthly_tracker(doc, zh=False):
    tracker = doc.Sheets.getByIndex(0)
    add_chart(doc, tracker, "MonthlyTargets", "L29", 160, 80, [rng(0, "L13", "N25")], True, True,
              "com.sun.star.chart.BarDiagram",
              "月度目标（SG_PERIODS、SG_RAMP）" if zh else "Monthly targets (SG_PERIODS, SG_RAMP)",
              "月份" if zh else "Month", "目标" if zh else "Target", axis_format="#,##0")
    # The History rep's monthly target (SG_PERIODS) against the month's actual from the
    # snapshots (SG_HISTORY): block P13:R25.
    add_chart(doc, tracker, "TargetVsActual", "L29", 160, 80, [rng(0, "P13", "R25")], True, True,
              "com.sun.star.chart.BarDiagram",
              "快照历史中销售的月度目标与实际（SG_PERIODS、SG_HISTORY）" if zh else
              "Monthly target against actual, the History rep (SG_PERIODS, SG_HISTORY)",
              "月份" if zh else "Month", "金额" if zh else "Amount", axis_format="#,##0",
              colors=[0x9DB9D5, 0x1F5F99], below="MonthlyTargets")
    history = doc.Sheets.getByIndex(1)
    start, end = (history.getCellRangeByName(c).getValue() for c in ("B7", "B8"))
    add_chart(doc, history, "HistoryTrend", "G5", 170, 100, [rng(1, "G30", "J44")], True,
              False, "com.sun.star.chart.XYDiagram",
              "累计实际与目标进度及趋势预测" if zh else
              "Actual to date against the target pace, with the trend forecast",
              "截至日期" if zh else "As of", "累计实际" if zh else "Actual to date", lines=True,
              axis_format="#,##0", x_range=(start, end), colors=[0x004586, 0x9A9A9A, 0x2A7D2E])


def team_dashboard(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # Bars by light (K21:N33), the default thresholds B10:C10 as lines (O21:P33).
    add_chart(doc, sheet, "PaceByRep", "A64", 170, 110, [rng(0, "K21", "P33")], True, True,
              "com.sun.star.chart.BarDiagram",
              "各销售进度（按 SG_ALERT 信号灯着色；线：默认阈值）" if zh else
              "Pace by rep, coloured by the SG_ALERT light; lines: default thresholds",
              "销售" if zh else "Rep", "进度" if zh else "Pace", stacked=True, swap=True,
              percent_axis=True, reverse_categories=True,
              colors=[0xD93025, 0xF9AB00, 0x188038],
              line_series=[(0x7A0A0A, 80), (0x9C6500, 80)])
    add_chart(doc, sheet, "RollupByRegion", "A64", 150, 110, [rng(0, "K44", "M46")], True, True,
              "com.sun.star.chart.BarDiagram",
              "按区域汇总（SG_ROLLUP）" if zh else "Roll-up by region (SG_ROLLUP)",
              "区域" if zh else "Region", "金额" if zh else "Amount", swap=True,
              right_of="PaceByRep", reverse_categories=True, axis_format="#,##0")


def org_tree(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # One bar per region, stacked by its teams (block E27:H35: a row per team, the
    # regions across); each region's teams in shades of one colour.
    add_chart(doc, sheet, "TeamsByRegion", "E38", 165, 75, [rng(0, "E27", "H35")], True, True,
              "com.sun.star.chart.BarDiagram",
              "2026 财年各区域目标及其团队分解（SG_CASCADE）" if zh else
              "FY2026 target by region, split into its teams (SG_CASCADE)",
              "区域" if zh else "Region", "目标" if zh else "Target", stacked=True, swap=True,
              reverse_categories=True, series_in_rows=True, axis_format="#,##0", step=3000000,
              colors=[0x08519C, 0x3182BD, 0x9ECAE1, 0xA63603, 0xE6550D, 0xFDAE6B,
                      0x006D2C, 0x74C476])


def region_product(doc, zh=False):
    sheet = doc.Sheets.getByIndex(0)
    # Beside the tables (right of column G): a column per region stacked by product line,
    # over the SG_SPLIT2D block A20:F24 (products in row 20, regions in A21:A24), so each
    # column's height is the region's target; the heat map keeps its place.
    add_chart(doc, sheet, "RegionsByProduct", "H5", 125, 110, [rng(0, "A20", "F24")], True,
              True, "com.sun.star.chart.BarDiagram",
              "2026 财年各区域目标按产品线分解（SG_SPLIT2D）" if zh else
              "FY2026 target by region, split by product line (SG_SPLIT2D)",
              "区域" if zh else "Region", "目标" if zh else "Target", stacked=True,
              axis_format="#,##0", step=1000000, offset=(6, 0),
              colors=[0xD95F02, 0x1B9E77, 0x7570B3, 0xE7298A, 0x66A61E])


SPECS = {
    "region-product-plan": region_product,
    "region-product-plan-zh": lambda d: region_product(d, zh=True),
    "org-tree-plan": org_tree,
    "org-tree-plan-zh": lambda d: org_tree(d, zh=True),
    "target-split": target_split,
    "target-split-zh": lambda d: target_split(d, zh=True),
    "funnel-planner": funnel_planner,
    "funnel-planner-zh": lambda d: funnel_planner(d, zh=True),
    "monthly-tracker": monthly_tracker,
    "monthly-tracker-zh": lambda d: monthly_tracker(d, zh=True),
    "team-dashboard": team_dashboard,
    "team-dashboard-zh": lambda d: team_dashboard(d, zh=True),
}


def main():
    global CTX
    pipe, src, dst, spec = sys.argv[1:5]
    with office(pipe, 60) as (CTX, desktop):
        doc = load_hidden(desktop, uno.systemPathToFileUrl(src))
        doc.calculateAll()
        for i in range(doc.Sheets.Count):  # the sample's charts as pasted last time
            charts = doc.Sheets.getByIndex(i).Charts
            for name in charts.ElementNames:
                charts.removeByName(name)
        SPECS[spec](doc)
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(dst),
                       (prop("FilterName", "OpenDocument Spreadsheet Flat XML"),))
        doc.close(True)
        print("PASS wrote %s" % dst)


main()
