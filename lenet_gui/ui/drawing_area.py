"""The window's centre: the canvas with its tools (pen width, eraser, undo, redo, clear) beside the answer."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.canvas import PEN_WIDTH_RANGE, DrawingCanvas
from lenet_gui.ui.prediction_panel import CorrectionBar, PredictionPanel
from lenet_gui.ui.reflow import ReflowBox

CANVAS_MINIMUM = 196  # pixels: room to draw in a 900-px window, whose docks get the rest
STACK_GAIN = 1.2  # the answer goes under the canvas when that makes the canvas this much larger


class DrawingArea(QWidget):
    """Lays out the canvas, its tool row, the prediction panel and the correction bar; connects the tools to the
    canvas. The window gives the undo and redo buttons their actions."""

    def __init__(self, *, pen_width: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("center")
        self.canvas = DrawingCanvas(pen_width=pen_width)
        self.canvas.setMinimumSize(CANVAS_MINIMUM, CANVAS_MINIMUM)
        self.prediction_panel = PredictionPanel()
        self.correction_bar = CorrectionBar()

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setObjectName("penWidth")
        self.pen_slider.setRange(int(PEN_WIDTH_RANGE[0]), int(PEN_WIDTH_RANGE[1]))
        self.pen_slider.setValue(round(self.canvas.pen_width()))
        self.pen_slider.setMinimumWidth(90)
        self.pen_slider.setAccessibleName(self.tr("Pen width"))
        self.pen_slider.setToolTip(self.tr("Pen width ([ thinner, ] thicker)"))
        self.pen_slider.valueChanged.connect(lambda value: self.canvas.set_pen_width(float(value)))
        self.canvas.penWidthChanged.connect(lambda width: self.pen_slider.setValue(round(width)))
        pen_label = QLabel(self.tr("Pen"))
        pen_label.setBuddy(self.pen_slider)
        pen_label.setToolTip(self.pen_slider.toolTip())
        pen_label.setAccessibleName(self.tr("Pen width label"))

        self.eraser_button = self._tool("eraserButton", self.tr("Eraser"))
        self.eraser_button.setCheckable(True)
        self.eraser_button.setToolTip(self.tr("Erase instead of drawing (E); the right mouse button always erases"))
        self.eraser_button.toggled.connect(self.canvas.set_erasing)
        self.canvas.eraserChanged.connect(self.eraser_button.setChecked)
        self.undo_button = self._tool("undoButton", self.tr("Undo"))
        self.redo_button = self._tool("redoButton", self.tr("Redo"))
        self._undo_actions: tuple[tuple[QToolButton, QAction], ...] = ()
        self.clear_button = self._tool("clearButton", self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the canvas (Esc or Delete)"))
        self.clear_button.clicked.connect(self.canvas.clear)

        # The pen on a row of its own and the four tools under it: in one row at 900 px, the buttons were squeezed
        # until Korean labels were cut ("실…소" for 실행 취소). The tools fold into two rows where even that is too
        # narrow, so the area has no large minimum width (it had a fixed 540 px that cut its own contents instead).
        pen = QHBoxLayout()
        pen.addWidget(pen_label)
        pen.addWidget(self.pen_slider, 1)
        self.tools = ReflowBox(
            [self.eraser_button, self.undo_button, self.redo_button, self.clear_button], columns=(4, 2)
        )
        self.tools.setObjectName("canvasTools")
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(pen)
        left.addWidget(self.tools)
        right = QVBoxLayout()
        right.addWidget(self.prediction_panel, 1)
        right.addWidget(self.correction_bar)
        # Side by side, or the answer under the canvas where that gives a larger canvas (a tall, narrow window such
        # as half a 1920×1080 screen, where side by side left a 200-px canvas above empty space).
        self._left, self._right = left, right
        self._split = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._split.addLayout(left, 3)
        self._split.addLayout(right, 2)
        self._split.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint says it instead
        self.stacked = False

    def minimumSizeHint(self) -> QSize:
        """Side by side's minimum, stacked or not: the area stacks only when it has the height for it."""
        left, right = self._left.minimumSize(), self._right.minimumSize()
        margins, spacing = self._split.contentsMargins(), self._split.spacing()
        width = left.width() + right.width() + spacing + margins.left() + margins.right()
        return QSize(width, max(left.height(), right.height()) + margins.top() + margins.bottom())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size())
        super().resizeEvent(event)

    def _arrange(self, size: QSize) -> None:
        """Stack the answer under the canvas when that makes the canvas clearly larger than side by side."""
        margins = self._split.contentsMargins()
        width = size.width() - margins.left() - margins.right()
        height = size.height() - margins.top() - margins.bottom()
        tools = self._left.minimumSize().height() - self.canvas.minimumHeight()  # the pen and tool rows
        beside = min(width * 3 // 5, height - tools)
        below = min(width, height - tools - self._right.sizeHint().height() - self._split.spacing())
        stacked = below > beside * STACK_GAIN
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self._split.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        self._split.setStretch(1, 0 if stacked else 2)  # stacked, the canvas takes the height the answer leaves
        self._split.activate()

    def _tool(self, name: str, text: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setAccessibleName(text)
        # Never narrower than the text: squeezed, "실행 취소" became "실…소"; the pen slider gives way instead.
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return button

    def set_undo_actions(self, undo: QAction, redo: QAction) -> None:
        """The buttons trigger the window's Undo and Redo and follow whether they can, but keep their short fixed
        labels: given the actions as default actions, they took the changing names ("Redo eraser stroke") and were
        squeezed to "Red…oke". The name goes to the tooltip, with the key."""
        self._undo_actions = ((self.undo_button, undo), (self.redo_button, redo))
        for button, action in self._undo_actions:
            button.clicked.connect(action.trigger)
            action.changed.connect(self._follow_undo_actions)  # a method: disconnected when this widget goes
        self._follow_undo_actions()

    @Slot()
    def _follow_undo_actions(self) -> None:
        for button, action in self._undo_actions:
            button.setEnabled(action.isEnabled())
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{action.toolTip()} ({keys})" if keys else action.toolTip()
            if button.toolTip() != tip:
                button.setToolTip(tip)
                button.setAccessibleDescription(tip)
