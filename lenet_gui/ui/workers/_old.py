"""The only place where threads and the core meet the UI.

Two workers, each on its own thread, talk to the widgets through signals only:

* ``InferenceService`` owns a ``Predictor``. Drawings arrive with ``request``; only the newest pending one is
  predicted ("latest request wins"), stale ones are dropped. It also loads and saves weights, opens image files,
  and applies the weight snapshots of a training run, so the prediction follows the network while it learns.
* ``TrainingWorker`` runs ``core.training.train`` and forwards its events as signals. Control goes back in through
  ``pause``/``resume``/``stop``, which only flip flags the loop checks between steps.

torch and ``lenet_gui.core`` are imported inside the threads, never at module level: the window is on screen
before torch has finished importing.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import shutil
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from lenet_gui.ui.messages import (
    LAYER_WEIGHTS,
    ModelInfo,
    ParameterStats,
    PredictionView,
    TrainingSettings,
    WeightsFile,
    WeightsView,
)

if TYPE_CHECKING:  # numpy arrives with torch, in the worker threads
    from concurrent.futures import Future

    import numpy as np

log = logging.getLogger(__name__)

NumpyState = dict[str, "np.ndarray"]
# Returns (training set, test set or None) as core DigitTensors; called in the training thread. Tests inject small
# subsets here; the default reads MNIST from the data folder.
DataSource = Callable[[bool], tuple[Any, Any]]

# What a weights file is, for the weights switcher (see WeightsFile).
BUNDLED, TRAINED, FINE_TUNED, OTHER = "bundled", "trained", "fine-tuned", "other"
SNAPSHOT_SECONDS = 0.3  # how often a running training sends its weights to the predictor and the panels
HISTOGRAM_BINS = 60
RANDOM_SEED = 0


def _error_text(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__


class _ServiceThread(QThread):
    def __init__(self, target: Callable[[], None]) -> None:
        super().__init__()
        self._target = target

    def run(self) -> None:
        self._target()


class InferenceService(QObject):
    """Predicts drawings on a private copy of the weights, in a thread of its own."""

    modelReady = Signal(object)  # ModelInfo, when weights are (re)loaded
    keepFailed = Signal()  # the finished run's weights could not be saved; they are still offered
    loadFailed = Signal()  # weights asked for could not be loaded: the ones in use stay
    predicted = Signal(int, object)  # request id, PredictionView or None for a blank drawing
    weightsChanged = Signal(object)  # WeightsView
    imageOpened = Signal(str, object)  # path, float32 grayscale image as read by core.preprocess.load_image
    weightsSaved = Signal(str)  # path written
    weightsListed = Signal(object)  # tuple[WeightsFile, ...]: the bundled weights, then the weights folder's files
    failed = Signal(str, str)  # title, message for a dialog
    status = Signal(str)

    def __init__(self, *, weights_path: str | None = None, latency_mode: bool = True) -> None:
        super().__init__()
        self._weights_path = weights_path
        self._latency_mode = latency_mode
        self._cond = threading.Condition()
        self._stopping = False
        self._commands: list[tuple[str, tuple[Any, ...]]] = []
        self._pending_image: tuple[int, np.ndarray] | None = None
        self._pending_state: tuple[NumpyState, dict[str, float], str] | None = None
        self._next_id = 0
        self._committed: NumpyState | None = None  # the weights that are not a training preview
        self._listed: dict[tuple[str, float, int], WeightsFile] = {}  # weights files already read, by path/mtime/size
        self._state_lock = threading.Lock()
        self._ready = threading.Event()
        self._thread = _ServiceThread(self._run)
        self._thread.setObjectName("inference")

    # --- called from the GUI thread -------------------------------------------------------------------------

    def start(self) -> None:
        with self._cond:
            if self._stopping or self._thread.isRunning() or self._thread.isFinished():
                return
        self._thread.start()

    def stop(self) -> None:
        """End the thread after the command it is running, and wait for that (a QThread destroyed while it runs
        aborts the program)."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.wait()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def last_request_id(self) -> int:
        return self._next_id

    def request(self, image: np.ndarray) -> int:
        """Queue a drawing (uint8 or float grayscale); an older drawing still waiting is dropped."""
        with self._cond:
            self._next_id += 1
            self._pending_image = (self._next_id, image)
            self._cond.notify_all()
            return self._next_id

    def show_training_state(
        self, state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float], step: str
    ) -> None:
        """A training snapshot: predict with it from now on (only the newest pending snapshot is applied)."""
        with self._cond:
            self._pending_state = (dict(state), dict(gradient_norms), step)
            self._cond.notify_all()

    def committed_state(self) -> NumpyState | None:
        """A copy of the weights in use outside any training preview, or None while still loading."""
        with self._state_lock:
            return None if self._committed is None else {k: v.copy() for k, v in self._committed.items()}

    def open_image(self, path: str, *, delete_after: bool = False) -> int:
        """Read a picture file and predict it; it replaces any drawing still waiting. Returns its request id."""
        with self._cond:
            self._next_id += 1
            self._pending_image = None
            self._commands.append(("open_image", (path, delete_after, self._next_id)))
            self._cond.notify_all()
            return self._next_id

    def load_weights(self, path: str) -> None:
        self._command("load_weights", path)

    def load_bundled(self) -> None:
        self._command("load_weights", None)

    def save_weights(self, path: str) -> None:
        self._command("save_weights", path)

    def keep_training(
        self, state: Mapping[str, np.ndarray], folder: str, metadata: dict[str, Any], *, kind: str = TRAINED
    ) -> None:
        """Adopt a finished run's weights and save them atomically in ``folder``, named for their ``kind``
        (``lenet-<time>.pt`` for training, core's ``fine-tuned-<time>.pt`` for fine-tuning)."""
        self._command("keep_training", dict(state), folder, metadata, kind)

    def list_weights(self, folder: str) -> None:
        """Say (``weightsListed``) which weights there are to choose from: bundled, and the files in ``folder``."""
        self._command("list_weights", folder)

    def refresh(self) -> None:
        """Send the weights and the current prediction again (to panels built after the network loaded)."""
        self._command("refresh")

    def discard_training(self) -> None:
        """Go back to the weights from before the run."""
        self._command("discard_training")

    def _command(self, name: str, *args: Any) -> None:
        with self._cond:
            if name in _REPLACES_LIVE_WEIGHTS:
                self._pending_state = None  # a snapshot still queued must not override the weights chosen now
            self._commands.append((name, args))
            self._cond.notify_all()

    # --- the worker thread ------------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._start_model()
        except Exception as error:  # the service keeps running; every later call reports the problem
            log.exception("the network could not be loaded")
            self.failed.emit("The network could not be loaded", _error_text(error))
            return
        last_image: np.ndarray | None = None
        last_id = 0
        while True:
            with self._cond:
                while not (self._stopping or self._commands or self._pending_image or self._pending_state):
                    self._cond.wait()
                if self._stopping:
                    return
                commands, self._commands = self._commands, []
                pending_image, self._pending_image = self._pending_image, None
                pending_state, self._pending_state = self._pending_state, None
            repredict = False
            for name, args in commands:
                try:
                    result = getattr(self, f"_do_{name}")(*args)
                except Exception as error:
                    log.debug("%s failed", name, exc_info=True)
                    if name == "keep_training":
                        self.keepFailed.emit()
                    elif name == "load_weights":
                        self.loadFailed.emit()
                    self.failed.emit(_COMMAND_TITLES[name], _error_text(error))
                    continue
                if isinstance(result, tuple):  # an opened image becomes the drawing to predict
                    last_id, last_image = result
                    repredict = True
                elif result:
                    repredict = True
            if pending_state is not None:
                try:
                    self._apply_snapshot(*pending_state)
                    repredict = True
                except Exception as error:
                    self.failed.emit("A training snapshot could not be shown", _error_text(error))
            if pending_image is not None:
                last_id, last_image = pending_image
                repredict = True
            if repredict and last_image is not None:
                self._predict(last_id, last_image)

    def _start_model(self) -> None:
        from lenet_gui.core import inference

        if self._latency_mode:
            inference.configure_for_latency()
        self._predictor = inference.Predictor()
        loaded = False
        if self._weights_path:
            try:
                self._do_load_weights(self._weights_path, announce=False)
                loaded = True
            except Exception as error:
                self.status.emit(f"Could not load the last weights ({_error_text(error)}); using the bundled ones.")
        if not loaded:
            try:
                self._do_load_weights(None, announce=False)
            except Exception as error:
                self._use_random_weights(_error_text(error))
        # Ready first, then announce: a window that connects its panels and then sees ``ready`` unset is sure to
        # receive the announcement; one that sees it set asks for ``refresh``.
        self._ready.set()
        self._do_refresh()

    def _use_random_weights(self, reason: str) -> None:
        import torch

        from lenet_gui.core.model import Net
        from lenet_gui.core.training import state_to_numpy

        torch.manual_seed(RANDOM_SEED)
        state = Net().state_dict()
        self._predictor.load_state(state)
        self._set_committed(state_to_numpy(state))
        self._announce(None, {}, random_reason=reason, emit=False)

    def _announce(self, path: str | None, metadata: dict[str, Any], random_reason: str = "", emit: bool = True) -> None:
        import torch

        from lenet_gui.core import checkpoint, model

        net = model.Net()
        summary = model.format_summary(net)
        if random_reason:
            description = f"Untrained random weights — {random_reason}. Train the network or load weights."
        else:
            name = Path(path).name if path else checkpoint.BUNDLED_WEIGHTS
            kind = "bundled weights" if path is None else "weights"
            description = f"{kind.capitalize()} {name}: {checkpoint.describe(checkpoint.Checkpoint({}, metadata))}"
        plain = {k: v for k, v in metadata.items() if isinstance(v, str | int | float | bool)}
        self._info = ModelInfo(
            summary=summary,
            description=description,
            source=str(path) if path else ("" if random_reason else str(checkpoint.bundled_weights_path())),
            random_weights=bool(random_reason),
            bundled=path is None and not random_reason,
            torch_version=torch.__version__,
            metadata=plain,
        )
        if emit:
            self._do_refresh()

    def _committed_copy(self) -> NumpyState:
        with self._state_lock:
            assert self._committed is not None
            return dict(self._committed)

    def _set_committed(self, state: NumpyState) -> None:
        with self._state_lock:
            self._committed = state

    def _do_load_weights(self, path: str | None, announce: bool = True) -> bool:
        from lenet_gui.core import checkpoint
        from lenet_gui.core.training import state_to_numpy

        loaded = checkpoint.load_checkpoint(path) if path else checkpoint.load_bundled()
        self._predictor.load_state(loaded.state_dict)
        self._set_committed(state_to_numpy(loaded.state_dict))
        self._announce(path, loaded.metadata, emit=announce)
        return True

    def _do_save_weights(self, path: str) -> bool:
        import numpy as np

        from lenet_gui.core import checkpoint

        current = self._predictor.state_dict()
        committed = self._committed_copy()
        if all(np.array_equal(committed[name], tensor.numpy()) for name, tensor in current.items()):
            # The weights in use are the loaded or kept ones: carry over what is known about them.
            metadata = {k: v for k, v in self._info.metadata.items() if k not in _REGENERATED_METADATA}
        else:
            metadata = {"note": "weights of a training run that was not kept (saved as they were)"}
        metadata.setdefault("source", "lenet-gui")
        checkpoint.save_checkpoint(path, current, **metadata)
        self.weightsSaved.emit(str(path))
        return False

    def _do_keep_training(self, state: NumpyState, folder: str, metadata: dict[str, Any], kind: str) -> bool:
        from lenet_gui.core import checkpoint
        from lenet_gui.core.training import state_from_numpy

        if kind == FINE_TUNED:
            from lenet_gui.core.finetune import fine_tuned_weights_name

            name = fine_tuned_weights_name()
        else:
            name = f"lenet-{_dt.datetime.now():%Y%m%d-%H%M%S}.pt"
        path = Path(folder) / name
        tensors = state_from_numpy(state)
        checkpoint.save_checkpoint(path, tensors, **metadata)
        self._predictor.load_state(tensors)
        self._set_committed({k: v.astype("float32") for k, v in state.items()})
        self._announce(str(path), {**metadata, "created": _dt.date.today().isoformat()})
        self.weightsSaved.emit(str(path))
        return True

    def _do_list_weights(self, folder: str) -> bool:
        from lenet_gui.core import checkpoint

        found = []
        bundled = checkpoint.bundled_weights_path()
        if bundled.is_file():
            found.append(replace(self._describe_file(bundled, BUNDLED), path="", modified=0.0))
        files = []
        for path in Path(folder).glob("*.pt"):
            with contextlib.suppress(OSError):  # removed meanwhile
                files.append((path.stat().st_mtime, path))
        for _, path in sorted(files, reverse=True):
            kind = OTHER
            if path.name.startswith("fine-tuned-"):
                kind = FINE_TUNED
            elif path.name.startswith("lenet-"):
                kind = TRAINED
            found.append(self._describe_file(path, kind))
        self.weightsListed.emit(tuple(found))
        return False

    def _describe_file(self, path: Path, kind: str) -> WeightsFile:
        """What the switcher says about a weights file (fine-tuned also when its metadata says so, whatever its
        name: ``fine-tuning`` on the command line writes where it is told); each version of a file is read once."""
        from lenet_gui.core import checkpoint

        stat = path.stat()
        key = (str(path), stat.st_mtime, stat.st_size)
        if key not in self._listed:
            try:
                loaded = checkpoint.load_checkpoint(path)
                if loaded.metadata.get("kind") == FINE_TUNED or loaded.metadata.get("fine_tuned") is True:
                    kind = FINE_TUNED
                self._listed[key] = WeightsFile(str(path), kind, stat.st_mtime, loaded.test_accuracy)
            except Exception as error:
                self._listed[key] = WeightsFile(str(path), kind, stat.st_mtime, None, _error_text(error))
        return self._listed[key]

    def _do_refresh(self) -> bool:
        self.modelReady.emit(self._info)
        self._emit_weights(self._committed_copy(), {}, live=False, step="")
        return True

    def _do_discard_training(self) -> bool:
        from lenet_gui.core.training import state_from_numpy

        self._predictor.load_state(state_from_numpy(self._committed_copy()))
        self._emit_weights(self._committed_copy(), {}, live=False, step="")
        self.modelReady.emit(self._info)  # the window says again which weights are in use
        self.status.emit("Discarded the new weights; back to the ones from before the run.")
        return True

    def _do_open_image(self, path: str, delete_after: bool, request_id: int) -> tuple[int, np.ndarray]:
        from lenet_gui.core.preprocess import as_dark_on_light, load_image

        try:
            image = load_image(path)
        finally:
            if delete_after:
                with contextlib.suppress(OSError):
                    os.unlink(path)
        # Shown the canvas's way round, so the pen adds ink and the eraser removes it.
        image = as_dark_on_light(image)
        self.imageOpened.emit("" if delete_after else str(path), image)
        return request_id, image

    def _apply_snapshot(self, state: NumpyState, gradient_norms: dict[str, float], step: str) -> None:
        from lenet_gui.core.training import state_from_numpy

        self._predictor.load_state(state_from_numpy(state))
        self._emit_weights(state, gradient_norms, live=True, step=step)

    def _emit_weights(
        self, state: Mapping[str, np.ndarray], norms: Mapping[str, float], *, live: bool, step: str
    ) -> None:
        self.weightsChanged.emit(weights_view(state, norms, live=live, step=step))

    def _predict(self, request_id: int, image: np.ndarray) -> None:
        try:
            prediction = self._predictor.predict_image(image)
        except Exception as error:
            self.failed.emit("The drawing could not be read", _error_text(error))
            return
        if prediction is None:
            self.predicted.emit(request_id, None)
            return
        self.predicted.emit(
            request_id,
            PredictionView(
                request_id=request_id,
                probabilities=prediction.probabilities,
                pixels=prediction.pixels,
                activations=prediction.activations,
                sure=prediction.sure,
            ),
        )


