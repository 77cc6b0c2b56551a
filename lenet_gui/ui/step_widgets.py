"""The pieces the training step view is built from: the code of a phase, rows of heatmaps, a probability chart.

All of them show plain values (strings, numpy arrays) handed to them; none knows about torch or the stepper.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextCharFormat,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from lenet_gui.ui.heatmap import pixmap

HIGHLIGHT = QColor(255, 236, 150)


class CodePanel(QWidget):
    """A phase's real source, its key lines highlighted, and where it lives (file and line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setObjectName("stepCodeCaption")
        self.caption.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("stepCode")
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(8.0, font.pointSizeF() - 1))
        self.editor.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.editor, 1)

    def show_code(self, source: str, path: str, first_line: int, key_lines: Sequence[int], caption: str) -> None:
        self.editor.setPlainText(source.rstrip("\n"))
        self.caption.setText(caption)
        self.caption.setToolTip(f"{path}:{first_line}")
        selections = []
        document = self.editor.document()
        for index in key_lines:
            block = document.findBlockByNumber(index)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self.editor.textCursor()
            selection.cursor.setPosition(block.position())
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT)
            fmt.setProperty(QTextCharFormat.Property.FullWidthSelection, True)
            selection.format = fmt
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def clear(self, text: str) -> None:
        self.editor.setPlainText(text)
        self.editor.setExtraSelections([])
        self.caption.setText("")


class HeatmapRows(QWidget):
    """Rows of small heatmaps, each row with a title and each map with a caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepHeatmaps")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(2)
        self.count = 0  # heatmaps shown, for tests
        self._shape: list[tuple[str, int, int, int]] = []  # the rows on screen: title, maps, scale, per line
        self._maps: list[tuple[QLabel, QLabel]] = []  # each map's picture and caption, in order

    def set_rows(self, rows: Sequence[tuple[str, Sequence[tuple[str, QImage]], int, int]]) -> None:
        """``rows``: (title, [(caption, QImage), …], scale, per_line): each map drawn ``scale`` times its size, at
        most ``per_line`` maps to a line.

        Rows like the ones on screen (each step of a walk) are updated in place: building them anew every step
        resized the dock, and the docks beside it with their plots, on the GUI thread (70 ms a step, issue 10)."""
        shape = [(title, len(images), scale, per_line) for title, images, scale, per_line in rows]
        if shape == self._shape:
            maps = [item for _title, images, scale, _per_line in rows for item in ((scale, m) for m in images)]
            for (picture, label), (scale, (caption, image)) in zip(self._maps, maps, strict=True):
                picture.setPixmap(pixmap(image, scale))
                picture.setToolTip(caption)
                label.setText(caption)
            return
        self._shape = shape
        self._maps = []
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.count = 0
        small = QFont()
        small.setPointSizeF(8)
        line = 0
        widest = max((per_line for *_, per_line in rows), default=1)
        for title, images, scale, per_line in rows:
            heading = QLabel(title)
            heading.setWordWrap(True)
            heading.setMaximumWidth(130)
            lines = max(1, -(-len(images) // per_line))
            self._grid.addWidget(heading, line, 0, 2 * lines, 1, Qt.AlignmentFlag.AlignTop)
            for n, (caption, image) in enumerate(images):
                r, c = line + 2 * (n // per_line), 1 + n % per_line
                picture = QLabel()
                picture.setPixmap(pixmap(image, scale))
                picture.setToolTip(caption)
                self._grid.addWidget(picture, r, c, Qt.AlignmentFlag.AlignCenter)
                label = QLabel(caption)
                label.setFont(small)
                self._grid.addWidget(label, r + 1, c, Qt.AlignmentFlag.AlignCenter)
                self._maps.append((picture, label))
                self.count += 1
            line += 2 * lines
        self._grid.setColumnStretch(widest + 1, 1)
        self._grid.setRowStretch(line, 1)


class ProbabilityChart(QWidget):
    """The drawing's probabilities over the steps taken: the chosen digit bold, the others it moves most, thin."""

    COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
              "#17becf")  # fmt: skip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepChart")
        self.setMinimumSize(220, 130)
        self.history: list[np.ndarray] = []  # probabilities before the first step, then after each step
        self.label = 0
        self.empty_text = ""

    def set_history(self, history: Sequence[np.ndarray], label: int) -> None:
        self.history = [np.asarray(p, np.float64) for p in history]
        self.label = label
        self.update()

    def shown_digits(self) -> list[int]:
        """The chosen digit and the three others whose probability changed most."""
        if len(self.history) < 2:
            return [self.label]
        change = np.abs(self.history[-1] - self.history[0])
        change[self.label] = -1
        others = [int(d) for d in np.argsort(-change)[:3]]
        return [self.label, *others]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        area = QRectF(self.rect()).adjusted(34, 8, -34, -20)
        painter.setPen(QPen(QColor(190, 190, 190)))
        painter.drawRect(area)
        for value in (0.0, 0.5, 1.0):
            y = area.bottom() - value * area.height()
            painter.drawText(QRectF(0, y - 8, 30, 16), Qt.AlignmentFlag.AlignRight, f"{value:.1f}")
        if len(self.history) < 2:
            painter.setPen(QColor(110, 110, 110))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            return
        steps = len(self.history) - 1
        painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 16), Qt.AlignmentFlag.AlignRight,
                         self.tr("{0} steps").format(steps))  # fmt: skip
        for digit in reversed(self.shown_digits()):
            path = QPainterPath()
            for i, probabilities in enumerate(self.history):
                point = QPointF(
                    area.left() + area.width() * i / steps, area.bottom() - probabilities[digit] * area.height()
                )
                path.moveTo(point) if i == 0 else path.lineTo(point)  # fmt: skip
            painter.setPen(QPen(QColor(self.COLORS[digit]), 3.0 if digit == self.label else 1.4))
            painter.drawPath(path)
            end = self.history[-1][digit]
            painter.drawText(QPointF(area.right() + 3, area.bottom() - end * area.height() + 4), str(digit))
