"""Small painted pieces of the Poke view: probability bars, a row of feature maps, a sorted bar chart, a 5×5 kernel
you paint, and numpy → picture helpers. Plain QPainter: nothing to import late, and each fits on a screen."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from lenet_gui.ui.explain_overlay import AGAINST_COLOUR, FOR_COLOUR
from lenet_gui.ui.images import gray_to_qimage

MNIST_MEAN, MNIST_STD = 0.1307, 0.3081  # the standardization of core.preprocess, to show model inputs as pictures
KERNEL_SIZE = 5


def describe(widget: QWidget, name: str, tip: str) -> None:
    """Every control says what it is to a screen reader and what it does in a tooltip."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)


def input_pixmap(model_input: np.ndarray, size: int) -> QPixmap:
    """A standardized 32×32 model input as the network sees it (white ink on black), ``size`` pixels square."""
    pixels = np.clip(np.asarray(model_input, np.float32) * MNIST_STD + MNIST_MEAN, 0.0, 1.0)
    return gray_pixmap(pixels, size)


def gray_pixmap(gray: np.ndarray, size: int, *, stretch: bool = False) -> QPixmap:
    """A 0..1 (or uint8) picture scaled up without smoothing; ``stretch``: its own range becomes black..white."""
    array = np.asarray(gray, np.float32)
    if stretch:
        low, high = float(array.min()), float(array.max())
        array = (array - low) / (high - low) if high > low else np.zeros_like(array)
    image = gray_to_qimage(array)
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))


def signed_pixmap(values: np.ndarray, size: int) -> QPixmap:
    """A signed map: red positive, blue negative, white zero (the overlay's colours)."""
    array = np.asarray(values, np.float32)
    peak = float(np.abs(array).max()) or 1.0
    strength = np.clip(np.abs(array) / peak, 0.0, 1.0)[..., None]
    colour = np.where((array >= 0)[..., None], np.array(FOR_COLOUR), np.array(AGAINST_COLOUR))
    rgb = np.ascontiguousarray(np.rint(255.0 * (1 - strength) + colour * strength).astype(np.uint8))
    height, width = array.shape
    image = QImage(rgb.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))


