"""Hardening checks in real Calc (issue 11): a hostile workbook, the snapshot
database swapped while Calc has it open, and a torture workbook.

Run by tests/integration/harden.sh through lo_python (scripts/lo-profile.sh):
    /usr/bin/python3 harden.py PIPE WORKDIR FUNCTIONS [WHOLE]
WORKDIR is writable by soffice (the workbooks are saved there, so each has a
URL: plans belong to the workbook file that first records them); the snapshot
database is $SALESGOAL_DB. FUNCTIONS is build/sg-gen list ("NAME NARGS"). WHOLE = 1 also times one
call with a million-cell result (SG_TORTURE_WHOLE_RESULT=1 in harden.sh).
Prints "PASS ..." / "FAIL ..." lines and "info: ..." figures; terminates
soffice when done. Needs cli/sg_uno.py beside it (harden.sh copies it).
"""
import hashlib
import os
import sqlite3
import sys
import time

import uno

from sg_uno import desktop, load_hidden

DB = os.environ.get("SALESGOAL_DB", "")
DAY = "DATE(2026;1;5)"
ROWS = 100000  # data rows of the torture workbook (and rules)
# Hang watchdogs, not performance claims: about 10 times what each takes
# here (the torture recalculation about 50 s on 2 shared cores; the
# million-cell result about 3 minutes), so only a hang trips them however
# loaded the machine. What the torture proves is checked by values below.
RECALC_HANG_WATCHDOG_S = 500
WHOLE_HANG_WATCHDOG_S = 1800


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    sys.stdout.flush()
    return ok


