"""Paint a conv1 kernel: its 25 weights and its bias change the preview at once; Keep makes them the app's weights.

The edit lives in ``ExplainService`` (the preview's private copy), never in the app's weights, until Keep: then the
edited weights are saved and adopted the way a finished training run's are, through the run coordinator
(``keep_edited``), unless its policy says weights may not change now (a run going on or awaiting Keep or Discard).
One filter is edited at a time; choosing another filter drops an unkept edit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from lenet_gui.ui.poke_widgets import KernelGrid, describe
from lenet_gui.ui.workers.explainer import KernelEdit

SLIDER_STEPS = 100


class KernelEditor(QWidget):
    def __init__(self, service: Any, runs: Any, inference: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kernelEditor")
        self._service, self._runs, self._inference = service, runs, inference
        self._bias_limit = 1.0
        self._learned_bias = (0, 0.0)
        self.filter = QComboBox()
        self.filter.setObjectName("kernelFilter")
        for index in range(6):
            self.filter.addItem(self.tr("conv1 filter {index}").format(index=index), index)
        self.grid = KernelGrid()
        self.brush = QSlider(Qt.Orientation.Horizontal)
        self.brush.setObjectName("kernelBrush")
        self.brush.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.brush.setValue(SLIDER_STEPS)
        self.brush.setToolTip(self.tr("The value a click paints (the right button paints its negative)"))
        self.bias = QSlider(Qt.Orientation.Horizontal)
        self.bias.setObjectName("kernelBias")
        self.bias.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.bias_label = QLabel()
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setObjectName("kernelReset")
        self.keep_button = QPushButton(self.tr("Keep"))
        self.keep_button.setObjectName("kernelKeep")
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("kernelDiscard")
        self.status = QLabel(self.tr("Click cells to paint the kernel; the maps and the prediction above follow."))
        self.status.setObjectName("kernelStatus")
        self.status.setWordWrap(True)

        describe(self.filter, self.tr("Kernel to edit"), self.tr("Which conv1 filter to paint"))
        describe(self.brush, self.tr("Brush value"), self.brush.toolTip())
        describe(self.bias, self.tr("Bias"), self.tr("The filter's bias, added after the 5×5 sum"))
        describe(self.reset_button, self.tr("Reset"), self.tr("Back to the learned kernel and bias"))
        describe(
            self.keep_button, self.tr("Keep"), self.tr("Save the painted kernel as new weights and predict with them")
        )
        describe(self.discard_button, self.tr("Discard"), self.tr("Drop the painted kernel"))
        form = QFormLayout()
        form.addRow(self.tr("Filter"), self.filter)
        form.addRow(self.tr("Brush"), self.brush)
        form.addRow(self.tr("Bias"), self.bias)
        form.addRow("", self.bias_label)
        buttons = QHBoxLayout()
        for button in (self.reset_button, self.keep_button, self.discard_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.grid)
        row.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.filter.currentIndexChanged.connect(lambda _: self.reset())
        self.grid.painted.connect(lambda _: self._send())
        self.brush.valueChanged.connect(self._on_brush)
        self.bias.valueChanged.connect(lambda _: self._send())
        self.reset_button.clicked.connect(self.reset)
        self.discard_button.clicked.connect(self.reset)
        self.keep_button.clicked.connect(self.keep)
        service.weightsChanged.connect(self._on_weights_changed)
        self._set_buttons(False)
        self._on_weights_changed()

    def learned(self) -> tuple[np.ndarray, float] | None:
        state = self._service.state
        if state is None:
            return None
        index = self.filter.currentData()
        return np.array(state["conv1.weight"][index, 0], np.float32), float(state["conv1.bias"][index])

    def reset(self) -> None:
        """The learned kernel and bias again; the preview drops the edit."""
        self._service.set_edit(None)
        self._load()
        self._set_buttons(False)
        self.status.setText(self.tr("Back to the learned kernel."))

    def keep(self) -> None:
        state = self._service.edited_state()
        if state is None or self._service.edit is None:
            return
        index = self._service.edit.index
        blocked = self._runs.keep_edited(state, {"note": f"conv1 filter {index} painted by hand in the Poke view"})
        if blocked:
            self.status.setText(self.tr("Not now: {why}.").format(why=blocked.rstrip(".")))
            return
        self._service.set_edit(None)
        self._set_buttons(False)
        self.status.setText(self.tr("Kept: the app now predicts with the painted kernel, saved as new weights."))

    def _on_weights_changed(self) -> None:
        if self._service.edit is None:
            self._load()

    def _load(self) -> None:
        learned = self.learned()
        if learned is None:
            return
        kernel, bias = learned
        state = self._service.state
        self.grid.set_kernel(kernel, float(np.abs(state["conv1.weight"]).max()))
        self._bias_limit = max(2.0 * float(np.abs(state["conv1.bias"]).max()), 0.1)
        self._on_brush(self.brush.value())
        self.bias.blockSignals(True)
        self.bias.setValue(round(bias / self._bias_limit * SLIDER_STEPS))
        self.bias.blockSignals(False)
        self._learned_bias = (self.bias.value(), bias)  # the slider's position for it, and the exact value
        self.bias_label.setText(self.tr("bias {b:.3f}").format(b=bias))

    def _on_brush(self, value: int) -> None:
        self.grid.brush = value / SLIDER_STEPS * self.grid.limit

    def _send(self) -> None:
        # Until the slider moves, the bias stays the learned one exactly (the slider's steps would round it).
        position, learned = self._learned_bias
        bias = learned if self.bias.value() == position else self.bias.value() / SLIDER_STEPS * self._bias_limit
        self.bias_label.setText(self.tr("bias {b:.3f}").format(b=bias))
        self._service.set_edit(KernelEdit(self.filter.currentData(), self.grid.kernel.copy(), bias))
        self._set_buttons(True)
        self.status.setText(self.tr("Painted: the maps and the prediction above use this kernel. Keep or discard it."))

    def _set_buttons(self, edited: bool) -> None:
        for button in (self.reset_button, self.keep_button, self.discard_button):
            button.setEnabled(edited)
