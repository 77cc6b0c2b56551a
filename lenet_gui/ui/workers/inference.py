"""Live prediction on a private copy of the weights, and everything that changes those weights.

``InferenceService`` predicts with core's numpy LeNet (``numpy_lenet.NumpyPredictor``) on a ``JobQueue`` thread of
its own ("inference"): the idle window never imports torch (issue 10: torch alone is ~500 MB resident and seconds to
import on two cores), and a prediction made while training runs never waits for torch's threads. torch is imported,
on the files thread, only for what needs it: saving weights (``torch.save``), reading a file numpy cannot read, and
random weights when the bundled ones are missing; the commands that need it wait (``needs_torch``). Drawings and
training snapshots are keyed jobs, so only the newest waiting one is handled ("latest request wins"); every other
change is a small command object (``LoadWeights``, ``KeepWeights``…) that carries its dialog title and what else a
failure means (``failed``). Files are read on a second queue ("files"): a file that blocks there never stops a
prediction, and the window's shutdown does not wait for it.

Plain values, numpy arrays and the view models of ``ui/view_models.py`` leave this module; tensors never do.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import importlib.metadata
import importlib.util
import logging
import math
import os
import re
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QImage

from lenet_gui.core import numpy_lenet, weights_listing
from lenet_gui.core.errors import (
    DamagedWeightsError,
    ImageLoadError,
    MissingDataError,
    NotWeightsFileError,
    UnsafeWeightsError,
    UserError,
    WrongArchitectureError,
)
from lenet_gui.core.parameters import summarize_parameters
from lenet_gui.core.weights_files import (
    BUNDLED,
    BUNDLED_WEIGHTS,
    FINE_TUNED,
    OTHER,
    TRAINED,
    UNKEPT_NOTE,
    bundled_weights_path,
    carried_metadata,
    weights_file_name,
)
from lenet_gui.ui import i18n
from lenet_gui.ui.images import gray_to_qimage
from lenet_gui.ui.view_models import ModelInfo, WeightsView
from lenet_gui.ui.workers import lazy_imports as core
from lenet_gui.ui.workers.background import JobQueue

log = logging.getLogger(__name__)

NumpyState = dict[str, np.ndarray]

__all__ = ["BUNDLED", "FINE_TUNED", "OTHER", "TRAINED", "InferenceService", "weights_view"]
RANDOM_SEED = 0
SHUTDOWN_READ_WAIT_S = 0.2  # closing waits this long at most for a file being read (it may hang on a slow mount)
PICTURE_SIDE = 560  # an opened picture is shown at most this large (the paper is 280 px, twice that for HiDPI)


def error_text(error: BaseException) -> str:
    """What a person reads about an error: its message, or its type when it has none.

    Core writes its sentences in English; for the frequent errors whose class says enough, the window's language
    gets a sentence of its own (core's English sentence then opens the details, see :func:`error_details`).
    """
    translated = translated_error_text(error)
    if translated is not None:
        return translated
    text = str(error).strip()
    return text or type(error).__name__


def translated_error_text(error: BaseException) -> str | None:
    """A translated sentence for a known error class when the app is not in English, else None (core's text stays)."""
    if i18n.current_language() == i18n.ENGLISH:
        return None
    if isinstance(error, NotWeightsFileError):
        return QCoreApplication.translate("ErrorText", "This file is not a PyTorch weights file of LeNet.")
    if isinstance(error, DamagedWeightsError):
        return QCoreApplication.translate(
            "ErrorText", "This weights file is damaged or incomplete (an interrupted download or copy?)."
        )
    if isinstance(error, WrongArchitectureError):
        return QCoreApplication.translate("ErrorText", "These weights were made for another network, not this LeNet.")
    if isinstance(error, UnsafeWeightsError):
        return QCoreApplication.translate(
            "ErrorText",
            "This file was refused: it carries code that a weights file never needs (nothing in it was run).",
        )
    if isinstance(error, MissingDataError):
        return QCoreApplication.translate(
            "ErrorText",
            "MNIST is not on disk and could not be downloaded (offline?). The details say where to put its four files.",
        )
    if isinstance(error, ImageLoadError):
        return QCoreApplication.translate("ErrorText", "This file could not be read as a picture.")
    return None


def error_details(error: BaseException) -> str:
    """The technical text under a dialog's "Details": core's own details, else the exception and where it came from.

    When :func:`error_text` put a translated sentence in place of core's, core's English sentence comes first."""
    if isinstance(error, UserError):
        details = error.details
    else:
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__, limit=4)).strip()
    if translated_error_text(error) is not None:
        return "\n".join(part for part in (str(error).strip(), details) if part)
    return details


