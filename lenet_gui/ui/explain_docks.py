"""Issue 12 in the window: the explain service, the overlay on the canvas, and the Explain and Poke docks.

One function builds and connects them so that ``main_window`` only calls it (and, once the plotting panels exist,
connects the confusion matrix's clicks). Plain Qt: nothing here waits for torch or pyqtgraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from lenet_gui.ui.dock_layout import set_dock_panel
from lenet_gui.ui.explain_overlay import ExplainOverlay
from lenet_gui.ui.explain_view import ExplainPanel
from lenet_gui.ui.poke_view import PokeView
from lenet_gui.ui.workers.explainer import ExplainService

if TYPE_CHECKING:
    from lenet_gui.ui.main_window import MainWindow


class ExplainDocks(QObject):
    """What the window keeps of issue 12: the service (to stop it), the overlay and the two panels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window  # also the parent
        self.service = ExplainService(parent=self)
        self.overlay = ExplainOverlay(window.canvas)
        self.panel = ExplainPanel(self.service, self.overlay)
        self.poke = PokeView(self.service, window.runs, window.inference)
        canvas, inference = window.canvas, window.inference
        canvas.imageChanged.connect(self.service.set_drawing)
        inference.imageOpened.connect(lambda *_: self.service.set_drawing(canvas.to_array()))
        self.service.follow(inference, window.runs)
        self.poke.putOnCanvas.connect(lambda picture: window._open_example(picture, None))
        self.service.failed.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self.service.loadingTorch.connect(
            lambda: window.statusBar().showMessage(self.tr("Loading PyTorch for this (a few seconds, once)…"), 8000)
        )

        for key, title, tip, widget in (
            ("explain", self.tr("Explain"), self.tr("Why did it say that? An overlay on your drawing"), self.panel),
            ("poke", self.tr("Poke"), self.tr("What if…: silence, edit and nudge the network"), self.poke),
        ):
            dock = QDockWidget(title, window)
            dock.setObjectName(f"{key}Dock")
            dock.setAccessibleName(title)
            dock.setToolTip(tip)
            set_dock_panel(dock, widget)
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            window.tabifyDockWidget(window.docks["personal"], dock)
            window.docks[key] = dock
        window.docks["training"].raise_()

    def show_confusion_cell(self, true: int, said: int) -> None:
        self.poke.confusion.show_cell(true, said)
        self.poke.tabs.setCurrentWidget(self.poke.confusion)
        self._window.docks["poke"].raise_()

    def stop(self) -> None:
        self.poke.stop()
        self.service.stop()
