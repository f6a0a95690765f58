"""Check the Function Wizard texts of the salesgoal add-in over UNO.

Run by tests/integration/run.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 describe.py PIPE FUNCTIONS [LANG]
FUNCTIONS is a file of "NAME NARGS FLAGS" lines (build/sg-gen list: the
catalogue); FLAGS has one letter per argument, r = required, o = optional, and
every argument's IsOptional in FunctionDescriptions must match it.
LANG is "en" (default) or "zh": the UI language the profile was set to; with
"zh" every description must be Chinese, and so must an SG_LASTERROR message.
Connects to a headless soffice on the named pipe, reads the
com.sun.star.sheet.FunctionDescriptions service and prints one line per check,
"PASS ..." or "FAIL ...". Terminates soffice when done.
"""
import sys
import time

from sg_uno import connect, load_hidden  # cli/sg_uno.py, copied beside this script by run.sh


def expected_functions(path):
    """function -> "r"/"o" per argument the user sees, from the catalogue."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            name, n, flags = line.split()
            flags = "" if flags == "-" else flags
            if len(flags) != int(n):
                print("FAIL %s: %s flags for %s arguments in %s" % (name, flags, n, path))
            out[name] = flags
    return out


def has_cjk(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def language_ok(text, lang):
    """Chinese UI: the text is Chinese. (English help may quote a Chinese
    unit name such as 张三, so English is not checked for the absence of CJK.)"""
    return has_cjk(text) if lang == "zh" else bool(text.strip())


def check_error_message(doc, lang):
    """A failing SG_SPLIT, then SG_LASTERROR: the message is in the UI language."""
    sheet = doc.Sheets.getByIndex(0)
    sheet.getCellRangeByName("A1").setFormula("=SG_SPLIT(10;-1)")
    sheet.getCellRangeByName("A2").setFormula('=IF(ISERROR(A1);SG_LASTERROR();"")')
    doc.calculateAll()
    message = sheet.getCellRangeByName("A2").getString()
    word = "权重" if lang == "zh" else "weights"
    english_ok = lang == "zh" or not has_cjk(message)
    if message.startswith("SG_SPLIT") and word in message and language_ok(message, lang) and english_ok:
        print("PASS SG_LASTERROR message in the UI language: %s" % message)
    else:
        print("FAIL SG_LASTERROR message not in the UI language: [%s]" % message)
    # SG_WHY: the same reason, worked out for that cell, naming the sheet cell.
    sheet.getCellRangeByName("C1").setValue(-1)
    sheet.getCellRangeByName("A3").setFormula("=SG_SPLIT(10;C1:C2)")
    sheet.getCellRangeByName("A4").setFormula("=SG_WHY(A3)")
    doc.calculateAll()
    why = sheet.getCellRangeByName("A4").getString()
    english_ok = lang == "zh" or not has_cjk(why)
    if why.startswith("SG_SPLIT") and word in why and "C1" in why and language_ok(why, lang) and english_ok:
        print("PASS SG_WHY message in the UI language, naming the cell: %s" % why)
    else:
        print("FAIL SG_WHY message not in the UI language or without the cell: [%s]" % why)
    # Never stale: fix the input, and the reason goes; break it again, it is back.
    sheet.getCellRangeByName("C1").setValue(1)
    doc.calculateAll()
    fixed = sheet.getCellRangeByName("A4").getString()
    sheet.getCellRangeByName("C1").setValue(-2)
    doc.calculateAll()
    again = sheet.getCellRangeByName("A4").getString()
    if fixed == "" and "-2" in again and "C1" in again:
        print("PASS SG_WHY is empty once the cell is fixed, and names the new fault when broken again")
    else:
        print("FAIL SG_WHY after fixing C1: [%s]; after breaking it again: [%s]" % (fixed, again))


def check_text_array_compare(doc):
    """Text in an array result compares like typed text (="AMBER", COUNTIF)."""
    sheet = doc.Sheets.getByIndex(0)
    for row, value in enumerate((0.5, 0.9, 1.0)):  # RED, AMBER, GREEN
        sheet.getCellByPosition(3, row).setValue(value)
    sheet.getCellRangeByName("E1:E3").setArrayFormula("=SG_ALERT(D1:D3)")
    sheet.getCellRangeByName("F1").setFormula('=E2="AMBER"')
    sheet.getCellRangeByName("F2").setFormula('=COUNTIF(E1:E3;"RED")')
    sheet.getCellRangeByName("F3").setFormula('=MATCH("GREEN";E1:E3;0)')
    doc.calculateAll()
    got = [sheet.getCellRangeByName(c).getValue() for c in ("F1", "F2", "F3")]
    if got == [1.0, 1.0, 3.0]:
        print("PASS text in an array result compares as text (=, COUNTIF, MATCH)")
    else:
        print("FAIL text in an array result: =\"AMBER\", COUNTIF, MATCH gave %s, "
              "expected [1, 1, 3]" % got)


def check_whole_column(doc):
    """Whole-column calls (issue 11 item 8): right, and quick (the add-in returns only the
    used part; Calc 7.4 stores a big text result in time that grows with rows squared)."""
    sheet = doc.Sheets.getByIndex(0)
    sheet.getCellRangeByName("X1:X4").setDataArray(((0.5,), (0.9,), (1.0,), (0.2,)))  # R A G R
    sheet.getCellRangeByName("Y1").setFormula('=COUNTIF(SG_ALERT(X:X);"RED")')
    sheet.getCellRangeByName("Y2").setFormula('=ROWS(SG_ALERT(X:X))')
    t0 = time.perf_counter()
    doc.calculateAll()
    seconds = time.perf_counter() - t0
    got = [sheet.getCellRangeByName(c).getValue() for c in ("Y1", "Y2")]
    if got == [2.0, 4.0]:
        print("PASS SG_ALERT(X:X): 2 RED, the used 4 rows returned")
    else:
        print("FAIL SG_ALERT(X:X): COUNTIF RED and ROWS gave %s, expected [2, 4]" % got)
    # ROWS = 4 above proves only the used part comes back. The time is only a hang
    # watchdog (a whole column of 1,048,576 results would take minutes), not a
    # performance claim: timing claims live in make bench.
    if seconds <= 60:
        print("PASS whole-column recalculation ended (%.2f s; hang watchdog 60 s)" % seconds)
    else:
        print("FAIL whole-column recalculation took %.2f s (hang watchdog 60 s)" % seconds)
    for c in ("X1:X4", "Y1:Y2"):
        sheet.getCellRangeByName(c).clearContents(1 | 4 | 16)  # values, strings, formulas


def props(seq):
    return {p.Name: p.Value for p in seq}


def main():
    EXPECTED = expected_functions(sys.argv[2])
    lang = sys.argv[3] if len(sys.argv) > 3 else "en"
    if not {"SG_SPLIT", "SG_BLEND", "SG_LASTERROR"} <= set(EXPECTED):
        print("FAIL the catalogue list %s lacks the core functions" % sys.argv[2])
    ctx = connect(sys.argv[1], 60)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        doc = load_hidden(desktop, "private:factory/scalc")
        fd = smgr.createInstanceWithContext("com.sun.star.sheet.FunctionDescriptions", ctx)
        found = {}
        for i in range(fd.getCount()):
            p = props(fd.getByIndex(i))
            name = p.get("Name", "")
            if name in EXPECTED:
                found[name] = p
        for name, flags in EXPECTED.items():
            nargs = len(flags)
            p = found.get(name)
            if p is None:
                print("FAIL %s not in FunctionDescriptions" % name)
                continue
            desc = (p.get("Description") or "").strip()
            if desc and language_ok(desc, lang):
                print("PASS %s has a description: %s" % (name, desc[:70]))
            else:
                print("FAIL %s has no description" % name)
            args = p.get("Arguments") or ()
            if len(args) == nargs:
                print("PASS %s lists %d arguments" % (name, nargs))
            else:
                print("FAIL %s lists %d arguments, expected %d: %s"
                      % (name, len(args), nargs, ", ".join(a.Name for a in args)))
            got = "".join("o" if a.IsOptional else "r" for a in args)
            if got == flags:
                print("PASS %s marks required/optional arguments as the catalogue: %s"
                      % (name, flags or "-"))
            else:
                print("FAIL %s IsOptional per argument %s, catalogue says %s"
                      % (name, got, flags))
            for a in args:
                if a.Name.strip() and a.Description.strip() and language_ok(a.Description, lang):
                    print("PASS %s argument %s: %s"
                          % (name, a.Name, a.Description.strip()[:60]))
                else:
                    print("FAIL %s argument [%s] has no name or no description"
                          % (name, a.Name))
        check_error_message(doc, lang)
        check_text_array_compare(doc)
        check_whole_column(doc)
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away as soffice exits
            pass


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report, never hang
        print("FAIL UNO check raised %s: %s" % (type(e).__name__, e))
        sys.exit(1)
