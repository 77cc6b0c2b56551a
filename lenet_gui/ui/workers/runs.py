"""Training and fine-tuning runs: core's event generators on a ``GeneratorWorker``, events out as typed signals.

A run loads its data on its own thread (no helper thread: a daemon left loading MNIST inside torchvision aborted the
process at exit), then iterates core's generator. ``pause``/``resume``/``stop`` only set flags, which core's loop
sees between two steps. A stop while the data is still loading ends the run for the window at once (``ended``, with
``stopped_early``); the thread finishes the load it is in and returns without training, and the window's shutdown
joins it like any other.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from lenet_gui.core.config import FineTuneConfig
from lenet_gui.core.control import LoadingStopped, TrainingControl
from lenet_gui.core.errors import DownloadFailedError, MissingDataError
from lenet_gui.core.events import (
    Diverged,
    EpochResult,
    FineTuneReport,
    FineTuneStatus,
    Finished,
    StepProgress,
    WeightsSnapshot,
)
from lenet_gui.core.folders import RAW_FILES, mnist_available, mnist_raw_dir, resolve_data_dir, user_weights_dir
from lenet_gui.ui import core_words
from lenet_gui.ui.view_models import TrainingSettings
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import GeneratorWorker, RunFlags
from lenet_gui.ui.workers.inference import error_details, error_text

log = logging.getLogger(__name__)

# Returns (training set, test set or None) as core DigitTensors; called on the run's thread with ``download``, and
# with ``stop`` (a threading.Event set when the run is stopped) if it takes that keyword: such a source ends early
# when asked (the default one does, between its files). Tests inject small subsets here.
DataSource = Callable[..., tuple[Any, Any]]
NumpyState = Mapping[str, np.ndarray]

TRAINING, FINE_TUNING = "training", "fine-tuning"
SNAPSHOT_SECONDS = 0.3  # how often a running training sends its weights to the predictor and the panels


@dataclass(frozen=True)
class RunStatus:
    """A line for the run's panel ("Loading MNIST…", fine-tuning's own status lines)."""

    text: str


@dataclass(frozen=True)
class RunDevice:
    """Where the run computes, in the window's words: "Training on the CPU (2 threads)", "… on the GPU: NVIDIA …"."""

    text: str


@dataclass(frozen=True)
class DataReady:
    """The data is loaded: from here on a stop ends the run through core's loop."""

    size: int


@dataclass(frozen=True)
class MnistMissing:
    """Fine-tuning goes on without MNIST (it could not be checked against it)."""


@dataclass(frozen=True)
class MissingData:
    """Training found no MNIST: one sentence for the panel, the technical text for its "Details"."""

    sentence: str
    details: str
    download_failed: bool  # a download was tried (and failed); else MNIST was simply not there


@dataclass(frozen=True)
class MnistFolder:
    """What a folder the user chose holds: the data folder to use (``MNIST/raw`` inside it), or what is missing."""

    data_dir: Path | None  # None: no MNIST there
    missing: tuple[str, ...]  # the MNIST files not found, when some were (all four when none)
    looked_in: Path  # the raw folder that was checked (the closest to complete)


_chosen_folder: Path | None = None  # a data folder the user chose in the window (Choose MNIST folder…)


def use_mnist_folder(folder: str | Path | None) -> None:
    """The data folder (the one holding ``MNIST/raw``) the user chose; None forgets it. Every run and the Training
    step view read MNIST through ``mnist_source``, which then looks there too."""
    global _chosen_folder  # one choice for the whole app, like $LENET_GUI_DATA_DIR
    _chosen_folder = Path(folder) if folder else None


def mnist_data_dir() -> Path:
    """Where MNIST is read from: ``--data-dir``/``$LENET_GUI_DATA_DIR`` (or the user's data folder) when MNIST is
    there, else the folder chosen in the window when MNIST is there; otherwise the first, where a download goes."""
    configured = resolve_data_dir()
    if not mnist_available(configured) and _chosen_folder is not None and mnist_available(_chosen_folder):
        return _chosen_folder
    return configured


