"""Two networks side by side, off the GUI thread: their weights, both answers to the drawing, and the scan of the
digits on which they disagree (issue 13).

``ComparisonService`` holds the two sides (A and B). Everything it does runs on a ``JobQueue`` of its own
("compare"): reading a side's weights (a file is checked like File ▸ Load weights), and predicting the drawing with
both networks in numpy (``core.numpy_lenet``, milliseconds, "latest drawing wins"). The scan of the test digits and
of the user's My digits examples runs on a ``GeneratorWorker`` (``core.comparison.compare``), one at a time: a
change of side while one runs stops it and starts the newest once it has ended (coalesced); results are remembered
per pair of weights, so swapping back shows them at once. ``stop`` ends everything when the window closes.

The service never touches the weights in use: it has private copies. Only numpy, plain values and core's frozen
dataclasses leave this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.core import numpy_lenet, weights_listing
from lenet_gui.core.errors import MissingDataError
from lenet_gui.core.parameters import summarize_parameters
from lenet_gui.ui.view_models import WeightsView
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import GeneratorWorker, JobQueue, RunFlags
from lenet_gui.ui.workers.inference import error_details, error_text, numpy_first_file_info
from lenet_gui.ui.workers.weights_results import fingerprint

NumpyState = dict[str, np.ndarray]
TestSource = Callable[[threading.Event], Any]  # the test digits (core DigitTensors), told to stop by the event
SIDES = (0, 1)  # A and B
REMEMBERED = 6  # comparisons remembered, by pair of weights
KEPT = 300  # disagreements kept from a scan (and shown): those where both networks are surest

# What a side can be: the bundled weights, a weights file, a fresh random network, or weights handed over as numpy
# (the weights in use, a time-machine snapshot).
BUNDLED, FILE, RANDOM, STATE = "bundled", "file", "random", "state"


@dataclass(frozen=True)
class WeightsSource:
    """Where one side's weights come from, and what the window calls them."""

    kind: str  # BUNDLED, FILE, RANDOM or STATE
    label: str  # "Bundled", "lenet-20261128.pt", "Snapshot at step 1,200"…
    path: str = ""  # FILE
    state: NumpyState | None = field(default=None, repr=False, compare=False)  # STATE


@dataclass(frozen=True)
class SideInfo:
    """A side, once its weights are read: its name, and its filters for the filter views."""

    side: int
    source: WeightsSource
    weights: WeightsView


@dataclass(frozen=True)
class ScanResult:
    """A finished scan: core's Comparison with only the first ``KEPT`` disagreements (a trained and a random
    network disagree on 9,000 test digits: their pictures would take 7 MB a comparison), how many there were, and
    whether the MNIST test digits were missing."""

    comparison: Any  # core.comparison.Comparison
    mnist_missing: bool
    test_disagreements: int = 0
    mine_disagreements: int = 0


