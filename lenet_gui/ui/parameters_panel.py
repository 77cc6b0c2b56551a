"""The network as numbers: the tutorial's ``print(net)``, a table of its ten parameter tensors and their histograms.

Everything arrives from the inference worker: the summary text once (``ModelInfo``) and a ``WeightsView`` with
statistics, gradient norms and histograms whenever the weights change (several times a second while training).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui import plots
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.view_models import LAYER_WEIGHTS, ModelInfo, WeightsView

COLUMNS = ("parameter", "shape", "count", "mean", "std", "min", "max", "grad norm")
FRAME_MS = 100


class ParametersPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self.setAccessibleName(self.tr("Parameters"))
        palette = self.palette()

        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("netSummary")
        self.summary.setReadOnly(True)
        self.summary.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.summary.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.summary.setPlainText(self.tr("Loading the network…"))
        _describe(self.summary, "print(net)", self.tr("The tutorial's print(net): the layers of LeNet"))

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("parameterTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("parameter"),
                self.tr("shape"),
                self.tr("count"),
                self.tr("mean"),
                self.tr("std"),
                self.tr("min"),
                self.tr("max"),
                self.tr("grad norm"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Sized to the contents when the texts' lengths change, not by the header on every cell's change: with
        # ResizeToContents each of the 80 texts set per snapshot re-measured its column (~17 ms a snapshot).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        _describe(
            self.table,
            self.tr("Parameter tensors"),
            self.tr(
                "Every weight and bias tensor: shape, number of values, statistics and the gradient norm while training"
            ),
        )
        self.total = QLabel("", self)
        self.total.setObjectName("parameterTotal")
        font = QFont(self.total.font())
        font.setBold(True)
        self.total.setFont(font)
        _describe(self.total, self.tr("Total parameters"), self.tr("How many numbers the network learns"))

        self.histograms = pg.GraphicsLayoutWidget()
        self.histograms.setObjectName("weightHistograms")
        _describe(
            self.histograms,
            self.tr("Weight histograms"),
            self.tr("Distribution of each layer's weights, updated while training"),
        )
        plots.theme(self.histograms, palette)
        self.histogram_items: dict[str, pg.PlotDataItem] = {}
        self._histogram_plots: dict[str, pg.PlotItem] = {}
        fill = plots.accent(palette)
        fill.setAlpha(150)
        for index, name in enumerate(LAYER_WEIGHTS):
            plot = self.histograms.addPlot(row=index // 3, col=index % 3)
            plots.style_plot(plot, palette, title=name)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            plot.getAxis("left").setStyle(showValues=False)
            plot.disableAutoRange()  # plots.steady_range moves the view only when the histogram leaves it
            item = plot.plot(stepMode="center", fillLevel=0, brush=fill, pen=pg.mkPen(plots.accent(palette)))
            self.histogram_items[name] = item
            self._histogram_plots[name] = plot

        plots.adopt_menus(self.histograms)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.total)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("parametersSplitter")
        splitter.addWidget(self.summary)
        splitter.addWidget(top)
        splitter.addWidget(self.histograms)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._view: WeightsView | None = None
        self._text_lengths: tuple[int, ...] = ()  # the longest text of each column when they were last sized
        self._pending_histograms: list[str] = []
        self._dirty = False
        self.frames = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._render)
        OnScreenWatch(self, self._on_shown)  # off screen (hidden, or behind another dock's tab), nothing is drawn

    def show_model(self, info: ModelInfo) -> None:
        self.summary.setPlainText(f"{info.summary}\n\n{info.description}")

    def show_weights(self, view: WeightsView) -> None:
        self._view = view
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def _on_shown(self) -> None:
        if self._dirty and not self._timer.isActive():
            self._timer.start()

    def render_now(self) -> None:
        self._timer.stop()
        self._render()

    def _render(self) -> None:
        if not on_screen(self) or not self._dirty or self._view is None:
            return
        self._dirty = False
        self.frames += 1
        view = self._view
        self.table.setRowCount(len(view.stats))
        lengths = [0] * len(COLUMNS)
        for row, stat in enumerate(view.stats):
            norm = "–" if stat.gradient_norm is None else f"{stat.gradient_norm:.4f}"
            cells = (
                stat.name,
                "×".join(str(n) for n in stat.shape),
                f"{stat.count:,}",
                f"{stat.mean:+.4f}",
                f"{stat.std:.4f}",
                f"{stat.minimum:+.4f}",
                f"{stat.maximum:+.4f}",
                norm,
            )
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    if column >= 2:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                item.setText(text)
                lengths[column] = max(lengths[column], len(text))
        if tuple(lengths) != self._text_lengths:
            self._text_lengths = tuple(lengths)
            self.table.resizeColumnsToContents()
        total = self.tr("Total: {count} parameters in {tensors} tensors").format(
            count=f"{view.total:,}", tensors=len(view.stats)
        )
        if view.live and view.step:
            total = self.tr("{total} — live, {step}").format(total=total, step=view.step)
        elif view.live:
            total = self.tr("{total} — live").format(total=total)
        self.total.setText(total)
        # One histogram per turn of the event loop: five re-ranged plots at once held the GUI thread ~80 ms.
        self._pending_histograms = [name for name in self.histogram_items if name in view.histograms]
        self._draw_next_histogram()

    def _draw_next_histogram(self) -> None:
        if not self._pending_histograms or self._view is None:
            return
        name = self._pending_histograms.pop(0)
        histogram = self._view.histograms[name]
        edges = np.asarray(histogram.edges, dtype=np.float64)
        counts = np.asarray(histogram.counts, dtype=np.float64)
        self.histogram_items[name].setData(edges, counts)
        plots.steady_range(
            self._histogram_plots[name],
            (float(edges[0]), float(edges[-1])),
            (0.0, float(counts.max(initial=0.0)) or 1.0),
        )
        if self._pending_histograms:
            QTimer.singleShot(0, self, self._draw_next_histogram)


def _describe(widget: QWidget, name: str, tip: str) -> None:
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
