"""What every screenshot script needs: an app whose settings and user data live in temporary folders (a developer's
own settings and digits stay untouched), and ways to let the window work while the script waits."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from lenet_gui.ui.app import create_app


def isolated_app() -> QApplication:
    """The app (names, icon), with a settings file and a user data folder of its own."""
    app = create_app([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # saved examples and kept weights go there
    return app


def wait(condition: Callable[[], object], seconds: float = 60) -> None:
    """Run the event loop until ``condition()`` holds or ``seconds`` pass."""
    end = time.time() + seconds
    while not condition() and time.time() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.5) -> None:
    """Let the window repaint and the workers answer for a while."""
    wait(lambda: False, seconds)


def scroll_into_view(widget: QWidget) -> None:
    """Scroll the dock that holds ``widget`` (docks scroll where the window is smaller than their panel) until the
    whole of it shows: at the README's sizes the Training dock's charts are otherwise below the fold."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        area.ensureWidgetVisible(widget, 0, 0)
        settle(0.3)