def locate_mnist(folder: str | Path) -> MnistFolder:
    """Check a folder the user chose: the one holding ``MNIST/raw``, the ``MNIST`` folder, or ``raw`` itself
    (four files, each plain or ``.gz``). A few ``stat`` calls: fine on the GUI thread."""
    folder = Path(folder)
    candidates = [(folder, mnist_raw_dir(folder)), (folder.parent, folder / "raw")]
    if folder.name == "raw":
        candidates.append((folder.parent.parent, folder))
    best: tuple[Path, tuple[str, ...]] | None = None
    for data_dir, raw in candidates:
        missing = tuple(name for name in RAW_FILES if not ((raw / name).is_file() or (raw / f"{name}.gz").is_file()))
        if not missing and raw == mnist_raw_dir(data_dir):
            return MnistFolder(data_dir, (), raw)
        if best is None or len(missing) < len(best[1]):
            best = (raw, missing)
    assert best is not None
    return MnistFolder(None, best[1], best[0])


def mnist_source(download: bool, stop: threading.Event | None = None) -> tuple[Any, Any]:
    """MNIST from the data folder (``mnist_data_dir``), kept in memory between runs by core. Core reads the files a
    piece at a time and ends with LoadingStopped soon after ``stop`` is set."""
    sets: tuple[Any, Any] = core.data().cached_mnist(
        mnist_data_dir(), download=download, stop=None if stop is None else stop.is_set
    )
    return sets


def user_weights_folder() -> str:
    """Where kept training runs are saved: ``weights/`` in the app's per-user data folder."""
    return str(user_weights_dir())


def data_folder_hint() -> str:
    return str(mnist_raw_dir(mnist_data_dir()))


def _load(data_source: DataSource, download: bool, flags: RunFlags) -> Any:
    """The data, from the run's own thread: a source that takes ``stop`` is told when the run is stopped."""
    if "stop" in inspect.signature(data_source).parameters:
        return data_source(download, stop=flags.stop_event)
    return data_source(download)


def _unchanged(state: NumpyState, start: NumpyState | None) -> bool:
    return (
        start is not None
        and state.keys() == start.keys()
        and all(np.array_equal(state[name], start[name]) for name in start)
    )


def _forward(events: Iterator[Any], initial_state: NumpyState | None) -> Iterator[Any]:
    """core's events as they are, except a Finished of a run stopped before it changed the weights: nothing to keep,
    so the run just ends."""
    for event in events:
        if isinstance(event, Finished) and event.cancelled and _unchanged(event.state, initial_state):
            continue
        yield event


def training_events(
    flags: RunFlags,
    settings: TrainingSettings,
    *,
    initial_state: NumpyState | None,
    data_source: DataSource,
    snapshot_seconds: float,
) -> Iterator[Any]:
    """One training run with the training panel's settings (on the run's thread)."""
    if settings.download and data_source is mnist_source and not mnist_available(mnist_data_dir()):
        yield RunStatus(QCoreApplication.translate("Runs", "Downloading MNIST (about 12 MB)…"))
    else:
        yield RunStatus(QCoreApplication.translate("Runs", "Loading MNIST…"))
    try:
        train_set, test_set = _load(data_source, settings.download, flags)
    except LoadingStopped:
        return
    if flags.stopped:
        return
    yield DataReady(len(train_set))
    training = core.training()
    config = settings.config(snapshot_seconds=snapshot_seconds)
    initial = None if initial_state is None else training.state_from_numpy(initial_state)
    control = flags.mirror(TrainingControl())
    yield RunStatus(
        QCoreApplication.translate("Runs", "Training on {count} digits…").format(count=f"{len(train_set):,}")
    )
    yield RunDevice(device_words(core.devices().device_info(config.device)))
    yield from _forward(
        training.train(config, train_set, test_set, initial_state=initial, control=control), initial_state
    )