class ComparisonService(QObject):
    """Two private networks, A and B, compared on the drawing and on the test digits."""

    sideReady = Signal(object)  # SideInfo
    sideFailed = Signal(int, str, str, str)  # side, title, one sentence, details
    predicted = Signal(object, object)  # A's and B's core Prediction (None: blank drawing or side not ready)
    progress = Signal(int, int)  # digits compared, digits in all
    compared = Signal(object)  # ScanResult of the two sides shown now
    scanFailed = Signal(str)  # one sentence
    weightsListed = Signal(object)  # tuple[WeightsFile, ...]: the bundled weights, then the weights folder's files

    def __init__(
        self, *, test_source: TestSource, personal_root: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._test_source = test_source
        self._personal_root = personal_root
        self._queue = JobQueue("compare", self)
        self._lock = threading.Lock()
        self._image: np.ndarray | None = None
        self._states: list[NumpyState | None] = [None, None]  # GUI thread's copy, for the scan
        self._predictors: list[Any] = [None, None]  # used on the queue's thread only
        self._loads = [0, 0]  # the newest load asked for, per side: an older one that ends later is dropped
        self._worker: GeneratorWorker[Any] | None = None
        self._scan_wanted = False
        self._results: dict[tuple[str, str], ScanResult] = {}
        self._stopped = False
        self.scans = 0  # scans computed (not remembered): tests

    # --- called from the GUI thread ---------------------------------------------------------------------------

    def set_source(self, side: int, source: WeightsSource) -> None:
        """Read ``source``'s weights for ``side`` (0 = A, 1 = B) in the background; ``sideReady`` or
        ``sideFailed`` follows, and the side keeps its weights until new ones are read."""
        self._loads[side] += 1
        number = self._loads[side]
        self._queue.submit(
            lambda: self._load(side, source),
            key=("load", side),
            then=lambda loaded: self._on_loaded(side, number, source, loaded),
            on_error=lambda error: self._on_load_failed(side, number, error),
        )

    def list_weights(self, folder: str) -> None:
        """Which weights files there are to choose from (``weightsListed``), read in the background the way the
        window's own chooser reads them (numpy first, torch only for a file numpy cannot read; cached)."""
        self._queue.submit(
            lambda: weights_listing.list_weights(folder, numpy_first_file_info),
            then=self.weightsListed.emit,
            on_error=lambda _e: None,
        )

    def request(self, image: np.ndarray | None) -> None:
        """The drawing (or None when blank): both networks answer it; an older drawing still waiting is dropped."""
        with self._lock:
            self._image = None if image is None else np.array(image, copy=True)
        self._queue.submit(self._predict, key="predict", then=lambda pair: self.predicted.emit(*pair))

    def stop(self) -> None:
        """The window closes: the queue takes no more work, the scan ends within a chunk, and the weights and
        results are let go (nothing of the comparison is kept); returns at once."""
        self._stopped = True
        self._queue.close(keep=False)
        if self._worker is not None:
            self._worker.stop()
        self._states = [None, None]
        self._predictors = [None, None]
        self._results.clear()

    def finished_work(self) -> bool:
        """Stopped, and its threads have ended: the service can go."""
        done = self._stopped and self._queue.idle() and not (self._worker is not None and self._worker.running)
        if done:
            self.deleteLater()
        return done

    def join(self, timeout: float) -> None:
        """At the app's shutdown, after ``stop``: wait (bounded) for the threads to end."""
        self._queue.join(timeout)
        if self._worker is not None:
            self._worker.join(timeout)

    @property
    def scanning(self) -> bool:
        return self._worker is not None

    # --- the queue's thread -------------------------------------------------------------------------------------

    def _load(self, side: int, source: WeightsSource) -> tuple[NumpyState, WeightsView]:
        comparison = core.comparison()
        if source.kind == BUNDLED:
            state = comparison.bundled_state()
        elif source.kind == FILE:
            state = comparison.file_state(source.path)
        elif source.kind == RANDOM:
            state = comparison.random_state()
        else:
            assert source.state is not None
            state = comparison.checked_state(source.state)
        self._predictors[side] = numpy_lenet.NumpyPredictor(state)
        return state, WeightsView(summarize_parameters(state), live=False)

    def _predict(self) -> tuple[Any, Any]:
        with self._lock:
            image = self._image
        if image is None:
            return None, None
        answers = [None if p is None else p.predict_image(image) for p in self._predictors]
        return answers[0], answers[1]

    # --- results, on the GUI thread ---------------------------------------------------------------------------

    def _on_loaded(self, side: int, number: int, source: WeightsSource, loaded: tuple[NumpyState, WeightsView]) -> None:
        if number != self._loads[side] or self._stopped:
            return
        self._states[side] = loaded[0]
        self.sideReady.emit(SideInfo(side, source, loaded[1]))
        self.request(self._image)
        self._scan()

    def _on_load_failed(self, side: int, number: int, error: BaseException) -> None:
        if number != self._loads[side] or self._stopped:
            return
        title = QCoreApplication.translate("Compare", "These weights could not be compared")
        self.sideFailed.emit(side, title, error_text(error), error_details(error))

    def _scan(self) -> None:
        """Compare the two sides on the digits, unless remembered; one scan at a time, the newest wins."""
        if self._stopped or any(state is None for state in self._states):
            return
        if self._worker is not None:  # it ends within a chunk; then the newest pair is scanned
            self._scan_wanted = True
            self._worker.stop()
            return
        state_a, state_b = (s for s in self._states if s is not None)
        key = (fingerprint(state_a), fingerprint(state_b))
        if key in self._results:
            self.compared.emit(self._results[key])
            return
        source, root = self._test_source, self._personal_root
        worker: GeneratorWorker[Any] = GeneratorWorker(
            lambda flags: _scan(state_a, state_b, source, root, flags), name="compare-scan"
        )
        self._worker = worker
        worker.yielded.connect(lambda p: self.progress.emit(p.done, p.total))
        worker.returned.connect(lambda result: self._on_scanned(key, result))
        worker.errored.connect(self._on_scan_failed)
        worker.finished.connect(self._on_scan_ended)
        worker.start()

    def _on_scanned(self, key: tuple[str, str], result: ScanResult | None) -> None:
        if result is None or self._stopped:
            return
        self.scans += 1
        self._results[key] = result
        while len(self._results) > REMEMBERED:
            self._results.pop(next(iter(self._results)))
        if not self._scan_wanted:
            self.compared.emit(result)

    def _on_scan_failed(self, error: BaseException) -> None:
        if not self._stopped and not self._scan_wanted:
            self.scanFailed.emit(error_text(error))

    def _on_scan_ended(self) -> None:
        self._worker = None
        if self._scan_wanted:
            self._scan_wanted = False
            self._scan()


def _scan(
    state_a: NumpyState, state_b: NumpyState, source: TestSource, root: str | None, flags: RunFlags
) -> Generator[Any, None, ScanResult | None]:
    """The scan's thread: the user's examples, then the test digits (None, and said so, when MNIST is missing)."""
    comparison = core.comparison()
    missing: list[bool] = []

    def test_digits() -> Any:
        try:
            return source(flags.stop_event)
        except MissingDataError:
            missing.append(True)
            return None

    mine = comparison.personal_digits(root, lambda: flags.stopped)
    result = yield from comparison.compare(state_a, state_b, test_digits, mine, stopped=lambda: flags.stopped)
    if result is None:
        return None
    mine_count = sum(1 for d in result.disagreements if d.source == comparison.MINE)
    return ScanResult(
        replace(result, disagreements=result.disagreements[:KEPT]),
        mnist_missing=bool(missing),
        test_disagreements=len(result.disagreements) - mine_count,
        mine_disagreements=mine_count,
    )
