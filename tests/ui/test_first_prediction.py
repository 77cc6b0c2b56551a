"""The desktop app predicts with the numpy LeNet and keeps torch out of the idle window (issue 10: torch alone is
~500 MB resident): drawings, weights switches, training snapshots and Discard need no torch; saving imports it
(on the files thread, saying so) and then works; a prediction made while training runs uses the newest snapshot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from qt_helpers import PREDICTION_TIMEOUT_MS, bundled_weights_or_skip

from lenet_gui.core import numpy_lenet
from lenet_gui.core.checkpoint import load_bundled, load_checkpoint
from lenet_gui.core.inference import Predictor
from lenet_gui.core.model import Net
from lenet_gui.core.strokes import synthetic_digits
from lenet_gui.ui.workers import lazy_imports
from lenet_gui.ui.workers.inference import InferenceService

ROOT = Path(__file__).resolve().parents[2]
TORCH_FUNCTIONS = ("torch", "inference", "checkpoint", "model", "training", "preload_torch_libraries")


class Recorder:
    def __init__(self, service: InferenceService) -> None:
        self.predictions: list[tuple[int, Any]] = []
        self.models: list[Any] = []
        self.status: list[str] = []
        self.saved: list[str] = []
        self.failed: list[tuple[str, str, str]] = []
        service.predicted.connect(lambda request_id, view: self.predictions.append((request_id, view)))
        service.modelReady.connect(self.models.append)
        service.status.connect(self.status.append)
        service.weightsSaved.connect(self.saved.append)
        service.failed.connect(lambda *args: self.failed.append(args))

    def answer(self, request_id: int) -> Any:
        return next(v for r, v in self.predictions if r == request_id)


def forbid_torch(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way the service could reach torch records its name and fails."""
    asked: list[str] = []
    for name in TORCH_FUNCTIONS:

        def refuse(*_: Any, _name: str = name) -> Any:
            asked.append(_name)
            raise AssertionError(f"lazy_imports.{_name} called")

        monkeypatch.setattr(lazy_imports, name, refuse)
    return asked


def predicted(qtbot, service: InferenceService, seen: Recorder, image: np.ndarray) -> Any:  # type: ignore[no-untyped-def]
    request_id = service.request(image)
    qtbot.waitUntil(lambda: any(r == request_id for r, _ in seen.predictions), timeout=PREDICTION_TIMEOUT_MS)
    return seen.answer(request_id)


