"""Who may run what, and which weights are committed or waiting: one object, so no widget holds that state.

``RunCoordinator`` starts training and fine-tuning runs (``workers.runs``), passes their snapshots to the inference
service, and holds a finished run's weights until the user keeps or discards them, with the weights in use measured
beside them (``comparisonChanged``, measured on a worker: ``workers.evaluation``). It also remembers the MNIST folder
chosen in the training panel. Panels subscribe to it (``attach_run_view``); the window only builds and connects.

What may start while new weights await Keep or Discard is ``blocks_for(RunState)``: a pure function of a small
state, tested by a table (``tests/ui/test_run_policy.py``). One run at a time, and a run's new weights are kept or
discarded before anything else changes the weights: until then the other kind of run and the weight choices
(switcher, Load, Reset) wait, and say why. Nothing unkept is thrown away or built on by surprise; running the same
kind again replaces its own unkept result (training may continue from it).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.ui.settings import AppSettings
from lenet_gui.ui.view_models import TrainingSettings
from lenet_gui.ui.workers.background import FunctionWorker
from lenet_gui.ui.workers.evaluation import Comparison, known_accuracy, measure
from lenet_gui.ui.workers.inference import FINE_TUNED, TRAINED, InferenceService
from lenet_gui.ui.workers.runs import (
    FINE_TUNING,
    TRAINING,
    DataSource,
    Run,
    fine_tune_run,
    mnist_source,
    training_run,
    use_mnist_folder,
)

log = logging.getLogger(__name__)

NumpyState = dict[str, np.ndarray]
CLOSE_VISIBLE_S = 0.3  # closing during a run: the window stays this long at most while the run stops, then hides
COMPARE_JOIN_S = 5.0  # at shutdown, the longest wait for a comparison still measuring (about a second of work)


# --- the policy: pure, no Qt objects -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunState:
    """What the blocking policy looks at: the kind of run going on, and the kind whose weights await a decision."""

    running: str | None = None  # TRAINING, FINE_TUNING or None
    pending: str | None = None  # the kind of run whose finished weights wait for Keep or Discard, or None
    steps_unkept: bool = False  # the Training step view's stepped weights are in use and wait for Keep or Discard


@dataclass(frozen=True)
class Blocks:
    """Why each thing cannot start now ("" when it can), in words for a tooltip."""

    training: str = ""
    fine_tuning: str = ""
    weights: str = ""  # choosing other weights: the switcher, Load weights, Reset to bundled

    def for_run(self, kind: str) -> str:
        return self.training if kind == TRAINING else self.fine_tuning


def blocks_for(state: RunState) -> Blocks:
    """The blocking policy. A run of a kind is never blocked by its own kind's unkept weights (running again
    replaces them); the start button of a running kind is disabled by the run itself, not by a block."""
    weights = ""
    if state.running is not None:
        weights = QCoreApplication.translate(
            "RunCoordinator", "A run is changing the weights: choose others when it has ended"
        )
    elif state.pending is not None:
        where = (
            QCoreApplication.translate("RunCoordinator", "Training")
            if state.pending == TRAINING
            else QCoreApplication.translate("RunCoordinator", "My digits")
        )
        weights = QCoreApplication.translate(
            "RunCoordinator", "Keep or discard the new weights first (in the {where} panel)"
        ).format(where=where)
    training = ""
    if state.running == FINE_TUNING:
        training = QCoreApplication.translate("RunCoordinator", "Fine-tuning is running: train when it has finished")
    elif state.pending == FINE_TUNING:
        training = QCoreApplication.translate(
            "RunCoordinator", "Keep or discard the fine-tuned weights first (in the My digits panel)"
        )
    fine_tuning = ""
    if state.running == TRAINING:
        fine_tuning = QCoreApplication.translate(
            "RunCoordinator", "Training is running: fine-tune when it has finished"
        )
    elif state.pending == TRAINING:
        fine_tuning = QCoreApplication.translate(
            "RunCoordinator", "Keep or discard the training run's new weights first (in the Training panel)"
        )
    if state.steps_unkept and state.running is None and state.pending is None:
        # One change at a time: a run would build on, or throw away, steps nobody kept or discarded yet.
        steps = QCoreApplication.translate(
            "RunCoordinator", "Keep or discard the stepped weights first (in the Training step panel)"
        )
        training, fine_tuning, weights = steps, steps, steps
    return Blocks(training=training, fine_tuning=fine_tuning, weights=weights)


def may_start(kind: str, state: RunState) -> bool:
    return state.running is None and not blocks_for(state).for_run(kind)


# --- the coordinator -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    kind: str
    state: NumpyState


class RunCoordinator(QObject):
    """Owns the runs and the weights waiting for Keep or Discard; says what may start (``blocksChanged``)."""

    runStarted = Signal(str, object)  # kind, Run: connect to its signals now, it starts right after
    runOffered = Signal(str, object)  # kind, core Finished: its weights are in use and wait for Keep or Discard
    runEnded = Signal(str, object)  # kind, Run: over (``run.stopped_early``: stopped before it changed anything)
    runFailed = Signal(str, str, str)  # kind, one sentence, details
    blocksChanged = Signal(object)  # Blocks
    keepFailed = Signal(str)  # kind: the kept weights could not be saved; they are offered again
    comparisonChanged = Signal(str, object)  # kind, workers.evaluation.Comparison: weights in use beside the offered
    momentOffered = Signal(object)  # core Finished: a moment of a run (time machine) offered in the Training panel

    def __init__(
        self,
        inference: InferenceService,
        *,
        weights_folder: Callable[[], str],
        data_source: DataSource | None = None,
        personal_root: str | None = None,
        fine_tune_config: Any = None,
        settings: AppSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        if settings is not None:
            use_mnist_folder(settings.mnist_folder())  # chosen in an earlier session (Choose MNIST folder…)
        self._inference = inference
        self._weights_folder = weights_folder
        self.data_source = data_source  # tests may swap it before a run starts
        self.personal_root = personal_root
        self.fine_tune_config = fine_tune_config  # core FineTuneConfig for runs asked for without one (tests: small)
        self._run: Run | None = None
        self._finishing: list[Run] = []  # runs over for the window whose thread may still be finishing a load
        self._pending: _Pending | None = None
        self._keeping: _Pending | None = None  # kept weights being saved
        self._closed = False
        self._steps_unkept = False
        self._drawing = False  # a stroke is being drawn: the run shares the cores with its predictions
        self._live: set[Run] = set()  # runs whose weights predictions have followed (a snapshot came)
        self._current_metadata: Mapping[str, Any] = {}  # what the weights in use say about themselves
        self._comparing: object | None = None  # the offer whose comparison is being measured
        self._measuring: list[FunctionWorker[Comparison]] = []
        self._stop_measuring = threading.Event()  # set at shutdown: a comparison ends between two measurements
        inference.modelReady.connect(lambda info: setattr(self, "_current_metadata", dict(info.metadata)))
        inference.weightsSaved.connect(self._on_weights_saved)
        inference.keepFailed.connect(self._on_keep_failed)

    # --- state ------------------------------------------------------------------------------------------------

    @property
    def state(self) -> RunState:
        return RunState(
            running=None if self._run is None else self._run.kind,
            pending=None if self._pending is None else self._pending.kind,
            steps_unkept=self._steps_unkept,
        )

    def set_steps_unkept(self, unkept: bool) -> None:
        """The Training step view's weights: stepped and waiting for Keep or Discard (True), or not (False)."""
        if unkept != self._steps_unkept:
            self._steps_unkept = unkept
            self._changed()

    @property
    def blocks(self) -> Blocks:
        return blocks_for(self.state)

    @property
    def run(self) -> Run | None:
        """The run going on, if any."""
        return self._run

    def running(self, kind: str | None = None) -> bool:
        return self._run is not None and (kind is None or self._run.kind == kind)

    def pending_weights(self, kind: str) -> NumpyState | None:
        """``kind``'s finished weights still waiting for Keep or Discard."""
        return self._pending.state if self._pending is not None and self._pending.kind == kind else None

    def committed_state(self) -> NumpyState | None:
        """The weights in use outside a run: kept ones still being saved count as in use already."""
        return self._keeping.state if self._keeping is not None else self._inference.committed_state()

    # --- what panels ask for ----------------------------------------------------------------------------------

    def start_training(self, settings: TrainingSettings) -> Run | None:
        """Train with these settings; None when the policy says no (the Train button says why)."""
        if self._closed or not may_start(TRAINING, self.state):
            return None
        initial = None
        if settings.continue_from_current:
            # "Current" is what predictions use now: the last run's weights still waiting for Keep or Discard (the
            # panel says they are in use), else the committed ones.
            pending = self.pending_weights(TRAINING)
            initial = pending if pending is not None else self.committed_state()
        return self._start(
            training_run(settings, initial_state=initial, data_source=self.data_source),
        )

    def start_fine_tune(self, config: Any = None) -> Run | None:
        """Fine-tune from the committed weights (an unkept fine-tuning result is replaced, not built on)."""
        if self._closed or not may_start(FINE_TUNING, self.state):
            return None
        initial = self.committed_state()
        if initial is None:  # the network is still loading
            return None
        return self._start(
            fine_tune_run(
                initial_state=initial,
                personal_root=self.personal_root,
                config=config if config is not None else self.fine_tune_config,
                data_source=self.data_source,
            )
        )

    def set_mnist_folder(self, folder: str) -> None:
        """A data folder holding MNIST/raw, chosen in the training panel: runs read MNIST there from now on (when
        ``--data-dir``/``$LENET_GUI_DATA_DIR`` has none), and it is remembered for the next sessions."""
        use_mnist_folder(folder)
        if self._settings is not None:
            self._settings.remember_mnist_folder(folder)

    def set_drawing(self, drawing: bool) -> None:
        """The canvas: a stroke began or ended. A run computes on one thread while a person draws, so the
        drawing's predictions keep a core (issue 10)."""
        self._drawing = drawing
        if self._run is not None:
            self._run.set_drawing(drawing)

    def pause(self, pause: bool) -> None:
        if self._run is not None:
            (self._run.pause if pause else self._run.resume)()

    def stop(self, kind: str | None = None) -> None:
        """Stop the run going on (only if it is of ``kind``, when given); returns at once."""
        if self._run is not None and (kind is None or self._run.kind == kind):
            self._run.stop()

    def keep(self, kind: str, metadata: Mapping[str, Any]) -> None:
        """Save ``kind``'s waiting weights in the user's weights folder and use them from now on."""
        if self._pending is None or self._pending.kind != kind:
            return
        self._keeping, self._pending = self._pending, None
        self._changed()
        self._inference.keep_training(
            self._keeping.state,
            self._weights_folder(),
            dict(metadata),
            kind=FINE_TUNED if kind == FINE_TUNING else TRAINED,
        )

    def keep_edited(self, state: Mapping[str, np.ndarray], metadata: Mapping[str, Any]) -> str:
        """Weights changed by hand (the Poke view's painted kernel): saved in the user's weights folder and used
        from now on, as a kept run's are, unless the policy says weights may not change now. Returns why not ("")."""
        why = self.blocks.weights
        if not why:
            self._inference.keep_training(dict(state), self._weights_folder(), dict(metadata))
        return why

    def offer_moment(self, state: Mapping[str, np.ndarray], event: Any) -> str:
        """A moment of a run (the time machine's "Use these weights"): in use and offered for Keep or Discard in
        the Training panel, like a finished training run's weights (core ``Finished`` ``event`` describes them).
        Returns why not ("" when offered): a run going on, or other weights waiting for a decision."""
        if self._closed or self._run is not None:
            return self.blocks.weights
        if self.blocks.training:
            return self.blocks.training
        self._pending = _Pending(TRAINING, {name: np.asarray(value) for name, value in state.items()})
        self._inference.show_training_state(self._pending.state, {}, "finished")
        self.runOffered.emit(TRAINING, event)
        self.momentOffered.emit(event)
        self._changed()
        self._compare(TRAINING, event, self._pending.state)
        return ""

    def discard(self, kind: str) -> None:
        """Back to the committed weights."""
        if self._pending is not None and self._pending.kind == kind:
            self._pending = None
            self._changed()
        self._inference.discard_training()

    # --- runs -------------------------------------------------------------------------------------------------

    def _start(self, run: Run) -> Run:
        if self._pending is not None and self._pending.kind == run.kind:
            self._pending = None  # running again replaces the unkept result
        self._comparing = None
        run.setParent(self)
        run.snapshot.connect(lambda event: self._on_snapshot(run, event))
        run.diverged.connect(lambda event: self._on_diverged(run, event))
        run.runFinished.connect(lambda event: self._on_finished(run, event))
        run.failed.connect(lambda message, details: self.runFailed.emit(run.kind, message, details))
        run.ended.connect(lambda: self._on_ended(run))
        self._run = run
        run.set_drawing(self._drawing)
        self.runStarted.emit(run.kind, run)
        self._changed()
        run.start()
        return run

    def _on_diverged(self, run: Run, event: Any) -> None:
        self._live.add(run)
        self._inference.show_training_state(event.state, {}, "diverged")

    def _on_snapshot(self, run: Run, event: Any) -> None:
        self._live.add(run)
        self._inference.show_training_state(
            event.state,
            event.gradient_norms,
            QCoreApplication.translate("RunCoordinator", "epoch {epoch}, step {step}").format(
                epoch=event.epoch, step=event.step
            ),
        )

    def _on_finished(self, run: Run, event: Any) -> None:
        """A run's last weights: in use until the user keeps or discards them in the run's panel."""
        self._pending = _Pending(run.kind, {name: np.asarray(value) for name, value in event.state.items()})
        self._inference.show_training_state(event.state, {}, "finished")
        self.runOffered.emit(run.kind, event)
        self._changed()
        self._compare(run.kind, event, self._pending.state)

    def _compare(self, kind: str, event: Any, new: NumpyState) -> None:
        """The weights in use beside the offered ones (``comparisonChanged``): what is known at once, the rest
        measured on a worker thread. Fine-tuning's report already compares before and after (cross-validated on
        your digits), so only a fine-tuning stopped before its report is compared here."""
        current = self.committed_state()
        if self._closed or current is None or (kind == FINE_TUNING and not event.cancelled):
            return
        tested = math.isfinite(getattr(event, "test_accuracy", math.nan))
        comparison = Comparison(
            # What the weights in use say about themselves is about the real MNIST test set: tests that train on
            # their own data measure both.
            current_mnist=known_accuracy(self._current_metadata) if self.data_source is None else None,
            new_mnist=float(event.test_accuracy) if tested else None,
            checking=True,
            new_tested_by_run=tested,
        )
        self.comparisonChanged.emit(kind, comparison)
        token = object()
        self._comparing = token
        worker: FunctionWorker[Comparison] = FunctionWorker(
            measure,
            comparison,
            current,
            new,
            data_source=self.data_source or mnist_source,
            personal_root=self.personal_root,
            personal=kind == TRAINING,
            stop=self._stop_measuring,
            name="compare-weights",
        )

        def done(result: Comparison) -> None:
            if self._comparing is token and not self._closed:
                self.comparisonChanged.emit(kind, result)

        def failed(error: BaseException) -> None:
            log.warning("comparing the weights failed: %s", error)
            done(replace(comparison, checking=False))

        worker.returned.connect(done)
        worker.errored.connect(failed)
        worker.finished.connect(lambda: self._measuring.remove(worker))
        self._measuring.append(worker)
        worker.start()

    def _on_ended(self, run: Run) -> None:
        if run is not self._run:
            return
        self._run = None
        if run.is_running():
            self._finishing.append(run)  # stopped while loading: joined at shutdown
        else:
            run.deleteLater()
        if run.finished_event is None and run in self._live and not self._closed:
            # Failed or stopped after predictions followed its weights, with no weights to keep: predictions go back
            # to the committed ones. A run that never showed weights (MNIST missing) has nothing to put back, and
            # saying "discarded the new weights" then would be untrue (issue 10.6).
            self._inference.discard_training()
        self._live.discard(run)
        self.runEnded.emit(run.kind, run)
        self._changed()

    def _on_weights_saved(self, _path: str) -> None:
        self._keeping = None

    def _on_keep_failed(self) -> None:
        if self._keeping is not None:
            kind = self._keeping.kind
            self._pending, self._keeping = self._keeping, None
            self.keepFailed.emit(kind)
            self._changed()

    def _changed(self) -> None:
        self.blocksChanged.emit(self.blocks)

    # --- shutdown ---------------------------------------------------------------------------------------------

    def shutdown(self, *, before_long_wait: Callable[[], None] = lambda: None) -> None:
        """Stop the run and wait for every run thread to end (each checks its flags between two steps; one loading
        MNIST finishes that file first). ``before_long_wait`` runs once if that takes longer than a moment (the
        window hides, so closing still feels prompt)."""
        self._closed = True
        runs = [*self._finishing, *([self._run] if self._run is not None else [])]
        for run in runs:
            run.stop()
        hidden = False
        for run in runs:
            if not run.join(CLOSE_VISIBLE_S) and not hidden:
                hidden = True
                before_long_wait()
            run.join()
        self._finishing.clear()
        self._stop_measuring.set()
        for worker in list(self._measuring):
            worker.join(COMPARE_JOIN_S)


