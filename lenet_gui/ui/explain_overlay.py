"""The attribution map as a transparent layer over the drawing canvas (issue 12).

The canvas stays the drawing surface: this is a child widget on top of it that lets every mouse event through and
only paints. The map lives on the network's 32×32 input grid; preprocessing crops, scales and centres the ink, so the
worker says where that grid lies on the 280×280 paper (``placement``) and the layer maps paper to widget coordinates
the way the canvas does (``paper_to_widget``). Red: pixels that speak for the digit; blue: against it. The paper is
washed towards white first, as in core's ``overlay_rgb``, so that colour shows on black ink (integrated gradients
lives on the ink only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from lenet_gui.ui.canvas import DrawingCanvas

WASH = 0.55  # at full opacity the paper and ink are washed this much towards white, so colour shows on black ink
FOR_COLOUR = (215, 25, 25)  # red: for the digit
AGAINST_COLOUR = (25, 75, 230)  # blue: against it
DEFAULT_OPACITY = 0.7


def heat_rgba(pixel_map: np.ndarray, opacity: float) -> np.ndarray:
    """(H, W) signed map → (H, W, 4) uint8: red where positive, blue where negative, alpha by magnitude.

    Strength is relative to the map's largest magnitude (where, not how much), as core's ``overlay_rgb``; its
    square root sets the alpha, so that the many middling values still show beside the one strongest pixel.
    """
    values = np.asarray(pixel_map, np.float32)
    peak = float(np.abs(values).max()) if values.size else 0.0
    rgba = np.zeros((*values.shape, 4), np.uint8)
    if peak <= 0.0:
        return rgba
    strength = np.clip(np.abs(values) / peak, 0.0, 1.0)
    rgba[..., :3] = np.where((values >= 0)[..., None], FOR_COLOUR, AGAINST_COLOUR)
    rgba[..., 3] = np.rint(np.sqrt(strength) * 255.0 * np.clip(opacity, 0.0, 1.0)).astype(np.uint8)
    return rgba


class ExplainOverlay(QWidget):
    """Paints a heat map over ``canvas``'s paper where the network's input grid lies; mouse-transparent."""

    def __init__(self, canvas: DrawingCanvas) -> None:
        super().__init__(canvas)
        self.setObjectName("explainOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._canvas = canvas
        self._map: np.ndarray | None = None
        self._placement: tuple[float, float, float] | None = None
        self._opacity = DEFAULT_OPACITY
        self._image: QImage | None = None
        self.setGeometry(canvas.rect())
        canvas.installEventFilter(self)
        self.hide()

    @property
    def pixel_map(self) -> np.ndarray | None:
        """The map shown now (32×32 on the input grid), or None."""
        return self._map

    @property
    def opacity(self) -> float:
        return self._opacity

    def set_map(self, pixel_map: np.ndarray | None, placement: tuple[float, float, float] | None) -> None:
        self._map = None if pixel_map is None else np.asarray(pixel_map, np.float32)
        self._placement = placement
        self._rebuild()

    def set_opacity(self, opacity: float) -> None:
        self._opacity = float(np.clip(opacity, 0.0, 1.0))
        self._rebuild()

    def target_rect(self) -> QRectF | None:
        """Where the 32×32 grid lies in widget coordinates (None when nothing is shown)."""
        if self._placement is None:
            return None
        x, y, side = self._placement
        top_left = self._canvas.paper_to_widget(QPointF(x, y))
        bottom_right = self._canvas.paper_to_widget(QPointF(x + side, y + side))
        return QRectF(top_left, bottom_right)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._canvas and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._canvas.rect())
        return False

    def _rebuild(self) -> None:
        if self._map is None:
            self._image = None
        else:
            rgba = np.ascontiguousarray(heat_rgba(self._map, self._opacity))
            height, width = rgba.shape[:2]
            self._image = QImage(rgba.data, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.target_rect()
        if self._image is None or rect is None:
            return
        painter = QPainter(self)
        paper = self._canvas.paper_rect()
        painter.setClipRect(paper)
        painter.fillRect(paper, QColor(255, 255, 255, round(255 * WASH * self._opacity)))  # ink grey, as core's overlay
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(rect, self._image)
        painter.end()