@dataclass(frozen=True)
class OpenedPicture:
    """A picture file as read: ``image`` for the network (full size), ``shown`` scaled for the canvas."""

    path: str  # "" for a pasted picture
    image: np.ndarray  # float32 (H, W) dark on light
    shown: QImage  # at most PICTURE_SIDE on its longer side: converting it on the GUI thread takes no time


# --- commands: what the GUI asks of the inference thread, besides predicting --------------------------------------


class Command:
    """One request that changes or reports the weights. ``run`` is called on the inference thread and says whether
    the drawing must be predicted again; ``title`` heads the dialog when it fails, ``on_failure`` says what else a
    failure means (on the GUI thread). ``replaces_live_weights``: a training snapshot still waiting is dropped."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The network could not do that")

    replaces_live_weights: ClassVar[bool] = False
    needs_torch: ClassVar[bool] = False  # held until torch is imported (on the files thread, started by the first)

    def run(self, service: InferenceService) -> bool:
        raise NotImplementedError

    def on_failure(self, service: InferenceService) -> None:
        """Beyond the dialog, which every failure gets."""


@dataclass(frozen=True)
class LoadWeights(Command):
    """Adopt weights read from a file (None: the bundled ones)."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "These weights could not be loaded")

    replaces_live_weights: ClassVar[bool] = True
    path: str | None
    loaded: ReadWeights | None = field(default=None, repr=False)  # read on the files queue

    def run(self, service: InferenceService) -> bool:
        service._adopt(self.path, self.loaded)
        return True

    def on_failure(self, service: InferenceService) -> None:
        service.loadFailed.emit()


@dataclass(frozen=True)
class SaveWeights(Command):
    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The weights could not be saved")

    needs_torch: ClassVar[bool] = True  # torch.save writes the file
    path: str

    def run(self, service: InferenceService) -> bool:
        service._save(self.path)
        return False


@dataclass(frozen=True)
class KeepWeights(Command):
    """Adopt a finished run's weights and save them atomically in ``folder``, named for their ``kind``."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The new weights could not be saved")

    replaces_live_weights: ClassVar[bool] = True
    needs_torch: ClassVar[bool] = True  # torch.save writes the file (training imported torch already)
    state: NumpyState = field(repr=False)
    folder: str
    metadata: dict[str, Any]
    kind: str = TRAINED

    def run(self, service: InferenceService) -> bool:
        service._keep(self)
        return True

    def on_failure(self, service: InferenceService) -> None:
        service.keepFailed.emit()


@dataclass(frozen=True)
class DiscardRun(Command):
    """Go back to the weights from before the run."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The previous weights could not be restored")

    replaces_live_weights: ClassVar[bool] = True

    def run(self, service: InferenceService) -> bool:
        service._discard()
        return True


@dataclass(frozen=True)
class ShowCommitted(Command):
    """Predict with the committed weights again after the time machine showed a moment of a run (no message: the
    weights in use never changed)."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The weights in use could not be shown again")

    replaces_live_weights: ClassVar[bool] = True

    def run(self, service: InferenceService) -> bool:
        service._show_committed()
        return True


class Refresh(Command):
    """Send the weights and the current prediction again (to panels built after the network loaded)."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The network views could not be updated")

    def run(self, service: InferenceService) -> bool:
        service._announce_all()
        return True


