"""The "My digits" dock: the example browser above, fine-tuning on the examples below.

Two views with little in common but the dock they share: ``examples_panel.ExamplesPanel`` browses and changes the
saved drawings, ``fine_tune_panel.FineTunePanel`` runs fine-tuning on them. This container lays them out, tells the
fine-tuning view how many examples there are and the browser when a run goes on, and passes the run calls the window
makes on to the fine-tuning view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lenet_gui.ui.examples_panel import ExamplesPanel
from lenet_gui.ui.fine_tune_panel import FineTunePanel

if TYPE_CHECKING:
    import numpy as np


class PersonalPanel(QWidget):
    """The dock's widget: ``examples`` (the browser) and ``fine_tune`` (the run view)."""

    fineTuneRequested = Signal(object)  # core FineTuneConfig, or None for the window's recipe
    pauseRequested = Signal(bool)
    stopRequested = Signal()
    keepRequested = Signal(object, dict)  # fine-tuned numpy state, checkpoint metadata
    discardRequested = Signal()
    openRequested = Signal(object, object)  # uint8 image, strokes or None: put an example back on the canvas
    fineTuneFinished = Signal(object)  # core FineTuneReport (None when stopped early), once Keep/Discard is offered
    offerChanged = Signal(bool)  # fine-tuned weights are waiting for Keep or Discard (True), or not

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personalPanel")
        self.setAccessibleName(self.tr("My digits"))
        self.examples = ExamplesPanel(store, self)
        self.fine_tune = FineTunePanel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.examples, 1)
        layout.addWidget(self.fine_tune)
        self.examples.openRequested.connect(self.openRequested)
        self.examples.exampleCountChanged.connect(self.fine_tune.set_example_count)
        self.fine_tune.runningChanged.connect(self.examples.set_fine_tuning)
        tune = self.fine_tune
        for mine, theirs in (
            (self.fineTuneRequested, tune.fineTuneRequested),
            (self.pauseRequested, tune.pauseRequested),
            (self.stopRequested, tune.stopRequested),
            (self.keepRequested, tune.keepRequested),
            (self.discardRequested, tune.discardRequested),
            (self.fineTuneFinished, tune.fineTuneFinished),
            (self.offerChanged, tune.offerChanged),
        ):
            theirs.connect(mine)

    # --- what the window calls on a run's panel (training has the same) ----------------------------------------

    def set_model_ready(self, ready: bool) -> None:
        self.fine_tune.set_model_ready(ready)

    def set_running(self, running: bool) -> None:
        self.fine_tune.set_running(running)

    def set_blocked(self, reason: str) -> None:
        self.fine_tune.set_blocked(reason)

    def pending_weights(self) -> dict[str, np.ndarray] | None:
        return self.fine_tune.pending_weights()

    def keep_failed(self) -> None:
        self.fine_tune.keep_failed()

    def on_progress(self, event: Any) -> None:
        self.fine_tune.on_progress(event)

    def show_status(self, text: str) -> None:
        self.fine_tune.show_status(text)

    def on_mnist_missing(self) -> None:
        self.fine_tune.on_mnist_missing()

    def on_stopped_early(self) -> None:
        self.fine_tune.on_stopped_early()

    def on_diverged(self, event: Any) -> None:
        self.fine_tune.on_diverged(event)

    def on_failed(self, message: str) -> None:
        self.fine_tune.on_failed(message)

    def on_report(self, report: Any) -> None:
        self.fine_tune.on_report(report)

    def on_finished(self, event: Any) -> None:
        self.fine_tune.on_finished(event)

    @property
    def running(self) -> bool:
        return self.fine_tune.running
