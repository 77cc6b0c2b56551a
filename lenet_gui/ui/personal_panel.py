"""The "My digits" dock: the example browser above, fine-tuning on the examples below.

Two views with little in common but the dock they share: ``examples_panel.ExamplesPanel`` browses and changes the
saved drawings, ``fine_tune_panel.FineTunePanel`` shows fine-tuning runs on them (the window subscribes it to the run
coordinator, which owns the runs and the weights waiting for Keep or Discard). This container lays them out and tells
each what it needs of the other: the fine-tuning view how many examples there are, the browser when a run goes on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from lenet_gui.ui.examples_panel import ExamplesPanel
from lenet_gui.ui.fine_tune_panel import FineTunePanel


class PersonalPanel(QWidget):
    """The dock's widget: ``examples`` (the browser) and ``fine_tune`` (the run view)."""

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
        self.examples.exampleCountChanged.connect(self.fine_tune.set_example_count)
        self.fine_tune.runningChanged.connect(self.examples.set_fine_tuning)
