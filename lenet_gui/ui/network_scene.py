"""LeNet as one picture on a QGraphicsScene: every stage a column of heatmaps or units, the connections drawn.

Left to right: the 32×32 input, conv1's six maps, their pooling, conv2's sixteen maps, their pooling, the 400
flattened numbers, fc1's 120 units, fc2's 84, fc3's ten outputs and their softmax. ``show_activations`` repaints
every stage from plain numpy; clicks on a conv map and hovers over a unit come out as signals with plain indices,
and ``mark_pixel`` / ``mark_inputs`` draw what the view is explaining on top. The scene computes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from lenet_gui.ui.heatmap import gray_image, pixmap, signed_color, warm_image

TOP = 70.0  # room for the stage labels above the columns (three lines)
HEIGHT = 512.0  # every column shares this height, so stages line up
BACKGROUND = QColor(250, 250, 252)
LINE = QColor(120, 130, 150, 70)


@dataclass(frozen=True)
class Stage:
    """One column of the picture: what it shows, where, and how big each map or unit is drawn."""

    key: str  # "input", an activation name (conv1 … logits) or "flatten" / "softmax"
    title: str
    operation: str
    shape: str
    x: float
    count: int  # maps, or units
    side: int  # a map's side in values (0 for a column of units)
    cell: float  # drawn size of one value (maps) or the column's width (units)


def _font(pixels: int, *, bold: bool = False) -> QFont:
    """Sizes in scene units: the picture is scaled to fit, so text must be large in the scene to stay legible."""
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def stages() -> tuple[Stage, ...]:
    """The layout; titles through translation, shapes as the tutorial's comments write them (channels × h × w)."""
    return (
        Stage(
            "input",
            QCoreApplication.translate("NetworkScene", "input"),
            QCoreApplication.translate("NetworkScene", "you drew"),
            "1×32×32",
            0,
            1,
            32,
            3,
        ),
        Stage("conv1", "conv1", QCoreApplication.translate("NetworkScene", "5×5 + ReLU"), "6×28×28", 150, 6, 28, 2),
        Stage(
            "pool1",
            QCoreApplication.translate("NetworkScene", "pool"),
            QCoreApplication.translate("NetworkScene", "max 2×2"),
            "6×14×14",
            260,
            6,
            14,
            3,
        ),
        Stage("conv2", "conv2", QCoreApplication.translate("NetworkScene", "5×5 + ReLU"), "16×10×10", 380, 16, 10, 3),
        Stage(
            "pool2",
            QCoreApplication.translate("NetworkScene", "pool"),
            QCoreApplication.translate("NetworkScene", "max 2×2"),
            "16×5×5",
            500,
            16,
            5,
            5,
        ),
        Stage("flatten", QCoreApplication.translate("NetworkScene", "flatten"), "", "400", 610, 400, 0, 12),
        Stage("fc1", "fc1", QCoreApplication.translate("NetworkScene", "+ ReLU"), "120", 690, 120, 0, 14),
        Stage("fc2", "fc2", QCoreApplication.translate("NetworkScene", "+ ReLU"), "84", 780, 84, 0, 14),
        Stage("logits", "fc3", QCoreApplication.translate("NetworkScene", "logits"), "10", 870, 10, 0, 76),
        Stage("softmax", QCoreApplication.translate("NetworkScene", "softmax"), "", "10", 1000, 10, 0, 100),
    )


def map_rect(stage: Stage, index: int) -> QRectF:
    """Where map ``index`` of a map stage is drawn: maps are centred in equal slices of the column."""
    size = stage.side * stage.cell
    pitch = HEIGHT / stage.count
    top = TOP + index * pitch + (pitch - size) / 2
    return QRectF(stage.x, top, size, size)


def unit_rect(stage: Stage, index: int) -> QRectF:
    """Where unit ``index`` of a unit column is drawn."""
    pitch = HEIGHT / stage.count
    if stage.key in ("logits", "softmax"):
        return QRectF(stage.x, TOP + index * pitch + 4, stage.cell, pitch - 8)
    return QRectF(stage.x, TOP + index * pitch, stage.cell, pitch)


