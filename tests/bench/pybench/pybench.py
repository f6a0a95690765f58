"""The bench's Python-UNO comparison add-in (issue 15): what a planner's IT
department could write instead of salesgoal, doing the same work as
per-cell SG_PROGRESS(...; "pace") and SG_SPLIT(total; weights; unit).

Not part of salesgoal: built into build/bench/pybench.oxt by `make bench`
and installed only in the bench's own soffice profile (tests/bench/calc.sh).
Like salesgoal it receives the calling document and reads its NullDate on
every call, so the two pay for the same UNO traffic.
"""
import math

import uno
import unohelper
from com.sun.star.lang import IllegalArgumentException, XLocalizable, XServiceInfo, XServiceName
from org.salesgoal.bench import XPyBench

IMPL = "org.salesgoal.bench.PyBenchImpl"
SERVICE = "org.salesgoal.bench.PyBench"
ADDIN = "com.sun.star.sheet.AddIn"


def number(grid, what):
    """The single number of a 1 x 1 argument."""
    try:
        value = grid[0][0]
    except (IndexError, TypeError):
        value = None
    if not isinstance(value, float):
        raise IllegalArgumentException("%s must be a number" % what, None, 0)
    return value


class PyBench(unohelper.Base, XPyBench, XServiceName, XServiceInfo, XLocalizable):
    def __init__(self, ctx):
        self.ctx = ctx
        self.locale = uno.createUnoStruct("com.sun.star.lang.Locale")

    # XServiceName, XServiceInfo, XLocalizable
    def getServiceName(self):
        return SERVICE

    def getImplementationName(self):
        return IMPL

    def supportsService(self, name):
        return name in (SERVICE, ADDIN)

    def getSupportedServiceNames(self):
        return (SERVICE, ADDIN)

    def setLocale(self, locale):
        self.locale = locale

    def getLocale(self):
        return self.locale

    # XPyBench
    def PYB_PROGRESS(self, document, target, actual, start, end, as_of, metric):
        """Pace: actual / (target x elapsed days / days), as SG_PROGRESS."""
        document.getPropertyValue("NullDate")  # as salesgoal does, per call
        t, a = number(target, "target"), number(actual, "actual")
        s, e, d = (math.floor(number(g, n)) for g, n in ((start, "start"), (end, "end"), (as_of, "as_of")))
        if metric != "pace" or e < s:
            raise IllegalArgumentException("only pace over start <= end", None, 6)
        days = e - s + 1
        last = min(d, e)
        elapsed = 0 if last < s else last - s + 1
        expected = t if elapsed == days else t * elapsed / days
        if expected <= 0:
            raise IllegalArgumentException("nothing expected yet", None, 5)
        return a / expected

    def PYB_SPLIT(self, total, weights, unit):
        """Largest remainder in whole units; ties to the earlier row."""
        t = number(total, "total")
        u = unit if isinstance(unit, float) and unit > 0 else 1.0
        w = [row[0] if row and isinstance(row[0], float) else 0.0 for row in weights]
        s = sum(w)
        if s <= 0 or any(x < 0 for x in w):
            raise IllegalArgumentException("weights must be >= 0 with a positive sum", None, 1)
        shares = [t * x / s for x in w]
        parts = [math.floor(x / u) * u for x in shares]
        left = round((t - sum(parts)) / u)
        for i in sorted(range(len(w)), key=lambda k: (-(shares[k] - parts[k]), k))[:left]:
            parts[i] += u
        return tuple((p,) for p in parts)  # sequence<sequence<double>> in the IDL


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(PyBench, IMPL, (SERVICE, ADDIN))