# Written afresh by save_checkpoint, so not copied from the loaded file's metadata.
_REGENERATED_METADATA = {"format", "format_version", "architecture", "created", "versions", "normalization"}
_REPLACES_LIVE_WEIGHTS = {"load_weights", "keep_training", "discard_training"}
_COMMAND_TITLES = {
    "open_image": "The image could not be opened",
    "load_weights": "These weights could not be loaded",
    "save_weights": "The weights could not be saved",
    "keep_training": "The new weights could not be saved",
    "discard_training": "The previous weights could not be restored",
    "refresh": "The network views could not be updated",
    "list_weights": "The weights folder could not be read",
}


def weights_view(
    state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float], *, live: bool, step: str = ""
) -> WeightsView:
    """Numbers for the filter and parameter panels, computed off the GUI thread (pure numpy)."""
    import numpy as np

    stats = []
    histograms = {}
    total = 0
    for name, array in state.items():
        values = np.asarray(array, dtype=np.float32)
        total += values.size
        norm = gradient_norms.get(name)
        stats.append(
            ParameterStats(
                name=name,
                shape=tuple(values.shape),
                count=int(values.size),
                mean=float(values.mean()),
                std=float(values.std()),
                minimum=float(values.min()),
                maximum=float(values.max()),
                gradient_norm=None if norm is None else float(norm),
            )
        )
        if name in LAYER_WEIGHTS:
            limit = float(np.abs(values).max()) or 1.0
            histograms[name] = np.histogram(values, bins=HISTOGRAM_BINS, range=(-limit, limit))
    return WeightsView(
        conv1=np.asarray(state["conv1.weight"], dtype=np.float32)[:, 0].copy(),
        conv2=np.asarray(state["conv2.weight"], dtype=np.float32).copy(),
        stats=tuple(stats),
        histograms=histograms,
        total=total,
        live=live,
        step=step,
    )


