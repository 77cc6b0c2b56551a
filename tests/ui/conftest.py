"""Qt fixtures: an isolated settings file and data folder per test, a MainWindow, drawing helpers, leak checks."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication
from qt_helpers import PREDICTION_TIMEOUT_MS, toy_source


@pytest.fixture(autouse=True)
def isolated_app(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The app's names and icon, a settings file of its own and a private user data folder for every test.

    Also fails a test that leaves new top-level widgets alive after pytest-qt has closed the ones it was given.
    """
    from lenet_gui.ui.app import create_app

    create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield qapp
    gc.collect()  # pyqtgraph's parentless ViewBox menus go when their Python owners are collected
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and not w.parent()]
    assert not leaked, f"test leaked top-level widgets: {[type(w).__name__ + ':' + w.objectName() for w in leaked]}"


@pytest.fixture()
def window(qtbot):  # type: ignore[no-untyped-def]
    """A shown MainWindow whose network has loaded (synthetic training data unless a test passes its own)."""
    from lenet_gui.ui import MainWindow

    win = MainWindow(data_source=toy_source(600, 200))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(lambda: win.prediction_panel.verdict.text() == "Draw a digit", timeout=PREDICTION_TIMEOUT_MS)
    return win
