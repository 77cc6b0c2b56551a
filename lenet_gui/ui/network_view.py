"""The Network view: LeNet as one picture that follows the drawing, with the arithmetic of any value on demand.

What it shows comes in as plain numpy: ``show_prediction`` (the picture the network saw, every stage's activations,
the probabilities) and ``set_weights`` (the weights that produced them, by state_dict name). A click on a conv map
asks ``workers.network.ArithmeticService`` for the written-out computation of that value; hovering over a unit
shows its strongest incoming weights, and hovering over the output shows logits → softmax. Nothing here computes
the network: the arithmetic comes from ``core.arithmetic`` through the worker, so it is the real thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.heatmap import signed_color, warm_image
from lenet_gui.ui.network_scene import NetworkScene
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.pacing import Paced
from lenet_gui.ui.workers.network import ArithmeticService

if TYPE_CHECKING:
    from lenet_gui.core.arithmetic import ConvArithmetic

STRONGEST = 8  # incoming weights listed (and drawn) for a hovered unit
MISMATCH = 1e-4  # arithmetic and activation further apart than this: the weights changed since the drawing was read
_FC_SOURCES = {"fc1": ("flatten", "fc1.weight"), "fc2": ("fc1", "fc2.weight"), "logits": ("fc2", "fc3.weight")}


class FittedView(QGraphicsView):
    """Keeps the whole scene in sight whatever the widget's size (the picture is meant to be seen at once)."""

    def __init__(self, scene: NetworkScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("networkGraphics")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-8, -8, 8, 8)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)


def _number(value: float, digits: int = 3) -> str:
    return f"{value:+.{digits}f}".replace("-", "−")


def _tint(value: float, limit: float) -> str:
    return signed_color(float(value), limit).name()


