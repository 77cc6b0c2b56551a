"""What the convolutions learned and what they make of your drawing.

Filters: conv1's 6 kernels and conv2's 16×6 kernels as heatmaps on a diverging colour map (blue negative, red
positive), each with its own symmetric scale, updated with every weights snapshot while training. Feature maps: the
current drawing after conv1, pool1, conv2, pool2 and the fully connected layers, updated as you draw. Hovering shows
the value under the mouse.

Rendering is skipped while the panel is off screen (hidden, or behind another dock's tab) and coalesced to at most
~25 frames a second while on screen; only the tab in view (Filters or Feature maps) is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from lenet_gui.ui import plots
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.tile_layout import Layer, choose_columns, grid_size, image_heights
from lenet_gui.ui.view_models import PredictionView, WeightsView

# (activation name, title, tile columns, how to reshape a vector into an image)
FEATURE_LAYERS = (
    ("conv1", "conv1 + ReLU: 6 maps 28×28", 6, None),
    ("pool1", "pool1: 6 maps 14×14", 6, None),
    ("conv2", "conv2 + ReLU: 16 maps 10×10", 8, None),
    ("pool2", "pool2: 16 maps 5×5", 8, None),
    ("fc1", "fc1 + ReLU: 120 units", 1, (4, 30)),
    ("fc2", "fc2 + ReLU: 84 units", 1, (3, 28)),
    ("logits", "fc3: 10 logits (digits 0-9)", 1, (1, 10)),
)
FRAME_MS = 40
# The grids each layer may take (issue 10.20: the maps use the room the panel has); fc layers keep their shape.
MAP_GRIDS = {
    "conv1": Layer(6, 28, 28, (6, 3, 2)),
    "pool1": Layer(6, 14, 14, (6, 3, 2)),
    "conv2": Layer(16, 10, 10, (16, 8, 4)),
    "pool2": Layer(16, 5, 5, (16, 8, 4)),
    "fc1": Layer(1, 4, 30, (1,)),
    "fc2": Layer(1, 3, 28, (1,)),
    "logits": Layer(1, 1, 10, (1,)),
}
TITLE_PX = 32  # a plot's title line, and the space around a row
AXIS_PX = 26  # a row of index numbers
BAR_PX = 90  # a colour bar and a row of index numbers beside a heatmap


def _nice_limit(value: float) -> float:
    """The next of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above ``value``.

    The colour scale then changes only now and then during training: each change re-lays out the colour bar's
    axis, and repainting that axis at every snapshot was most of the GUI thread's time while training.
    """
    if not np.isfinite(value) or value <= 0:
        return 1.0
    decade = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if value <= step * decade * (1 + 1e-9):
            return float(step * decade)
    return float(10.0 * decade)


FILTERS_MIN_HEIGHT = 440  # pixels: about 20 per conv2 filter, the titles and conv1's row


class FiltersPanel(QWidget):
    def _layer_titles(self) -> dict[str, str]:
        """The title of each feature-map layer, by activation name (FEATURE_LAYERS holds the English)."""
        return {
            "conv1": self.tr("conv1 + ReLU: 6 maps 28×28"),
            "pool1": self.tr("pool1: 6 maps 14×14"),
            "conv2": self.tr("conv2 + ReLU: 16 maps 10×10"),
            "pool2": self.tr("pool2: 16 maps 5×5"),
            "fc1": self.tr("fc1 + ReLU: 120 units"),
            "fc2": self.tr("fc2 + ReLU: 84 units"),
            "logits": self.tr("fc3: 10 logits (digits 0-9)"),
        }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filtersPanel")
        self.setAccessibleName(self.tr("Filters and feature maps"))
        palette = self.palette()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("filtersTabs")
        self.tabs.setAccessibleName(self.tr("Filters or feature maps"))
        self.tabs.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)

        # Filters
        filters_page = QWidget()
        self.filters_view = pg.GraphicsLayoutWidget()
        self.filters_view.setObjectName("filterHeatmaps")
        self.filters_view.setAccessibleName(self.tr("Convolution filters"))
        self.filters_view.setToolTip(self.tr("Learned 5×5 kernels: blue negative, red positive. Hover for values."))
        plots.theme(self.filters_view, palette)
        self.conv1_plot = self.filters_view.addPlot(row=0, col=0)
        self.conv1_image = plots.heatmap_plot(self.conv1_plot, self.tr("conv1: 6 filters, 5×5"), palette)
        self._index_axis(self.conv1_plot, "top", 6, 6, 2.5, self.tr("filter"))
        self.conv1_bar = self._colour_bar(palette)
        self.conv1_bar.setImageItem(self.conv1_image)
        self.filters_view.addItem(self.conv1_bar, row=0, col=1)
        self.conv2_plot = self.filters_view.addPlot(row=1, col=0)
        self.conv2_image = plots.heatmap_plot(self.conv2_plot, self.tr("conv2: 16 filters × 6 input channels"), palette)
        self.conv2_bar = self._colour_bar(palette)
        self.conv2_bar.setImageItem(self.conv2_image)
        self.filters_view.addItem(self.conv2_bar, row=1, col=1)
        # Room between the two colour bars, whose end labels otherwise touch.
        self.filters_view.ci.layout.setVerticalSpacing(22)
        self._bar_limits = [0.0, 0.0]
        self.conv2_by_rows = True  # conv2's filters in rows (tall panels) or in columns (wide panels)
        self._arrange_conv2(True)
        self._fit_filters()
        self.filters_view.installEventFilter(self)
        # conv2's 16 rows of filters need height: in a short dock the page scrolls instead of shrinking each filter
        # to ~10 px.
        self.filters_view.setMinimumHeight(FILTERS_MIN_HEIGHT)
        self.filter_readout = QLabel(self.tr("Hover over a filter to read its weights."), filters_page)
        self.filter_readout.setObjectName("filterReadout")
        _describe(
            self.filter_readout, self.tr("Filter value under the mouse"), self.tr("The weight under the mouse pointer")
        )
        page_layout = QVBoxLayout(filters_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.filters_view, 1)
        page_layout.addWidget(self.filter_readout)
        self.tabs.addTab(filters_page, self.tr("Filters"))
        self.tabs.setTabToolTip(0, self.tr("The convolution kernels the network has learned"))
        plots.HoverReadout(self.conv1_image, self._describe_conv1, self.filter_readout.setText)
        plots.HoverReadout(self.conv2_image, self._describe_conv2, self.filter_readout.setText)

        # Feature maps
        maps_page = QWidget()
        self.maps_view = pg.GraphicsLayoutWidget()
        self.maps_view.setObjectName("featureMaps")
        self.maps_view.setAccessibleName(self.tr("Feature maps"))
        self.maps_view.setToolTip(
            self.tr("Activations of each layer for the current drawing (bright = strong). Hover for values.")
        )
        plots.theme(self.maps_view, palette)
        self.map_images: dict[str, pg.ImageItem] = {}
        self.map_plots: dict[str, pg.PlotItem] = {}
        sequential = plots.colormap(plots.SEQUENTIAL)
        titles = self._layer_titles()
        for row, (name, _, _, _) in enumerate(FEATURE_LAYERS):
            title = titles[name]
            plot = self.maps_view.addPlot(row=row, col=0)
            image = plots.heatmap_plot(plot, title, palette)
            image.setColorMap(plots.colormap(plots.DIVERGING) if name == "logits" else sequential)
            self.map_images[name] = image
            self.map_plots[name] = plot
            plots.HoverReadout(image, self._map_describer(name), self._show_map_readout)
            if name == "logits":  # which cell is which digit
                self.logits_axis = self._index_axis(plot, "bottom", 10, 1, 0.5, "")
        self.map_columns = {name: columns for name, _, columns, _ in FEATURE_LAYERS}
        self.maps_view.ci.setContentsMargins(4, 4, 4, 4)
        self.maps_view.ci.layout.setVerticalSpacing(4)
        self._arrange_maps()
        self.maps_view.installEventFilter(self)
        self.map_readout = QLabel(self._draw_hint(), maps_page)
        self.map_readout.setObjectName("mapReadout")
        _describe(
            self.map_readout,
            self.tr("Activation under the mouse"),
            self.tr("The activation value under the mouse pointer"),
        )
        maps_layout = QVBoxLayout(maps_page)
        maps_layout.setContentsMargins(0, 0, 0, 0)
        maps_layout.addWidget(self.maps_view, 1)
        maps_layout.addWidget(self.map_readout)
        self.tabs.addTab(maps_page, self.tr("Feature maps"))
        self.tabs.setTabToolTip(1, self.tr("What each layer computes from your drawing"))

        plots.adopt_menus(self.filters_view)
        plots.adopt_menus(self.maps_view)
        for view in (self.filters_view, self.maps_view):  # never narrower than its plots: the dock scrolls instead
            view.setMinimumWidth(math.ceil(view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()))
        self._weights: WeightsView | None = None
        self._activations: dict[str, np.ndarray] | None = None
        self._dirty_weights = False
        self._dirty_maps = False
        self.frames = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._render)
        self.tabs.currentChanged.connect(lambda _: self._schedule())
        OnScreenWatch(self, self._schedule)

    # --- layout -------------------------------------------------------------------------------------------------

    def _colour_bar(self, palette: QPalette) -> pg.ColorBarItem:
        bar = pg.ColorBarItem(values=(-1, 1), colorMap=plots.colormap(plots.DIVERGING), interactive=False, width=14)
        bar.axis.setTextPen(pg.mkPen(palette.color(QPalette.ColorRole.Text)))  # the default grey was faint
        bar.axis.enableAutoSIPrefix(False)
        return bar

    def _index_axis(
        self, plot: pg.PlotItem, side: str, count: int, pitch: float, offset: float, label: str
    ) -> pg.AxisItem:
        """Numbers along one side of a heatmap: which filter, channel or digit each column or row of cells is."""
        plot.showAxis(side)
        axis = plot.getAxis(side)
        text = self.palette().color(QPalette.ColorRole.Text)
        axis.setPen(pg.mkPen(plots.faint_text(self.palette())))
        axis.setTextPen(pg.mkPen(text))
        axis.setStyle(tickLength=0)
        axis.setTicks([[(index * pitch + offset, str(index)) for index in range(count)]])
        if label:
            axis.setLabel(label, color=text.name())
        return axis

    def _arrange_conv2(self, by_rows: bool) -> None:
        """conv2's 96 kernels as 16 rows (filters) × 6 columns (input channels), or turned for a wide panel."""
        self.conv2_by_rows = by_rows
        rows, columns = (16, 6) if by_rows else (6, 16)
        row_label, column_label = (self.tr("filter"), self.tr("input channel"))
        if not by_rows:
            row_label, column_label = column_label, row_label
        self._index_axis(self.conv2_plot, "left", rows, 6, 2.5, row_label)
        self._index_axis(self.conv2_plot, "top", columns, 6, 2.5, column_label)
        self._dirty_weights = True

    def _fit_filters(self) -> bool:
        """conv1's row no taller than its six kernels at the panel's width; conv2's 96 kernels turned whichever
        way draws them larger (filters in rows for a tall panel, in columns for a wide one), its row no taller than
        they need, so the index numbers stay next to them. True when conv2 turned."""
        width = max(self.filters_view.width() - BAR_PX, 60)
        height = max(self.filters_view.height() - 20, 60)
        rows1, columns1 = grid_size(Layer(6, 5, 5, (6,)), 6)
        conv1 = min(2 * TITLE_PX + AXIS_PX + width * rows1 / columns1, max(height * 0.4, 80))
        room = max(height - conv1 - 2 * TITLE_PX - AXIS_PX, 30)
        tall, wide = grid_size(Layer(96, 5, 5, (6,)), 6), grid_size(Layer(96, 5, 5, (16,)), 16)
        by_rows = min(width / tall[1], room / tall[0]) >= min(width / wide[1], room / wide[0])
        rows2, columns2 = tall if by_rows else wide
        conv2 = 2 * TITLE_PX + AXIS_PX + min(room, width * rows2 / columns2)
        for item, limit in ((self.conv1_plot, conv1), (self.conv1_bar, conv1), (self.conv2_plot, conv2)):
            item.setMaximumHeight(limit)
        self.conv2_bar.setMaximumHeight(conv2)
        if by_rows == self.conv2_by_rows:
            return False
        self._arrange_conv2(by_rows)
        return True

    def _arrange_maps(self) -> None:
        """Each layer's grid and row height for the size the feature maps have now."""
        count = len(FEATURE_LAYERS)
        width, height = max(self.maps_view.width() - 16, 60), max(self.maps_view.height() - 12 - 4 * count, 60)
        layers = [MAP_GRIDS[name] for name, _, _, _ in FEATURE_LAYERS]
        extra = [TITLE_PX + (AXIS_PX if name == "logits" else 0) for name, _, _, _ in FEATURE_LAYERS]
        columns = choose_columns(layers, width, height, sum(extra))
        chosen = {name: c for (name, _, _, _), c in zip(FEATURE_LAYERS, columns, strict=True)}
        if chosen != self.map_columns:
            self.map_columns = chosen
            self._dirty_maps = True
        heights = image_heights(layers, columns, width, max(height - sum(extra), 10))
        for (name, _, _, _), image, more in zip(FEATURE_LAYERS, heights, extra, strict=True):
            self.map_plots[name].setMinimumHeight(0)
            self.map_plots[name].setMaximumHeight(image + more)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.maps_view:
                self._arrange_maps()
                self._schedule()
            elif watched is self.filters_view and self._fit_filters():
                self._schedule()
        return False

    # --- inputs -------------------------------------------------------------------------------------------------

    def show_weights(self, view: WeightsView) -> None:
        self._weights = view
        self._dirty_weights = True
        self._schedule()

    def _draw_hint(self) -> str:
        return self.tr("Draw a digit to see what each layer makes of it.")

    def show_prediction(self, request_id: int, view: PredictionView | None) -> None:
        self._activations = None if view is None else view.activations
        # The footer invites drawing only while nothing is drawn; a value read under the mouse stays meanwhile.
        if view is None:
            self.map_readout.setText(self._draw_hint())
        elif self.map_readout.text() == self._draw_hint():
            self.map_readout.setText(self.tr("Hover over a map to read its values."))
        self._dirty_maps = True
        self._schedule()

    # --- rendering ----------------------------------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _render(self) -> None:
        if not on_screen(self):
            return  # the OnScreenWatch brings it up to date when it comes into view
        self.frames += 1
        if self._dirty_weights and self._weights is not None and on_screen(self.filters_view):
            self._dirty_weights = False
            self._render_filters(self._weights)
        if self._dirty_maps and on_screen(self.maps_view):
            self._dirty_maps = False
            self._render_maps(self._activations)

    def render_now(self) -> None:
        """Draw pending updates immediately (tests and screenshots)."""
        self._timer.stop()
        self._render()

    def _render_filters(self, view: WeightsView) -> None:
        limit1 = _nice_limit(float(np.abs(view.conv1).max()))
        self.conv1_image.setImage(plots.tile(view.conv1, 6), autoLevels=False)
        self._set_bar(0, self.conv1_bar, limit1)
        # (filter, channel, 5, 5) in rows of filters, or (channel, filter, 5, 5) in rows of channels
        kernels = view.conv2 if self.conv2_by_rows else view.conv2.transpose(1, 0, 2, 3)
        limit2 = _nice_limit(float(np.abs(kernels).max()))
        self.conv2_image.setImage(plots.tile(kernels.reshape(96, 5, 5), kernels.shape[1]), autoLevels=False)
        self._set_bar(1, self.conv2_bar, limit2)

    def _set_bar(self, which: int, bar: pg.ColorBarItem, limit: float) -> None:
        """Levels, and three labels only (−limit, 0, +limit), changed only when the limit changes."""
        bar.setLevels((-limit, limit))
        if limit != self._bar_limits[which]:
            self._bar_limits[which] = limit
            bar.axis.setTicks([[(-limit, f"{-limit:g}"), (0.0, "0"), (limit, f"{limit:g}")], []])

    def _render_maps(self, activations: dict[str, np.ndarray] | None) -> None:
        for name, _, _, shape in FEATURE_LAYERS:
            image = self.map_images[name]
            if activations is None:
                image.clear()
                continue
            values = np.asarray(activations[name], dtype=np.float32)
            grid = values.reshape(shape) if shape is not None else plots.tile(values, self.map_columns[name])
            finite = grid[np.isfinite(grid)]
            if name == "logits":
                limit = float(np.abs(finite).max()) if finite.size else 1.0
                levels = (-limit or -1.0, limit or 1.0)
            else:
                levels = (0.0, max(float(finite.max()) if finite.size else 1.0, 1e-6))
            image.setImage(grid, levels=levels)

    # --- hover ----------------------------------------------------------------------------------------------------

    def _describe_conv1(self, x: float, y: float) -> str:
        if self._weights is None:
            return ""
        hit = plots.tile_index(x, y, (6, 5, 5), 6)
        if hit is None:
            return ""
        index, row, column = hit
        return self.tr("conv1 filter {index}, row {row}, column {column}: {value}").format(
            index=index, row=row, column=column, value=f"{self._weights.conv1[index, row, column]:+.4f}"
        )

    def _describe_conv2(self, x: float, y: float) -> str:
        if self._weights is None:
            return ""
        hit = plots.tile_index(x, y, (96, 5, 5), 6 if self.conv2_by_rows else 16)
        if hit is None:
            return ""
        index, row, column = hit
        out, channel = divmod(index, 6) if self.conv2_by_rows else divmod(index, 16)[::-1]
        value = self._weights.conv2[out, channel, row, column]
        return self.tr("conv2 filter {out} ← input channel {channel}, row {row}, column {column}: {value}").format(
            out=out, channel=channel, row=row, column=column, value=f"{value:+.4f}"
        )

    def _map_describer(self, name: str) -> Callable[[float, float], str]:
        layer = next(entry for entry in FEATURE_LAYERS if entry[0] == name)

        def describe(x: float, y: float) -> str:
            if self._activations is None:
                return ""
            values = self._activations[name]
            _, _, _, shape = layer
            if shape is not None:
                row, column = int(y), int(x)
                if not (0 <= row < shape[0] and 0 <= column < shape[1]):
                    return ""
                unit = row * shape[1] + column
                value = f"{float(values.reshape(-1)[unit]):.4f}"
                if name == "logits":
                    return self.tr("fc3 logit for digit {digit}: {value}").format(
                        digit=unit, value=f"{float(values.reshape(-1)[unit]):+.2f}"
                    )
                return self.tr("{name} unit {unit}: {value}").format(name=name, unit=unit, value=value)
            hit = plots.tile_index(x, y, values.shape, self.map_columns[name])
            if hit is None:
                return ""
            index, row, column = hit
            return self.tr("{name} map {index}, row {row}, column {column}: {value}").format(
                name=name, index=index, row=row, column=column, value=f"{float(values[index, row, column]):.4f}"
            )

        return describe

    def _show_map_readout(self, text: str) -> None:
        if text:
            self.map_readout.setText(text)


def _describe(widget: QWidget, name: str, tip: str) -> None:
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