# --- training --------------------------------------------------------------------------------------------------

_dataset_cache: dict[str, tuple[Any, Any]] = {}
_dataset_lock = threading.Lock()


def mnist_source(download: bool) -> tuple[Any, Any]:
    """MNIST from the data folder (``$LENET_GUI_DATA_DIR`` or the user's data dir), kept in memory between runs."""
    from lenet_gui.core import data

    folder = data.resolve_data_dir()
    key = str(folder.resolve())
    with _dataset_lock:
        if key not in _dataset_cache:
            if not download and not data.mnist_available(folder):
                raise data.MissingDataError(data.missing_data_message(folder))
            train_set = data.load_mnist(folder, train=True, download=download)
            test_set = data.load_mnist(folder, train=False, download=download)
            _dataset_cache[key] = (train_set, test_set)
        return _dataset_cache[key]


def user_weights_folder() -> str:
    """Where kept training runs are saved: ``weights/`` in the app's per-user data folder."""
    from lenet_gui.core import data

    return str(data.default_data_dir() / "weights")


def data_folder_hint() -> str:
    from lenet_gui.core import data

    return str(data.mnist_raw_dir(data.resolve_data_dir()))


class _RunWorker(QThread):
    """A run (training or fine-tuning) on its own thread; the GUI thread only sends flags and receives events.

    Control goes back in through ``pause``/``resume``/``stop``, which only flip flags of core's TrainingControl,
    checked between two steps. Subclasses implement ``_work`` and forward core's events with ``_forward``.
    """

    progress = Signal(object)  # core StepProgress
    snapshot = Signal(object)  # core WeightsSnapshot
    diverged = Signal(object)  # core Diverged
    runFinished = Signal(object)  # core Finished (QThread.finished still fires afterwards)
    dataMissing = Signal(str)  # the message saying where to put MNIST
    failed = Signal(str)
    status = Signal(str)

    _USER_ERRORS: tuple[str, ...] = ()  # core exceptions whose message is for the user as it stands (no traceback)

    def __init__(
        self, *, data_source: DataSource | None, download: bool, initial_state: Mapping[str, np.ndarray] | None
    ) -> None:
        super().__init__()
        self._initial_state = initial_state
        self._data_source = data_source or mnist_source
        self._download = download
        self._lock = threading.Lock()
        self._control: Any = None
        self._cancelled = False
        self._paused = False

    def pause(self) -> None:
        with self._lock:
            self._paused = True
            if self._control is not None:
                self._control.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            if self._control is not None:
                self._control.resume()

    def stop(self) -> None:
        """Ask the run to end after the current step; returns at once."""
        with self._lock:
            self._cancelled = True
            if self._control is not None:
                self._control.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            self._work()
        except Exception as error:
            name = type(error).__name__
            if name == "MissingDataError":
                self.dataMissing.emit(str(error))
            elif name in self._USER_ERRORS:
                self.failed.emit(_error_text(error))
            else:
                log.debug("%s failed", self.objectName(), exc_info=True)
                self.failed.emit(f"{_error_text(error)}\n\n{traceback.format_exc(limit=3)}")

    def _work(self) -> None:
        raise NotImplementedError

    def _new_control(self) -> Any:
        """core's TrainingControl, with a pause or stop that came before the run began already applied."""
        from lenet_gui.core import training

        control = training.TrainingControl()
        with self._lock:
            self._control = control
            if self._cancelled:
                control.cancel()
            elif self._paused:
                control.pause()
        return control

    def _forward(self, events: Iterable[Any], signals: Mapping[str, Any]) -> None:
        """Each core event out through the signal named for its type (a FineTuneStatus as its text). A run stopped
        before it changed the weights has nothing to keep: its Finished is not sent, the thread just ends."""
        for event in events:
            kind = type(event).__name__
            if kind == "Finished" and event.cancelled and self._unchanged(event.state):
                continue
            signals[kind].emit(event.text if kind == "FineTuneStatus" else event)

    def _unchanged(self, state: Mapping[str, Any]) -> bool:
        import numpy as np

        start = self._initial_state
        return (
            start is not None
            and state.keys() == start.keys()
            and all(np.array_equal(state[name], start[name]) for name in start)
        )

    def _load_data_cancellably(self) -> tuple[Any, Any] | None:
        """The data source runs in a helper thread so that closing the window never waits for a slow download
        (torchvision's has no timeout); None when the run was stopped meanwhile."""
        result: dict[str, Any] = {}

        def load() -> None:
            try:
                result["data"] = self._data_source(self._download)
            except BaseException as error:
                result["error"] = error

        loader = threading.Thread(target=load, name="mnist-loader", daemon=True)
        loader.start()
        while loader.is_alive():
            loader.join(0.05)
            if self._cancelled:
                return None
        if "error" in result:
            raise result["error"]
        data: tuple[Any, Any] = result["data"]
        return data


