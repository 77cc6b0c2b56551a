"""The time machine: every run's weights over time, and which moment of it the window shows.

``TimeMachine`` records the weights snapshots a run already sends for live predictions (``Run.snapshot``, numpy
state dicts) into core's ``RunHistory`` (at most ``MAX_MOMENTS`` moments, ~47 MB), with each epoch's test results.
Once the run has ended, ``go_to(index)`` shows a moment: the inference service predicts the drawing with that
moment's weights and the filter and parameter panels show them (a keyed job on its thread, so a slider dragged fast
costs one prediction per moment it stops at, not per pixel). ``go_now`` shows the weights in use again. Neither ever
changes the weights in use: only ``use_moment`` does, through the run coordinator's Keep/Discard offer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.core.events import EpochResult, Finished, StepProgress, WeightsSnapshot
from lenet_gui.core.run_history import MAX_MOMENTS, MOMENT_BYTES, EpochMark, Moment, RunHistory
from lenet_gui.ui.run_coordinator import RunCoordinator
from lenet_gui.ui.workers.inference import InferenceService
from lenet_gui.ui.workers.runs import FINE_TUNING, TRAINING, Run

MEGABYTE = 1024 * 1024
CAP_MB = MAX_MOMENTS * MOMENT_BYTES / MEGABYTE


STEPS = "steps"  # a Training step view session: its steps, from the weights it started from


def moment_text(moment: Moment, kind: str = TRAINING) -> str:
    if kind == STEPS:
        return QCoreApplication.translate("TimeMachine", "step {step}").format(step=moment.step)
    return QCoreApplication.translate("TimeMachine", "epoch {epoch}, step {step}").format(
        epoch=moment.epoch, step=moment.step
    )


def memory_text(history: RunHistory) -> str:
    """How many moments, and what they take, beside the cap."""
    count = len(history)
    text = QCoreApplication.translate("TimeMachine", "%n moments, {mb} MB of at most {cap} MB", "", count)
    return text.format(mb=f"{history.nbytes / MEGABYTE:.1f}", cap=f"{CAP_MB:.0f}")


@dataclass(frozen=True)
class ShownMoment:
    """What the window shows now: ``index`` None is "now" (the weights in use)."""

    index: int | None
    moment: Moment | None
    mark: EpochMark | None  # the latest end-of-epoch test at or before the moment


class TimeMachine(QObject):
    """Records runs and shows their moments; the bar (``time_machine_bar``) is its face."""

    historyChanged = Signal()  # a new run, a moment more while recording, a run ended or a run opened
    shown = Signal(object)  # ShownMoment
    perDigitChanged = Signal(object)  # (moments, 10) accuracy per digit, or None while not measured

    def __init__(
        self,
        inference: InferenceService,
        runs: RunCoordinator,
        *,
        measure: Callable[[RunHistory], None] = lambda _history: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._inference = inference
        self._runs = runs
        self._measure = measure
        self.history: RunHistory | None = None
        self.recording = False
        self.index: int | None = None  # the moment shown; None: now
        self.per_digit: np.ndarray | None = None
        self.last_epoch: EpochResult | None = None  # the recorded run's last epoch (its mistakes are not in a file)
        self._steps_per_epoch = 0
        self.opened_from = ""  # the file an opened run came from
        runs.runStarted.connect(self._on_run_started)
        runs.runEnded.connect(self._on_run_ended)
        inference.modelReady.connect(lambda _info: self._back_to_now_silently())
        runs.blocksChanged.connect(lambda _blocks: self._on_blocks())

    # --- recording ------------------------------------------------------------------------------------------

    def _on_run_started(self, kind: str, run: Run) -> None:
        self.go_now()  # the moment shown goes; the run starts from the weights in use, and so do its predictions
        self.history = RunHistory(kind=kind)
        self.recording = True
        self.per_digit = None
        self.last_epoch = None
        self.opened_from = ""
        self._steps_per_epoch = 0
        run.progress.connect(self._on_progress)
        run.snapshot.connect(self._on_snapshot)
        run.epochDone.connect(self._on_epoch)
        run.runFinished.connect(self._on_finished)
        self.perDigitChanged.emit(None)
        self.historyChanged.emit()

    def _on_progress(self, event: StepProgress) -> None:
        if self.history is None or not self.recording:
            return
        self._steps_per_epoch = event.steps_per_epoch
        if self.history.kind == TRAINING:
            self.history.epochs = max(self.history.epochs, event.epochs)
            position = event.epoch - 1 + event.step / max(event.steps_per_epoch, 1)
            if math.isfinite(event.loss):
                self.history.record_progress(position, event.loss, event.accuracy)

    def _on_snapshot(self, event: WeightsSnapshot) -> None:
        if self.history is None or not self.recording:
            return
        steps = event.steps_per_epoch or self._steps_per_epoch or event.step
        if self.history.add(event.state, epoch=event.epoch, step=event.step, steps_per_epoch=steps):
            self.historyChanged.emit()

    def _on_epoch(self, event: EpochResult) -> None:
        if self.history is None or not self.recording:
            return
        self.last_epoch = event
        self.history.mark_epoch(
            EpochMark(
                event.epoch,
                event.test_accuracy,
                event.train_accuracy,
                np.asarray(event.per_class_accuracy, np.float64),
                np.asarray(event.confusion, np.int64),
            )
        )

    def _on_finished(self, event: Finished) -> None:
        if self.history is not None and self.recording:
            self.history.finish(event.state)

    def _on_run_ended(self, _kind: str, _run: Run | None) -> None:
        if self.history is None or not self.recording:
            return
        self.recording = False
        self.history.finish(None)
        if not self.history.moments:
            self.history = None
        self.historyChanged.emit()
        if self.history is not None:
            self._measure(self.history)

    def on_measured(self, history: RunHistory, per_digit: np.ndarray) -> None:
        if history is self.history:
            self.per_digit = per_digit
            self.perDigitChanged.emit(per_digit)

    def adopt(self, path: str, history: RunHistory) -> None:
        """A run opened from a file: scrub it like the last run (the weights in use stay as they are)."""
        if self.recording:
            return
        self.go_now()  # a moment of the previous run may be on screen: its weights must not stay in the predictions
        self.history, self.opened_from, self.last_epoch, self.per_digit = history, path, None, None
        self.perDigitChanged.emit(None)
        self.historyChanged.emit()
        self._measure(history)

    # --- showing moments ------------------------------------------------------------------------------------

    def _on_blocks(self) -> None:
        """The Training step view's steps are the weights shown until kept or discarded: no moment over them; once
        they are kept or discarded, the session's steps can be scrubbed."""
        if self._runs.state.steps_unkept:
            self._back_to_now_silently()
        elif self.recording and self.history is not None and self.history.kind == STEPS:
            self._on_run_ended(STEPS, None)

    def on_stepped(self, state: dict[str, np.ndarray], steps_taken: int) -> None:
        """A step of the Training step view (or an undo back to ``steps_taken``): a moment of its session, which
        starts from the weights in use and ends when the steps are kept or discarded."""
        if self.recording and (self.history is None or self.history.kind != STEPS):
            return
        if not self.recording:
            if steps_taken == 0:  # undone back to the start: the session is over, nothing to record
                return
            self._back_to_now_silently()
            self.history, self.recording = RunHistory(kind=STEPS), True
            self.per_digit, self.last_epoch, self.opened_from = None, None, ""
            start = self._runs.committed_state()
            if start is not None:
                self.history.add(start, epoch=1, step=0, steps_per_epoch=1)
            self.perDigitChanged.emit(None)
        assert self.history is not None
        self.history.moments = [moment for moment in self.history.moments if moment.step < steps_taken]
        self.history.add(state, epoch=1, step=steps_taken, steps_per_epoch=1)
        self.historyChanged.emit()

    @property
    def scrubbable(self) -> bool:
        return (
            self.history is not None
            and not self.recording
            and bool(self.history.moments)
            and not self._runs.state.steps_unkept
        )

    def go_to(self, index: int) -> None:
        """Show moment ``index`` (the weights in use do not change)."""
        history = self.history
        if history is None or not self.scrubbable:
            return
        index = max(0, min(index, len(history) - 1))
        if index == self.index:
            return
        self.index = index
        moment = history.moments[index]
        self._inference.show_training_state(
            moment.state,
            {},
            QCoreApplication.translate("TimeMachine", "time machine: {moment}").format(
                moment=moment_text(moment, history.kind)
            ),
        )
        self.shown.emit(ShownMoment(index, moment, history.mark_at(index)))

    def go_now(self) -> None:
        """Show the weights in use again: a finished run's offered weights, else the committed ones."""
        if self.index is None:
            return
        self.index = None
        pending = self._runs.pending_weights(TRAINING)
        if pending is None:
            pending = self._runs.pending_weights(FINE_TUNING)
        if pending is not None:
            self._inference.show_training_state(pending, {}, "finished")
        else:
            self._inference.show_committed()
        self.shown.emit(ShownMoment(None, None, None))

    def state_shown(self) -> dict[str, np.ndarray] | None:
        """The weights the window shows: the moment's, else the weights in use (a run's offer, else committed)."""
        if self.history is not None and self.index is not None:
            return self.history.moments[self.index].state
        for kind in (TRAINING, FINE_TUNING):
            pending = self._runs.pending_weights(kind)
            if pending is not None:
                return pending
        return self._runs.committed_state()

    def _back_to_now_silently(self) -> None:
        """Other weights were announced (kept, discarded, loaded): they are what is shown, so the position is now."""
        if self.index is not None:
            self.index = None
            self.shown.emit(ShownMoment(None, None, None))

    def use_moment(self) -> tuple[Moment, dict[str, Any], str] | str:
        """Offer the moment shown for Keep or Discard: (moment, metadata, its description) once offered, else why
        not (a sentence)."""
        history, index = self.history, self.index
        if history is None or index is None:
            return QCoreApplication.translate("TimeMachine", "Scrub to a moment of the run first.")
        moment = history.moments[index]
        mark = history.mark_at(index)
        finished = Finished(
            state=moment.state,
            epochs_completed=mark.epoch if mark is not None else 0,
            test_accuracy=mark.test_accuracy if mark is not None and mark is moment.mark else math.nan,
            cancelled=True,
            seconds=0.0,
        )
        why = self._runs.offer_moment(moment.state, finished)
        if why:
            return why
        self.index = None  # the moment's weights are the ones in use (offered) now
        metadata: dict[str, Any] = {
            "source": "lenet-gui time machine",
            "moment": f"epoch {moment.epoch}, step {moment.step}",
            "epochs": finished.epochs_completed,
        }
        if math.isfinite(finished.test_accuracy):
            metadata["test_accuracy"] = float(finished.test_accuracy)
        self.shown.emit(ShownMoment(None, None, None))
        return moment, metadata, moment_text(moment, history.kind)
