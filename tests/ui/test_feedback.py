"""What the window says about a drawing and a run, and that nothing stale stays on screen (issue 10.9-10.11)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QToolButton
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw, predicted_text, rate_text

from lenet_gui.core.inference import Prediction
from tests.ui.test_personal_panel import RUN_TIMEOUT_MS, add_examples, fast_config, show_panel

SCRIBBLE = [[(60, 60), (220, 220), (60, 220), (220, 60), (140, 40), (140, 250), (40, 140), (250, 140)]]
# A 1 with a flag 25° below the horizontal: the bundled weights hesitate between 1 and 7 (49% / 43% in the window
# at its default size; a flag from (95, 80), a few pixels higher, reads as a 1 at 63% since they learnt long flags).
ONE_OR_SEVEN = [[(90, 78), (150, 50), (145, 250)]]


def answered(window) -> bool:  # type: ignore[no-untyped-def]
    """The prediction on screen is the one for the latest drawing."""
    panel = window.prediction_panel
    return panel.current is not None and panel.shown_request == window.inference.last_request_id


def fake(probabilities: list[float]) -> Prediction:
    return Prediction(np.asarray(probabilities, np.float32), np.zeros((32, 32), np.float32), {})


# --- 10.10: "not sure" says what kind of not sure ---------------------------------------------------------------


def test_a_scribble_keeps_its_question_mark_while_it_grows(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each prediction of a scribble switched the big digit in and back out, and each new verdict or digit relaid
    the whole window out (its docks too): ~2 ms of the GUI thread per mouse move, which slowed stroke → prediction
    while training ran (issue 10). Now the answer switches only when its kind changes, and a new answer relayouts
    nothing: not one layout request reaches the window while the predictions change."""
    bundled_weights_or_skip()
    draw(window.canvas, SCRIBBLE)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    panel = window.prediction_panel
    assert panel.current.probabilities.max() < 0.3, "the bundled weights read a scribble as no digit"
    qtbot.wait(50)  # the first answer's own relayout (the question mark came in) is done
    watch = EventCount(QEvent.Type.LayoutRequest, QEvent.Type.Show, QEvent.Type.Hide)
    for widget in (window, panel, panel.digit_label, panel.no_digit):
        widget.installEventFilter(watch)
    first = panel.shown_request
    draw(window.canvas, [[(40, 40), (250, 250)]], every_move=True)  # more scribble, a prediction per move
    qtbot.waitUntil(lambda: answered(window) and panel.shown_request > first + 5, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.wait(50)  # a relayout would be delivered by now
    assert panel.current.probabilities.max() < 0.3 and panel.no_digit.isVisible()
    assert watch.seen == [], "the answers changed without relayouting the window or switching the big digit"


def test_new_answers_while_drawing_relayout_nothing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A 7 drawn a mouse move at a time: the digit, the verdict and its percentage change many times, and not one
    layout request reaches the window (each used to relayout every dock)."""
    bundled_weights_or_skip()
    draw(window.canvas, [[(150, 150), (150, 152)]])  # something on the paper first: the answer's place is set
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    qtbot.wait(50)
    panel = window.prediction_panel
    watch = EventCount(QEvent.Type.LayoutRequest)
    window.installEventFilter(watch)
    shown: set[tuple[str, str]] = set()
    panel.shown.connect(lambda _id: shown.add((panel.digit_label.text(), panel.verdict.text())))
    draw(window.canvas, SEVEN, every_move=True)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    qtbot.wait(50)
    assert len(shown) >= 3, f"the answer changed while the 7 was drawn: {sorted(shown)}"
    assert watch.seen == []


class EventCount(QObject):
    """Records which watched widgets got which of the given events."""

    def __init__(self, *kinds: QEvent.Type) -> None:
        super().__init__()
        self.kinds = kinds
        self.seen: list[tuple[str, str]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.kinds:
            self.seen.append((watched.objectName(), event.type().name))
        return False


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


# --- 10.11: nothing stale stays on screen --------------------------------------------------------------------------


def test_the_feature_maps_footer_invites_drawing_only_while_nothing_is_drawn(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    footer = window.filters_panel.map_readout
    assert footer.text().startswith("Draw a digit")
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    assert footer.text() == "Hover over a map to read its values."
    qtbot.mouseClick(window.findChild(QToolButton, "clearButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.prediction_panel.current is None, timeout=PREDICTION_TIMEOUT_MS)
    assert footer.text().startswith("Draw a digit")


def run_results(panel) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    """The per-digit labels and how many mistakes are shown."""
    return [
        label.textItem.toPlainText() for label in panel.results_tabs.per_class_text
    ], panel.results_tabs.gallery.count()


def finish_training(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.training_panel
    panel.epochs.setValue(1)
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible() and not window.training, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: all(run_results(panel)[0]), timeout=10_000)


def test_a_runs_per_digit_results_go_when_a_new_run_starts_and_when_other_weights_are_loaded(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.training_panel
    finish_training(window, qtbot)
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert all(run_results(panel)[0]), "kept: the results describe the weights in use"
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    assert run_results(panel) == ([""] * 10, 0) and panel.results_tabs.confusion_image.image is None, (
        "a new run starts empty"
    )
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible() and not window.training, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: all(run_results(panel)[0]), timeout=10_000)
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    kept = run_results(panel)
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)  # other weights: the bundled ones
    assert run_results(panel)[0] != kept[0] and panel.epoch_label.text() == "", "not the run's results any more"


def test_paused_training_shows_no_speed_or_time_left(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.training_panel
    texts: list[str] = []

    def on_progress(_event: object) -> None:
        if not texts:  # at the first step shown, while the run surely has steps ahead
            texts.append(rate_text(panel))
            qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
            texts.append(rate_text(panel))
            qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
            texts.append(rate_text(panel))
            qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)

    panel.epochs.setValue(3)
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    window.runs.run.progress.connect(on_progress)
    qtbot.waitUntil(lambda: not window.training, timeout=RUN_TIMEOUT_MS)
    running, paused, resumed = texts
    assert "images/s" in running and "ETA" in running
    assert paused.startswith("Paused at step") and "images/s" not in paused and "ETA" not in paused
    assert resumed == running


def test_classifying_a_picture_gives_way_to_its_answer(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: answered(window), timeout=PREDICTION_TIMEOUT_MS)
    path = tmp_path / "three_photo.png"
    assert window.save_drawing_to(str(path))
    qtbot.mouseClick(window.findChild(QToolButton, "clearButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.prediction_panel.current is None, timeout=PREDICTION_TIMEOUT_MS)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    window.open_image_file(str(path))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("three_photo.png: "), timeout=10_000)
    assert "Classifying three_photo.png…" in messages, "it said what it was doing meanwhile"
    assert window.statusBar().currentMessage() == "three_photo.png: read as 7 (" + (
        f"{window.prediction_panel.current.confidence * 100:.0f}% sure)."
    )


def test_the_fine_tune_report_goes_when_other_weights_are_loaded(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(1)
    panel = show_panel(window, qtbot).fine_tune
    qtbot.waitUntil(panel.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    with qtbot.waitSignal(panel.fineTuneFinished, timeout=RUN_TIMEOUT_MS):
        panel.start_fine_tune(config=fast_config(check_personal=False))
    qtbot.waitUntil(lambda: not window.fine_tuning, timeout=10_000)
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert panel.report_box.isVisible(), "kept: the report describes the weights in use"
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(window.training_panel.reset_button, Qt.MouseButton.LeftButton)
    assert not panel.report_box.isVisible()
