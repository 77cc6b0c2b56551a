"""A row of widgets that folds into more rows when it is narrow, so a panel can be narrow without cutting anything.

A plain QHBoxLayout's minimum width is the sum of its widgets', which, added up across a window's panels, kept the
window over 1100 px wide; squeezed below it, buttons were cut ("R…e") and a slider ran under a button. ``ReflowBox``
lays its widgets out in the most columns that fit (from the ``columns`` it is given, e.g. 10, then 5, then 2): its
minimum width is the narrowest arrangement's, and it takes the height of the arrangement it is in.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QSizePolicy, QWidget


class ReflowBox(QWidget):
    """``widgets`` in a grid of as many of ``columns`` (widest first) as fit the width the box is given.

    ``stretch_last``: an empty column after the widgets takes the spare width (buttons keep their size, left-aligned);
    otherwise the widgets share it, in the ratio ``stretches`` while they are all in one row.
    """

    def __init__(
        self,
        widgets: Sequence[QWidget],
        *,
        columns: Sequence[int] | None = None,
        spacing: int = 6,
        stretch_last: bool = True,
        stretches: Sequence[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._widgets = list(widgets)
        count = len(self._widgets)
        wanted = sorted({c for c in (columns or range(count, 0, -1)) if 0 < c <= count} | {count}, reverse=True)
        self._choices = wanted
        self._stretch_last = stretch_last
        self._stretches = list(stretches or [])
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        # The box says its own minimum (the narrowest arrangement's); the grid must not impose the current one's.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for widget in self._widgets:
            widget.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._columns = 0
        self._arrange(self._choices[0])

    @property
    def columns(self) -> int:
        """How many columns the widgets are in now."""
        return self._columns

    def _row_width(self, columns: int, hint: bool = False) -> int:
        """The width ``columns`` columns need: the widest widget of each column, plus spacing and margins."""
        widths = [0] * columns
        for index, widget in enumerate(self._widgets):
            if hint:
                width = widget.sizeHint().width()
            else:  # as layouts do: a minimum width set on the widget wins over its hint
                width = widget.minimumWidth() or widget.minimumSizeHint().width()
            widths[index % columns] = max(widths[index % columns], width)
        margins = self.contentsMargins()
        return sum(widths) + self._grid.spacing() * (columns - 1) + margins.left() + margins.right()

    def _height(self, columns: int) -> int:
        rows = -(-len(self._widgets) // columns)
        heights = [0] * rows
        for index, widget in enumerate(self._widgets):
            size = widget.sizeHint().expandedTo(widget.minimumSize())
            heights[index // columns] = max(heights[index // columns], size.height())
        margins = self.contentsMargins()
        return sum(heights) + self._grid.spacing() * (rows - 1) + margins.top() + margins.bottom()

    def _fitting(self, width: int) -> int:
        for columns in self._choices:
            if self._row_width(columns) <= width:
                return columns
        return self._choices[-1]

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, index // columns, index % columns)
        if self._stretch_last:
            self._grid.setColumnStretch(columns, 1)
        else:
            for column in range(columns):
                one_row = columns == len(self._widgets) and column < len(self._stretches)
                self._grid.setColumnStretch(column, self._stretches[column] if one_row else 1)
        self.updateGeometry()  # the height changed: the layout around gives the box the rows it now has

    def minimumSizeHint(self) -> QSize:
        return QSize(self._row_width(self._choices[-1]), self._height(self._columns))

    def sizeHint(self) -> QSize:
        """As wide as one row likes to be; as tall as the rows it is in now."""
        return QSize(self._row_width(self._choices[0], hint=True), self._height(self._columns))

    def resizeEvent(self, event: QResizeEvent) -> None:
        before = self._columns
        self._arrange(self._fitting(event.size().width()))
        if self._columns != before:
            self._grid.activate()  # placed now, not one frame later
        super().resizeEvent(event)
