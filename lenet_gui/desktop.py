"""What the desktop needs to know about the app (its id), and whether there is a desktop to show a window on.

Plain Python, no Qt: ``lenet-gui`` checks for a display before importing Qt, so that a machine without one gets a
sentence that says what to do instead of Qt's "could not load the Qt platform plugin "xcb"" abort, which blames a
plugin that is in fact installed.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

# The reverse-DNS application id (freedesktop): the .desktop file's and the AppStream metainfo's name, the icon's
# name, Qt's desktop file name (Wayland app_id) and the X11 window class the desktop file announces.
APP_ID = "io.github.lenet_gui.LeNetGUI"

NO_DISPLAY_MESSAGE = (
    "lenet-gui: no display to open the window on: neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set.\n"
    "Start it from a desktop session (or over ssh -X), or run it headless with QT_QPA_PLATFORM=offscreen "
    "(nothing is shown then; `lenet-gui --self-test` does that by itself).\n"
    "The command-line tools need no display: lenet-gui --help."
)


def display_problem(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, or None. Only Linux and the BSDs (X11/Wayland) can lack a display."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return NO_DISPLAY_MESSAGE
