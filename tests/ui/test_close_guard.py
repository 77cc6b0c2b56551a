"""Closing with new weights nobody kept asks Keep and quit / Discard and quit / Cancel (issue 10.7).

Real events: ``close()`` (the title bar's ×) and the Ctrl+Q key; the question is answered by clicking its buttons,
from a QTimer that waits for it to open, as a user would. During a run the run is stopped first and its weights
are offered; unkept Training-step steps are asked about too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw, toy_source

from lenet_gui.ui import MainWindow
from lenet_gui.ui.workers import user_weights_folder

RUN_TIMEOUT_MS = 120_000


def make_window(qtbot, train: int = 1000):  # type: ignore[no-untyped-def]
    win = MainWindow(data_source=toy_source(train, 200))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.training_panel.train_button.isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    win.ask_before_closing = True
    return win


def train(win, qtbot, *, epochs: int = 1, wait: bool = True) -> None:  # type: ignore[no-untyped-def]
    panel = win.training_panel
    panel.epochs.setValue(epochs)
    qtbot.mouseClick(win.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    if wait:
        qtbot.waitUntil(lambda: panel.finished_bar.isVisible() and not win.training, timeout=RUN_TIMEOUT_MS)


def answer_when_asked(win, button_name: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Click the close question's button ``button_name`` as soon as it opens (a QTimer polling for it)."""

    def poll() -> None:
        dialog = win.findChild(QMessageBox, "closeDialog")
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog.text())
        button = dialog.findChild(QPushButton, button_name)
        QTimer.singleShot(0, lambda: button.click())

    QTimer.singleShot(0, poll)


def saved_weights() -> list[Path]:
    folder = Path(user_weights_folder())
    return sorted(folder.glob("*.pt")) if folder.is_dir() else []


@pytest.fixture(autouse=True)
def closes_for_good(qtbot):  # type: ignore[no-untyped-def]
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.ask_before_closing = False  # pytest-qt closes it next


def test_closing_after_a_run_asks_and_keep_and_quit_saves_then_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot)
    train(win, qtbot)
    asked: list[str] = []
    answer_when_asked(win, "keepAndQuitButton", asked)
    assert not win.close(), "the close waits for the answer"
    assert win.isVisible()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=PREDICTION_TIMEOUT_MS)
    assert asked == ["The new weights from training are not kept yet."]
    assert len(saved_weights()) == 1, "kept in the weights folder before the window closed"
    assert win._shut_down


def test_ctrl_q_after_a_run_then_discard_and_quit_closes_without_saving(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot)
    train(win, qtbot)
    asked: list[str] = []
    answer_when_asked(win, "discardAndQuitButton", asked)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=PREDICTION_TIMEOUT_MS)
    assert asked and saved_weights() == []


def test_closing_during_a_run_stops_it_offers_its_weights_and_cancel_keeps_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, train=60_000)
    panel = win.training_panel
    train(win, qtbot, epochs=3, wait=False)
    qtbot.waitUntil(lambda: panel.progress_events >= 2, timeout=RUN_TIMEOUT_MS)
    asked: list[str] = []
    answer_when_asked(win, "cancelQuitButton", asked)
    assert not win.close(), "the run is stopped first; the window does not wait for it"
    assert win.isVisible()
    qtbot.waitUntil(lambda: bool(asked), timeout=RUN_TIMEOUT_MS)
    assert not win.training, "the run was stopped"
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "closeDialog") is None, timeout=5000)
    assert win.isVisible() and not win._shut_down
    assert panel.finished_bar.isVisible() and win.runs.pending_weights("training") is not None
    assert "Stopped" in panel.finished_label.text()
    # A plain close with nothing unkept closes at once.
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    assert win.close() and not win.isVisible()


def test_unkept_training_steps_are_asked_about_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    win = make_window(qtbot)
    view = win.findChild(QWidget, "trainingStepView")
    win.tutorial.docks["step"].raise_()
    draw(win.canvas, SEVEN)
    qtbot.waitUntil(view.step_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.mouseClick(view.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(lambda: win.runs.state.steps_unkept, timeout=5000)
    asked: list[str] = []
    answer_when_asked(win, "keepAndQuitButton", asked)
    assert not win.close()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=PREDICTION_TIMEOUT_MS)
    assert asked == ["The weights changed by your training steps are not kept yet."]
    assert len(saved_weights()) == 1


def test_closing_during_fine_tuning_stops_it_and_keep_and_quit_saves_the_fine_tuned_weights(qtbot) -> None:  # type: ignore[no-untyped-def]
    from test_personal_panel import add_examples, fast_config, show_panel  # noqa: PLC0415  # its helpers

    add_examples(1)
    win = make_window(qtbot)
    panel = show_panel(win, qtbot)
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    events: list[object] = []
    panel.fine_tune.start_fine_tune(config=fast_config(steps=3000, batch_size=16, check_personal=False))
    win.runs.run.progress.connect(events.append)
    qtbot.waitUntil(lambda: len(events) >= 2, timeout=RUN_TIMEOUT_MS)
    asked: list[str] = []
    answer_when_asked(win, "keepAndQuitButton", asked)
    assert not win.close()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=RUN_TIMEOUT_MS)
    assert asked == ["The fine-tuned weights are not kept yet."]
    assert [path.name.startswith("fine-tuned") for path in saved_weights()] == [True]