@dataclass(frozen=True)
class ShowPicture(Command):
    """An opened picture becomes the drawing to predict, unless something newer was drawn meanwhile."""

    @staticmethod
    def title() -> str:
        """Heads the dialog when the command fails."""
        return QCoreApplication.translate("InferenceService", "The image could not be opened")

    request_id: int
    image: np.ndarray = field(repr=False)

    def run(self, service: InferenceService) -> bool:
        return service._take_image(self.request_id, self.image)


class InferenceService(QObject):
    """Predicts drawings on a private copy of the weights, in a thread of its own."""

    modelReady = Signal(object)  # ModelInfo, when weights are (re)loaded
    keepFailed = Signal()  # the finished run's weights could not be saved; they are still offered
    loadFailed = Signal()  # weights asked for could not be loaded: the ones in use stay
    predicted = Signal(int, object)  # request id, core Prediction (a PredictionView) or None for a blank drawing
    weightsChanged = Signal(object)  # WeightsView
    imageOpened = Signal(str, object)  # path ("" when pasted), QImage scaled for the canvas
    weightsSaved = Signal(str)  # path written
    weightsListed = Signal(object)  # tuple[WeightsFile, ...]: the bundled weights, then the weights folder's files
    failed = Signal(str, str, str)  # title, one sentence for a dialog, technical details under it
    status = Signal(str)

    def __init__(self, *, weights_path: str | None = None, latency_mode: bool = True) -> None:
        super().__init__()
        self._weights_path = weights_path
        self._latency_mode = latency_mode  # kept for callers; numpy predicts on the one inference thread anyway
        # At the GUI thread's priority: its jobs are the live predictions (numpy, ~0.3 ms of CPU each) and the small
        # weight commands; it starts no compute threads (torch, whose threads would inherit the priority, saves files
        # here at most). Behind a training run's threads it waited for a CPU for up to ~10 ms at a time.
        self._queue = JobQueue("inference", self, interactive=True)
        self._files = JobQueue("files", self)
        self._lock = threading.Lock()
        self._next_id = 0
        self._latest: tuple[int, np.ndarray] | None = None  # the newest drawing (or picture) and its request id
        self._committed: NumpyState | None = None  # the weights that are not a training preview
        self._ready = threading.Event()
        self._started = False
        self._live: Any = None  # core NumpyPredictor over the weights in use (committed, or a training snapshot)
        self._torch_loaded = False  # set on the GUI thread; commands that need torch wait for it in _held
        self._torch_asked = False  # the files thread was asked to import torch
        self._held: list[Command] = []
        self._torch_importing = threading.Event()  # the files thread has begun importing torch
        self._torch_imported = threading.Event()  # … and has ended (or failed)
        self._info: ModelInfo | None = None
        self._choice = 0  # counts the weights chosen (load_weights, load_bundled): only the latest is used

    # --- called from the GUI thread -------------------------------------------------------------------------

    def start(self) -> None:
        """Load the weights in numpy (milliseconds); drawings are predicted from then on, ``ready`` is set and
        ``modelReady`` says so. torch is not imported (see the module's docstring)."""
        if not self._started and not self._queue.closing:
            self._started = True
            self._queue.submit(self._start_model, on_error=self._on_start_failed)

    def _ensure_torch(self) -> None:
        """Import torch on the files thread, once; the commands held for it run when it is there."""
        if not self._torch_asked:
            self._torch_asked = True
            self.status.emit(self.tr("Loading PyTorch (a few seconds, once)…"))
            self._files.submit(self._import_torch, then=self._on_torch_loaded, on_error=self._on_torch_failed)

    def _on_torch_loaded(self, _module: Any) -> None:
        """On the GUI thread: the commands that waited for torch run, in order."""
        self._torch_loaded = True
        held, self._held = self._held, []
        for command in held:
            self.run(command)

    def _on_torch_failed(self, error: BaseException) -> None:
        held, self._held = self._held, []
        self._torch_asked = False  # the next command that needs it tries again
        for command in held:
            self._fail(command, error)

    def stop(self) -> None:
        """End both threads: the inference thread after the job it is running (a prediction takes milliseconds),
        the files thread only if its read ends soon (a read may hang on a slow mount; it holds no torch state), but
        always once torch's import there has ended: an import cut off by the interpreter's exit can crash it."""
        self._files.close(keep=False)
        self._queue.close(keep=False)
        self._queue.join()
        importing = self._torch_importing.is_set() and not self._torch_imported.is_set()
        self._files.join(None if importing else SHUTDOWN_READ_WAIT_S)

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    @property
    def last_request_id(self) -> int:
        return self._next_id

    def request(self, image: np.ndarray) -> int:
        """Queue a drawing (uint8 or float grayscale); an older drawing still waiting is dropped."""
        with self._lock:
            self._next_id += 1
            self._latest = (self._next_id, image)
            request_id = self._next_id
        self._queue.submit(self._predict_latest, key="predict")
        return request_id

    def show_training_state(
        self, state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float], step: str
    ) -> None:
        """A training snapshot: predict with it from now on (only the newest waiting snapshot is applied)."""
        snapshot = (dict(state), dict(gradient_norms), step)
        self._queue.submit(lambda: self._apply_snapshot(*snapshot), key="snapshot", on_error=self._on_snapshot_failed)

    def committed_state(self) -> NumpyState | None:
        """A copy of the weights in use outside any training preview, or None while still loading."""
        with self._lock:
            return None if self._committed is None else {k: v.copy() for k, v in self._committed.items()}

    def open_image(self, path: str, *, delete_after: bool = False) -> int:
        """Read a picture file (on the files thread) and predict it; it replaces any drawing still waiting.
        Returns its request id."""
        with self._lock:
            self._next_id += 1
            request_id = self._next_id
        self._queue.drop("predict")
        self._files.submit(
            lambda: _read_picture(path, delete_after),
            then=lambda picture: self._on_picture_read(request_id, picture),
            on_error=lambda error: self._report(ShowPicture.title(), error),
        )
        return request_id

    def load_weights(self, path: str) -> None:
        """Read ``path`` on the files thread, then use it, unless other weights were chosen meanwhile: a slow read
        (a large file, a slow disk) must not replace a later choice when it ends, nor report its failure then."""
        self._choice += 1
        choice = self._choice
        self._files.submit(
            lambda: _read_weights(path),
            then=lambda loaded: self._read_for(choice, LoadWeights(path, loaded)),
            on_error=lambda error: self._read_for(choice, LoadWeights(path), error),
        )

    def load_bundled(self) -> None:
        self._choice += 1
        self.run(LoadWeights(None))

    def _read_for(self, choice: int, command: LoadWeights, error: BaseException | None = None) -> None:
        if choice != self._choice:
            log.info("%s read after other weights were chosen: not used", command.path)
        elif error is not None:
            self._fail(command, error)
        else:
            self.run(command)

    def save_weights(self, path: str) -> None:
        self.run(SaveWeights(path))

    def keep_training(
        self, state: Mapping[str, np.ndarray], folder: str, metadata: dict[str, Any], *, kind: str = TRAINED
    ) -> None:
        """Adopt a finished run's weights and save them atomically in ``folder``, named for their ``kind``
        (``lenet-<time>.pt`` for training, core's ``fine-tuned-<time>.pt`` for fine-tuning)."""
        self.run(KeepWeights(dict(state), folder, dict(metadata), kind))

    def list_weights(self, folder: str) -> None:
        """Say (``weightsListed``) which weights there are to choose from: bundled, and the files in ``folder``.
        Read on the files thread: a file numpy cannot read is read by torch there, never on the inference thread."""
        self._files.submit(
            lambda: weights_listing.list_weights(folder, numpy_first_file_info),
            then=self.weightsListed.emit,
            on_error=lambda error: self._report(
                QCoreApplication.translate("InferenceService", "The weights folder could not be read"), error
            ),
        )

    def refresh(self) -> None:
        self.run(Refresh())

    def discard_training(self) -> None:
        self.run(DiscardRun())

    def show_committed(self) -> None:
        """Back to the committed weights after showing a moment of a run (the time machine's "Now")."""
        self.run(ShowCommitted())

    def run(self, command: Command) -> None:
        """Queue a command behind the jobs already waiting; a failure reaches ``failed`` with its title. A command
        that needs torch waits for its import (and every command after it waits too, so they keep their order)."""
        if self._held or (command.needs_torch and not self._torch_loaded):
            self._held.append(command)
            self._ensure_torch()
            return
        if command.replaces_live_weights:
            self._queue.drop("snapshot")  # a snapshot still queued must not override the weights chosen now
        self._queue.submit(
            lambda: command.run(self) and self._predict_again(),
            on_error=lambda error: self._fail(command, error),
        )

    # --- failures, on the GUI thread --------------------------------------------------------------------------

    def _fail(self, command: Command, error: BaseException) -> None:
        command.on_failure(self)
        self._report(command.title(), error)

    def _report(self, title: str, error: BaseException) -> None:
        self.failed.emit(title, error_text(error), error_details(error))

    def _on_start_failed(self, error: BaseException) -> None:
        log.error("the network could not be loaded", exc_info=error)
        self._report(self.tr("The network could not be loaded"), error)

    def _on_snapshot_failed(self, error: BaseException) -> None:
        self._report(self.tr("A training snapshot could not be shown"), error)

    def _on_picture_read(self, request_id: int, picture: OpenedPicture) -> None:
        self.imageOpened.emit(picture.path, picture.shown)
        self.run(ShowPicture(request_id, picture.image))

    # --- the inference thread ---------------------------------------------------------------------------------

    def _import_torch(self) -> Any:
        """On the files thread: torch and the core modules over it, while the inference thread keeps predicting."""
        self._torch_importing.set()
        try:
            core.preload_torch_libraries()  # without the interpreter lock: the GUI thread keeps running
            return core.checkpoint()
        finally:
            self._torch_imported.set()

    def _start_model(self) -> None:
        loaded = False
        if self._weights_path:
            try:
                self._adopt(self._weights_path, _read_weights(self._weights_path), announce=False)
                loaded = True
            except Exception as error:
                self.status.emit(
                    self.tr("Could not load the last weights ({error}); using the bundled ones.").format(
                        error=error_text(error)
                    )
                )
        if not loaded:
            try:
                self._adopt(None, None, announce=False)
            except Exception as error:
                self._use_random_weights(error_text(error))
        # Ready first, then announce: a window that connects its panels and then sees ``ready`` unset is sure to
        # receive the announcement; one that sees it set asks for ``refresh``.
        self._ready.set()
        self._announce_all()
        self._predict_again()

    def _use_random_weights(self, reason: str) -> None:
        """The bundled weights are missing or damaged: torch's own initialisation, seeded (imports torch)."""
        core.preload_torch_libraries()
        torch = core.torch()
        torch.manual_seed(RANDOM_SEED)
        state = {name: tensor.numpy().copy() for name, tensor in core.model().Net().state_dict().items()}
        self._use(state)
        self._set_committed(state)
        self._describe(None, {}, random_reason=reason)

    def _about_weights(self, metadata: Mapping[str, Any]) -> str:
        """core.checkpoint.describe in the window's language: "99.54% on MNIST test, 28 epochs, saved 2026-11-27"."""
        meta, parts = metadata, []
        accuracy = meta.get("test_accuracy")
        if isinstance(accuracy, int | float) and math.isfinite(accuracy):
            parts.append(self.tr("{accuracy}% on MNIST test").format(accuracy=f"{accuracy * 100:.2f}"))
        if isinstance(meta.get("epochs"), int):
            epochs = meta["epochs"]
            parts.append(self.tr("1 epoch") if epochs == 1 else self.tr("%n epochs", "", epochs))
        elif "epochs" in meta:
            parts.append(self.tr("{epochs} epochs").format(epochs=meta["epochs"]))
        if "created" in meta:
            parts.append(self.tr("saved {date}").format(date=str(meta["created"])[:10]))
        return ", ".join(parts) if parts else self.tr("no metadata")

    def _describe(self, path: str | None, metadata: dict[str, Any], random_reason: str = "") -> None:
        if random_reason:
            description = self.tr("Untrained random weights — {reason}. Train the network or load weights.").format(
                reason=random_reason
            )
        else:
            name = Path(path).name if path else BUNDLED_WEIGHTS
            about = self._about_weights(metadata)
            if path is None:
                description = self.tr("Bundled weights {name}: {about}").format(name=name, about=about)
            else:
                description = self.tr("Weights {name}: {about}").format(name=name, about=about)
        plain: dict[str, object] = {k: v for k, v in metadata.items() if isinstance(v, str | int | float | bool)}
        self._info = ModelInfo(
            summary=numpy_lenet.format_summary(),
            description=description,
            source=str(path) if path else ("" if random_reason else str(bundled_weights_path())),
            random_weights=bool(random_reason),
            bundled=path is None and not random_reason,
            torch_version=_torch_version(),
            metadata=plain,
        )

    def _committed_copy(self) -> NumpyState:
        with self._lock:
            assert self._committed is not None
            return dict(self._committed)

    def _set_committed(self, state: NumpyState) -> None:
        with self._lock:
            self._committed = state

    def _use(self, state: Mapping[str, np.ndarray]) -> None:
        """Predict with these weights from now on (a training snapshot, or committed weights)."""
        self._live = numpy_lenet.NumpyPredictor(state)

    def _adopt(self, path: str | None, loaded: ReadWeights | None, *, announce: bool = True) -> None:
        if loaded is None:
            loaded = _read_weights(str(bundled_weights_path()))
        self._use(loaded.state)
        self._set_committed({k: v.copy() for k, v in loaded.state.items()})
        self._describe(path, loaded.metadata)
        if announce:
            self._announce_all()

    def _save(self, path: str) -> None:
        current = self._live.state
        committed = self._committed_copy()
        assert self._info is not None
        if all(np.array_equal(committed[name], value) for name, value in current.items()):
            # The weights in use are the loaded or kept ones: carry over what is known about them.
            metadata = carried_metadata(self._info.metadata)
        else:
            metadata = {"note": UNKEPT_NOTE}
        metadata.setdefault("source", "lenet-gui")
        core.checkpoint().save_checkpoint(path, _tensors(current), **metadata)
        self.weightsSaved.emit(str(path))

    def _keep(self, command: KeepWeights) -> None:
        path = Path(command.folder) / weights_file_name(command.kind)
        state = {k: np.array(v, np.float32) for k, v in command.state.items()}
        core.checkpoint().save_checkpoint(path, _tensors(state), **command.metadata)
        self._use(state)
        self._set_committed(state)
        self._describe(str(path), {**command.metadata, "created": _dt.date.today().isoformat()})
        self._announce_all()
        self.weightsSaved.emit(str(path))

    def _discard(self) -> None:
        self._use(self._committed_copy())
        self._emit_weights(self._committed_copy(), {}, live=False, step="")
        self.modelReady.emit(self._info)  # the window says again which weights are in use
        self.status.emit(self.tr("Discarded the new weights; back to the ones from before the run."))

    def _show_committed(self) -> None:
        self._use(self._committed_copy())
        self._emit_weights(self._committed_copy(), {}, live=False, step="")

    def _announce_all(self) -> None:
        self.modelReady.emit(self._info)
        self._emit_weights(self._committed_copy(), {}, live=False, step="")

    def _take_image(self, request_id: int, image: np.ndarray) -> bool:
        """An opened picture is the drawing now, unless the user drew after opening it."""
        with self._lock:
            if self._latest is not None and self._latest[0] > request_id:
                return False
            self._latest = (request_id, image)
        return True

    def _apply_snapshot(self, state: NumpyState, gradient_norms: dict[str, float], step: str) -> None:
        self._use(state)
        self._emit_weights(state, gradient_norms, live=True, step=step)
        self._predict_again()

    def _emit_weights(
        self, state: Mapping[str, np.ndarray], norms: Mapping[str, float], *, live: bool, step: str
    ) -> None:
        self.weightsChanged.emit(weights_view(state, norms, live=live, step=step))

    def _predict_again(self) -> bool:
        """The weights or the drawing changed: predict the newest drawing once more, after the jobs waiting."""
        if self._latest is not None:
            self._queue.submit(self._predict_latest, key="predict")
        return True

    def _predict_latest(self) -> None:
        if self._live is None:  # still loading: predicted once the weights are there
            return
        with self._lock:
            latest = self._latest
        if latest is not None:
            self._predict(*latest)

    def _predict(self, request_id: int, image: np.ndarray) -> None:
        try:
            prediction = self._live.predict_image(image)
        except Exception as error:
            self._report(self.tr("The drawing could not be read"), error)
            return
        self.predicted.emit(request_id, prediction)  # core's frozen Prediction (numpy only), or None when blank