# --- panels that show runs -----------------------------------------------------------------------------------------


class RunView(Protocol):
    """What a run's panel offers the coordinator (the training panel, My digits)."""

    def set_running(self, running: bool) -> None: ...
    def set_blocked(self, reason: str) -> None: ...
    def on_progress(self, event: Any) -> None: ...
    def on_diverged(self, event: Any) -> None: ...
    def on_failed(self, message: str) -> None: ...
    def on_finished(self, event: Any) -> None: ...
    def on_stopped_early(self) -> None: ...
    def show_status(self, text: str) -> None: ...
    def keep_failed(self) -> None: ...


def attach_run_view(coordinator: RunCoordinator, panel: Any, kind: str) -> None:
    """Subscribe a run's panel to the coordinator, and its requests (Keep, Discard, Pause, Stop) to it.

    The panel is told about its own kind of run only: its events, whether it runs, why it cannot start, and a
    failed Keep. Its ``keepRequested(state, metadata)`` keeps the weights the coordinator holds (the state it sends
    is not used); its ``pauseRequested``/``stopRequested`` reach whatever run is going on.
    """

    def started(run_kind: str, run: Run) -> None:
        if run_kind != kind:
            return
        run.progress.connect(panel.on_progress)
        run.diverged.connect(panel.on_diverged)
        run.failed.connect(lambda message, _details: panel.on_failed(message))
        run.status.connect(panel.show_status)
        run.runFinished.connect(panel.on_finished)
        if kind == TRAINING:
            run.epochDone.connect(panel.on_epoch)
            run.dataMissing.connect(panel.on_data_missing)
            run.device.connect(panel.show_device)
        else:
            run.mnistMissing.connect(panel.on_mnist_missing)
            run.report.connect(panel.on_report)
        panel.set_running(True)

    def ended(run_kind: str, run: Run) -> None:
        if run_kind == kind:
            panel.set_running(False)
            if run.stopped_early:
                panel.on_stopped_early()

    coordinator.runStarted.connect(started)
    coordinator.runEnded.connect(ended)
    coordinator.blocksChanged.connect(lambda blocks: panel.set_blocked(blocks.for_run(kind)))
    coordinator.keepFailed.connect(lambda failed_kind: failed_kind == kind and panel.keep_failed())
    panel.keepRequested.connect(lambda _state, metadata: coordinator.keep(kind, metadata))
    panel.discardRequested.connect(lambda: coordinator.discard(kind))
    panel.pauseRequested.connect(coordinator.pause)
    panel.stopRequested.connect(lambda: coordinator.stop(kind if kind == TRAINING else None))
    # The Keep bar (the training panel's ``finished_bar``, fine-tuning's ``keep_bar``) shows the comparison.
    bar = getattr(panel, "finished_bar", None) or getattr(panel, "keep_bar", None)
    if bar is not None:
        coordinator.comparisonChanged.connect(
            lambda compared_kind, comparison: compared_kind == kind and bar.show_comparison(comparison)
        )
    if hasattr(panel, "mnistFolderChosen"):
        panel.mnistFolderChosen.connect(coordinator.set_mnist_folder)
    panel.set_blocked(coordinator.blocks.for_run(kind))
