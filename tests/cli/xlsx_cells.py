"""Read cells back from an .xlsx written by `salesgoal recalc` (tests/cli/run.sh).

    python3 xlsx_cells.py FILE SHEET CELL...
prints one line per cell: "CELL VALUE FORMULA", VALUE the cached value as
stored (shared strings resolved, "-" when the cell has none), FORMULA the
cell's formula text or "-" (an array formula's cells other than its first
have none). Only the standard library: zipfile and ElementTree.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def sheet_path(z, name):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    for s in wb.findall("m:sheets/m:sheet", NS):
        if s.get("name") == name:
            target = targets[s.get("{%s}id" % NS["r"])]
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise SystemExit("no sheet %r in the workbook" % name)


def main():
    path, sheet, cells = sys.argv[1], sys.argv[2], sys.argv[3:]
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        root = ET.fromstring(z.read(sheet_path(z, sheet)))
        found = {}
        for c in root.iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            f = c.find("m:f", NS)
            value = v.text if v is not None else "-"
            if c.get("t") == "s" and v is not None:
                value = shared[int(v.text)]
            found[c.get("r")] = (value, f.text if f is not None and f.text else "-")
    for cell in cells:
        value, formula = found.get(cell, ("-", "-"))
        print("%s %s %s" % (cell, value, formula))


if __name__ == "__main__":
    main()
