"""pyqtgraph set up once for the app, plus the two things every panel draws with it: tiled heatmaps and themed plots.

Importing pyqtgraph costs most of a second, so only the panels that plot import this module, and the main window
builds those panels after it is on screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGraphicsItem, QMenu

pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, exitCleanup=False)

DIVERGING = "CET-D1"  # blue - white - red: negative and positive weights look different, zero is neutral
SEQUENTIAL = "viridis"  # activations (non-negative after ReLU)


def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


def tile(maps: np.ndarray, columns: int, gap: int = 1) -> np.ndarray:
    """(N, h, w) → one 2-D image of the N maps in a grid, separated by NaN gaps (drawn transparent)."""
    count, height, width = maps.shape
    rows = math.ceil(count / columns)
    out = np.full((rows * (height + gap) - gap, columns * (width + gap) - gap), np.nan, np.float32)
    for index in range(count):
        row, column = divmod(index, columns)
        top, left = row * (height + gap), column * (width + gap)
        out[top : top + height, left : left + width] = maps[index]
    return out


def tile_index(
    x: float, y: float, shape: tuple[int, int, int], columns: int, gap: int = 1
) -> tuple[int, int, int] | None:
    """Image coordinates in a ``tile`` → (map index, row, column), or None over a gap or outside."""
    count, height, width = shape
    if x < 0 or y < 0:
        return None
    column, inner_x = divmod(int(x), width + gap)
    row, inner_y = divmod(int(y), height + gap)
    index = row * columns + column
    if inner_x >= width or inner_y >= height or column >= columns or index >= count:
        return None
    return index, inner_y, inner_x


def theme(widget: pg.GraphicsLayoutWidget | pg.PlotWidget, palette: QPalette) -> None:
    """Background and text from the Qt palette, so plots read well in light and dark mode."""
    widget.setBackground(palette.color(QPalette.ColorRole.Base))


def style_plot(plot: pg.PlotItem, palette: QPalette, *, title: str = "", left: str = "", bottom: str = "") -> None:
    text = palette.color(QPalette.ColorRole.Text)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(faint_text(palette)))  # the grid takes its colour from the axis
        axis.setTextPen(pg.mkPen(text))
        # Numbers as they are: pyqtgraph would scale small ranges to an SI prefix ("epoch (x0.001)", ticks 0-300).
        axis.enableAutoSIPrefix(False)
        # Axes are text, slow to paint: cached as pixmaps, switching panels or repainting a curve does not redraw
        # them (issue 16.7: panel switches during training stalled the GUI thread on axis painting).
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    if title:
        plot.setTitle(title, color=text.name(), size="10pt")
    if left:
        plot.setLabel("left", left, color=text.name())
    if bottom:
        plot.setLabel("bottom", bottom, color=text.name())


def steady_range(
    plot: pg.PlotItem, x: tuple[float, float], y: tuple[float, float], *, fill: float = 0.7, margin: float = 0.05
) -> bool:
    """Keep data spanning ``x`` and ``y`` in view, moving the view only when the data leaves it or fills less than
    ``fill`` of it (then it fits the data with ``margin`` to spare on each side). Returns whether it moved.

    Why not auto-range: it moves the view at every update of live data, and each move re-lays out and repaints the
    axes, whose text is the slowest thing pyqtgraph draws (issue 16.7: most of the GUI thread's painting while
    training). The plot's auto-range must be off (``plot.disableAutoRange()``).
    """
    (x0, x1), (y0, y1) = plot.vb.viewRange()
    new_x = _steady(x0, x1, *x, fill, margin)
    new_y = _steady(y0, y1, *y, fill, margin)
    if new_x is None and new_y is None:
        return False
    plot.setRange(xRange=new_x or (x0, x1), yRange=new_y or (y0, y1), padding=0)
    return True


def _steady(
    low: float, high: float, first: float, last: float, fill: float, margin: float
) -> tuple[float, float] | None:
    """The new (low, high) of one axis for data from ``first`` to ``last``, or None to keep it."""
    if not (math.isfinite(first) and math.isfinite(last)) or last < first:
        return None
    span = last - first
    if low <= first and last <= high and span >= fill * (high - low):
        return None
    pad = margin * span if span > 0 else 0.5
    return first - pad, last + pad


def heatmap_plot(plot: pg.PlotItem, title: str, palette: QPalette) -> pg.ImageItem:
    """A PlotItem set up to show one tiled image, y downwards, square pixels, no axes."""
    style_plot(plot, palette, title=title)
    plot.hideAxis("left")
    plot.hideAxis("bottom")
    plot.setMouseEnabled(False, False)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    plot.invertY(True)
    plot.setAspectLocked(True)
    plot.getViewBox().setDefaultPadding(0.0)  # pyqtgraph pads small views by up to 10% a side: room the maps lose
    image = pg.ImageItem()
    plot.addItem(image)
    return image


def faint_text(palette: QPalette) -> QColor:
    """Lines that must show on a light and on a dark background: the text colour, half transparent. (Mid, used
    before, is the background's own colour in some dark desktop themes: axes and grids vanished.)"""
    color = palette.color(QPalette.ColorRole.Text)
    color.setAlpha(140)
    return color


def accent(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Highlight)


class HoverReadout:
    """Calls ``describe(x, y)`` with image coordinates under the mouse and shows the text in a label/tooltip."""

    def __init__(
        self, image: pg.ImageItem, describe: Callable[[float, float], str], show: Callable[[str], None]
    ) -> None:
        self._image = image
        self._describe = describe
        self._show = show
        image.setAcceptHoverEvents(True)
        image.hoverEvent = self._hover

    def _hover(self, event: object) -> None:
        if getattr(event, "isExit", lambda: True)():
            self._show("")
            return
        pos: QPointF = event.pos()  # type: ignore[attr-defined]
        if self._image.image is None:
            return
        text = self._describe(pos.x(), pos.y())
        self._show(text)
        self._image.setToolTip(text)


def adopt_menus(view: pg.GraphicsView) -> None:
    """pyqtgraph gives every ViewBox and PlotItem a parentless context menu; parent them to the view so that they
    are deleted with it instead of lingering as top-level widgets until Python collects them."""
    for item in view.scene().items():
        for attribute in ("menu", "ctrlMenu"):
            menu = getattr(item, attribute, None)
            if isinstance(menu, QMenu) and menu.parent() is None:
                menu.setParent(view, menu.windowFlags())
