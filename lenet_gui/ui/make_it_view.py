"""'Make it a …': the smallest nudge to your drawing that makes the network say another digit (core's ``make_it``).

Shows your input, the changed one and the changed pixels (red: ink added, blue: ink taken away), plays a short
animation from yours to the changed one, and can put the result on the canvas. When the budget runs out before the
network is 90% sure, it says so plainly instead of showing a half-success as a success.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lenet_gui.ui.poke_widgets import MNIST_MEAN, MNIST_STD, describe, input_pixmap, signed_pixmap

PICTURE = 112
FRAMES = 16
FRAME_MS = 60  # about a second from yours to the changed one


class MakeItView(QWidget):
    putOnCanvas = Signal(object)  # float (32, 32) 0..1 dark on light

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("makeItView")
        self._service = service
        self.result: Any = None
        self._frame = 0
        self.digit = QComboBox()
        self.digit.setObjectName("makeItDigit")
        for digit in range(10):
            self.digit.addItem(str(digit), digit)
        self.go = QPushButton(self.tr("Make it so"))
        self.go.setObjectName("makeItGo")
        self.put = QPushButton(self.tr("Put on canvas"))
        self.put.setObjectName("makeItPut")
        self.put.setEnabled(False)
        self.replay = QPushButton(self.tr("Play again"))
        self.replay.setEnabled(False)
        self.pictures = [QLabel() for _ in range(3)]
        for label in self.pictures:
            label.setFixedSize(PICTURE, PICTURE)
        self.message = QLabel(
            self.tr("Choose a digit: the app looks for a small change to your drawing that makes it one.")
        )
        self.message.setObjectName("makeItMessage")
        self.message.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._next_frame)

        describe(self.digit, self.tr("Digit to make"), self.tr("The digit the network should see"))
        describe(
            self.go, self.tr("Make it so"), self.tr("Find a small change to your drawing that makes it this digit")
        )
        describe(self.put, self.tr("Put on canvas"), self.tr("Replace the drawing with the changed one"))
        describe(self.replay, self.tr("Play again"), self.tr("Play the change from yours to the changed one again"))
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("Make it a")), self.digit, self.go, self.replay, self.put):
            row.addWidget(widget)
        row.addStretch(1)
        grid = QGridLayout()
        for column, (label, title) in enumerate(
            zip(self.pictures, (self.tr("Yours → changed"), self.tr("Changed"), self.tr("Changed pixels")), strict=True)
        ):
            grid.addWidget(QLabel(title), 0, column)
            grid.addWidget(label, 1, column)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.go.clicked.connect(self.request)
        self.replay.clicked.connect(self._play)
        self.put.clicked.connect(self._put)
        service.madeIt.connect(self._on_made)

    def request(self) -> None:
        self.go.setEnabled(False)
        self.message.setText(self.tr("Looking for a small change…"))
        self._service.make_it(self.digit.currentData())

    def _on_made(self, made: Any) -> None:
        self.go.setEnabled(True)
        self.result = made
        if made is None:
            self.message.setText(self.tr("Draw a digit first: there is nothing to change."))
            return
        result = made.counterfactual
        percent = float(result.probabilities[result.digit]) * 100
        if result.reached:
            text = self.tr("Now it says {d} with {p:.0f}%: a change of {l2:.1f} (L2, standardized), {ms:.0f} ms.")
        else:
            text = self.tr(
                "Could not make it a {d} within the budget: the best change reaches {p:.0f}% "
                "(L2 {l2:.1f}), {ms:.0f} ms."
            )
        self.message.setText(text.format(d=result.digit, p=percent, l2=result.l2_change, ms=made.seconds * 1000))
        self.pictures[1].setPixmap(input_pixmap(result.model_input, PICTURE))
        self.pictures[2].setPixmap(signed_pixmap(result.model_input - made.original, PICTURE))
        self.put.setEnabled(True)
        self.replay.setEnabled(True)
        self._play()

    def _play(self) -> None:
        self._frame = 0
        self._timer.start()
        self._next_frame()

    def _next_frame(self) -> None:
        if self.result is None:
            self._timer.stop()
            return
        t = min(self._frame / (FRAMES - 1), 1.0)
        blend = (1 - t) * self.result.original + t * self.result.counterfactual.model_input
        self.pictures[0].setPixmap(input_pixmap(blend, PICTURE))
        self._frame += 1
        if t >= 1.0:
            self._timer.stop()

    def changed_picture(self) -> np.ndarray | None:
        """The changed input as the canvas shows pictures: 0..1, dark ink on light paper."""
        if self.result is None:
            return None
        pixels: np.ndarray = np.clip(self.result.counterfactual.model_input * MNIST_STD + MNIST_MEAN, 0.0, 1.0)
        return (1.0 - pixels).astype(np.float32)

    def _put(self) -> None:
        picture = self.changed_picture()
        if picture is not None:
            self.putOnCanvas.emit(picture)