def db_query(path, sql, args=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def intact(path):
    return db_query(path, "PRAGMA integrity_check") == [("ok",)]


class Calc:
    def __init__(self, desk, workdir):
        self.desktop = desk
        self.workdir = workdir

    def new(self, name=None):
        """A new workbook, saved as WORKDIR/name (so it has a URL) unless name is None."""
        doc = load_hidden(self.desktop, "private:factory/scalc")
        if name:
            doc.storeAsURL(uno.systemPathToFileUrl(os.path.join(self.workdir, name)), ())
        return doc

    def load(self, name):
        return load_hidden(self.desktop, uno.systemPathToFileUrl(os.path.join(self.workdir, name)))


def cell(doc, ref, sheet=0):
    return doc.Sheets.getByIndex(sheet).getCellRangeByName(ref)


def formula_value(doc, ref, formula):
    """Enter a formula; Calc computes it (and only it: calculateAll would
    run every SG_SNAPSHOT of the sheet again)."""
    c = cell(doc, ref)
    c.setFormula(formula)
    doc.calculate()
    return c


def is_error(c):
    return c.getError() != 0


def last_error(doc):
    c = cell(doc, "Z1")
    c.setFormula("=SG_LASTERROR()")
    doc.calculate()
    return c.getString()


# ------------------------------------------------------------ hostile workbook

def hostile_workbook(calc):
    """A received workbook writing into (and reading) a plan another workbook owns."""
    owner = calc.new("owner.ods")
    c = formula_value(owner, "A1", '=SG_SNAPSHOT("FY-owned";"North";%s;1000;800)' % DAY)
    check(not is_error(c) and c.getValue() == 1, "owner workbook records FY-owned North = 800")
    # The owner corrects the figure: the latest is 900, 800 stays as a revision.
    c = formula_value(owner, "A1", '=SG_SNAPSHOT("FY-owned";"North";%s;1000;900)' % DAY)
    check(not is_error(c), "owner workbook overwrites it with 900")
    owner.store()
    owner.close(True)

    # The hostile workbook: saved elsewhere, closed, then opened as received.
    hostile = calc.new("received.ods")
    cell(hostile, "A1").setFormula('=SG_SNAPSHOT("FY-owned";"North";%s;1000;1)' % DAY)
    cell(hostile, "A2").setFormula('=SG_HISTORY("FY-owned";"North")')
    cell(hostile, "A3").setFormula('=SG_SNAPSHOT("FY-received";"North";%s;10;5)' % DAY)
    hostile.store()
    hostile.close(True)
    hostile = calc.load("received.ods")
    hostile.calculateAll()
    check(is_error(cell(hostile, "A1")), "received workbook: SG_SNAPSHOT into the owned plan is an error")
    message = last_error(hostile)
    cell(hostile, "A1").setFormula('=SG_SNAPSHOT("FY-owned";"North";%s;1000;1)' % DAY)
    hostile.calculateAll()
    message = last_error(hostile)
    check("belongs to another workbook" in message and "SALESGOAL_SHARED_PLANS" in message,
          "the message says why and how to share: %s" % message[:160])
    check(is_error(cell(hostile, "A2")), "received workbook: SG_HISTORY of the owned plan is an error")
    check(not is_error(cell(hostile, "A3")), "received workbook may keep plans of its own")
    hostile.close(True)

    latest = db_query(DB, "SELECT actual FROM snapshot WHERE plan='FY-owned' AND unit='North'")
    check(latest == [(900.0,)], "the stored actual is still 900 (got %s)" % latest)
    revisions = db_query(DB, "SELECT actual FROM snapshot_revision WHERE plan='FY-owned'")
    check(revisions == [(800.0,)], "the overwritten 800 is kept as a revision (got %s)" % revisions)
    owners = db_query(DB, "SELECT plan, document FROM plan_access WHERE role='owner' ORDER BY plan")
    check([p for p, d in owners] == ["FY-owned", "FY-received"]
          and owners[0][1].endswith("/owner.ods") and owners[1][1].endswith("/received.ods"),
          "each plan is bound to the workbook that created it: %s" % owners)

    unsaved = calc.new()
    c = formula_value(unsaved, "A1", '=SG_SNAPSHOT("FY-unsaved";"North";%s;1;1)' % DAY)
    check(is_error(c) and "save this workbook first" in last_error(unsaved),
          "an unsaved workbook is asked to save first")
    unsaved.close(True)


# ------------------------------------------------------------ swapped database

def file_sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def swapped_database(calc):
    """Calc keeps the database open; a backup is restored under it, then another
    program's database is put in its place."""
    doc = calc.new("swap.ods")
    c = formula_value(doc, "A1", '=SG_SNAPSHOT("FY-swap";"u1";%s;100;1)' % DAY)
    check(not is_error(c), "swap: first snapshot written")
    backup = DB + ".backup"
    src = sqlite3.connect(DB)
    dst = sqlite3.connect(backup)
    src.backup(dst)  # a consistent copy, as a backup tool makes it
    src.close()
    dst.close()
    c = formula_value(doc, "A2", '=SG_SNAPSHOT("FY-swap";"u2";%s;100;2)' % DAY)
    check(not is_error(c), "swap: second snapshot written after the backup")
    moved = DB + ".before-restore"
    os.rename(DB, moved)
    os.rename(backup, DB)  # the backup restored while Calc has the file open
    c = formula_value(doc, "A3", '=SG_SNAPSHOT("FY-swap";"u3";%s;100;3)' % DAY)
    check(not is_error(c), "swap: snapshot after the restore written")
    rows = db_query(DB, "SELECT unit FROM snapshot WHERE plan='FY-swap' ORDER BY unit")
    check(intact(DB), "swap: the restored database passes integrity_check")
    check(rows == [("u1",), ("u3",)],
          "swap: the write after the restore is in the restored file (units %s)" % rows)
    check(intact(moved) and db_query(moved, "SELECT count(*) FROM snapshot WHERE plan='FY-swap'")
          == [(2,)], "swap: the replaced file keeps its two rows, intact")

    foreign = DB + ".crm"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE deals (id INTEGER PRIMARY KEY, amount REAL)")
    con.executemany("INSERT INTO deals VALUES (?, ?)", [(i, i * 10.0) for i in range(2000)])
    con.commit()
    con.close()
    before = file_sha(foreign)
    restored = DB + ".restored"
    os.rename(DB, restored)
    os.rename(foreign, DB)
    c = formula_value(doc, "A4", '=SG_SNAPSHOT("FY-swap";"u4";%s;100;4)' % DAY)
    message = last_error(doc)
    check(is_error(c) and "another program" in message,
          "swap: another program's file in its place is refused: %s" % message[:120])
    check(file_sha(DB) == before, "swap: the other program's file is byte for byte unchanged")
    wal = DB + "-wal"
    check(not os.path.exists(wal) or os.path.getsize(wal) == 0,
          "swap: no WAL frames beside it (the old file's -wal is empty)")
    os.rename(DB, foreign)
    os.rename(restored, DB)
    c = formula_value(doc, "A5", '=SG_SNAPSHOT("FY-swap";"u5";%s;100;5)' % DAY)
    check(not is_error(c) and intact(DB), "swap: back on the restored file, writes go on")
    doc.store()
    doc.close(True)


# ------------------------------------------------------------ torture workbook

def torture(calc, functions):
    """Every function with the worst arguments; all cells end as a value or an
    error, the calls that can answer give the right values, refused calls
    write nothing, and soffice stays alive (the recalculation only has a
    hang watchdog)."""
    doc = calc.new("torture.ods")
    doc.enableAutomaticCalculation(False)  # enter everything, then one timed recalculation
    sheets = doc.Sheets
    sheets.insertNewByName("Data", 1)
    data = sheets.getByName("Data")
    t0 = time.time()
    # Filled by array formulas: entering 600,000 cells one by one over UNO
    # takes many minutes; the SG_ functions read formula results as values.
    fill = [
        ("A", '="APAC/R"&(ROW()-1)'),
        ("B", "=MOD(ROW()-1;1000)/1000"),
        ("C", '="^APAC/R"&(ROW()-1)&"$"'),
        ("D", "=0.5+0*ROW()"),
        ("E", "=0.6+0*ROW()"),
        ("F", '=IF(ROW()<=3000;REPT("a";25)&"b";"")'),
    ]
    for col, formula in fill:
        data.getCellRangeByName("%s1:%s%d" % (col, col, ROWS)).setArrayFormula(formula)
    doc.calculateAll()
    g = data.getCellRangeByName("G1")
    g.setString("A\x00B")  # a UNO string holding U+0000
    data.getCellRangeByName("G2").setString("n" * 10000)
    data.getCellRangeByName("G3").setFormula("=1/0")
    nul_kept = "\x00" in g.getString()
    print("info: a cell set to \"A\\x00B\" over UNO reads back as %r" % g.getString())
    print("info: torture data (%d rows, %d rules) entered in %.1f s" % (ROWS, ROWS, time.time() - t0))
    sys.stdout.flush()

    worst = [
        ("whole column", "$Data.B:B"),
        ("whole text column", "$Data.A:A"),
        ("largest number", "1E308"),
        ("most negative", "-1E308"),
        ("tiny", "1E-308"),
        ("subnormal", "4.9E-324"),
        ("NUL text", "$Data.G1"),
        ("10 KB text", "$Data.G2"),
        ("error", "$Data.G3"),
    ]
    sheet = sheets.getByIndex(0)
    cells = []  # (ref, what)
    row = 1

    def put(what, formula):
        nonlocal row
        ref = "A%d" % row
        sheet.getCellRangeByName(ref).setFormula(formula)
        sheet.getCellRangeByName("B%d" % row).setString(what)
        cells.append((ref, what))
        row += 1

    # Whole columns where one value (or a column of single results) is
    # expected; a 100,000-row range elsewhere. A whole column into a function
    # that returns a range shaped like it is a million-cell result, which Calc
    # 7.4 itself needs minutes to take in (issue 11 item 8): one such call is
    # timed on its own below.
    long_col = {"$Data.B:B": "$Data.B1:B%d" % ROWS, "$Data.A:A": "$Data.A1:A%d" % ROWS}
    for name, nargs in functions:
        for what, arg in worst:
            if not what.startswith("whole"):
                put("%s, every argument %s" % (name, what),
                    "=%s(%s)" % (name, ";".join([arg] * nargs)))
            elif nargs:
                put("%s, every argument %s rows of %s" % (name, ROWS, what),
                    "=%s(%s)" % (name, ";".join([long_col[arg]] * nargs)))
    put("SG_ROLLUP, whole columns", '=SG_ROLLUP($Data.A:A;$Data.B:B;"^APAC/")')
    rollup_ref = cells[-1][0]
    put("SG_SNAPSHOT, whole column of units", '=SG_SNAPSHOT("FY-whole";$Data.A:A;%s;1;1)' % DAY)
    whole_units_ref = cells[-1][0]
    put("SG_TREND, whole columns", "=SG_TREND($Data.A:A;$Data.A:A;$Data.B:B)")
    rng = "$Data.%s1:%s%d"
    put("SG_ALERT, 100,000 rules, 100,000 values",
        "=SG_ALERT(%s;;%s;%s)" % (rng % ("B", "B", ROWS), rng % ("A", "A", ROWS),
                                 "$Data.C1:E%d" % ROWS))
    put("SG_ROLLUP, near-limit pattern on 3,000 rows",
        '=SG_ROLLUP(%s;%s;"^(a|aa)+$")' % (rng % ("F", "F", ROWS), rng % ("B", "B", ROWS)))
    put("SG_ROLLUP, catastrophic pattern", '=SG_ROLLUP($Data.F1:F10;$Data.B1:B10;"(a+)+$")')
    catastrophic_ref = cells[-1][0]
    put("SG_SNAPSHOT, 100,000 units in one call",
        '=SG_SNAPSHOT("FY-torture";%s;%s;%s;%s)' % (rng % ("A", "A", ROWS), DAY,
                                                    rng % ("B", "B", ROWS), rng % ("B", "B", ROWS)))
    snapshot_ref = cells[-1][0]
    put("SG_SNAPSHOT, NUL in the unit", '=SG_SNAPSHOT("FY-torture";$Data.G1;%s;1;1)' % DAY)
    nul_ref = cells[-1][0]
    put("SG_SNAPSHOT, 10 KB plan name", '=SG_SNAPSHOT($Data.G2;"u";%s;1;1)' % DAY)
    put("SG_HISTORY, whole columns", "=SG_HISTORY($Data.A:A;$Data.A:A)")

    print("info: %d torture formulas entered; recalculating" % len(cells))
    sys.stdout.flush()
    t0 = time.time()
    doc.calculateAll()
    took = time.time() - t0
    print("info: torture recalculation of %d formulas took %.1f s" % (len(cells), took))
    bad = []
    errors = 0
    for ref, what in cells:
        c = sheet.getCellRangeByName(ref)
        if c.getError() != 0:
            errors += 1
        elif c.getType().value != "FORMULA":
            bad.append("%s (%s)" % (ref, what))
    check(not bad, "torture: every one of %d cells is a value or an error (%d errors)%s"
          % (len(cells), errors, "" if not bad else ": " + ", ".join(bad[:5])))
    check(took < RECALC_HANG_WATCHDOG_S, "torture: recalculation ended (hang watchdog %d s, "
          "not a performance bound: %.1f s)" % (RECALC_HANG_WATCHDOG_S, took))
    torture_values(sheet, rollup_ref, catastrophic_ref, snapshot_ref, whole_units_ref)
    if nul_kept:
        check(sheet.getCellRangeByName(nul_ref).getError() != 0,
              "torture: NUL in a unit name is an error, not a merged unit")
    check(doc.Sheets.getCount() == 2 and sheet.getCellRangeByName("A1").getFormula() != "",
          "torture: soffice is alive after the recalculation")
    # The million-cell result, alone: our part is milliseconds, Calc's own
    # minutes (more than 3 here), too long for make check until item 8 is
    # fixed; SG_TORTURE_WHOLE_RESULT=1 runs it.
    if not (len(sys.argv) > 4 and sys.argv[4] == "1"):
        print("info: SG_ALERT over whole columns (a million-cell result) skipped: set "
              "SG_TORTURE_WHOLE_RESULT=1 (takes minutes in Calc 7.4, issue 11 item 8)")
        doc.close(True)
        return
    whole_ref = "A%d" % row
    sheet.getCellRangeByName(whole_ref).setFormula("=SG_ALERT($Data.B:B;;$Data.A:A)")
    t0 = time.time()
    doc.calculate()
    whole_took = time.time() - t0
    print("info: SG_ALERT over whole columns (a 1,048,576-cell result) took %.1f s in Calc"
          % whole_took)
    c = sheet.getCellRangeByName(whole_ref)
    check(c.getError() != 0 or c.getString() != "", "torture: SG_ALERT over whole columns gives a value")
    check(whole_took < WHOLE_HANG_WATCHDOG_S,
          "torture: SG_ALERT over whole columns ended (hang watchdog %d s, not a performance "
          "bound: %.1f s)" % (WHOLE_HANG_WATCHDOG_S, whole_took))
    doc.close(True)


def torture_values(sheet, rollup_ref, catastrophic_ref, snapshot_ref, whole_units_ref):
    """What the torture must give, worked out from the data: Data.B of row r
    is MOD(r-1;1000)/1000, so each block of 1,000 rows adds up to
    (0 + 1 + ... + 999)/1000 = 499.5, and the 100 blocks to 49,950."""
    rollup = sheet.getCellRangeByName(rollup_ref)
    check(rollup.getError() == 0 and abs(rollup.getValue() - 49950) < 1e-6,
          "torture: SG_ROLLUP of whole columns under ^APAC/ is 49950 (got %s)"
          % (rollup.getValue() if rollup.getError() == 0 else "error %d" % rollup.getError()))
    check(sheet.getCellRangeByName(catastrophic_ref).getError() != 0,
          "torture: the catastrophic pattern (a+)+$ is an error, not a hang")
    snapshot = sheet.getCellRangeByName(snapshot_ref)
    check(snapshot.getError() == 0 and snapshot.getValue() == ROWS,
          "torture: SG_SNAPSHOT of 100,000 units records %d rows (got %s)" % (ROWS, snapshot.getString()))
    # The database, a second witness: every unit once, the NUL one not
    # merged into "A", APAC/R1234 with MOD(1234;1000)/1000, the same sum.
    stored = db_query(DB, "SELECT count(*), count(DISTINCT unit), sum(actual) FROM snapshot "
                          "WHERE plan='FY-torture'")[0]
    check(stored[0] == ROWS and stored[1] == ROWS and abs(stored[2] - 49950) < 1e-6,
          "torture: the database holds %d distinct units of FY-torture adding up to 49950 (%s)"
          % (ROWS, stored,))
    one = db_query(DB, "SELECT actual, target FROM snapshot WHERE plan='FY-torture' "
                       "AND unit='APAC/R1234'")
    check(len(one) == 1 and abs(one[0][0] - 0.234) < 1e-12 and abs(one[0][1] - 0.234) < 1e-12,
          "torture: APAC/R1234 is stored with actual and target 0.234 (%s)" % one)
    # Refused calls write nothing.
    refused = db_query(DB, "SELECT count(*) FROM snapshot WHERE plan='FY-whole' "
                           "OR length(plan) >= 10000")[0][0]
    check(sheet.getCellRangeByName(whole_units_ref).getError() != 0 and refused == 0,
          "torture: SG_SNAPSHOT of a whole column and of a 10 KB plan are refused and write "
          "nothing (%d rows)" % refused)


def main():
    pipe, workdir, functions_file = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(functions_file, encoding="utf-8") as f:
        # "NAME NARGS FLAGS" (FLAGS: r or o per argument, see functions/gen.c list)
        functions = [(n, int(k)) for n, k, *_ in (line.split() for line in f if line.strip())]
    check(DB.startswith("/"), "SALESGOAL_DB is set for soffice (%s)" % DB)
    with desktop(pipe, 60) as desk:
        calc = Calc(desk, workdir)
        hostile_workbook(calc)
        swapped_database(calc)
        torture(calc, functions)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a dead soffice shows up here
        print("FAIL harden.py stopped: %r" % (e,))
        sys.exit(1)