class MapItem(QGraphicsPixmapItem):
    """One feature map (or the input): clicking a value reports (stage, map, row, col)."""

    def __init__(self, stage: Stage, index: int, on_click: Callable[[str, int, int, int], None]) -> None:
        super().__init__()
        self.stage, self.index = stage, index
        self._on_click = on_click
        self.setPos(map_rect(stage, index).topLeft())
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if stage.key in ("conv1", "conv2") else Qt.CursorShape.ArrowCursor
        )

    def set_image(self, pixmap: QPixmap) -> None:
        self.setPixmap(pixmap)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        side = self.stage.side
        row = min(side - 1, max(0, int(event.pos().y() // self.stage.cell)))
        col = min(side - 1, max(0, int(event.pos().x() // self.stage.cell)))
        self._on_click(self.stage.key, self.index, row, col)
        event.accept()


class UnitColumn(QGraphicsPixmapItem):
    """A column of units (flatten, fc1, fc2): hovering reports which unit is under the pointer."""

    def __init__(self, stage: Stage, on_hover: Callable[[str, int], None], on_leave: Callable[[], None]) -> None:
        super().__init__()
        self.stage = stage
        self._on_hover, self._on_leave = on_hover, on_leave
        self.setPos(stage.x, TOP)
        self.setAcceptHoverEvents(True)
        self.setTransformationMode(Qt.TransformationMode.FastTransformation)

    def set_values(self, values: np.ndarray) -> None:
        column = np.asarray(values, np.float64).reshape(-1, 1)
        image = warm_image(column).scaled(int(self.stage.cell), int(HEIGHT))
        self.setPixmap(QPixmap.fromImage(image))

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        index = min(self.stage.count - 1, max(0, int(event.pos().y() / (HEIGHT / self.stage.count))))
        self._on_hover(self.stage.key, index)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_leave()


class OutputBox(QGraphicsRectItem):
    """One of the ten outputs (a logit, or its probability): hovering reports it."""

    def __init__(
        self, rect: QRectF, key: str, index: int, on_hover: Callable[[str, int], None], on_leave: Callable[[], None]
    ) -> None:
        super().__init__(rect)
        self.key, self.index = key, index
        self._on_hover, self._on_leave = on_hover, on_leave
        self.setAcceptHoverEvents(True)
        self.setPen(QPen(QColor(170, 175, 190)))

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover(self.key, self.index)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_leave()


class NetworkScene(QGraphicsScene):
    """The whole network; repainted from a dict of activations (numpy, no batch axis) and the input picture."""

    mapClicked = Signal(str, int, int, int)  # stage key, map, row, col
    unitHovered = Signal(str, int)  # "flatten" / "fc1" / "fc2" / "logits" / "softmax", unit index
    hoverLeft = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(BACKGROUND)
        self.stages = {stage.key: stage for stage in stages()}
        self.maps: dict[str, list[MapItem]] = {}
        self.columns: dict[str, UnitColumn] = {}
        self.logit_texts: list[QGraphicsSimpleTextItem] = []
        self.logit_digits: list[QGraphicsSimpleTextItem] = []  # which digit each logit is for (issue 10.20)
        self.bars: list[QGraphicsRectItem] = []
        self.bar_texts: list[QGraphicsSimpleTextItem] = []
        self._marks: list[QGraphicsItem] = []
        self._box_cache: dict[str, list[OutputBox]] = {}
        self._build()

    # --- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self._connections()
        bold, plain = _font(17, bold=True), _font(15)
        for stage in self.stages.values():
            for line, text in enumerate((stage.title, stage.operation, stage.shape)):
                label = self.addSimpleText(text, bold if line == 0 else plain)
                label.setPos(stage.x, line * 20)
            if stage.side:
                self.maps[stage.key] = []
                for index in range(stage.count):
                    item = MapItem(stage, index, self.mapClicked.emit)
                    self.addItem(item)
                    self.maps[stage.key].append(item)
                    frame = self.addRect(map_rect(stage, index), QPen(QColor(150, 155, 170)))
                    frame.setZValue(1)
            elif stage.key in ("flatten", "fc1", "fc2"):
                column = UnitColumn(stage, self.unitHovered.emit, self.hoverLeft.emit)
                self.addItem(column)
                self.columns[stage.key] = column
                self.addRect(QRectF(stage.x, TOP, stage.cell, HEIGHT), QPen(QColor(150, 155, 170))).setZValue(1)
            else:
                self._outputs(stage)

    def _outputs(self, stage: Stage) -> None:
        small = _font(14)
        for digit in range(10):
            rect = unit_rect(stage, digit)
            box = OutputBox(rect, stage.key, digit, self.unitHovered.emit, self.hoverLeft.emit)
            self.addItem(box)
            if stage.key == "logits":
                box.setBrush(QColor(255, 255, 255))
                label = self.addSimpleText(str(digit), _font(14, bold=True))
                label.setPos(rect.x() + 4, rect.center().y() - 9)
                label.setZValue(2)
                self.logit_digits.append(label)
                text = self.addSimpleText("", small)
                text.setPos(rect.x() + 22, rect.center().y() - 9)
                text.setZValue(2)
                self.logit_texts.append(text)
            else:
                box.setPen(QPen(Qt.PenStyle.NoPen))
                digit_text = self.addSimpleText(str(digit), _font(16, bold=True))
                digit_text.setPos(rect.x() - 16, rect.center().y() - 10)
                bar = self.addRect(
                    QRectF(rect.x(), rect.y(), 0, rect.height()), QPen(Qt.PenStyle.NoPen), QBrush(QColor(70, 110, 200))
                )
                self.bars.append(bar)
                percent = self.addSimpleText("", small)
                percent.setPos(rect.x() + 4, rect.center().y() - 9)
                percent.setZValue(2)
                self.bar_texts.append(percent)

    def _connections(self) -> None:
        """Lines between the stages, drawn first (below everything): map to map, and fans between unit columns."""
        s = self.stages
        path = QPainterPath()

        def link(a: QRectF, b: QRectF) -> None:
            path.moveTo(a.right(), a.center().y())
            path.lineTo(b.left(), b.center().y())

        source = map_rect(s["input"], 0)
        for i in range(6):
            link(source, map_rect(s["conv1"], i))
            link(map_rect(s["conv1"], i), map_rect(s["pool1"], i))
            for j in range(16):
                link(map_rect(s["pool1"], i), map_rect(s["conv2"], j))
        for j in range(16):
            link(map_rect(s["conv2"], j), map_rect(s["pool2"], j))
            a = map_rect(s["pool2"], j)
            path.moveTo(a.right(), a.center().y())
            path.lineTo(s["flatten"].x, TOP + HEIGHT * (j + 0.5) / 16)
        for left, right in (("flatten", "fc1"), ("fc1", "fc2"), ("fc2", "logits")):
            x0 = s[left].x + s[left].cell
            x1 = s[right].x
            for k in range(9):  # a fan: every unit feeds every unit of the next layer
                for m in range(9):
                    path.moveTo(x0, TOP + HEIGHT * k / 8)
                    path.lineTo(x1, TOP + 4 + (HEIGHT - 8) * m / 8)
        for digit in range(10):
            a, b = unit_rect(s["logits"], digit), unit_rect(s["softmax"], digit)
            path.moveTo(a.right(), a.center().y())
            path.lineTo(b.left() - 18, b.center().y())
        lines = QGraphicsPathItem(path)
        lines.setPen(QPen(LINE, 0.8))
        lines.setZValue(-1)
        lines.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # ~1,000 fixed lines: drawn once per zoom
        self.addItem(lines)

    # --- showing ----------------------------------------------------------------------------------------------

    def show_activations(
        self, pixels: np.ndarray | None, activations: Mapping[str, np.ndarray] | None, probabilities: np.ndarray | None
    ) -> None:
        """Repaint every stage; ``None`` clears the picture (nothing drawn)."""
        self.clear_marks()
        if pixels is None or activations is None or probabilities is None:
            blank = QPixmap()
            for items in self.maps.values():
                for item in items:
                    item.set_image(blank)
            for column in self.columns.values():
                column.setPixmap(blank)
            for text in (*self.logit_texts, *self.bar_texts):
                text.setText("")
            for bar in self.bars:
                bar.setRect(QRectF(bar.rect().x(), bar.rect().y(), 0, bar.rect().height()))
            return
        self.maps["input"][0].set_image(pixmap(gray_image(pixels), int(self.stages["input"].cell)))
        for key in ("conv1", "pool1", "conv2", "pool2"):
            values = activations[key]
            top = float(values.max())  # one scale per stage, so maps of a stage compare
            for index, item in enumerate(self.maps[key]):
                item.set_image(pixmap(warm_image(values[index], top), int(self.stages[key].cell)))
        self.columns["flatten"].set_values(activations["pool2"].reshape(-1))
        self.columns["fc1"].set_values(activations["fc1"])
        self.columns["fc2"].set_values(activations["fc2"])
        logits = activations["logits"]
        limit = float(np.abs(logits).max())
        best = int(np.argmax(probabilities))
        for digit, box in enumerate(self._boxes("logits")):
            box.setBrush(signed_color(float(logits[digit]), limit))
            self.logit_texts[digit].setText(f"{logits[digit]:+.2f}")
        width = self.stages["softmax"].cell
        for digit, bar in enumerate(self.bars):
            rect = bar.rect()
            bar.setRect(QRectF(rect.x(), rect.y(), max(1.0, width * float(probabilities[digit])), rect.height()))
            bar.setBrush(QColor(40, 150, 90) if digit == best else QColor(110, 140, 200))
            self.bar_texts[digit].setText(f"{100 * probabilities[digit]:.1f}%")

    def _boxes(self, key: str) -> list[OutputBox]:
        if key not in self._box_cache:
            boxes = [item for item in self.items() if isinstance(item, OutputBox) and item.key == key]
            self._box_cache[key] = sorted(boxes, key=lambda box: box.index)
        return self._box_cache[key]

    # --- marks: what the view explains -------------------------------------------------------------------------

    def clear_marks(self) -> None:
        for item in self._marks:
            self.removeItem(item)
        self._marks.clear()

    def mark_pixel(self, key: str, index: int, row: int, col: int, size: int = 1, color: QColor | None = None) -> None:
        """A square around ``size``×``size`` values of a map, from (row, col)."""
        stage = self.stages[key]
        corner = map_rect(stage, index).topLeft() + QPointF(col * stage.cell, row * stage.cell)
        mark = self.addRect(
            QRectF(corner, QPointF(corner.x() + size * stage.cell, corner.y() + size * stage.cell)),
            QPen(color or QColor(0, 200, 255), 1.5),
        )
        mark.setZValue(3)
        self._marks.append(mark)

    def mark_inputs(self, key: str, index: int, sources: Sequence[tuple[str, int, float]], limit: float) -> None:
        """Lines into unit ``index`` of stage ``key`` from ``sources`` (stage, unit, weight), coloured by sign."""
        end = unit_rect(self.stages[key], index)
        box = self.addRect(end, QPen(QColor(0, 200, 255), 2))
        box.setZValue(3)
        self._marks.append(box)
        for source_key, source_index, weight in sources:
            start = unit_rect(self.stages[source_key], source_index)
            path = QPainterPath(QPointF(start.right(), start.center().y()))
            path.lineTo(QPointF(end.left(), end.center().y()))
            line = QGraphicsPathItem(path)
            line.setPen(QPen(signed_color(weight, limit).darker(115), 2.0))
            line.setZValue(2)
            self.addItem(line)
            self._marks.append(line)
