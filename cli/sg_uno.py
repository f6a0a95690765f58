"""sg_uno — what a python3-uno script needs to drive the headless soffice
that lo_python (scripts/lo-profile.sh) starts on a private pipe: connect
(retrying until soffice accepts), load a document hidden, terminate.

Shared by cli/recalc.py and tests/integration/harden.py. lo_python runs a
copy of the script in the profile's work folder, so the caller copies this
module beside it first (lo_py_module cli/sg_uno.py); `make install-cli`
installs it beside recalc.py.
"""
import contextlib
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


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
def desktop(pipe, seconds):
    """soffice's Desktop; terminated when the block ends, however it ends
    (a failure to terminate is ignored: the bridge goes away as soffice exits)."""
    ctx = connect(pipe, seconds)
    d = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        yield d
    finally:
        try:
            d.terminate()
        except Exception:
            pass


def load_hidden(desk, url):
    """A document (a file URL, or private:factory/scalc for a new workbook), hidden."""
    return desk.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