class TrainingWorker(_RunWorker):
    """One training run (``core.training.train``) with the training panel's settings."""

    epochDone = Signal(object)  # core EpochResult

    def __init__(
        self,
        settings: TrainingSettings,
        *,
        initial_state: Mapping[str, np.ndarray] | None = None,
        data_source: DataSource | None = None,
        snapshot_seconds: float = SNAPSHOT_SECONDS,
    ) -> None:
        super().__init__(data_source=data_source, download=settings.download, initial_state=initial_state)
        self.setObjectName("training")
        self.settings = settings
        self._snapshot_seconds = snapshot_seconds

    def _work(self) -> None:
        self.status.emit("Loading MNIST…")
        from lenet_gui.core import training

        started = time.perf_counter()
        data = self._load_data_cancellably()
        if data is None:
            return
        train_set, test_set = data
        settings = self.settings
        from lenet_gui.core.recipes import FAST

        config = replace(  # the fast recipe (the one the benchmark measures), with the panel's choices
            FAST,
            epochs=settings.epochs,
            batch_size=settings.batch_size,
            learning_rate=settings.learning_rate,
            optimizer="adam" if settings.optimizer == "adam" else "sgd",
            augment=settings.augment,
            seed=None,
            snapshot_seconds=self._snapshot_seconds,
        )
        initial = None
        if self._initial_state is not None:
            initial = training.state_from_numpy(self._initial_state)
        control = self._new_control()
        log.debug("data ready in %.2fs", time.perf_counter() - started)
        self.status.emit(f"Training on {len(train_set):,} digits…")
        signals = {
            "StepProgress": self.progress,
            "EpochResult": self.epochDone,
            "WeightsSnapshot": self.snapshot,
            "Diverged": self.diverged,
            "Finished": self.runFinished,
        }
        self._forward(training.train(config, train_set, test_set, initial_state=initial, control=control), signals)