# --- work on the files thread -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadWeights:
    """A weights file as read: LeNet's weights in numpy (float32), and what the file says about them."""

    state: NumpyState = field(repr=False)
    metadata: dict[str, Any]


def _read_weights(path: str) -> ReadWeights:
    """A weights file, read in numpy when it is one this app writes (milliseconds, no torch); else by core's torch
    checkpoint loader, which refuses pipes, devices and oversized files, and says what is wrong with a file."""
    try:
        state, metadata = numpy_lenet.read_weights(path)
    except numpy_lenet.NeedsTorch:
        core.preload_torch_libraries()  # without the interpreter lock: the GUI thread keeps running
        loaded = core.checkpoint().load_checkpoint(path)
        state = {k: np.array(v.numpy(), np.float32) for k, v in loaded.state_dict.items()}
        metadata = loaded.metadata
    return ReadWeights(state, dict(metadata))


def numpy_first_file_info(path: Path) -> Any:
    """A weights file's description for the choosers: read by numpy, by torch only when numpy cannot."""
    return weights_listing.read_info(path, _torch_file_info)


def _torch_file_info(path: Path) -> Any:
    """What torch's loader says about a weights file numpy could not read (usually why it cannot be used)."""
    core.preload_torch_libraries()
    return core.checkpoint().read_weights_file_info(path)


