"""The whole "teach it your handwriting" story as a user lives it, in the real window with real mouse events.

Someone who writes their nines with the tail curled back up into a loop (like a "g") draws one; the bundled network
reads it as an eight. They press 9 to correct it, a few times, then fine-tune on their digits. Afterwards new nines
they draw are read as nines, their eights and sevens are still eights and sevens, and MNIST test accuracy (when
MNIST is on the machine) has fallen by at most 0.3 points. Without MNIST the same story ends with the report saying
MNIST could not be checked.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw, mnist_source

from lenet_gui.core.errors import MissingDataError
from lenet_gui.core.finetune import FineTuneConfig
from lenet_gui.ui import MainWindow
from tests.handwriting import LOOPED_NINE, canonical_paper_strokes, paper_strokes

CORRECTIONS = 8
RUN_TIMEOUT_MS = 600_000  # the main run and its measuring runs, on a busy 2-core machine


def offline(download: bool):  # type: ignore[no-untyped-def]
    raise MissingDataError("MNIST is not in /nowhere/MNIST/raw (offline?)")


def read_drawing(win, qtbot, strokes) -> int:  # type: ignore[no-untyped-def]
    """Draw with the mouse on a clear canvas and return the digit the window then shows for it."""
    win.canvas.clear()
    draw(win.canvas, strokes)
    panel = win.prediction_panel
    qtbot.waitUntil(
        lambda: panel.shown_request == win.inference.last_request_id and panel.current is not None,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    return int(panel.current.digit)


def small_config():  # type: ignore[no-untyped-def]
    """A fine-tuning run a few times smaller than the default (which the slow, full-size scenario keeps): fewer,
    smaller steps, fewer generated digits and outliers, no measuring runs."""
    return FineTuneConfig(steps=60, batch_size=64, outliers=100, offline_replay=400, check_personal=False)


@pytest.mark.parametrize(
    ("with_mnist", "full_size"),
    [
        pytest.param(True, True, id="with-mnist", marks=pytest.mark.slow),
        pytest.param(False, False, id="offline"),
    ],
)
def test_correct_a_style_then_fine_tune_and_it_reads_new_drawings_of_it(
    qtbot, with_mnist: bool, full_size: bool
) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    win = MainWindow(
        data_source=mnist_source() if with_mnist else offline,
        fine_tune_config=None if full_size else small_config(),  # None: the button's default run
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    rng = np.random.default_rng(7)

    read_before = []
    for _ in range(CORRECTIONS):
        read_before.append(read_drawing(win, qtbot, paper_strokes(rng)))
        win.canvas.setFocus()
        with qtbot.waitSignal(win.exampleSaved, timeout=PREDICTION_TIMEOUT_MS) as saved:
            QTest.keyClick(win.canvas, Qt.Key.Key_9)  # "that's wrong, it's a 9"
        assert saved.args[0].label == LOOPED_NINE and saved.args[0].strokes_path is not None
        assert win.canvas.is_blank()
    assert saved.args[1] == CORRECTIONS
    assert sum(digit != LOOPED_NINE for digit in read_before) >= CORRECTIONS // 2, (
        f"the bundled weights should misread this style; they read {read_before}"
    )

    qtbot.waitUntil(lambda: win.personal_panel is not None, timeout=PREDICTION_TIMEOUT_MS)
    panel = win.personal_panel
    win.docks["personal"].raise_()
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    with qtbot.waitSignal(panel.fine_tune.fineTuneFinished, timeout=RUN_TIMEOUT_MS) as finished:
        qtbot.mouseClick(panel.fine_tune.fine_tune_button, Qt.MouseButton.LeftButton)
    report = finished.args[0]
    assert report is not None, "the run was stopped"
    qtbot.waitUntil(lambda: not win.fine_tuning, timeout=10_000)
    summary = "\n".join(report.lines())
    print(f"\n{summary}")

    fresh = np.random.default_rng(1234)  # drawings it has never seen
    read_after = [read_drawing(win, qtbot, paper_strokes(fresh)) for _ in range(10)]
    assert sum(digit == LOOPED_NINE for digit in read_after) >= 8, f"read {read_after}\n{summary}"
    assert read_drawing(win, qtbot, SEVEN) == 7, "a plain seven is still a seven"
    assert read_drawing(win, qtbot, canonical_paper_strokes(8)) == 8, "an eight is still an eight"
    if with_mnist:
        assert report.mnist_before is not None and report.mnist_after is not None
        assert (report.mnist_before - report.mnist_after) * 100 <= 0.3, summary
        assert "→" in panel.fine_tune.mnist_result.text()
    else:
        assert report.mnist_after is None and "could not be checked" in panel.fine_tune.mnist_result.text()
    print(f"read before: {read_before}, after (new drawings): {read_after}")

    with qtbot.waitSignal(win.inference.weightsSaved, timeout=PREDICTION_TIMEOUT_MS) as kept:
        qtbot.mouseClick(panel.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    assert Path(kept.args[0]).name.startswith("fine-tuned-")
    win.close()
