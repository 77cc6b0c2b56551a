"""The time machine's work off the GUI thread: saving and opening a run file, and measuring each moment's accuracy
per digit (a thousand test digits per moment, a few seconds for a whole run).

Each job is a ``FunctionWorker``; results and failures come back on the GUI thread as signals. ``stop`` (at
shutdown) ends a measurement between two moments and waits for every thread, so none outlives the window.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.core.errors import WeightsFileError
from lenet_gui.core.run_history import RunHistory
from lenet_gui.ui import i18n
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import FunctionWorker
from lenet_gui.ui.workers.inference import error_details, error_text

TestSource = Callable[[Any], Any]  # stop event → core DigitTensors of test digits
JOIN_S = 5.0


def _measure(history: RunHistory, source: TestSource, stop: threading.Event) -> Any:
    with contextlib.suppress(AttributeError, OSError):  # leave the cores to drawing (Linux: this thread's nice)
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    core.threads().use_one_thread()
    test_set = source(stop)
    states = [moment.state for moment in history.moments]
    return core.run_files().per_digit_accuracy(states, test_set, stop=stop.is_set)


class RunFiles(QObject):
    """Save, open and measure runs on worker threads."""

    saved = Signal(str)  # path written
    opened = Signal(str, object)  # path, core RunHistory
    measured = Signal(object, object)  # the RunHistory measured, (moments, 10) accuracy per digit
    failed = Signal(str, str, str)  # title, one sentence, details

    def __init__(self, test_source: TestSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._test_source = test_source
        self._workers: list[FunctionWorker[Any]] = []
        self._stop = threading.Event()

    @property
    def busy(self) -> bool:
        return bool(self._workers)

    def save(self, path: str, history: RunHistory, metadata: dict[str, Any]) -> None:
        title = QCoreApplication.translate("RunFiles", "The run could not be saved")
        self._start(
            FunctionWorker(lambda: str(core.run_files().save_run(path, history, **metadata)), name="save-run"),
            self.saved.emit,
            title,
        )

    def open(self, path: str) -> None:
        title = QCoreApplication.translate("RunFiles", "The run could not be opened")
        worker: FunctionWorker[Any] = FunctionWorker(_load, path, name="open-run")
        worker.errored.connect(lambda error: self.failed.emit(title, _open_error_text(error), error_details(error)))
        self._start(worker, lambda history: self.opened.emit(path, history), "")

    def measure(self, history: RunHistory) -> None:
        """Each moment's accuracy per digit; a failure (no test digits: MNIST missing) only leaves it unmeasured."""
        worker: FunctionWorker[Any] = FunctionWorker(
            _measure, history, self._test_source, self._stop, name="measure-run"
        )
        self._start(worker, lambda result: self.measured.emit(history, result), "")

    def stop(self) -> None:
        """At shutdown: a measurement ends between two moments; a save finishes its file."""
        self._stop.set()
        for worker in list(self._workers):
            worker.join(JOIN_S)

    def _start(self, worker: FunctionWorker[Any], done: Callable[[Any], None], title: str) -> None:
        if self._stop.is_set():
            return
        worker.returned.connect(done)
        if title:
            worker.errored.connect(lambda error: self.failed.emit(title, error_text(error), error_details(error)))
        worker.finished.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        worker.start()


def _open_error_text(error: BaseException) -> str:
    """Core's sentence names the file and the cause; in another language, one sentence about runs (core's English
    then opens the details)."""
    if isinstance(error, WeightsFileError) and i18n.current_language() != i18n.ENGLISH:
        return QCoreApplication.translate("RunFiles", "This file is not a saved run of LeNet GUI, or it is damaged.")
    return error_text(error)


def _load(path: str) -> Any:
    return core.run_files().load_run(path)
