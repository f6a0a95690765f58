"""sg_uno — what a python3-uno script needs to drive the headless soffice
that lo_python (scripts/lo-profile.sh) starts on a private pipe: connect
(retrying until soffice accepts), load a document hidden, terminate; and the
few sheet operations the drivers all repeat (fill a formula down, time a
calculateAll).

Shared by cli/recalc.py, scripts/chart-author.py and the UNO scripts of
tests/integration and tests/bench. lo_python runs a copy of the script in the
profile's work folder, so the caller copies this module beside it first
(lo_py_module cli/sg_uno.py); `make install-cli` installs it beside recalc.py.
"""
import contextlib
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sheet.FillDirection import TO_BOTTOM


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, seconds):
    """The remote component context; soffice may still be starting, so
    NoConnectException is retried every 0.1 s for up to seconds."""
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


@contextlib.contextmanager
def office(pipe, seconds):
    """(the remote component context, soffice's Desktop): the context for
    services other than the Desktop (chart2 types, configuration). The Desktop
    is terminated when the block ends, however it ends (a failure to terminate
    is ignored: the bridge goes away as soffice exits)."""
    ctx = connect(pipe, seconds)
    d = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        yield ctx, d
    finally:
        try:
            d.terminate()
        except Exception:
            pass


@contextlib.contextmanager
def desktop(pipe, seconds):
    """soffice's Desktop, terminated when the block ends (as office())."""
    with office(pipe, seconds) as (_, d):
        yield d


def load_hidden(desk, url):
    """A document (a file URL, or private:factory/scalc for a new workbook), hidden."""
    return desk.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


def fill_down(cells, formula):
    """formula in the first cell of the one-column range cells, filled down to
    its last as a planner would (relative references move); setFormulaArray
    of thousands of cells is much slower."""
    cells.getCellByPosition(0, 0).setFormula(formula)
    cells.fillAuto(TO_BOTTOM, 1)


def timed_calculate_all(doc):
    """Seconds doc.calculateAll() took (wall clock)."""
    t0 = time.perf_counter()
    doc.calculateAll()
    return time.perf_counter() - t0
