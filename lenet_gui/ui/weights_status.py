"""The status bar's right-hand side: which weights the predictions come from, and the switcher to choose others.

It follows the inference service (weights loaded, listed, refused) and the run coordinator (a run changing the
weights live, new weights waiting for Keep or Discard, choices blocked meanwhile), so the window only places it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from lenet_gui.ui.run_coordinator import Blocks, RunCoordinator
from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.view_models import ModelInfo, TrainingSettings
from lenet_gui.ui.weights_chooser import WeightsChooser
from lenet_gui.ui.workers.inference import InferenceService
from lenet_gui.ui.workers.runs import TRAINING, Run, user_weights_folder

STATUS_WEIGHTS_WIDTH = 460  # pixels for "which weights are in use"; the rest of the status bar is for messages


class WeightsStatus(QObject):
    """The label saying which weights are in use, and the weights switcher beside it."""

    def __init__(
        self,
        status_bar: QStatusBar,
        *,
        inference: InferenceService,
        runs: RunCoordinator,
        settings: AppSettings,
        other_file: Any,
        training_settings: Any,
    ) -> None:
        super().__init__(status_bar)
        self._bar = status_bar
        self._inference = inference
        self._runs = runs
        self._settings = settings
        self._training_settings = training_settings  # () -> TrainingSettings of the panel, if built
        self.model: ModelInfo | None = None
        self.label = QLabel(self.tr("Loading the network…"))
        self.label.setObjectName("weightsStatus")
        self.label.setAccessibleName(self.tr("Weights in use"))
        self.label.setToolTip(self.tr("Which weights the network is using"))
        self.chooser = WeightsChooser()
        self.chooser.set_blocked(self.tr("Available once the network has loaded"))
        self.chooser.chosen.connect(self._on_chosen)
        self.chooser.otherRequested.connect(other_file)
        status_bar.addPermanentWidget(self.label)
        status_bar.addPermanentWidget(self.chooser)
        inference.modelReady.connect(self._on_model_ready)
        inference.weightsListed.connect(self.chooser.set_files)
        inference.loadFailed.connect(self._on_load_failed)
        runs.blocksChanged.connect(self.set_blocks)
        runs.runStarted.connect(self._on_run_started)
        runs.runEnded.connect(self._on_run_ended)
        runs.runOffered.connect(self._on_run_offered)

    def show_in_use(self, text: str) -> None:
        """Which weights the predictions come from (elided; the whole text in the tooltip)."""
        metrics = self.label.fontMetrics()
        self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, STATUS_WEIGHTS_WIDTH))
        self.label.setToolTip(text)

    def set_blocks(self, blocks: Blocks) -> None:
        loading = "" if self.model else self.tr("Available once the network has loaded")
        self.chooser.set_blocked(blocks.weights or loading)

    def _on_model_ready(self, info: ModelInfo) -> None:
        self.model = info
        self.show_in_use(self.tr("Untrained random weights") if info.random_weights else info.description)
        if not info.random_weights:
            self._settings.remember_weights("" if info.bundled else info.source)
        self.chooser.set_current(None if info.random_weights else ("" if info.bundled else info.source))
        self.set_blocks(self._runs.blocks)
        self._inference.list_weights(user_weights_folder())

    def _on_chosen(self, path: str) -> None:
        """ "" is the bundled weights, else a file (remembered as the last weights once loaded)."""
        if path:
            self._inference.load_weights(path)
        else:
            self._inference.load_bundled()

    def _on_load_failed(self) -> None:
        """The switcher shows the weights still in use again, and lists the folder again (the file may be gone)."""
        self.chooser.show_current()
        self._inference.list_weights(user_weights_folder())

    def _on_run_started(self, kind: str, run: Run) -> None:
        if kind == TRAINING:
            settings: TrainingSettings | None = self._training_settings()
            if settings is not None and not settings.continue_from_current:
                live = self.tr("Training: the network is changing live (from scratch)")
            else:
                live = self.tr("Training: the network is changing live")
            run.dataMissing.connect(lambda _: self._bar.showMessage(self.tr("MNIST is missing — see the panel"), 10000))
            run.status.connect(lambda text: self._bar.showMessage(text, 5000))
        else:
            live = self.tr("Fine-tuning on your digits: the network is changing live")
        # Until the data is there the weights do not change: saying "changing live" while MNIST loads, or while its
        # download fails, would be untrue (issue 10.6).
        self.show_in_use(self.tr("Loading MNIST: the weights in use do not change yet"))
        run.dataReady.connect(lambda: self.show_in_use(live))
        self.chooser.set_current(None)  # live weights, in no file until kept

    def _on_run_ended(self, _kind: str, run: Run) -> None:
        """A run that ended with nothing to offer (MNIST missing, stopped while loading): the weights in use are
        the ones from before, as the label says again."""
        if run.finished_event is None and self.model is not None:
            self._on_model_ready(self.model)

    def _on_run_offered(self, kind: str, event: Any) -> None:
        if kind == TRAINING:
            done = self.tr("Training stopped") if event.cancelled else self.tr("Training finished")
            offer = self.tr("New weights from training: keep or discard them in the Training panel")
        else:
            done = self.tr("Fine-tuning stopped") if event.cancelled else self.tr("Fine-tuning finished")
            offer = self.tr("New weights from fine-tuning: keep or discard them in the My digits panel")
        self._bar.showMessage(done, 10000)
        self.show_in_use(offer)
