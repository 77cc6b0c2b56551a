"""The entry point: run_gui opens the window, returns when it is closed, and leaves no widgets behind."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lenet_gui.ui import MainWindow
from lenet_gui.ui.app import GIL_SWITCH_INTERVAL_S, create_app, run_gui


def test_create_app_names_the_application(qapp) -> None:  # type: ignore[no-untyped-def]
    app = create_app()
    assert app.applicationName() == "LeNet GUI" and app.organizationName()
    assert not app.windowIcon().isNull()
    # Threads hand the interpreter over within a millisecond (the live prediction waits on it; issue 10).
    assert sys.getswitchinterval() == GIL_SWITCH_INTERVAL_S <= 0.001


def test_run_gui_returns_and_deletes_its_widgets(qapp) -> None:  # type: ignore[no-untyped-def]
    seen: list[bool] = []

    def close_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.append(bool(windows) and windows[0].isVisible())
        for window in windows:
            window.close()

    QTimer.singleShot(1500, close_window)
    assert run_gui([]) == 0
    assert seen == [True]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
