"""Authoring tool: the Chinese copy of a sample, NAME-zh.fods, from samples/NAME.fods.

    python3 scripts/zh-copy.py samples/NAME.fods samples/NAME-zh.fods scripts/zh/NAME.json
    scripts/author-charts.sh NAME-zh     # then draw its charts with Chinese titles

Not part of the build. The table (JSON) gives "texts": every cell text in English -> its
Chinese; "sheets": sheet names -> Chinese (renamed in formulas and conditional formats too);
"raw": exact replacements elsewhere in the file (document title, number formats); "keep":
texts that stay as they are (codes such as RED, names, patterns). The charts are dropped
(scripts/author-charts.sh redraws them); texts with English words that the table does not
cover are listed, so a new cell in the English sample is not left untranslated unnoticed.
"""
import re, sys, json

src, dst, table = sys.argv[1:4]
spec = json.load(open(table, encoding="utf-8"))
texts, sheets = spec["texts"], spec["sheets"]
doc = open(src, encoding="utf-8").read()
# charts are redrawn by scripts/author-charts.sh: drop them here
doc = re.sub(r"<table:shapes>.*?</table:shapes>\n?", "", doc, flags=re.S)
missing = set()


def tr(m):
    t = m.group(1)
    if t in texts:
        return "<text:p>%s</text:p>" % texts[t]
    if re.search(r"[A-Za-z]{3,}", t) and t not in spec.get("keep", []):
        missing.add(t)
    return m.group(0)


doc = re.sub(r"<text:p>(.*?)</text:p>", tr, doc, flags=re.S)
for old, new in sheets.items():
    doc = doc.replace('table:name="%s"' % old, 'table:name="%s"' % new)
    doc = doc.replace("[$%s." % old, "[$'%s'." % new).replace(":$%s." % old, ":$'%s'." % new)
    doc = re.sub(r'(calcext:(?:target-range|base-cell)-address="[^"]*)', lambda m: m.group(1).replace(old + ".", new + "."), doc)
for old, new in spec.get("raw", {}).items():
    assert old in doc, old
    doc = doc.replace(old, new)
if missing:
    print("zh-copy: untranslated (kept in English):")
    for t in sorted(missing):
        print("  " + repr(t))
open(dst, "w", encoding="utf-8").write(doc)