def _grid(values: np.ndarray, limit: float, *, gray: bool = False) -> str:
    """A 5×5 table of numbers, each cell tinted by its value."""
    rows = []
    for row in values:
        cells = []
        for value in row:
            if gray:
                shade = int(255 - 120 * min(1.0, max(0.0, (float(value) + 0.42) / 3.2)))
                color = QColor(shade, shade, shade)
            else:
                color = signed_color(float(value), limit)
            cells.append(
                f'<td style="background:{color.name()}; white-space:pre" align="right">{_number(float(value), 2)}</td>'
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table cellspacing="1" cellpadding="1" style="font-size:8pt">' + "".join(rows) + "</table>"


class MapZoom(QLabel):
    """The clicked feature map enlarged, so a value can be chosen exactly; the explained value and its 2×2 pooling
    window are outlined. A click chooses another value of the same map (``pixelChosen(row, col)``)."""

    pixelChosen = Signal(int, int)
    SIZE = 168  # pixels: 6 per value of a 28×28 map

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkMapZoom")
        self.setFixedSize(self.SIZE, self.SIZE)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(self.tr("The clicked map, enlarged"))
        self.setToolTip(self.tr("Click a value to see how it was computed"))
        self.side = 0

    def show_map(self, values: np.ndarray | None, top: float, row: int, col: int, origin: tuple[int, int]) -> None:
        if values is None:
            self.side = 0
            self.clear()
            return
        self.side = values.shape[0]
        cell = self.SIZE // self.side
        image = QPixmap.fromImage(warm_image(values, top).scaled(cell * self.side, cell * self.side))
        painter = QPainter(image)
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        painter.drawRect(origin[1] * cell, origin[0] * cell, 2 * cell - 1, 2 * cell - 1)
        painter.setPen(QPen(QColor(0, 200, 255), 2))
        painter.drawRect(col * cell + 1, row * cell + 1, cell - 2, cell - 2)
        painter.end()
        self.setPixmap(image)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.side:
            cell = self.SIZE // self.side
            row, col = int(event.position().y() // cell), int(event.position().x() // cell)
            if 0 <= row < self.side and 0 <= col < self.side:
                self.pixelChosen.emit(row, col)


class NetworkView(QWidget):
    """The whole network at once (objectName ``networkView``); click a conv map, hover a unit or the output."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkView")
        self.scene = NetworkScene(self)
        self.graphics = FittedView(self.scene)
        self.arithmetic_text = QTextBrowser()
        self.arithmetic_text.setObjectName("networkArithmetic")
        self.hover_text = QTextBrowser()
        self.hover_text.setObjectName("networkHover")
        self.channel_choice = QComboBox()
        self.channel_choice.setObjectName("networkInputChannel")
        self.channel_choice.setToolTip(self.tr("Which of the six input channels to write out in full"))
        self.channel_choice.setAccessibleName(self.tr("Input channel"))
        self.channel_choice.currentIndexChanged.connect(lambda _: self._render_arithmetic())
        self.channel_choice.setVisible(False)
        self.service = ArithmeticService(self)
        self.service.ready.connect(self._on_arithmetic)
        self.service.failed.connect(self._on_arithmetic_failed)

        self._pixels: np.ndarray | None = None
        self._activations: Mapping[str, np.ndarray] | None = None
        self._probabilities: np.ndarray | None = None
        self._weights: Mapping[str, np.ndarray] | None = None
        self._selection: tuple[str, int, int, int] | None = None
        self.arithmetic: ConvArithmetic | None = None  # the last one shown
        self._dirty = False  # a prediction has not been painted yet (it arrived while off screen, or is paced)
        self._paced = Paced(self._render, parent=self)  # not on every mouse move: ui/pacing.py says why
        OnScreenWatch(self, self._render_if_dirty)
        self._hover_default = self.tr(
            "Hover over a unit of flatten, fc1 or fc2 to see its strongest incoming weights, or over the output to "
            "see how the ten logits become probabilities."
        )

        self.zoom = MapZoom()
        self.zoom.pixelChosen.connect(self._on_zoom_pixel)
        arithmetic = QWidget()
        zoom_column = QVBoxLayout()
        zoom_column.addWidget(self.zoom)
        zoom_column.addWidget(self.channel_choice)
        zoom_column.addStretch(1)
        row = QHBoxLayout(arithmetic)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(zoom_column)
        row.addWidget(self.arithmetic_text, 1)
        details = QSplitter(Qt.Orientation.Vertical)
        details.addWidget(arithmetic)
        details.addWidget(self.hover_text)
        details.setStretchFactor(0, 3)
        details.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.graphics)
        self.splitter.addWidget(details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self.scene.mapClicked.connect(self._on_map_clicked)
        self.scene.unitHovered.connect(self._on_unit_hovered)
        self.scene.hoverLeft.connect(self._on_hover_left)
        self._show_hint()
        self._on_hover_left()

    # --- inputs -----------------------------------------------------------------------------------------------

    def show_prediction(self, request_id: int, view: Any) -> None:
        """A drawing as the network read it (``PredictionView``-like: pixels, activations, probabilities), or None."""
        if view is None:
            self._paced.cancel()
            self._pixels = self._activations = self._probabilities = None
            self.scene.show_activations(None, None, None)
            self._selection = None
            self._show_hint()
            return
        self._pixels = np.asarray(view.pixels)
        self._activations = dict(view.activations)
        self._probabilities = np.asarray(view.probabilities)
        self._dirty = True
        if on_screen(self):  # off screen (behind another tab): painted when it comes into view
            self._paced.request()

    def _render_if_dirty(self) -> None:
        if self._dirty:
            self._render()

    def _render(self) -> None:
        """Paced (see ui/pacing.py) however fast predictions come (each mouse move of a stroke, each weights
        snapshot of a training run): a repaint colours ~45 maps on the GUI thread (issue 16.7)."""
        if not on_screen(self):
            return  # the OnScreenWatch repaints
        self._dirty = False
        if self._activations is None:
            return
        self.scene.show_activations(self._pixels, self._activations, self._probabilities)
        if self._selection is not None:  # keep explaining the same value as the drawing changes
            self._request(*self._selection)
        else:
            self._show_hint()

    def set_weights(self, state: Mapping[str, np.ndarray] | None) -> None:
        """The weights behind the activations shown (numpy, by state_dict name)."""
        self._weights = None if state is None else {k: np.asarray(v) for k, v in state.items()}

    def close_service(self) -> None:
        self.service.close()

    # --- clicks: the arithmetic of one value ----------------------------------------------------------------------

    def _show_hint(self) -> None:
        self.arithmetic = None
        self.zoom.show_map(None, 0.0, 0, 0, (0, 0))
        self.channel_choice.setVisible(False)
        if self._activations is None:
            text = self.tr("Draw a digit: every stage of the network will show what it makes of it.")
        else:
            text = self.tr(
                "Click a value in one of conv1's or conv2's maps to see how it was computed: the 5×5 kernel over "
                "the input under it, the products and their sum, the bias, ReLU and the 2×2 max pooling."
            )
        self.arithmetic_text.setHtml(f"<p>{text}</p>")

    def _on_map_clicked(self, key: str, index: int, row: int, col: int) -> None:
        if key in ("conv1", "conv2") and self._activations is not None:
            self._request(key, index, row, col)

    def explain(self, layer: str, channel: int, row: int, col: int) -> None:
        """The same as clicking that value of ``layer``'s map ``channel``."""
        self._on_map_clicked(layer, channel, row, col)

    def _request(self, layer: str, channel: int, row: int, col: int) -> None:
        self._selection = (layer, channel, row, col)
        if self._weights is None or self._activations is None:
            self.arithmetic_text.setHtml("<p>" + self.tr("The network's weights are still loading.") + "</p>")
            return
        self.service.explain(
            self._weights,
            layer,
            pixels=self._pixels,
            pool1=np.asarray(self._activations["pool1"]),
            channel=channel,
            row=row,
            col=col,
        )

    def _on_arithmetic_failed(self, message: str) -> None:
        self.arithmetic_text.setHtml(
            "<p>" + self.tr("That value could not be explained: {0}.").format(message) + "</p>"
        )

    def _on_arithmetic(self, arithmetic: ConvArithmetic) -> None:
        if self._activations is None:
            return
        self.arithmetic = arithmetic
        inputs = arithmetic.kernels.shape[0]
        self.channel_choice.blockSignals(True)
        if self.channel_choice.count() != inputs:
            self.channel_choice.clear()
            for c in range(inputs):
                self.channel_choice.addItem(self.tr("input channel {0} (pool1 map {0})").format(c))
        self.channel_choice.blockSignals(False)
        self.channel_choice.setVisible(inputs > 1)
        self._render_arithmetic()
        self._mark(arithmetic)

    def _on_zoom_pixel(self, row: int, col: int) -> None:
        if self.arithmetic is not None:
            self._request(self.arithmetic.layer, self.arithmetic.channel, row, col)

    def _mark(self, a: ConvArithmetic) -> None:
        if self._activations is not None:
            maps = np.asarray(self._activations[a.layer])
            self.zoom.show_map(maps[a.channel], float(maps.max()), a.chosen.row, a.chosen.col, a.pool_origin)
        scene = self.scene
        scene.clear_marks()
        row, col = a.chosen.row, a.chosen.col
        pooled = "pool1" if a.layer == "conv1" else "pool2"
        scene.mark_pixel(a.layer, a.channel, *a.pool_origin, size=2, color=QColor(255, 255, 255))
        scene.mark_pixel(a.layer, a.channel, row, col)
        scene.mark_pixel(pooled, a.channel, *a.pool_position)
        if a.layer == "conv1":
            scene.mark_pixel("input", 0, row, col, size=5)
        else:
            for c in range(6):
                scene.mark_pixel("pool1", c, row, col, size=5)

    def shown_value(self) -> float | None:
        """The activation the map shows at the explained position (after ReLU)."""
        a = self.arithmetic
        if a is None or self._activations is None:
            return None
        return float(self._activations[a.layer][a.channel, a.chosen.row, a.chosen.col])

    def _render_arithmetic(self) -> None:
        a = self.arithmetic
        if a is None:
            return
        c = max(0, self.channel_choice.currentIndex()) if a.kernels.shape[0] > 1 else 0
        kernel, patch, products = a.kernels[c], a.patches[c], a.products[c]
        limit = float(np.abs(products).max()) or 1.0
        source = (
            self.tr("the input picture (standardized)") if a.layer == "conv1" else self.tr("pool1 map {0}").format(c)
        )
        head = self.tr("{layer} map {channel}, row {row}, column {col}").format(
            layer=a.layer, channel=a.channel, row=a.chosen.row, col=a.chosen.col
        )
        parts = [f"<b>{head}</b>", "<table><tr>"]
        for title, table in (
            (self.tr("kernel"), _grid(kernel, float(np.abs(kernel).max()) or 1.0)),
            ("×", ""),
            (self.tr("patch of {0}").format(source), _grid(patch, 1.0, gray=True)),
        ):
            parts.append(f'<td valign="middle" align="center">{title}<br>{table}</td>')
        parts.append('</tr><tr><td align="center" colspan="3">')
        parts.append("= " + self.tr("products") + f"<br>{_grid(products, limit)}</td></tr></table>")
        sums = a.chosen.channel_sums
        if len(sums) > 1:
            rows = "".join(
                f"<tr><td>{'<b>' if i == c else ''}{self.tr('channel {0}').format(i)}{'</b>' if i == c else ''}</td>"
                f'<td align="right">{_number(float(s))}</td></tr>'
                for i, s in enumerate(sums)
            )
            parts.append(self.tr("Sum of the 25 products in each of the six input channels:"))
            parts.append(f'<table cellpadding="1">{rows}</table>')
            parts.append(self.tr("Total over the channels: {0}").format(_number(a.chosen.total)) + "<br>")
        else:
            parts.append(self.tr("Sum of the 25 products: {0}").format(_number(a.chosen.total)) + "<br>")
        parts.append(
            self.tr("+ bias {bias} = {value}").format(bias=_number(a.chosen.bias), value=_number(a.chosen.value))
            + "<br>"
        )
        parts.append(
            self.tr("ReLU: max({value}, 0) = <b>{relu}</b>").format(
                value=_number(a.chosen.value), relu=_number(a.chosen.relu)
            )
        )
        shown = self.shown_value()
        if shown is not None and abs(shown - a.chosen.relu) > MISMATCH:
            parts.append(
                "<br><i>"
                + self.tr("The map shows {0}: the weights changed since this drawing was read. Draw again.").format(
                    _number(shown)
                )
                + "</i>"
            )
        elif shown is not None:
            parts.append(" " + self.tr("(the value the map shows)"))
        window = ", ".join(_number(v.relu) for v in a.pool_window)
        pooled = "pool1" if a.layer == "conv1" else "pool2"
        prow, pcol = a.pool_position
        parts.append(
            "<br>"
            + self.tr(
                "2×2 max pooling: max({window}) = <b>{pooled}</b> → {stage} map {channel}, row {row}, column {col}"
            ).format(window=window, pooled=_number(a.pooled), stage=pooled, channel=a.channel, row=prow, col=pcol)
        )
        self.arithmetic_text.setHtml("".join(parts))

    # --- hovers: incoming weights, softmax ------------------------------------------------------------------------

    def _on_hover_left(self) -> None:
        self.hover_text.setText(f"<p>{self._hover_default}</p>")
        if self.arithmetic is not None:
            self._mark(self.arithmetic)
        else:
            self.scene.clear_marks()

    def _on_unit_hovered(self, key: str, index: int) -> None:
        if self._activations is None:
            return
        if key == "softmax" or (key == "logits" and self._weights is None):
            self.hover_text.setText(self._softmax_text(index))
            return
        if key == "flatten":
            m, r = divmod(index, 25)
            value = float(self._activations["pool2"].reshape(-1)[index])
            text = self.tr("Flattened value {index} = pool2 map {map}, row {row}, column {col}: {value}").format(
                index=index, map=m, row=r // 5, col=r % 5, value=_number(value)
            )
            self.hover_text.setText(f"<p>{text}</p>")
            return
        if self._weights is None or key not in _FC_SOURCES:
            return
        source, weight_name = _FC_SOURCES[key]
        weights = np.asarray(self._weights[weight_name])[index]
        order = np.argsort(-np.abs(weights), kind="stable")[:STRONGEST]
        limit = float(np.abs(weights[order]).max()) or 1.0
        self.scene.clear_marks()
        self.scene.mark_inputs(key, index, [(source, int(i), float(weights[i])) for i in order], limit)
        value = float(self._activations[key][index])
        name = "fc3" if key == "logits" else key
        lines = [
            "<b>"
            + self.tr("{layer} unit {unit}: {value}").format(layer=name, unit=index, value=_number(value))
            + "</b><br>"
            + self.tr("Its {n} strongest incoming weights (of {total}), from {source}:").format(
                n=len(order), total=len(weights), source=source
            )
        ]
        inputs = self._source_values(source)
        rows = "".join(
            f'<tr><td>{source} {int(i)}</td><td align="right" style="background:{_tint(weights[i], limit)}">'
            f'{_number(float(weights[i]))}</td><td align="right">× {_number(float(inputs[i]))}</td></tr>'
            for i in order
        )
        lines.append(f'<table cellpadding="2">{rows}</table>')
        if key == "logits":
            lines.append(self._softmax_text(index))
        self.hover_text.setText("".join(lines))

    def _source_values(self, source: str) -> np.ndarray:
        assert self._activations is not None
        if source == "flatten":
            return np.asarray(self._activations["pool2"]).reshape(-1)
        return np.asarray(self._activations[source])

    def _softmax_text(self, highlight: int) -> str:
        """logits → exp(logit − max) → divided by their sum: the probabilities, written out."""
        assert self._activations is not None
        logits = np.asarray(self._activations["logits"], np.float64)
        exps = np.exp(logits - logits.max())
        probabilities = exps / exps.sum()
        head = self.tr("Softmax: each logit's exp(logit − {top}), divided by their sum {total}").format(
            top=_number(float(logits.max())), total=f"{exps.sum():.4f}"
        )
        rows = "".join(
            f"<tr>{'<td><b>' if d == highlight else '<td>'}{d}{'</b>' if d == highlight else ''}</td>"
            f'<td align="right">{_number(float(logits[d]))}</td><td align="right">{exps[d]:.4f}</td>'
            f'<td align="right">{100 * probabilities[d]:.2f}%</td></tr>'
            for d in range(10)
        )
        header = "".join(f"<th>{t}</th>" for t in (self.tr("digit"), self.tr("logit"), "exp", self.tr("probability")))
        header = f"<tr>{header}</tr>"
        return f"<p>{head}</p><table cellpadding='2'>{header}{rows}</table>"

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Details beside the picture when the view is wide (a bottom dock), below it when not (a side dock)."""
        super().resizeEvent(event)
        wide = self.width() > 1.6 * self.height()
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.isVisible():  # sizes follow the view's shape (a drag of the splitter lasts until the next resize)
            self.splitter.setOrientation(orientation)
            if wide:
                first = int(self.width() * 0.62)
                self.splitter.setSizes([first, self.width() - first])
            else:  # the picture as tall as its width allows (it is about twice as wide as tall), at most 55%
                rect = self.scene.itemsBoundingRect()
                first = min(int(self.height() * 0.55), int(self.width() * rect.height() / rect.width()) + 12)
                self.splitter.setSizes([first, self.height() - first])

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.resizeEvent(QResizeEvent(self.size(), self.size()))
        QTimer.singleShot(0, self.graphics.fit)