class FineTuneWorker(_RunWorker):
    """Fine-tuning on the personal examples (``core.finetune.fine_tune``), mixed with MNIST when it is there.

    Without MNIST it fine-tunes on the personal set alone (core's report then says MNIST could not be checked).
    ``config`` is core's FineTuneConfig or None for its defaults (tests pass a short one).
    """

    report = Signal(object)  # core FineTuneReport, just before runFinished
    mnistMissing = Signal()  # no MNIST: fine-tuning goes on without it

    _USER_ERRORS = ("PersonalDataError",)

    def __init__(
        self,
        *,
        initial_state: Mapping[str, np.ndarray],
        personal_root: str | None = None,
        config: Any = None,
        data_source: DataSource | None = None,
        snapshot_seconds: float = SNAPSHOT_SECONDS,
    ) -> None:
        super().__init__(data_source=data_source, download=False, initial_state=initial_state)
        self.setObjectName("fine-tuning")
        self._root = personal_root
        self._config = config
        self._snapshot_seconds = snapshot_seconds

    def _work(self) -> None:
        self.status.emit("Loading MNIST…")
        from lenet_gui.core import finetune
        from lenet_gui.core.personal import PersonalDataset

        try:
            mnist = self._load_data_cancellably()
            if mnist is None:
                return
        except Exception as error:
            if type(error).__name__ != "MissingDataError":
                raise
            self.mnistMissing.emit()
            mnist = None
        config = self._config or finetune.FineTuneConfig()
        if not config.snapshot_seconds:  # the live prediction follows the weights as they change
            config = replace(config, snapshot_seconds=self._snapshot_seconds)
        signals = {
            "StepProgress": self.progress,
            "WeightsSnapshot": self.snapshot,
            "Diverged": self.diverged,
            "FineTuneStatus": self.status,
            "FineTuneReport": self.report,
            "Finished": self.runFinished,
        }
        events = finetune.fine_tune(
            PersonalDataset(self._root),
            initial_state=self._initial_state,
            mnist=mnist,
            config=config,
            control=self._new_control(),
        )
        self._forward(events, signals)