class ProbabilityBars(QWidget):
    """Ten bars; the intact network's probabilities as thin outlines behind, to show what silencing changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pokeProbabilities")
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.probabilities: np.ndarray | None = None
        self.reference: np.ndarray | None = None

    def set_probabilities(self, probabilities: np.ndarray | None, reference: np.ndarray | None = None) -> None:
        self.probabilities, self.reference = probabilities, reference
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 90)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        width, height = self.width() / 10.0, self.height() - 18.0
        for digit in range(10):
            left = digit * width
            painter.setPen(text)
            painter.drawText(QRectF(left, height, width, 18), Qt.AlignmentFlag.AlignCenter, str(digit))
            if self.reference is not None:
                bar = float(self.reference[digit]) * height
                painter.setPen(QColor(150, 150, 150))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(left + 4, height - bar, width - 8, bar))
            if self.probabilities is not None:
                value = float(self.probabilities[digit])
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(
                    QColor(*FOR_COLOUR) if value == float(self.probabilities.max()) else QColor(90, 90, 90)
                )
                painter.drawRect(QRectF(left + 8, height - value * height, width - 16, value * height))
        painter.end()


class MapStrip(QWidget):
    """Feature maps side by side, each stretched to its own range; silenced ones crossed out."""

    def __init__(self, cell: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cell = cell
        self._maps: list[QPixmap] = []
        self._silenced: set[int] = set()

    def set_maps(self, maps: np.ndarray, silenced: Sequence[int] = ()) -> None:
        self._maps = [gray_pixmap(m, self._cell, stretch=True) for m in maps]
        self._silenced = set(silenced)
        self.setMinimumSize(self.sizeHint())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        per_row = 8
        rows = max(1, -(-len(self._maps) // per_row))
        return QSize(min(len(self._maps), per_row) * (self._cell + 3), rows * (self._cell + 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        for index, pixmap in enumerate(self._maps):
            row, col = divmod(index, 8)
            x, y = col * (self._cell + 3), row * (self._cell + 3)
            painter.drawPixmap(x, y, pixmap)
            if index in self._silenced:
                painter.setPen(QColor(*FOR_COLOUR))
                painter.drawLine(x, y, x + self._cell, y + self._cell)
        painter.end()


class RankChart(QWidget):
    """The 22 conv filters' accuracy drops, largest first, as horizontal bars with their names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankChart")
        self.setMinimumHeight(22 * 12 + 8)
        self.bars: list[tuple[str, float]] = []

    def set_bars(self, bars: Sequence[tuple[str, float]]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        row = (self.height() - 4) / len(self.bars)
        label_width, value_width = 64.0, 56.0
        room = max(self.width() - label_width - value_width, 10.0)
        peak = max(max(drop for _, drop in self.bars), 1e-6)
        font = painter.font()
        font.setPixelSize(max(8, min(11, int(row) - 1)))
        painter.setFont(font)
        for index, (name, drop) in enumerate(self.bars):
            y = 2 + index * row
            painter.setPen(text)
            painter.drawText(QRectF(0, y, label_width - 4, row), Qt.AlignmentFlag.AlignRight, name)
            length = max(drop, 0.0) / peak * room
            painter.fillRect(QRectF(label_width, y + 1, length, row - 2), QColor(*FOR_COLOUR))
            painter.drawText(
                QRectF(label_width + length + 4, y, value_width, row), Qt.AlignmentFlag.AlignLeft, f"{drop * 100:.1f}%"
            )
        painter.end()


class KernelGrid(QWidget):
    """A 5×5 kernel you paint: click or drag sets cells to the brush value (right button: its negative)."""

    painted = Signal(object)  # (5, 5) float32 kernel after a change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kernelGrid")
        self.setFixedSize(KERNEL_SIZE * 36 + 1, KERNEL_SIZE * 36 + 1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.kernel = np.zeros((KERNEL_SIZE, KERNEL_SIZE), np.float32)
        self.brush = 1.0
        self.limit = 1.0  # the colour scale: the largest magnitude of the learned kernels

    def set_kernel(self, kernel: np.ndarray, limit: float | None = None) -> None:
        self.kernel = np.array(kernel, np.float32)
        if limit is not None:
            self.limit = max(float(limit), 1e-6)
        self.update()

    def cell_centre(self, row: int, col: int) -> QPointF:
        side = self.width() / KERNEL_SIZE
        return QPointF((col + 0.5) * side, (row + 0.5) * side)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._paint_at(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & (Qt.MouseButton.LeftButton | Qt.MouseButton.RightButton):
            self._paint_at(event)

    def _paint_at(self, event: QMouseEvent) -> None:
        side = self.width() / KERNEL_SIZE
        col, row = int(event.position().x() // side), int(event.position().y() // side)
        if not (0 <= row < KERNEL_SIZE and 0 <= col < KERNEL_SIZE):
            return
        negative = event.buttons() & Qt.MouseButton.RightButton or event.button() == Qt.MouseButton.RightButton
        value = -self.brush if negative else self.brush
        if self.kernel[row, col] != value:
            self.kernel[row, col] = value
            self.update()
            self.painted.emit(self.kernel.copy())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = self.width() / KERNEL_SIZE
        for (row, col), value in np.ndenumerate(self.kernel):
            strength = min(abs(float(value)) / self.limit, 1.0)
            colour = FOR_COLOUR if value >= 0 else AGAINST_COLOUR
            mixed = [round(255 * (1 - strength) + c * strength) for c in colour]
            rect = QRectF(col * side, row * side, side, side)
            painter.fillRect(rect, QColor(*mixed))
            painter.setPen(QColor(160, 160, 160))
            painter.drawRect(rect)
            painter.setPen(QColor(0, 0, 0) if strength < 0.6 else QColor(255, 255, 255))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{value:.2f}")
        painter.end()