def device_words(info: Any) -> str:
    """core's DeviceInfo as the training status line says it, translated: the CPU with its thread count, or the
    GPU by its name (a name is not translated)."""
    threads = int(info.threads)
    if info.kind == "cpu" and threads == 1:  # (no English catalogue: a %n string has no singular of its own)
        return QCoreApplication.translate("Runs", "Training on the CPU (1 thread)")
    if info.kind == "cpu":
        return QCoreApplication.translate("Runs", "Training on the CPU (%n threads)", "", threads)
    return QCoreApplication.translate("Runs", "Training on the GPU: {name}").format(name=info.model or info.name)


def fine_tune_events(
    flags: RunFlags,
    *,
    initial_state: NumpyState,
    personal_root: str | None,
    config: FineTuneConfig | None,
    data_source: DataSource,
    snapshot_seconds: float,
) -> Iterator[Any]:
    """Fine-tuning on the personal examples, mixed with MNIST when it is there (on the run's thread).

    Without MNIST it fine-tunes on the personal set alone (core's report then says MNIST could not be checked).
    ``config`` is core's FineTuneConfig or None for its defaults.
    """
    yield RunStatus(QCoreApplication.translate("Runs", "Loading MNIST…"))
    try:
        mnist = _load(data_source, False, flags)
    except LoadingStopped:
        return
    except Exception as error:
        if not isinstance(error, MissingDataError):
            raise
        mnist = None
    if flags.stopped:
        return
    if mnist is None:
        yield MnistMissing()
    yield DataReady(0 if mnist is None else len(mnist[0]))
    config = config or FineTuneConfig()
    if not config.snapshot_seconds:  # the live prediction follows the weights as they change
        config = replace(config, snapshot_seconds=snapshot_seconds)
    control = flags.mirror(TrainingControl())
    events = core.finetune().fine_tune(
        core.personal().PersonalDataset(personal_root),
        initial_state=initial_state,
        mnist=mnist,
        config=config,
        control=control,
    )
    yield from _forward(events, initial_state)


