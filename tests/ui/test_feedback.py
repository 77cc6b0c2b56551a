"""What the window says about a drawing and a run, and that nothing stale stays on screen (issue 10.9-10.11)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from qt_helpers import PREDICTION_TIMEOUT_MS, bundled_weights_or_skip, draw, predicted_text

from lenet_gui.core.inference import Prediction
from tests.ui.test_personal_panel import RUN_TIMEOUT_MS, add_examples, fast_config, show_panel

SCRIBBLE = [[(60, 60), (220, 220), (60, 220), (220, 60), (140, 40), (140, 250), (40, 140), (250, 140)]]
ONE_OR_SEVEN = [[(100, 75), (150, 50), (145, 250)]]  # a 1 with a long flag: the bundled weights hesitate (7 or 1)


def answered(window) -> bool:  # type: ignore[no-untyped-def]
    """The prediction on screen is the one for the latest drawing."""
    panel = window.prediction_panel
    return panel.current is not None and panel.shown_request == window.inference.last_request_id


def fake(probabilities: list[float]) -> Prediction:
    return Prediction(np.asarray(probabilities, np.float32), np.zeros((32, 32), np.float32), {})


# --- 10.10: "not sure" says what kind of not sure ---------------------------------------------------------------


def test_a_scribble_reads_as_no_digit_with_no_big_digit_and_nothing_to_add(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    draw(window.canvas, SCRIBBLE)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    panel, bar = window.prediction_panel, window.correction_bar
    assert panel.current.probabilities.max() < 0.3, "the bundled weights read a scribble as no digit"
    assert "doesn't look like a digit" in panel.verdict.text() and "maybe" not in panel.verdict.text()
    digit = window.findChild(QLabel, "predictedDigit")
    assert predicted_text(window) == str(panel.current.digit), "the contract: the top digit while not sure"
    assert not digit.isVisible() and panel.no_digit.isVisible() and panel.no_digit.text() == "?"
    assert not panel.alternative.isVisible()
    assert not bar.add_button.isEnabled() and bar.add_button.text() == "Add as example"
    # A real digit afterwards brings the big digit back.
    qtbot.mouseClick(window.findChild(QToolButton, "clearButton"), Qt.MouseButton.LeftButton)
    draw(window.canvas, [[(140, 40), (140, 240)]])
    qtbot.waitUntil(lambda: answered(window) and predicted_text(window) == "1", timeout=PREDICTION_TIMEOUT_MS)
    assert digit.isVisible() and not panel.no_digit.isVisible() and bar.add_button.text() == "Add as example of 1"


def test_two_competing_digits_read_as_maybe_a_or_b(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    draw(window.canvas, ONE_OR_SEVEN)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    panel = window.prediction_panel
    top, second = np.sort(panel.current.probabilities)[::-1][:2]
    assert second >= 0.2 and top + second >= 0.7 and top - second < 0.25, "the drawing is still a two-way one"
    assert "maybe" in panel.verdict.text() and {predicted_text(window), panel.alternative.text()[-1]} == {"1", "7"}
    assert panel.alternative.isVisible() and window.findChild(QLabel, "predictedDigit").isVisible()
    assert window.correction_bar.add_button.isEnabled()


def test_each_kind_of_verdict_in_words(window) -> None:  # type: ignore[no-untyped-def]
    panel = window.prediction_panel
    cases = [
        ([0.01] * 9 + [0.91], "9 — 91% sure"),
        ([0.05, 0.55, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05], "Not sure — probably 1 (55%)"),
        ([0.02, 0.02, 0.02, 0.5, 0.02, 0.36, 0.02, 0.02, 0.01, 0.01], "Not sure — maybe 3 (50%) or 5 (36%)"),
        ([0.1] * 10, "This doesn't look like a digit: no digit gets more than 10%"),
    ]
    for probabilities, words in cases:
        panel.show_prediction(1, fake(probabilities))
        assert panel.verdict.text() == words


# --- 10.9: fine-tuning's progress covers the whole job ----------------------------------------------------------


def test_fine_tuning_shows_its_phase_the_jobs_steps_and_one_time_left(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Training, then each checking fold, on one bar whose steps and time left count the whole job; paused, the
    time left goes (nothing moves), and comes back on Resume."""
    add_examples(1, digits=(3, 8))  # two examples: cross-validated over two folds, three runs in all
    panel = show_panel(window, qtbot).fine_tune
    qtbot.waitUntil(panel.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    seen: list[tuple[str, str]] = []
    paused: list[str] = []

    def on_progress(_event: object) -> None:
        seen.append((panel.progress.format(), panel.steps.text()))
        if len(seen) == 1:  # pause at the first step shown, while the job surely has steps ahead
            qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
            paused.append(panel.steps.text())
            paused.append(panel.progress.format())
            qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
            paused.append(panel.steps.text())

    panel.start_fine_tune(config=fast_config(steps=30, batch_size=8, folds=2))
    window.runs.run.progress.connect(on_progress)
    qtbot.waitUntil(lambda: not window.fine_tuning, timeout=RUN_TIMEOUT_MS)
    bars = [bar for bar, _ in seen]
    assert any(bar.startswith("Training on your examples") for bar in bars)
    assert any(bar.startswith("Checking: fold 1 of 2") for bar in bars)
    assert any(bar.startswith("Checking: fold 2 of 2") for bar in bars)
    assert all(" of 90 · about " in steps and steps.endswith(" left") for _, steps in seen), seen
    assert paused[0].startswith("Paused at step ") and "left" not in paused[0] and paused[1].startswith("Paused")
    assert paused[2].endswith(" left"), "the time left is back on Resume"
    assert panel.steps.text() == "", "no time left shown once the run is over"
