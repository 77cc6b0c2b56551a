"""The training step view's worker: one ``core.stepper.Stepper`` living on one ``JobQueue`` thread.

The stepper is not thread-safe and wants one torch thread (two OpenMP teams on the busy 2-core machine turn a
30 ms step into 0.4-1 s), so every job runs on the queue's single thread, which calls ``use_one_thread`` first.
Each request carries the view's current choices (drawing, label, learning rate, loss, with or without MNIST), so
the worker keeps no settings of its own, only the stepper, the walk through the phases in progress and the batch
it was built from. Results come back on the GUI thread as plain records: core's frozen phase dataclasses (numpy
only) wrapped in the small records below.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.ui.workers import lazy_imports
from lenet_gui.ui.workers.background import JobQueue

NumpyState = dict[str, np.ndarray]
# ``data_source(download)`` → (training set, test set), as the training runs use it; raising means no MNIST.
DataSource = Callable[[bool], tuple[Any, Any]]
PHASE_CLASSES = {
    "ZeroGradPhase": "zero_grad",
    "ForwardPhase": "forward",
    "LossPhase": "loss",
    "BackwardPhase": "backward",
    "UpdatePhase": "update",
}


@dataclass(frozen=True)
class StepChoices:
    """What the view asks a step to learn from, and how."""

    image: np.ndarray  # the canvas picture, as the inference service gets it
    label: int
    learning_rate: float
    loss_name: str  # "mse" or "cross-entropy"
    with_mnist: bool  # the drawing beside 63 MNIST training digits


@dataclass(frozen=True)
class PhaseResult:
    """One phase done: core's record of it, the code that did it, and where the session stands."""

    name: str  # zero_grad, forward, loss, backward, update
    phase: Any  # core.stepper.ZeroGradPhase … UpdatePhase
    code: Any  # core.stepper.PhaseCode
    batch_size: int
    mnist_note: str  # "" when the batch is what was asked for, else why MNIST is not in it
    steps_taken: int
    undoable: int
    state: NumpyState | None  # the new weights after an update, else None


@dataclass(frozen=True)
class StepResult:
    """A whole step done (Whole step, or one of 10 steps)."""

    record: Any  # core.stepper.StepRecord
    batch_size: int
    mnist_note: str
    steps_taken: int
    undoable: int
    state: NumpyState


@dataclass(frozen=True)
class UndoResult:
    undone: int
    steps_taken: int
    undoable: int
    state: NumpyState


class _Session:
    """Lives on the queue thread only: the stepper, the walk in progress and the batch cache."""

    def __init__(self, data_source: DataSource | None, loading_torch: Callable[[], None] = lambda: None) -> None:
        self.data_source = data_source
        self.loading_torch = loading_torch  # called on the queue thread before the first import of torch
        self.stepper: Any = None
        self.start_state: Mapping[str, np.ndarray] | None = None  # the stepper is made from it at the first step
        self.walk: Iterator[Any] | None = None
        self.walk_key: tuple[Any, ...] | None = None
        self.batch_key: tuple[Any, ...] | None = None
        self.batch: Any = None
        self.note = ""
        self.companions: Any = None
        self.companions_note: str | None = None
        self.one_thread = False

    def setup(self) -> None:
        if not self.one_thread:
            lazy_imports.threads().use_one_thread()
            self.one_thread = True

    def reset(self, state: Mapping[str, np.ndarray]) -> int:
        """Start again from ``state``. The stepper (and torch) is only made at the first step: the idle window keeps
        torch out of memory until someone steps (issue 10)."""
        self.start_state = state
        self.stepper = None
        self.walk = None
        return 0

    def made(self) -> Any:
        """The stepper over the weights of the last reset, made now if it is not there yet."""
        if self.stepper is None:
            if self.start_state is None:
                raise RuntimeError("no weights to step from yet")
            if not lazy_imports.torch_imported():
                self.loading_torch()
                lazy_imports.preload_torch_libraries()  # without the interpreter lock: the GUI thread keeps running
            self.setup()
            self.stepper = lazy_imports.stepper().Stepper(self.start_state)
        return self.stepper

    def _companions(self) -> tuple[Any, str]:
        if self.companions_note is None:
            if self.data_source is None:
                self.companions_note = QCoreApplication.translate("_Session", "no data folder is set up")
            else:
                try:
                    train_set, _ = self.data_source(False)
                    self.companions = lazy_imports.stepper().mnist_companions(train_set)
                    self.companions_note = ""
                except Exception as error:  # no MNIST: the step goes on with the drawing alone
                    self.companions_note = str(error).rstrip(".") or type(error).__name__
        return self.companions, self.companions_note

    def batch_for(self, choices: StepChoices) -> tuple[Any, str]:
        digest = hashlib.blake2b(np.ascontiguousarray(choices.image).tobytes(), digest_size=16).hexdigest()
        key = (digest, choices.label, choices.with_mnist)
        if key != self.batch_key:
            companions, note = self._companions() if choices.with_mnist else (None, "")
            self.batch = lazy_imports.stepper().batch_for_image(choices.image, choices.label, companions)
            self.note = note
            self.batch_key = key
        return self.batch, self.note

    def next_phase(self, choices: StepChoices) -> PhaseResult:
        self.made()
        batch, note = self.batch_for(choices)
        key = (self.batch_key, choices.learning_rate, choices.loss_name)
        if self.walk is None or key != self.walk_key:  # new choices start the walk again from zero_grad
            self.walk = self.stepper.phases(batch, learning_rate=choices.learning_rate, loss_name=choices.loss_name)
            self.walk_key = key
        phase = next(self.walk)
        name = PHASE_CLASSES[type(phase).__name__]
        state = None
        if name == "update":
            self.walk = None
            state = self.stepper.state_dict()
        code = lazy_imports.stepper().phase_code(name)
        taken, undoable = self.stepper.steps_taken, self.stepper.undoable
        return PhaseResult(name, phase, code, len(batch.labels), note, taken, undoable, state)

    def whole_step(self, choices: StepChoices) -> StepResult:
        self.made()
        batch, note = self.batch_for(choices)
        self.walk = None  # a walk half done is abandoned: only its update would have changed the weights
        record = self.stepper.step(batch, learning_rate=choices.learning_rate, loss_name=choices.loss_name)
        return StepResult(
            record, len(batch.labels), note, self.stepper.steps_taken, self.stepper.undoable, self.stepper.state_dict()
        )

    def undo(self, count: int) -> UndoResult:
        self.walk = None
        undone = self.made().undo(count)
        return UndoResult(undone, self.stepper.steps_taken, self.stepper.undoable, self.stepper.state_dict())