def _tensors(state: Mapping[str, np.ndarray]) -> dict[str, Any]:
    torch = core.torch()
    return {k: torch.from_numpy(np.ascontiguousarray(v, np.float32)) for k, v in state.items()}


def _torch_version() -> str:
    """The installed torch's version ("2.14.1+cu130"), read from its ``version.py`` or package metadata: importing
    torch to ask would take seconds. Else that of a torch already imported, else nothing."""
    imported = sys.modules.get("torch")
    return _installed_torch_version() or str(getattr(imported, "__version__", ""))


@functools.cache
def _installed_torch_version() -> str:
    spec = importlib.util.find_spec("torch")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        with contextlib.suppress(OSError):
            found = re.search(
                r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", (Path(folder) / "version.py").read_text(), re.M
            )
            if found:
                return found.group(1)
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return ""


def _read_picture(path: str, delete_after: bool) -> OpenedPicture:
    """A picture file → the network's image and the canvas's (scaled here, not on the GUI thread). core refuses
    pipes, devices, folders and oversized files before reading."""
    preprocess = core.preprocess()
    try:
        image = preprocess.load_image(path)
    finally:
        if delete_after:
            with contextlib.suppress(OSError):
                os.unlink(path)
    # Shown the canvas's way round, so the pen adds ink and the eraser removes it.
    image = preprocess.as_dark_on_light(image)
    shown = gray_to_qimage(image)
    if max(shown.width(), shown.height()) > PICTURE_SIDE:
        shown = shown.scaled(
            PICTURE_SIDE,
            PICTURE_SIDE,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return OpenedPicture("" if delete_after else str(path), image, shown)


def weights_view(
    state: Mapping[str, np.ndarray], gradient_norms: Mapping[str, float], *, live: bool, step: str = ""
) -> WeightsView:
    """Numbers for the filter and parameter panels, computed off the GUI thread (core's summary, pure numpy)."""
    return WeightsView(summarize_parameters(state, gradient_norms), live=live, step=step)
