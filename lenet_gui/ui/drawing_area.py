"""The window's centre: the canvas with its tools (pen width, eraser, undo, redo, clear) beside the answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton, QVBoxLayout, QWidget

from lenet_gui.ui.canvas import PEN_WIDTH_RANGE, DrawingCanvas
from lenet_gui.ui.prediction_panel import CorrectionBar, PredictionPanel


class DrawingArea(QWidget):
    """Lays out the canvas, its tool row, the prediction panel and the correction bar; connects the tools to the
    canvas. The window gives the undo and redo buttons their actions."""

    def __init__(self, *, pen_width: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("center")
        self.setMinimumWidth(540)
        self.canvas = DrawingCanvas(pen_width=pen_width)
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
        # until Korean labels were cut ("실…소" for 실행 취소).
        pen = QHBoxLayout()
        pen.addWidget(pen_label)
        pen.addWidget(self.pen_slider, 1)
        tools = QHBoxLayout()
        for button in (self.eraser_button, self.undo_button, self.redo_button, self.clear_button):
            tools.addWidget(button)
        tools.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(pen)
        left.addLayout(tools)
        right = QVBoxLayout()
        right.addWidget(self.prediction_panel, 1)
        right.addWidget(self.correction_bar)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

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
