"""Recalculate a workbook in a headless LibreOffice and save it (salesgoal recalc).

Run by salesgoal-recalc through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 recalc.py PIPE IN OUTDIR STEM FORMAT VALUES [PROGRESS_FD]
Loads IN hidden, recalculates every formula (calculateAll), with VALUES=1
replaces every salesgoal formula (SG_...) by the value it shows (array
formulas as a whole), and stores OUTDIR/STEM.FORMAT (csv: one file per
sheet, STEM-SHEET.csv, when there are several). Phases go to PROGRESS_FD
as lines ("load", "recalc", "values", "save"). Terminates soffice when done.
Exit status 0, or 1 with the reason on stderr. Needs sg_uno.py beside it.
"""
import os
import re
import sys

import uno

from sg_uno import desktop, load_hidden, prop

FILTERS = {
    "xlsx": "Calc MS Excel 2007 XML",
    "pdf": "calc_pdf_Export",
    "csv": "Text - txt - csv (StarCalc)",
}
# ',' | '"' | UTF-8 | line 1 | - | lang | quote as needed | - | raw values |
# no formulas | no trimming | sheet N
CSV_OPTIONS = "44,34,76,1,,0,false,true,false,false,false,%d"
SALESGOAL_FORMULA = re.compile(r"(?i)(?<![A-Za-z0-9_])sg_\w+\s*\(|salesgoal")


def say(progress_fd, phase):
    if progress_fd is not None:
        try:
            os.write(progress_fd, (phase + "\n").encode())
        except OSError:
            pass


def used_area(sheet):
    cursor = sheet.createCursor()
    cursor.gotoStartOfUsedArea(False)
    cursor.gotoEndOfUsedArea(True)
    return cursor.getRangeAddress()


def freeze_sheet(sheet):
    """Every salesgoal formula of the sheet becomes its value. Returns the count."""
    area = used_area(sheet)
    rng = sheet.getCellRangeByPosition(area.StartColumn, area.StartRow,
                                       area.EndColumn, area.EndRow)
    formulas = rng.getFormulaArray()
    done = set()
    count = 0
    for r, row in enumerate(formulas):
        for c, formula in enumerate(row):
            col, line = area.StartColumn + c, area.StartRow + r
            if (col, line) in done or not formula.startswith(("=", "{")):
                continue
            if not SALESGOAL_FORMULA.search(formula):
                continue
            cell_range = sheet.getCellRangeByPosition(col, line, col, line)
            cursor = sheet.createCursorByRange(cell_range)
            try:
                cursor.collapseToCurrentArray()
                a = cursor.getRangeAddress()
            except Exception:  # not part of an array formula
                a = cell_range.getRangeAddress()
            block = sheet.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow)
            cells = []
            for y in range(a.StartRow, a.EndRow + 1):
                for x in range(a.StartColumn, a.EndColumn + 1):
                    cell = sheet.getCellByPosition(x, y)
                    # FormulaResult: 2 = text; an error keeps the text it shows (#N/A)
                    if cell.getError() != 0 or cell.FormulaResultType2 == 2:
                        cells.append((x, y, "text", cell.getString()))
                    else:
                        cells.append((x, y, "value", cell.getValue()))
            if a.StartColumn != a.EndColumn or a.StartRow != a.EndRow or formula.startswith("{"):
                block.setArrayFormula("")
            for x, y, kind, v in cells:
                cell = sheet.getCellByPosition(x, y)
                if kind == "text":
                    cell.setString(v)
                else:
                    cell.setValue(v)
                done.add((x, y))
                count += 1
    return count


def main():
    pipe, src, outdir, stem, fmt, values = sys.argv[1:7]
    progress_fd = int(sys.argv[7]) if len(sys.argv) > 7 and sys.argv[7] else None
    with desktop(pipe, 90) as desk:
        try:
            say(progress_fd, "load")
            doc = load_hidden(desk, uno.systemPathToFileUrl(src))
            if doc is None or not hasattr(doc, "Sheets"):
                print("recalc: LibreOffice could not open %s as a spreadsheet" % src, file=sys.stderr)
                return 1
            say(progress_fd, "recalc")
            doc.calculateAll()
            if values == "1":
                say(progress_fd, "values")
                for i in range(doc.Sheets.getCount()):
                    freeze_sheet(doc.Sheets.getByIndex(i))
                doc.calculateAll()
            say(progress_fd, "save")
            if fmt == "csv":
                # With a sheet number, Calc writes STEM-SHEETNAME.csv itself; one
                # sheet alone goes to STEM.csv (sheet 0: the first one).
                n = doc.Sheets.getCount()
                path = os.path.join(outdir, "%s.csv" % stem)
                for i in range(n) if n > 1 else [-1]:
                    doc.storeToURL(uno.systemPathToFileUrl(path),
                                   (prop("FilterName", FILTERS["csv"]),
                                    prop("FilterOptions", CSV_OPTIONS % (i + 1))))
            else:
                path = os.path.join(outdir, "%s.%s" % (stem, fmt))
                doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", FILTERS[fmt]),))
            doc.close(True)
        except Exception as e:  # a UNO failure: say what, fail
            print("recalc: %s: %s" % (type(e).__name__, getattr(e, "Message", e)), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