def test_drawings_weights_snapshots_and_discard_need_no_torch(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    asked = forbid_torch(monkeypatch)
    service = InferenceService()
    seen = Recorder(service)
    images, labels = synthetic_digits(1, np.random.default_rng(5))
    drawing = 255 - images[0]
    torch.manual_seed(7)
    random_state = {name: tensor.numpy().copy() for name, tensor in Net().state_dict().items()}
    try:
        service.start()
        qtbot.waitUntil(lambda: service.ready and len(seen.models) == 1, timeout=PREDICTION_TIMEOUT_MS)
        assert seen.models[0].bundled and "99.54%" in seen.models[0].description
        assert seen.models[0].torch_version == torch.__version__  # the About box's, read without importing torch
        view = predicted(qtbot, service, seen, drawing)
        assert view.digit == labels[0]
        expected = Predictor(load_bundled().state_dict).predict_image(drawing)  # torch's answer, in the test only
        assert expected is not None
        np.testing.assert_allclose(view.probabilities, expected.probabilities, rtol=1e-5, atol=1e-6)

        # A training snapshot: the next prediction is the snapshot's, not the bundled weights'.
        service.show_training_state(random_state, {}, "step 1")
        qtbot.waitUntil(lambda: any(r == service.last_request_id and v is not view for r, v in seen.predictions))
        live = predicted(qtbot, service, seen, drawing)
        snapshot = Predictor({k: torch.from_numpy(v) for k, v in random_state.items()}).predict_image(drawing)
        assert snapshot is not None
        np.testing.assert_allclose(live.probabilities, snapshot.probabilities, rtol=1e-5, atol=1e-6)
        assert not np.allclose(live.probabilities, view.probabilities)

        service.discard_training()
        qtbot.waitUntil(lambda: len(seen.models) == 2, timeout=PREDICTION_TIMEOUT_MS)
        again = predicted(qtbot, service, seen, drawing)
        np.testing.assert_allclose(again.probabilities, view.probabilities, rtol=1e-6)

        service.load_bundled()
        qtbot.waitUntil(lambda: len(seen.models) == 3, timeout=PREDICTION_TIMEOUT_MS)
        listed: list[Any] = []
        service.weightsListed.connect(listed.append)
        service.list_weights(str(Path(os.environ.get("XDG_DATA_HOME", "/nonexistent")) / "no-such-folder"))
        qtbot.waitUntil(lambda: bool(listed), timeout=PREDICTION_TIMEOUT_MS)
        assert [f.kind for f in listed[0]] == ["bundled"] and listed[0][0].test_accuracy == pytest.approx(0.9954)
        assert asked == [] and seen.failed == []
    finally:
        service.stop()


def test_saving_imports_torch_first_then_saves_the_weights_in_use(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    service = InferenceService()
    seen = Recorder(service)
    target = tmp_path / "mine.pt"
    try:
        service.start()
        qtbot.waitUntil(lambda: service.ready, timeout=PREDICTION_TIMEOUT_MS)
        service.save_weights(str(target))
        assert any("PyTorch" in text for text in seen.status)  # the wait is said, not silent
        qtbot.waitUntil(lambda: seen.saved == [str(target)], timeout=PREDICTION_TIMEOUT_MS)
        saved, bundled = load_checkpoint(target), load_bundled()
        for name, tensor in bundled.state_dict.items():
            assert torch.equal(saved.state_dict[name], tensor), name
        assert saved.test_accuracy == bundled.test_accuracy  # the weights in use are the bundled ones: carried over
        assert numpy_lenet.read_weights(target)[1]["test_accuracy"] == bundled.test_accuracy
    finally:
        service.stop()


IDLE_WINDOW = """
import json, sys, time
from PySide6.QtCore import QTimer
from lenet_gui.ui.app import create_app
from lenet_gui.ui.main_window import MainWindow
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

app = create_app([])
window = MainWindow(lazy_panels=True)
window.show()
answer = {}

def check():
    if window.training_panel is None or not window.inference.ready or window.explain is None:
        QTimer.singleShot(50, check)
        return
    if "drawn" not in answer:
        answer["drawn"] = True
        canvas = window.canvas  # a 7, with real mouse events (tests' qt_helpers would import torch)

        def at(x, y):
            p = canvas.paper_to_widget(QPointF(x, y))
            return QPoint(round(p.x()), round(p.y()))

        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(70, 55))
        for t in range(1, 11):
            QTest.mouseMove(canvas, at(70 + 14 * t, 55))
        for t in range(1, 11):
            QTest.mouseMove(canvas, at(210 - 8.5 * t, 55 + 19 * t))
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(125, 245))
        QTimer.singleShot(1500, check)  # the drawing predicted, poked, shown
        return
    answer["digit"] = window.findChild(object, "predictedDigit").text()
    answer["torch"] = sorted(name for name in ("torch", "torchvision") if name in sys.modules)
    actions = window.view_menu.actions()
    answer["view_menu"] = [a.text() for a in actions[: actions.index(window.view_menu_docks_end)]]
    app.quit()

QTimer.singleShot(0, check)
QTimer.singleShot(60_000, app.quit)
app.exec()
window.shutdown()
print(json.dumps(answer))
"""


def test_the_idle_window_never_imports_torch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", IDLE_WINDOW], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["torch"] == [] and answer["digit"] == "7"
    # The teaching docks came after the window was shown, and the View menu lists them with the others.
    assert answer["view_menu"][-4:] == ["Network", "Training step", "Explain", "Poke"]
    assert len(answer["view_menu"]) == 8
