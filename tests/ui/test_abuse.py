"""Issue 16's faults in the window, the inference service and the runs: each test reproduced its fault first.

3. a file whose read blocks (a named pipe) stopped every prediction and closing hung;
4. a large picture froze the GUI thread while it was converted for the canvas;
5. a weights problem showed internals in the dialog's sentence instead of under "Details".
(1., closing while MNIST loads, is in test_training_panel.py; 7., the stalls while training, in
benchmarks/stall_soak.py.)
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QElapsedTimer, QTimer
from qt_helpers import ONE, PREDICTION_TIMEOUT_MS, draw, predicted_text

from lenet_gui.core.errors import UserError
from lenet_gui.ui.workers import inference as inference_module
from lenet_gui.ui.workers import running_threads

STALL_LIMIT_MS = 1000  # the GUI thread's longest pause while a huge picture opens (was 1.5-4.4 s)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("what", ["picture", "weights"])
def test_a_named_pipe_is_refused_and_nothing_hangs(window, qtbot, tmp_path, what) -> None:  # type: ignore[no-untyped-def]
    pipe = tmp_path / ("p.png" if what == "picture" else "p.pt")
    os.mkfifo(pipe)
    with qtbot.waitSignal(window.inference.failed, timeout=PREDICTION_TIMEOUT_MS) as failed:
        if what == "picture":
            window.open_image_file(str(pipe))
        else:
            window.load_weights_file(str(pipe))
    _title, message, _details = failed.args
    assert pipe.name in message and ("not a regular file" in message or "not a file" in message)
    assert "Traceback" not in message
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    window.error_dialog.close()
    draw(window.canvas, ONE)  # predictions go on
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 3.0, "closing does not wait for a read"
    assert not running_threads()


def test_a_folder_is_refused_with_a_sentence(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "digits.png"
    folder.mkdir()
    with qtbot.waitSignal(window.inference.failed, timeout=PREDICTION_TIMEOUT_MS) as failed:
        window.open_image_file(str(folder))
    assert "digits.png" in failed.args[1] and "is a folder" in failed.args[1]
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    window.error_dialog.close()


def test_a_huge_picture_opens_without_freezing_the_window(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    side = 6300
    picture = np.full((side, side), 255, np.uint8)
    picture[side // 8 : -side // 8, side // 2 - side // 30 : side // 2 + side // 30] = 0  # a tall dark 1
    path = tmp_path / "huge.png"
    Image.fromarray(picture).save(path, compress_level=1)
    del picture

    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    heartbeat.start()
    try:
        with qtbot.waitSignal(window.inference.imageOpened, timeout=60_000) as opened:
            window.open_image_file(str(path))
        qtbot.waitUntil(window.canvas.has_picture, timeout=10_000)
        qtbot.wait(200)  # the canvas has repainted with the picture
    finally:
        heartbeat.stop()
    shown = opened.args[1]
    assert max(shown.width(), shown.height()) <= inference_module.PICTURE_SIDE, "scaled off the GUI thread"
    background = window.canvas.content.background
    assert background is not None and max(background.width(), background.height()) <= inference_module.PICTURE_SIDE
    assert max(gaps) < STALL_LIMIT_MS, f"the GUI thread stalled {max(gaps)} ms"


def test_a_weights_problem_is_one_sentence_with_details_below(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sentence = "x.pt is not a PyTorch weights file."
    technical = "UnpicklingError: invalid load key, '\\x89'."

    def not_weights(path: str):  # type: ignore[no-untyped-def]
        raise UserError(sentence, technical)

    monkeypatch.setattr(inference_module, "_read_weights", not_weights)
    path = tmp_path / "x.pt"
    path.write_bytes(b"\x89PNG not weights")
    with qtbot.waitSignal(window.inference.loadFailed, timeout=PREDICTION_TIMEOUT_MS):
        window.load_weights_file(str(path))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    dialog = window.error_dialog
    assert dialog.text() == sentence
    assert dialog.detailedText() == technical
    assert dialog.windowTitle() == "These weights could not be loaded"
    dialog.close()


def test_a_png_renamed_pt_is_called_what_it_is(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Not "an attack": core says what the file is; the library's reason goes under Details."""
    path = tmp_path / "x.pt"
    Image.new("L", (20, 20)).save(path, format="PNG")
    with qtbot.waitSignal(window.inference.loadFailed, timeout=PREDICTION_TIMEOUT_MS):
        window.load_weights_file(str(path))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    text = window.error_dialog.text()
    assert "x.pt" in text and "refused" not in text and "Please file an issue" not in text and "\n" not in text
    window.error_dialog.close()


def test_an_unexpected_error_keeps_its_traceback_under_details(window, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(path: str):  # type: ignore[no-untyped-def]
        raise RuntimeError("something odd")

    monkeypatch.setattr(inference_module, "_read_weights", broken)
    with qtbot.waitSignal(window.inference.loadFailed, timeout=PREDICTION_TIMEOUT_MS):
        window.load_weights_file(str(tmp_path / "y.pt"))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    assert window.error_dialog.text() == "something odd"
    assert "Traceback" in window.error_dialog.detailedText() and "RuntimeError" in window.error_dialog.detailedText()
    window.error_dialog.close()
