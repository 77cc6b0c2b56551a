"""``lenet-gui --self-test``: proves that this installation (source or frozen bundle) works end to end, headless.

It builds the real main window offscreen, replays the bundled sample drawing of each digit 0-9 on its canvas
(``DrawingCanvas.draw_strokes``: the drawing then goes out through ``imageChanged`` exactly as a drawn one does),
waits for the inference thread's prediction of each, checks that all ten are read right, runs a few training steps
of the app's own training loop on a tiny synthetic batch, written as MNIST files and read back through the app's
MNIST loader (torchvision, which only the Download button uses, is imported too, so a bundle without it fails
here), which must lower the loss, grabs the window to an image
(which must not be blank) and prints one line. Exit status 0 when everything passed, 1 with the reason otherwise.

Drawing offscreen proves nothing about the real window, so when a display is set (and Qt is not told to draw
headless) it first starts Qt on the real platform in a child process (this program again, with
``desktop.PLATFORM_PROBE_VARIABLE`` set): a platform plugin that cannot load fails the self-test with the reason and
the packages to install, as ``lenet-gui`` itself would say.

Nothing of the user's is read or written: the settings, the data folder and the XDG folders point into a temporary
folder for the run, and the bundled weights are used whatever weights the app last had.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from lenet_gui import __version__
from lenet_gui.desktop import PLATFORM_PROBE_VARIABLE, platform_plugin_problem, probe_needed
from lenet_gui.resources import asset_path

SAMPLES = ("samples", "digits.json")
NETWORK_TIMEOUT_S = 180.0  # a cold start of the frozen bundle reads ~1 GB of torch libraries from disk
PREDICTION_TIMEOUT_S = 30.0
TRAINING_STEPS = 20
TRAINING_BATCH = 32
# Twenty steps on one batch of 32 bring the loss from ~2.3 to well under 1 (the loop's clipping and SGD momentum
# as the app trains); a loop that no longer learns stays near 2.3.
REQUIRED_LOSS_DROP = 0.5


class SelfTestFailure(Exception):
    """One check failed; the message says which and what was seen."""


@dataclass(frozen=True)
class DigitResult:
    expected: int
    predicted: int | None  # None: the network saw a blank drawing
    confidence: float


def load_samples(path: Path | None = None) -> dict[int, list[dict[str, Any]]]:
    """The bundled sample drawings: digit → strokes in ``DrawingCanvas.draw_strokes``'s format."""
    path = path or asset_path(*SAMPLES)
    try:
        data = json.loads(path.read_text())
        digits = {int(key): strokes for key, strokes in data["digits"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SelfTestFailure(f"the sample drawings {path} could not be read ({error})") from None
    missing = sorted(set(range(10)) - set(digits))
    if missing:
        raise SelfTestFailure(f"the sample drawings {path} lack the digits {missing}")
    return digits


def digits_verdict(results: list[DigitResult]) -> str | None:
    """None when every digit was read right, else what went wrong, digit by digit."""
    wrong = [r for r in results if r.predicted != r.expected]
    if not wrong:
        return None
    details = ", ".join(
        f"{r.expected} read as blank"
        if r.predicted is None
        else f"{r.expected} read as {r.predicted} ({r.confidence * 100:.0f}%)"
        for r in wrong
    )
    return f"{len(results) - len(wrong)}/{len(results)} sample digits right: {details}"


def training_verdict(losses: list[float]) -> str | None:
    """None when the loss is finite and fell by ``REQUIRED_LOSS_DROP`` at least, else what was seen."""
    if len(losses) < 2:
        return f"training produced {len(losses)} loss values, expected {TRAINING_STEPS}"
    if not all(math.isfinite(loss) for loss in losses):
        return f"training loss is not finite: {losses}"
    if losses[-1] > losses[0] - REQUIRED_LOSS_DROP:
        return (
            f"training did not learn: loss {losses[0]:.2f}→{losses[-1]:.2f} in {len(losses)} steps "
            f"(expected a drop of at least {REQUIRED_LOSS_DROP})"
        )
    return None


def run_self_test(*, grab_path: str | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every check; print one line to ``out`` (stdout); 0 when all passed, else 1 (details on ``err``)."""
    if os.environ.get(PLATFORM_PROBE_VARIABLE):  # the child of the platform check below
        return _probe_platform()
    out = out or sys.stdout
    err = err or sys.stderr
    started = time.perf_counter()
    try:
        if probe_needed(os.environ) and (problem := platform_plugin_problem(dict(os.environ))):
            raise SelfTestFailure(problem)
        with tempfile.TemporaryDirectory(prefix="lenet-gui-self-test-") as scratch, _isolated(Path(scratch)):
            summary = _run_checks(Path(scratch), grab_path)
    except SelfTestFailure as failure:
        print(f"self-test FAILED: {failure} ({time.perf_counter() - started:.1f} s)", file=out, flush=True)
        return 1
    except Exception as error:  # anything unexpected is a failure of the installation, with its traceback
        traceback.print_exc(file=err)
        print(f"self-test FAILED: {type(error).__name__}: {error}", file=out, flush=True)
        return 1
    print(f"self-test ok: {summary}, {time.perf_counter() - started:.1f} s", file=out, flush=True)
    return 0


def _probe_platform() -> int:
    """Start Qt on the platform the window would use, and nothing else: Qt aborts this process when its platform
    plugin cannot load or the display does not answer."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(["lenet-gui"])
    return 0 if app.platformName() else 1


@contextlib.contextmanager
def _isolated(scratch: Path) -> Iterator[None]:
    """Offscreen Qt, and every per-user folder inside ``scratch``, for the duration of the run."""
    overrides = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "XDG_DATA_HOME": str(scratch / "data"),
        "XDG_STATE_HOME": str(scratch / "state"),
        "LENET_GUI_DATA_DIR": str(scratch / "mnist"),
    }
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Waiter:
    """Runs the Qt event loop until a condition holds or a deadline passes."""

    def __init__(self, app: Any) -> None:
        self._app = app

    def until(self, condition: Any, timeout_s: float, what: str) -> None:
        deadline = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > deadline:
                raise SelfTestFailure(f"timed out after {timeout_s:.0f} s waiting for {what}")
            self._app.processEvents()
            time.sleep(0.002)


def _run_checks(scratch: Path, grab_path: str | None) -> str:
    samples = load_samples()  # before any window: a broken installation says so at once
    # The whole stack, before a thread starts: a library that cannot load fails here, cleanly, not in a worker.
    import numpy  # noqa: F401
    import pyqtgraph  # noqa: F401
    import shiboken6
    import torch  # noqa: F401
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    from lenet_gui.ui.app import create_app
    from lenet_gui.ui.main_window import MainWindow

    app = create_app([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
    if app.windowIcon().pixmap(48, 48).isNull():  # drawing it needs Qt's SVG icon engine and image plugin
        raise SelfTestFailure("the app icon could not be loaded (is Qt's SVG image plugin missing?)")
    settings = QSettings(str(scratch / "settings" / "self-test.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    try:
        return _exercise(app, window, samples, scratch, grab_path)
    finally:
        window.shutdown()
        shiboken6.delete(window)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _exercise(
    app: Any, window: Any, samples: dict[int, list[dict[str, Any]]], scratch: Path, grab_path: str | None
) -> str:
    wait = _Waiter(app)
    failures: list[str] = []
    models: list[Any] = []
    predictions: dict[int, Any] = {}
    expected_id: list[int] = []
    service = window.inference
    service.failed.connect(lambda title, message, _details: failures.append(f"{title}: {message}"))
    service.modelReady.connect(models.append)
    service.predicted.connect(lambda request_id, view: predictions.__setitem__(request_id, view))
    # Connected after the window's own connection, so the request id is already the one for this drawing.
    window.canvas.imageChanged.connect(lambda _image: expected_id.append(service.last_request_id))

    if service.ready:  # loaded before the connections above: have it announce the weights again
        service.refresh()
    window.show()
    wait.until(lambda: bool(models) or bool(failures), NETWORK_TIMEOUT_S, "the network to load")
    if failures:
        raise SelfTestFailure(failures[0])
    model = models[-1]
    if model.random_weights or not model.bundled:
        raise SelfTestFailure(f"the bundled weights were not loaded: {model.description}")

    def classify(strokes: list[dict[str, Any]], what: str) -> Any:
        expected_id.clear()
        window.canvas.draw_strokes(strokes)
        wait.until(lambda: bool(expected_id), PREDICTION_TIMEOUT_S, f"the canvas to send the drawing of {what}")
        request = expected_id[-1]
        wait.until(lambda: request in predictions or bool(failures), PREDICTION_TIMEOUT_S, f"the prediction of {what}")
        if failures:
            raise SelfTestFailure(failures[0])
        return predictions[request]

    results: list[DigitResult] = []
    for digit in range(10):
        view = classify(samples[digit], f"a {digit}")
        results.append(
            DigitResult(digit, None, 0.0) if view is None else DigitResult(digit, view.digit, view.confidence)
        )
    problem = digits_verdict(results)
    if problem:
        raise SelfTestFailure(problem)

    losses = _train_a_little(scratch)
    problem = training_verdict(losses)
    if problem:
        raise SelfTestFailure(problem)

    classify(samples[7], "a 7 for the grab")  # the grabbed window shows a digit and its prediction
    width, height = _grab(app, window, grab_path)

    lowest = min(r.confidence for r in results)
    return (
        f"lenet-gui {__version__}, torch {model.torch_version}: {len(results)}/10 sample digits right "
        f"(lowest confidence {lowest * 100:.1f}%), {len(losses)} training steps on {TRAINING_BATCH} synthetic digits "
        f"via the MNIST loader: loss {losses[0]:.2f}→{losses[-1]:.2f}, "
        f"window grabbed {width}x{height}"
    )


def _write_idx(path: Path, array: Any) -> None:
    """MNIST's file format (big-endian IDX): uint8 images (N, 28, 28) or labels (N,)."""
    import struct

    header = struct.pack(">IIII", 0x803, *array.shape) if array.ndim == 3 else struct.pack(">II", 0x801, len(array))
    path.write_bytes(header + array.astype("uint8").tobytes())


def _train_a_little(scratch: Path) -> list[float]:
    """``TRAINING_STEPS`` steps of the app's training loop (core.training.train) on one small synthetic batch,
    written as MNIST files and read back through the app's MNIST loader, as real training reads. torchvision, which
    the loader needs only to download MNIST, is imported as well, so that a bundle that lost it fails here."""
    import numpy as np
    import torchvision.datasets  # noqa: F401  # the Download button's loader must be in the bundle

    from lenet_gui.core.data import load_mnist
    from lenet_gui.core.strokes import synthetic_digits
    from lenet_gui.core.training import EpochResult, TrainingConfig, train

    images, labels = synthetic_digits(TRAINING_BATCH, np.random.default_rng(0))
    raw = scratch / "mnist" / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for split in ("train", "t10k"):
        _write_idx(raw / f"{split}-images-idx3-ubyte", images)
        _write_idx(raw / f"{split}-labels-idx1-ubyte", labels)
    batch = load_mnist(scratch / "mnist", train=True, download=False)
    if not np.array_equal(batch.labels.numpy(), labels):
        raise SelfTestFailure("the MNIST loader read back other labels than were written")
    config = TrainingConfig(
        epochs=TRAINING_STEPS,  # one step per epoch: the batch is the whole training set
        batch_size=TRAINING_BATCH,
        learning_rate=0.05,
        schedule="constant",
        seed=0,
        evaluate_every_epoch=False,
    )
    return [event.train_loss for event in train(config, batch) if isinstance(event, EpochResult)]


def _grab(app: Any, window: Any, grab_path: str | None) -> tuple[int, int]:
    """The window as an image (saved when asked); it must show more than one flat colour."""
    for _ in range(5):
        app.processEvents()
    image = window.grab().toImage()
    if image.isNull() or image.width() == 0 or image.height() == 0:
        raise SelfTestFailure("grabbing the window gave no image")
    if grab_path and not image.save(grab_path):
        raise SelfTestFailure(f"the grabbed window could not be saved to {grab_path}")
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    if len(colours) < 8:
        raise SelfTestFailure(f"the grabbed window is blank ({len(colours)} colours)")
    return image.width(), image.height()