class Run(QObject):
    """One run (training or fine-tuning) on a thread of its own; the GUI thread only sends flags and receives events.

    Each core event comes out through the signal for its type; ``ended`` comes last, once the run is over for the
    window: its thread has ended, or it was stopped while its data was loading (``stopped_early``).
    """

    progress = Signal(object)  # core StepProgress
    snapshot = Signal(object)  # core WeightsSnapshot
    diverged = Signal(object)  # core Diverged
    epochDone = Signal(object)  # core EpochResult (training)
    report = Signal(object)  # core FineTuneReport, just before runFinished (fine-tuning)
    runFinished = Signal(object)  # core Finished: weights to keep or discard
    dataMissing = Signal(object)  # training: MissingData (no MNIST, or its download failed)
    dataReady = Signal()  # the data is loaded: from here on the run changes the weights
    mnistMissing = Signal()  # fine-tuning goes on without MNIST
    failed = Signal(str, str)  # one sentence, technical details
    status = Signal(str)
    device = Signal(str)  # where the run computes, in words (training)
    ended = Signal()

    def __init__(
        self,
        kind: str,
        make_events: Callable[[RunFlags], Iterator[Any]],
        *,
        initial_state: NumpyState | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.initial_state = initial_state  # the weights it starts from (None: random)
        self.setObjectName(kind)
        self.finished_event: Any = None  # core Finished, once it came
        self._loading = True
        self._over = False
        self._worker: GeneratorWorker[Any] = GeneratorWorker(make_events, name=kind, winds_down=True)
        self._worker.yielded.connect(self._dispatch)
        self._worker.errored.connect(self._on_error)
        self._worker.finished.connect(self._end)

    def start(self) -> None:
        self._worker.start()

    def pause(self) -> None:
        self._worker.pause()

    def resume(self) -> None:
        self._worker.resume()

    def set_drawing(self, drawing: bool) -> None:
        """A person is drawing, or has stopped: the run computes on one thread meanwhile (core.threads)."""
        self._worker.flags.set_drawing(drawing)

    def stop(self) -> None:
        """Ask the run to end after the current step; returns at once. While the data is still loading the run is
        over for the window now."""
        self._worker.stop()
        if self._loading:
            self._end()

    @property
    def stopped(self) -> bool:
        return self._worker.stopped

    @property
    def stopped_early(self) -> bool:
        """Stopped before it changed the weights: there is nothing to keep."""
        return self._worker.stopped and self.finished_event is None

    @property
    def over(self) -> bool:
        return self._over

    def is_running(self) -> bool:
        """Whether its thread is still going (a stopped run may still be finishing a load)."""
        return self._worker.running

    def join(self, timeout: float | None = None) -> bool:
        return self._worker.join(timeout)

    # --- on the GUI thread ------------------------------------------------------------------------------------

    def _dispatch(self, event: Any) -> None:
        if self._over:
            return
        if isinstance(event, FineTuneStatus):
            self.status.emit(core_words.say(event.text, event.key, event.values))
        elif isinstance(event, RunStatus):
            self.status.emit(event.text)
        elif isinstance(event, RunDevice):
            self.device.emit(event.text)
        elif isinstance(event, DataReady):
            self._loading = False
            self.dataReady.emit()
        elif isinstance(event, MnistMissing):
            self.mnistMissing.emit()
        elif isinstance(event, Finished):
            self.finished_event = event
            self.runFinished.emit(event)
        else:
            for kind, signal in (
                (StepProgress, self.progress),
                (WeightsSnapshot, self.snapshot),
                (Diverged, self.diverged),
                (EpochResult, self.epochDone),
                (FineTuneReport, self.report),
            ):
                if isinstance(event, kind):
                    signal.emit(event)
                    return
            log.debug("%s: no view for %r", self.kind, event)

    def _on_error(self, error: BaseException) -> None:
        if self._over:
            return
        if isinstance(error, MissingDataError):
            self.dataMissing.emit(missing_data(error))
        else:  # a person reads the sentence; the traceback, if any, goes under "Details"
            self.failed.emit(error_text(error), error_details(error))

    def _end(self) -> None:
        if not self._over:
            self._over = True
            self.ended.emit()


def missing_data(error: MissingDataError) -> MissingData:
    """One sentence in the window's language; core's text (where to put the files, each attempt) as details."""
    core_text = error.details if isinstance(error, DownloadFailedError) else str(error).strip()
    if isinstance(error, DownloadFailedError) and error.offline:
        sentence = QCoreApplication.translate(
            "Runs", "MNIST could not be downloaded: this computer seems to have no internet connection."
        )
    elif isinstance(error, DownloadFailedError):
        sentence = QCoreApplication.translate("Runs", "MNIST could not be downloaded: {file} failed.").format(
            file=error.file or "MNIST"
        )
    else:
        sentence = QCoreApplication.translate(
            "Runs", "MNIST is not on this computer: choose the folder that has it, or download it."
        )
    return MissingData(sentence, core_text, isinstance(error, DownloadFailedError))


def training_run(
    settings: TrainingSettings,
    *,
    initial_state: NumpyState | None,
    data_source: DataSource | None,
    snapshot_seconds: float = SNAPSHOT_SECONDS,
) -> Run:
    """A training run (``core.training.train``) with the training panel's settings; not yet started."""
    return Run(
        TRAINING,
        lambda flags: training_events(
            flags,
            settings,
            initial_state=initial_state,
            data_source=data_source or mnist_source,
            snapshot_seconds=snapshot_seconds,
        ),
        initial_state=initial_state,
    )


def fine_tune_run(
    *,
    initial_state: NumpyState,
    personal_root: str | None,
    config: FineTuneConfig | None,
    data_source: DataSource | None,
    snapshot_seconds: float = SNAPSHOT_SECONDS,
) -> Run:
    """A fine-tuning run (``core.finetune.fine_tune``) on the personal examples; not yet started."""
    return Run(
        FINE_TUNING,
        lambda flags: fine_tune_events(
            flags,
            initial_state=initial_state,
            personal_root=personal_root,
            config=config,
            data_source=data_source or mnist_source,
            snapshot_seconds=snapshot_seconds,
        ),
        initial_state=initial_state,
    )