class StepService(QObject):
    """The view's requests, run in order on one thread; results come back as signals on the GUI thread."""

    reset = Signal(int)  # steps taken (0): the stepper starts again from the weights given
    phaseDone = Signal(object)  # PhaseResult
    stepDone = Signal(object)  # StepResult
    undone = Signal(object)  # UndoResult
    failed = Signal(str)  # one sentence
    idle = Signal()  # nothing is waiting any more
    loadingTorch = Signal()  # the first step imports torch now (a few seconds, once)

    def __init__(self, data_source: DataSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = _Session(data_source, self.loadingTorch.emit)
        self._queue = JobQueue("training-step", self)
        self._waiting = 0  # jobs submitted whose result has not come back yet
        self._generation = 0  # raised by cancel_waiting: jobs of an older generation are skipped

    @property
    def busy(self) -> bool:
        return self._waiting > 0

    def start_from(self, state: Mapping[str, np.ndarray]) -> None:
        """Forget the steps taken; the next step starts from ``state`` (numpy, by state_dict name)."""
        copy = {k: np.array(v, np.float32) for k, v in state.items()}
        self._submit(lambda: self._session.reset(copy), self.reset.emit)

    def next_phase(self, choices: StepChoices) -> None:
        self._submit(lambda: self._session.next_phase(choices), self.phaseDone.emit)

    def whole_steps(self, choices: StepChoices, count: int = 1) -> None:
        """``count`` steps, each its own job, so each one's result is shown as it comes."""
        for _ in range(count):
            self._submit(lambda: self._session.whole_step(choices), self.stepDone.emit)

    def undo(self, count: int = 1) -> None:
        self._submit(lambda: self._session.undo(count), self.undone.emit)

    def cancel_waiting(self) -> None:
        """Skip the jobs not begun yet (the one running finishes: a Python thread cannot be interrupted)."""
        self._generation += 1

    def close(self) -> None:
        self._generation += 1
        self._queue.close(keep=False)

    def join(self, timeout: float | None = None) -> bool:
        return self._queue.join(timeout)

    def _submit(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        generation = self._generation

        def job() -> Any:
            if generation != self._generation:  # cancelled before it began
                return _SKIPPED
            return work()

        def done(result: Any) -> None:
            self._waiting -= 1
            if result is not _SKIPPED:
                then(result)
            if self._waiting == 0:
                self.idle.emit()

        def error(exc: BaseException) -> None:
            self._waiting -= 1
            if generation == self._generation:
                self.failed.emit(_sentence(exc))
            if self._waiting == 0:
                self.idle.emit()

        if self._queue.submit(job, then=done, on_error=error):
            self._waiting += 1


_SKIPPED = object()


def _sentence(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
