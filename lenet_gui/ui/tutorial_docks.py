"""The two tutorial views (Network, Training step) as docks of the main window, and their connections.

Kept out of ``main_window.py`` so the window stays a list of panels: it calls ``add_tutorial_docks`` once with what
the views need (the inference service, the canvas, a data source, the dock to tab them with) and ``shutdown`` when it
closes. Both docks join the others as tabs (a bottom dock would leave them about 250 pixels of height on a 1280×800
screen, under the canvas's minimum); each view arranges itself for the shape it gets, and a dock can be floated and
enlarged.

Weights: the views start from the weights the inference service has committed. The training step view's stepped
weights are shown the way a training run's snapshots are (``show_training_state``: predictions, and so the network
view, follow them) until Keep (saved through ``keep_training`` like a kept run) or Discard (``discard_training``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from lenet_gui.ui.dock_layout import set_dock_panel
from lenet_gui.ui.network_view import NetworkView
from lenet_gui.ui.training_step_view import TrainingStepView
from lenet_gui.ui.workers import mnist_source, user_weights_folder

STEPS_KIND = "trained"  # kept step weights are listed like kept training runs


SHUTDOWN_JOIN_S = 5.0  # the longest the window waits at close for a step or an arithmetic job to end


class TutorialDocks(QObject):
    """Owns the two views and wires them to the window's services."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        inference: Any,
        canvas: Any,
        runs: Any = None,
        status: Callable[[str], None] | None = None,
        tabify_with: QDockWidget | None = None,
    ) -> None:
        super().__init__(window)
        self._inference = inference
        self._status = status or (lambda text: None)
        self.network_view = NetworkView()
        self._runs = runs
        self.step_view = TrainingStepView(self._data)
        self.docks: dict[str, QDockWidget] = {}
        for key, title, tip, view in (
            (
                "network",
                QCoreApplication.translate("TutorialDocks", "Network"),
                QCoreApplication.translate("TutorialDocks", "The whole network at once, following your drawing"),
                self.network_view,
            ),
            (
                "step",
                QCoreApplication.translate("TutorialDocks", "Training step"),
                QCoreApplication.translate("TutorialDocks", "One training step taken apart, phase by phase"),
                self.step_view,
            ),
        ):
            dock = QDockWidget(title, window)
            dock.setObjectName(f"{key}Dock")
            dock.setToolTip(tip)
            dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
            set_dock_panel(dock, view)  # scrolls where the dock is smaller than the view
            area = (
                window.dockWidgetArea(tabify_with) if tabify_with is not None else Qt.DockWidgetArea.RightDockWidgetArea
            )
            window.addDockWidget(area, dock)
            if tabify_with is not None:
                window.tabifyDockWidget(tabify_with, dock)
            tabify_with = dock
            self.docks[key] = dock

        inference.predicted.connect(self.network_view.show_prediction)
        inference.predicted.connect(self.step_view.show_prediction)
        inference.modelReady.connect(self._on_model_ready)
        canvas.imageChanged.connect(self._on_image)
        self.step_view.weightsStepped.connect(self._on_stepped)
        self.step_view.keepRequested.connect(self._on_keep)
        self.step_view.discardRequested.connect(self._on_discard)
        if runs is not None:
            runs.runStarted.connect(self._on_run_started)
            runs.runOffered.connect(lambda kind, event: self.network_view.set_weights(event.state))
            runs.blocksChanged.connect(self._on_blocks_changed)
        if getattr(inference, "ready", False):
            self._on_model_ready(None)

    def _data(self, download: bool) -> tuple[Any, Any]:
        """The training data the runs use (tests swap it on the coordinator), else MNIST from the data folder."""
        source = getattr(self._runs, "data_source", None) or mnist_source
        result: tuple[Any, Any] = source(download)
        return result

    def _on_run_started(self, kind: str, run: Any) -> None:
        run.snapshot.connect(self.on_snapshot)

    def _on_blocks_changed(self, _blocks: object) -> None:
        """While a run changes the weights or its weights wait for Keep or Discard, no steps: one change at a time."""
        state = self._runs.state
        if state.pending is not None:  # offered: its thread may still be ending, but its weights wait for a choice
            reason = QCoreApplication.translate("TutorialDocks", "Keep or discard the run's new weights first.")
        elif state.running is not None:
            reason = QCoreApplication.translate(
                "TutorialDocks", "A run is changing the weights: take steps when it has ended."
            )
        else:
            reason = ""
            if not state.steps_unkept:  # the stepped weights stay in view until kept or discarded
                self.network_view.set_weights(self._runs.committed_state())
        self.step_view.set_blocked(reason)

    def _on_model_ready(self, _info: object) -> None:
        """New committed weights (loaded, kept or reset): both views start from them."""
        state = self._inference.committed_state()
        self.network_view.set_weights(state)
        self.step_view.set_weights(state)

    def _on_image(self, image: Any) -> None:
        blank = image is None or bool((image.min() if hasattr(image, "min") else 0) == (image.max()))
        self.step_view.set_image(None if blank else image)

    def _on_stepped(self, state: Any, line: str) -> None:
        if self._runs is not None:  # unkept steps hold the runs and the weight choices, as a run's offer does
            self._runs.set_steps_unkept(self.step_view.steps_taken > 0)
        self.network_view.set_weights(state)
        self._inference.show_training_state(state, {}, line)
        self._status(line)

    def _on_keep(self, state: Any, metadata: dict[str, Any]) -> None:
        if self._runs is not None:
            self._runs.set_steps_unkept(False)
        self._inference.keep_training(state, user_weights_folder(), dict(metadata), kind=STEPS_KIND)
        self._status(
            QCoreApplication.translate(
                "TutorialDocks", "The stepped weights are kept and saved in your weights folder."
            )
        )

    def _on_discard(self) -> None:
        if self._runs is not None:
            self._runs.set_steps_unkept(False)
        self.network_view.set_weights(self._inference.committed_state())
        self._inference.discard_training()
        self._status(QCoreApplication.translate("TutorialDocks", "The stepped weights are discarded."))

    def on_snapshot(self, event: Any) -> None:
        """A training run's snapshot: the network view explains with the weights its drawing is now read with."""
        self.network_view.set_weights(event.state)

    def shutdown(self) -> None:
        """Stop taking work and wait, bounded, for the job under way (a step takes tens of milliseconds; setting up
        the stepper a little longer): no thread of the app may outlive the window (issue 16)."""
        self.step_view.shut_down()
        self.network_view.close_service()
        for service in (self.step_view.service, self.network_view.service):
            service.join(SHUTDOWN_JOIN_S)


def add_tutorial_docks(window: QMainWindow, **services: Any) -> TutorialDocks:
    """The Network and Training step docks, tabbed together at the bottom of ``window``."""
    return TutorialDocks(window, **services)
