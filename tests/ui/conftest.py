"""Qt fixtures: an isolated settings file and data folder per test, a MainWindow, drawing helpers, leak checks."""

from __future__ import annotations

import gc
import os
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, QThread
from PySide6.QtWidgets import QApplication
from qt_helpers import PREDICTION_TIMEOUT_MS, toy_source

from lenet_gui.ui import MainWindow, main_window
from lenet_gui.ui.app import create_app


@pytest.fixture(autouse=True)
def isolated_app(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The app's names and icon, a settings file of its own and a private user data folder for every test.

    Also fails a test that leaves new top-level widgets alive after pytest-qt has closed the ones it was given.
    """

    create_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    before = {id(w) for w in QApplication.topLevelWidgets()}
    # What is alive now (the last teardown collected the garbage) stays alive: gc.freeze sets it aside, so the
    # collections below scan only what this test made. Scanning the whole heap (torch, torch.export, onnxscript:
    # over a million objects by the end of the suite) took ~1 s a collection, and was half the suite's time.
    gc.freeze()
    yield qapp
    gc.collect()  # pyqtgraph's parentless ViewBox menus go when their Python owners are collected
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and not w.parent()]
    assert not leaked, f"test leaked top-level widgets: {[type(w).__name__ + ':' + w.objectName() for w in leaked]}"


THREAD_GRACE_S = 2.0  # a thread told to end by the window's shutdown has this long to be gone
_started_qthreads: weakref.WeakSet[QThread] = weakref.WeakSet()
_qthread_start = QThread.start


def _tracked_start(self: QThread, *args: object) -> None:
    _started_qthreads.add(self)
    _qthread_start(self, *args)


QThread.start = _tracked_start  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """Fails a test that leaves a thread of the app running once its windows are closed (pytest-qt closes them
    before fixtures end): a QThread, or a Python thread it started (napari's pattern). No thread of the app may
    outlive the window: at exit one would be torn down in the middle of torch (issue 16.1)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_GRACE_S
    while True:
        QCoreApplication.processEvents()
        python = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        qthreads = [t for t in list(_started_qthreads) if t.isRunning()]
        if not (python or qthreads) or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    waited = time.monotonic() - (deadline - THREAD_GRACE_S)
    if waited > 0.5 and os.environ.get("LENET_TEST_THREAD_LOG"):  # which threads make teardowns slow
        with open(os.environ["LENET_TEST_THREAD_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{waited:.2f} {[t.name for t in set(threading.enumerate()) - before]}\n")
    assert not python, f"test left threads running: {[t.name for t in python]}"
    assert not qthreads, f"test left QThreads running: {[t.objectName() for t in qthreads]}"


@pytest.fixture(autouse=True)
def close_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-qt closes every window at the end of a test: a window holding unkept weights would ask (issue 10.7)
    and stay open. Tests of that question turn it back on for their window (``win.ask_before_closing = True``)."""
    monkeypatch.setattr(MainWindow, "ask_before_closing", False)


@pytest.fixture(autouse=True)
def default_window_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offscreen screen is 800×800, where a first launch now opens a smaller window to fit it; the tests were
    written for the default 1240×760 and keep it (test_window_layout.py checks the small sizes themselves)."""
    monkeypatch.setattr(main_window, "first_size", lambda available: QSize(*main_window.DEFAULT_SIZE))


@pytest.fixture()
def window(qtbot):  # type: ignore[no-untyped-def]
    """A shown MainWindow whose network has loaded (synthetic training data unless a test passes its own)."""

    win = MainWindow(data_source=toy_source(600, 200))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(lambda: win.prediction_panel.verdict.text() == "Draw a digit", timeout=PREDICTION_TIMEOUT_MS)
    return win
