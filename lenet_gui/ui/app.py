"""The application object and the GUI's entry point (``lenet-gui`` with no subcommand calls ``run_gui``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from lenet_gui import __version__
from lenet_gui.desktop import APP_ID
from lenet_gui.resources import icon_path
from lenet_gui.ui import i18n
from lenet_gui.ui.main_window import MainWindow

APP_NAME = "LeNet GUI"
ORGANIZATION = "LeNet GUI"
# How long a Python thread may hold the GIL while another waits for it. Three threads take turns: the GUI thread,
# the inference thread predicting each mouse move, and a training run's thread. At Python's default, 5 ms, a
# prediction or its answer waited up to 5 ms for the interpreter at each hand-over: stroke → prediction while
# training measured p95 10-11 ms, and 7.6-7.9 ms at 1 ms with the same run speed (benchmarks/bench_gui.py).
GIL_SWITCH_INTERVAL_S = 0.001


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (created if needed) with the app's name, organisation, version and icon set.

    Mouse motion is never compressed: Qt's X11 plugin otherwise merges the motion events that queue up while the GUI
    thread is busy (loading torch takes the interpreter for up to a second), and a 7 drawn meanwhile comes out with
    its corner cut off. The canvas joins every point it gets; a few more events per second cost nothing. Set after
    the QApplication exists: the X11 plugin turns compression on while it starts. The interpreter's switch interval
    is shortened too (``GIL_SWITCH_INTERVAL_S``).
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        app = QApplication(["lenet-gui", *(argv if argv is not None else sys.argv[1:])])
    assert isinstance(app, QApplication)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents, False)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland's app_id: the desktop file, hence the icon, in the dock
    icon = icon_path()
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(argv: list[str]) -> int:
    """Open the main window and run until it is closed; returns the exit code.

    ``argv`` holds Qt's own options only (``-platform offscreen``, ``-style fusion``…), not the program name.
    The language (English or Korean, ``ui.i18n``) is chosen here, before the window exists, and not in
    ``create_app``: tests and the self-test build windows in English whatever the machine's locale.
    Every widget is deleted before this returns: PySide can crash when widgets are left to interpreter shutdown.
    """
    app = create_app(argv)
    i18n.install_translations(app)  # before the first widget: widgets translate their texts when they are made
    window = MainWindow(lazy_panels=True)
    window.show()
    try:
        code = app.exec()
    finally:
        window.shutdown()
        shiboken6.delete(window)
        del window
        for widget in QApplication.topLevelWidgets():
            shiboken6.delete(widget)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        i18n.uninstall_translations(app)
    if i18n.restart_requested():  # View ▸ Language ▸ … ▸ Restart now, once this one's workers have stopped
        i18n.start_again()
    return int(code)
