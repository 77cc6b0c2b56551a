"""What does it look for? Per conv filter and per output digit: the input that excites it most (activation
maximization), and for conv filters the 9 MNIST test patches that excite it most.

Computed in the background with progress (a few seconds), once asked for; recomputed when the weights change
(after training, fine-tuning, a kept kernel), a moment after the last change so that live training does not restart
it at every snapshot.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.poke_widgets import describe, gray_pixmap

PREFERRED = 140
PATCH = 46
RECOMPUTE_AFTER_MS = 3000


class LookForView(QWidget):
    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookForView")
        self._service = service
        self._worker: Any = None
        self.result: Any = None
        self.unit = QComboBox()
        self.unit.setObjectName("lookForUnit")
        for layer, count in (("conv1", 6), ("conv2", 16)):
            for index in range(count):
                self.unit.addItem(
                    self.tr("{layer} filter {index}").format(layer=layer, index=index), f"{layer}:{index}"
                )
        for digit in range(10):
            self.unit.addItem(self.tr("output digit {digit}").format(digit=digit), f"logits:{digit}")
        self.compute = QPushButton(self.tr("Compute"))
        self.compute.setObjectName("lookForCompute")
        describe(self.unit, self.tr("Filter or digit"), self.tr("Whose preferred input and top patches to show"))
        describe(self.compute, self.tr("Compute"), self.tr("Compute what every filter and digit looks for"))
        self.progress = QProgressBar()
        self.progress.hide()
        self.preferred = QLabel()
        self.preferred.setFixedSize(PREFERRED, PREFERRED)
        self.patches = [QLabel() for _ in range(9)]
        self.message = QLabel(self.tr("Compute once (a few seconds in the background); then pick any filter or digit."))
        self.message.setWordWrap(True)
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(RECOMPUTE_AFTER_MS)
        self._stale.timeout.connect(self.start)

        row = QHBoxLayout()
        row.addWidget(self.unit, 1)
        row.addWidget(self.compute)
        grid = QGridLayout()
        for index, label in enumerate(self.patches):
            label.setFixedSize(PATCH, PATCH)
            grid.addWidget(label, index // 3, index % 3)
        pictures = QHBoxLayout()
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Excites it most (contrast stretched)")))
        column.addWidget(self.preferred)
        pictures.addLayout(column)
        column = QVBoxLayout()
        column.addWidget(QLabel(self.tr("Top 9 test patches")))
        column.addLayout(grid)
        pictures.addLayout(column)
        pictures.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addLayout(pictures)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.compute.clicked.connect(self.start)
        self.unit.currentIndexChanged.connect(lambda _: self._show())
        service.weightsChanged.connect(self._on_weights_changed)

    def start(self) -> None:
        if self._worker is not None:
            self._worker.stop()
        if self._service.state is None:
            return
        worker = self._service.look_for()
        self._worker = worker
        self.compute.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(self.tr("Computing what each filter and digit looks for…"))
        worker.yielded.connect(lambda p: self.progress.setValue(round(100 * p.done / p.total)))
        worker.returned.connect(lambda result: self._on_done(worker, result))
        worker.errored.connect(
            lambda error: self.message.setText(self.tr("Could not compute: {why}").format(why=error))
        )
        worker.finished.connect(lambda: self.compute.setEnabled(True))
        worker.start()

    def stop(self) -> None:
        self._stale.stop()
        if self._worker is not None:
            self._worker.stop()

    def _on_weights_changed(self) -> None:
        if self.result is not None:
            self.message.setText(self.tr("The weights changed: this will be computed again in a moment."))
            self._stale.start()

    def _on_done(self, worker: Any, result: Any) -> None:
        if worker is not self._worker or result is None:
            return
        self.progress.hide()
        self.result = result
        self._show()

    def _show(self) -> None:
        if self.result is None:
            return
        layer, number = str(self.unit.currentData()).split(":")  # "conv2:5" (a tuple would not survive Qt)
        index = int(number)
        # Stretched to its own range: a preferred input is often faint, and its pattern is what matters.
        self.preferred.setPixmap(gray_pixmap(self.result.preferred[layer][index], PREFERRED, stretch=True))
        patches = self.result.patches.get((layer, index))
        for k, label in enumerate(self.patches):
            if patches is None:
                label.clear()
            else:
                label.setPixmap(gray_pixmap(patches[k], PATCH))
        if patches is None:
            self.message.setText(self.tr("An output digit has no patch of its own: it sees the whole input."))
        else:
            self.message.setText(
                self.tr(
                    "The 9 test digits (of 2,000) where {layer} filter {index} fires most, cut to what it sees."
                ).format(layer=layer, index=index)
            )
