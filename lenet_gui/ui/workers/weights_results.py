"""The weights in use, checked on the MNIST test digits in the background, for the results tabs (issue 10.12).

(``evaluation`` compares two sets of weights for the Keep bar; this module fills the panel's tabs.)

Before any training the training panel's Per digit, Confusion and Mistakes tabs had nothing to show. ``WeightsResults``
fills them with the committed weights' results: computed when a results tab is first looked at (``want``), on a
thread of their own, a few thousand digits at a time, and remembered per weights (by their content), so going back
to weights already checked, or Discarding a run, shows them again at once. Nothing is computed while a run goes on
or its weights wait for Keep or Discard: the panel shows that run's epochs then.

Only numpy arrays, plain values and core's frozen dataclasses leave this module.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.core.errors import MissingDataError
from lenet_gui.core.events import Progress
from lenet_gui.core.folders import resolve_data_dir
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import GeneratorWorker, RunFlags
from lenet_gui.ui.workers.runs import data_folder_hint

NumpyState = dict[str, np.ndarray]
TestSource = Callable[[threading.Event], Any]  # the test digits (core DigitTensors); told to stop by the event
CHUNK = 2000  # digits per step: progress this often, and a stop waits at most this long
SHOWN = 24  # the surest mistakes listed, as a training epoch lists them
CACHED = 8  # weights remembered


@dataclass(frozen=True)
class Results:
    """The weights' results on the test digits, with the attributes the panel reads from a training epoch too."""

    accuracy: float
    per_class_accuracy: np.ndarray  # (10,)
    confusion: np.ndarray  # (10, 10) int64, rows = true digit, columns = what the network said
    misclassified: tuple[Any, ...]  # core Misclassified, surest first
    total: int


def fingerprint(state: NumpyState) -> str:
    """The same weights give the same key, whichever file or run they came from."""
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(state):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(state[name], np.float32).tobytes())
    return digest.hexdigest()


def mnist_test_digits(stop: threading.Event) -> Any:
    """The 10,000 MNIST test digits from the data folder, without the 60,000 training digits (memory)."""
    return core.data().load_mnist(resolve_data_dir(), train=False, download=False, stop=stop.is_set)


def _evaluate(state: NumpyState, source: TestSource, flags: RunFlags) -> Generator[Progress, None, Results | None]:
    """core's evaluation a chunk at a time, merged: the counts add up, the surest mistakes are picked overall."""
    with contextlib.suppress(AttributeError, OSError):  # leave the cores to drawing (Linux: this thread's nice)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    core.threads().use_one_thread()
    torch = core.torch()
    model = core.model().Net()
    model.load_state_dict({name: torch.from_numpy(value) for name, value in state.items()})
    model.eval()
    digits = source(flags.stop_event)
    total = len(digits)
    confusion = np.zeros((10, 10), np.int64)
    wrong: list[Any] = []
    for start in range(0, total, CHUNK):
        if flags.stopped:
            return None
        chunk = core.data().DigitTensors(digits.images[start : start + CHUNK], digits.labels[start : start + CHUNK])
        part = core.training().evaluate(model, chunk)
        confusion += part.confusion
        wrong.extend(replace(m, index=m.index + start) for m in part.misclassified)
        yield Progress(min(start + CHUNK, total), total)
    wrong.sort(key=lambda m: -m.confidence)
    right = confusion.diagonal()
    return Results(
        accuracy=float(right.sum()) / max(total, 1),
        per_class_accuracy=right / np.maximum(confusion.sum(1), 1),
        confusion=confusion,
        misclassified=tuple(wrong[:SHOWN]),
        total=total,
    )


class WeightsResults(QObject):
    """Results of the committed weights on the test digits, for the training panel's results tabs."""

    evaluated = Signal(object)  # Results of the weights in use
    hint = Signal(str)  # one sentence: none yet, and why or what fills the tabs

    def __init__(self, *, test_source: TestSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._test_source = test_source or mnist_test_digits
        self._cache: dict[str, Results] = {}
        self._runs: Any = None
        self._wanted = False
        self._shown = ""  # fingerprint of the weights whose results were last sent
        self._worker: GeneratorWorker[Progress] | None = None
        self._computing = ""
        self.evaluations = 0  # computed (not from the cache): tests

    def follow(self, inference: Any, runs: Any) -> None:
        """The committed weights: when other weights are loaded, kept or discarded, and when runs end."""
        self._runs = runs
        inference.weightsChanged.connect(lambda view: None if view.live else self.refresh())
        runs.blocksChanged.connect(lambda _blocks: self.refresh())

    def want(self) -> None:
        """A results tab is on screen: from now on, keep its results up to date."""
        self._wanted = True
        self.refresh()

    def refresh(self) -> None:
        runs = self._runs
        if not self._wanted or runs is None:
            return
        if not self._quiet():
            self._shown = ""  # the run shows its own epochs; afterwards, send the committed weights' again
            return
        weights = runs.committed_state()
        if weights is None:
            return
        key = fingerprint(weights)
        if key == self._shown or key == self._computing:
            return
        if key in self._cache:
            self._shown = key
            self.evaluated.emit(self._cache[key])
            return
        self._start(key, weights)

    def _quiet(self) -> bool:
        """No run going on, and no run's or step's weights waiting for Keep or Discard."""
        state = self._runs.state
        return state.running is None and state.pending is None and not state.steps_unkept

    def stop(self) -> None:
        """At shutdown: the evaluation ends within one chunk."""
        if self._worker is not None:
            self._worker.stop()
            self._worker.join(5.0)

    def _start(self, key: str, weights: NumpyState) -> None:
        if self._worker is not None:
            self._worker.stop()
        snapshot = {name: np.array(value, np.float32) for name, value in weights.items()}
        source = self._test_source
        worker: GeneratorWorker[Progress] = GeneratorWorker(
            lambda flags: _evaluate(snapshot, source, flags), name="evaluate-weights"
        )
        self._worker, self._computing = worker, key
        self.hint.emit(
            QCoreApplication.translate("WeightsResults", "Checking the weights in use on the MNIST test digits…")
        )
        worker.returned.connect(lambda result: self._on_result(worker, key, result))
        worker.errored.connect(lambda error: self._on_error(worker, error))
        worker.start()

    def _on_result(self, worker: GeneratorWorker[Progress], key: str, result: Results | None) -> None:
        if worker is not self._worker or result is None:
            return
        self._worker, self._computing = None, ""
        self.evaluations += 1
        self._cache[key] = result
        while len(self._cache) > CACHED:
            self._cache.pop(next(iter(self._cache)))
        self.refresh()  # the weights in use may have changed meanwhile

    def _on_error(self, worker: GeneratorWorker[Progress], error: BaseException) -> None:
        if worker is not self._worker:
            return
        self._worker, self._computing = None, ""
        if not self._quiet():
            return  # a run started meanwhile: its epochs fill the tabs
        if isinstance(error, MissingDataError):
            text = QCoreApplication.translate(
                "WeightsResults",
                "No MNIST test digits to check the weights on. Put MNIST in {folder} (Train offers to download "
                "it), or train: each epoch fills these tabs.",
            ).format(folder=data_folder_hint())
        else:
            text = QCoreApplication.translate(
                "WeightsResults", "The weights in use could not be checked on the test digits: {why}"
            ).format(why=str(error).strip() or type(error).__name__)
        self.hint.emit(text)
