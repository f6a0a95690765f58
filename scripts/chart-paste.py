"""Authoring tool: copy the charts Calc drew (scripts/chart-author.py) into a sample.

    python3 scripts/chart-paste.py build/charts/out/NAME.fods samples/NAME.fods

For every sheet of the Calc-written copy that has charts, its <table:shapes> block
replaces the one of the same sheet in the hand-written sample (or is added after the
<table:table> tag); the namespaces the frames use are declared on the sample's root.
The rest of the hand-written file is left as it is.
"""
import re
import sys

NAMESPACES = {
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
    "chart": "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
}


def main():
    src, dst = sys.argv[1:3]
    calc = open(src, encoding="utf-8").read()
    sample = open(dst, encoding="utf-8").read()
    for m in re.finditer(r'<table:table table:name="([^"]+)"[^>]*>\s*(<table:shapes>.*?</table:shapes>)',
                         calc, re.S):
        name, shapes = m.group(1), m.group(2)
        # The outer document's graphic styles are Calc's automatic ones: use the defaults.
        shapes = re.sub(r' draw:(?:text-)?style-name="[^"]*"', "", shapes.split("<office:document", 1)[0]) + \
            ("<office:document" + shapes.split("<office:document", 1)[1] if "<office:document" in shapes else "")
        shapes = re.sub(r"\n\s*", "\n", shapes)
        tag = re.search(r'<table:table table:name="%s"[^>]*>' % re.escape(name), sample)
        if not tag:
            sys.exit("chart-paste: no sheet %s in %s" % (name, dst))
        rest = sample[tag.end():]
        old = re.match(r"\s*<table:shapes>.*?</table:shapes>", rest, re.S)
        if old:
            rest = rest[old.end():]
        sample = sample[:tag.end()] + "\n" + shapes + rest
        print("chart-paste: %s: %d chart(s)" % (name, shapes.count("<draw:object")))
    root = re.search(r"<office:document [^>]*>", sample)
    head = root.group(0)
    for prefix, uri in NAMESPACES.items():
        if "xmlns:%s=" % prefix not in head:
            head = head.replace("<office:document ", '<office:document xmlns:%s="%s" ' % (prefix, uri), 1)
    sample = sample[:root.start()] + head + sample[root.end():]
    open(dst, "w", encoding="utf-8").write(sample)


main()
