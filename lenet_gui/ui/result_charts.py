"""What the training panel's charts need besides pyqtgraph: a training-accuracy line that does not restart every
epoch, captions a learner can read under the mistaken digits, percent ticks that stop at 100, and a sentence over a
chart that has nothing to show yet (issue 10.12, 10.15, 10.18, 10.20).

Plain numbers and small widgets only; the panel decides when to use them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QWidget

MIN_LABELLED_CELL = 14  # px: smaller matrix cells show their colour without the count
TREND_EPOCHS = 0.05  # the moving average's time constant, in epochs: about the last 3,000 training digits


class TrainAccuracyTrend:
    """The training accuracy of recent batches, as an exponential moving average that carries across epochs.

    core reports the accuracy *so far in this epoch*, which starts again at every epoch: drawn as it is, the line
    jumps at each epoch boundary (86% at the end of epoch 1, 98% right after) and flattens within an epoch. The
    accuracy of the batches since the previous report follows from two running values (their correct counts
    differ by ``accuracy × step``); this averages those, each weighted by how much of an epoch it covers, with a
    time constant of ``span`` epochs.
    """

    def __init__(self, span: float = TREND_EPOCHS) -> None:
        self.span = span
        self.reset()

    def reset(self) -> None:
        self._epoch = 0
        self._step = 0
        self._correct = 0.0  # accuracy × step of the previous report: correct digits, in batches' worth
        self._x = 0.0
        self.value: float | None = None

    def add(self, epoch: int, step: int, steps_per_epoch: int, running_accuracy: float) -> float:
        """One progress report (1-based epoch and step, the accuracy so far in the epoch) → the moving average."""
        x = epoch - 1 + step / steps_per_epoch
        if epoch != self._epoch or step < self._step:  # a new epoch: its running accuracy starts again
            self._epoch, self._step, self._correct = epoch, 0, 0.0
        correct = running_accuracy * step
        recent = (correct - self._correct) / (step - self._step) if step > self._step else running_accuracy
        recent = min(1.0, max(0.0, recent))
        if self.value is None:
            self.value = recent
        else:
            weight = 1.0 - math.exp(-max(0.0, x - self._x) / self.span)
            self.value += weight * (recent - self.value)
        self._step, self._correct, self._x = step, correct, x
        return self.value


def mistake_caption(true: int, said: int, probability: float) -> str:
    """What goes under a mistaken test digit: the true digit, what the network said, and how sure it was."""
    return QCoreApplication.translate("ResultCharts", "true {true} → said {said} ({percent}%)").format(
        true=true, said=said, percent=f"{probability * 100:.0f}"
    )


def mistakes_legend() -> str:
    return QCoreApplication.translate(
        "ResultCharts",
        "Test digits the network got wrong, surest first. Under each: the true digit → what the network said "
        "(how sure it was). Hover for its number in the test set.",
    )


def fit_gallery(gallery: QListWidget, icon: int) -> None:
    """Cells wide enough for the longest caption on one line, so none is cut to "3→5 1…"."""
    metrics = gallery.fontMetrics()
    widest = max((metrics.horizontalAdvance(gallery.item(i).text()) for i in range(gallery.count())), default=0)
    gallery.setGridSize(QSize(max(icon, widest) + 14, icon + metrics.height() + 14))


def percent_ticks(low: float, high: float = 100.0) -> list[tuple[float, str]]:
    """Ticks for a percent axis from ``low`` to ``high`` at a round step; never past ``high`` (no "101")."""
    span = max(high - low, 1e-9)
    step = next((s for s in (1, 2, 5, 10, 20) if span / s <= 8), 25)
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [(float(first + k * step), f"{first + k * step:g}") for k in range(max(count, 0))]


class EmptyHint(QLabel):
    """One sentence over a chart that has nothing to show, saying what will fill it; it covers the chart (no empty
    axes, no blank box) until ``clear``."""

    def __init__(self, over: QWidget, name: str) -> None:
        super().__init__(over)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(24)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setForegroundRole(QPalette.ColorRole.Text)
        self.setGeometry(over.rect())
        over.installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        over = self.parentWidget()
        if over is not None:  # always: the chart it was made over
            self.setGeometry(over.rect())
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        over = self.parentWidget()
        if event.type() == QEvent.Type.Resize and over is not None and watched is over:
            self.setGeometry(over.rect())
        return False


class CellLabels:
    """Keeps the count labels of a matrix's cells inside their cells: their font follows the cell size whenever
    the view is resized (at 900×600 a cell is ~17 px and "1135" in the default font spilled over)."""

    def __init__(self, view_box: Any, labels: Sequence[Any], cells: int = 10) -> None:
        self._box, self._labels, self._cells = view_box, labels, cells
        self.pixels = 0
        view_box.sigResized.connect(lambda *_: self.fit())
        view_box.sigRangeChanged.connect(lambda *_: self.fit())  # the cell is what the view's range makes of it

    def fit(self) -> None:
        """The largest font (7-12 px) at which the widest count fits its cell as drawn; none when even 7 px
        does not fit ("1135" needs ~18 px)."""
        origin, corner = self._box.mapViewToScene(QPointF(0, 0)), self._box.mapViewToScene(QPointF(1, 1))
        cell = min(abs(corner.x() - origin.x()), abs(corner.y() - origin.y()))
        texts = [label.textItem.toPlainText() for label in self._labels]
        pixels = max(7, min(12, int(cell * 0.4))) if cell >= MIN_LABELLED_CELL else 0
        font = QFont()
        while pixels >= 7:
            font.setPixelSize(pixels)
            metrics = QFontMetricsF(font)
            if max((metrics.horizontalAdvance(text) for text in texts), default=0.0) <= cell * 0.95:
                break
            pixels -= 1
        else:
            pixels = 0
        if pixels == self.pixels:
            return
        self.pixels = pixels
        font.setPixelSize(max(pixels, 7))
        for label in self._labels:
            label.textItem.document().setDocumentMargin(0)
            label.setFont(font)
            label.setVisible(pixels > 0)  # cells too small for any count: the colours alone
