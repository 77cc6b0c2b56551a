"""Whether a panel is on screen, and a call when it comes on screen, for panels in tabbed docks too.

A dock tabbed behind another is not hidden: Qt moves it out of the window and ``isVisible()`` stays True. Panels that
skipped their work "while hidden" by asking ``isVisible()`` therefore redrew every weights snapshot and every
prediction behind their tabs while training ran (issue 16.7). They ask ``on_screen(widget)`` instead, and an
``OnScreenWatch`` tells them when they come into view: shown, or their dock's tab raised.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QDockWidget, QWidget


def on_screen(widget: QWidget) -> bool:
    """Shown, and some of it inside its window (a dock behind another's tab lies outside it).

    By geometry, not ``visibleRegion()``: that is empty for a view whose viewport covers it, on screen or not."""
    if not widget.isVisible():
        return False
    window = widget.window()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).intersects(window.rect())


class OnScreenWatch(QObject):
    """Calls ``shown()`` soon after ``widget`` comes on screen: it is shown, or its dock's tab is raised.

    Soon, not at once: a raised tab's dock reaches its place in the window only after its ``visibilityChanged``.
    The dock is looked up now and whenever the widget is shown, as panels are put into their docks after they are
    built.
    """

    def __init__(self, widget: QWidget, shown: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._shown = shown
        self._dock: QDockWidget | None = None
        widget.installEventFilter(self)
        self._follow_dock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show:
            self._follow_dock()
            self._soon()
        return False

    def _follow_dock(self) -> None:
        parent = self._widget.parentWidget()
        while parent is not None and not isinstance(parent, QDockWidget):
            parent = parent.parentWidget()
        if parent is self._dock:
            return
        if self._dock is not None:
            self._dock.visibilityChanged.disconnect(self._on_dock_visibility)
        self._dock = parent
        if parent is not None:
            parent.visibilityChanged.connect(self._on_dock_visibility)

    def _on_dock_visibility(self, visible: bool) -> None:
        if visible:
            self._soon()

    def _soon(self) -> None:
        QTimer.singleShot(0, self, self._call)

    def _call(self) -> None:
        if on_screen(self._widget):
            self._shown()
