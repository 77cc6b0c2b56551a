"""How the window fits small screens: every dock's panel scrolls instead of widening the window.

Why: a dock's minimum width is its panel's, and a QMainWindow cannot be narrower than its central widget plus its
widest dock. With eight panels tabbed on the right, the widest one (1136 px in all) kept the window out of half a
1920-px screen and off a 900×600 one, and a panel that grew (the Undo delete bar) made the whole window grow. Inside
a scroll area a panel keeps its own minimum and the dock does not: a dock narrower than its panel scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

DOCK_MINIMUM = QSize(160, 120)  # the least a dock asks for: the window, not its widest panel, sets the limit
SCREEN_MARGIN = QSize(40, 60)  # left for a window's frame and title bar, and a panel, on a smaller screen


def fit_to_screen(wanted: QSize, available: QSize) -> QSize:
    """``wanted``, or as much of it as the screen has room for: a window or dialog that opens larger than a small
    screen runs off its edge, where no layout can help."""
    return QSize(
        min(wanted.width(), available.width() - SCREEN_MARGIN.width()),
        min(wanted.height(), available.height() - SCREEN_MARGIN.height()),
    )


class DockScroller(QScrollArea):
    """A frameless scroll area that fills the dock with its panel and scrolls only when the dock is smaller."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{panel.objectName() or 'panel'}Scroller")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(panel)

    def minimumSizeHint(self) -> QSize:
        return DOCK_MINIMUM

    def sizeHint(self) -> QSize:
        """The panel's own size hint: the scroll area's default would cap it at a few dozen characters' width."""
        panel = self.widget()
        return DOCK_MINIMUM if panel is None else panel.sizeHint().expandedTo(DOCK_MINIMUM)


def set_dock_panel(dock: QDockWidget, panel: QWidget) -> None:
    """Put ``panel`` in ``dock`` inside a :class:`DockScroller`; a panel already there is deleted (later)."""
    scroller = dock.widget()
    if isinstance(scroller, DockScroller):
        old = scroller.takeWidget()
        scroller.setWidget(panel)
        if old is not None:
            old.deleteLater()
    else:
        dock.setWidget(DockScroller(panel))
        if scroller is not None:
            scroller.deleteLater()


def dock_panel(dock: QDockWidget) -> QWidget | None:
    """The panel a dock shows (inside its scroller)."""
    scroller = dock.widget()
    return scroller.widget() if isinstance(scroller, QScrollArea) else scroller
