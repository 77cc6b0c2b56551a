"""The whole window, driven like a user would: draw, read the prediction, clear, open files, load weights."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import PySide6
import pytest
import torch
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
)
from qt_helpers import (
    ONE,
    PREDICTION_TIMEOUT_MS,
    SEVEN,
    ZERO,
    bundled_weights_or_skip,
    draw,
    paper_point,
    predicted_text,
    toy_source,
)

from lenet_gui.core import checkpoint, finetune, training, weights_listing
from lenet_gui.core.checkpoint import load_bundled, load_checkpoint
from lenet_gui.core.config import FineTuneConfig
from lenet_gui.ui import MainWindow
from lenet_gui.ui.view_models import TrainingSettings
from lenet_gui.ui.workers import inference as inference_worker


def test_automation_contract(window) -> None:  # type: ignore[no-untyped-def]
    assert window.findChild(QLabel, "predictedDigit") is not None
    assert window.findChild(QToolButton, "clearButton") is not None
    assert window.findChild(QPushButton, "trainButton") is not None
    assert window.findChild(type(window.canvas), "canvas") is window.canvas
    assert predicted_text(window) == ""


@pytest.mark.parametrize(("strokes", "digit"), [(ONE, "1"), (SEVEN, "7"), (ZERO, "0")], ids=["one", "seven", "zero"])
def test_drawn_digit_is_read_live(window, qtbot, strokes, digit) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    assert window.inference.ready
    draw(window.canvas, strokes)
    qtbot.waitUntil(lambda: predicted_text(window) == digit, timeout=PREDICTION_TIMEOUT_MS)


def test_prediction_updates_while_drawing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    shown: list[int] = []
    window.prediction_panel.shown.connect(shown.append)

    canvas = window.canvas
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 140, 40))
    for y in range(50, 240, 10):
        QTest.mouseMove(canvas, paper_point(canvas, 140, y))
        QCoreApplication.processEvents()
        qtbot.wait(5)
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=PREDICTION_TIMEOUT_MS)
    assert predicted_text(window) != "", "a prediction is shown before the mouse button is released"
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 140, 240))


def test_clear_button_and_shortcuts_blank_the_prediction(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)
    qtbot.mouseClick(window.findChild(QToolButton, "clearButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: predicted_text(window) == "", timeout=PREDICTION_TIMEOUT_MS)
    assert window.canvas.is_blank()
    # Undo brings the drawing (and a prediction) back; Esc clears again.
    window.canvas.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: predicted_text(window) == "", timeout=PREDICTION_TIMEOUT_MS)
    # Undo the Esc (the drawing is back), then Redo it with Ctrl+Shift+Z (blank again, and undoable).
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.canvas.is_blank()
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.canvas.is_blank() and window.canvas.undo_stack.canUndo()


def test_undo_redo_actions(window) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, ONE)
    draw(window.canvas, SEVEN)
    assert len(window.canvas.content.strokes) == 2
    window.undo_action.trigger()
    assert len(window.canvas.content.strokes) == 1
    window.redo_action.trigger()
    assert len(window.canvas.content.strokes) == 2


def test_saved_drawing_opens_and_classifies_the_same(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shown: list[int] = []
    window.prediction_panel.shown.connect(shown.append)
    draw(window.canvas, SEVEN)
    final = window.inference.last_request_id
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] >= final, timeout=PREDICTION_TIMEOUT_MS)
    drawn = predicted_text(window)  # the answer for the finished drawing, not for a half-drawn stroke
    assert drawn != ""
    path = tmp_path / "digit.png"
    assert window.save_drawing_to(str(path))
    window.canvas.clear()
    qtbot.waitUntil(lambda: predicted_text(window) == "", timeout=PREDICTION_TIMEOUT_MS)
    with qtbot.waitSignal(window.inference.imageOpened, timeout=PREDICTION_TIMEOUT_MS):
        window.open_image_file(str(path))
    qtbot.waitUntil(lambda: predicted_text(window) == drawn, timeout=PREDICTION_TIMEOUT_MS)
    assert not window.canvas.is_blank(), "the opened picture is shown on the canvas"


def test_pasted_image_is_classified(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, ONE)
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)
    image = window.canvas.to_qimage()
    window.canvas.clear()
    qtbot.waitUntil(lambda: predicted_text(window) == "", timeout=PREDICTION_TIMEOUT_MS)

    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(window.inference.imageOpened, timeout=PREDICTION_TIMEOUT_MS):
        window.paste_action.trigger()
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)


def test_unreadable_image_shows_error_and_app_keeps_working(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "not-an-image.png"
    bad.write_bytes(b"this is not a PNG")
    with qtbot.waitSignal(window.inference.failed, timeout=PREDICTION_TIMEOUT_MS):
        window.open_image_file(str(bad))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    assert "not-an-image.png" in window.error_dialog.text()
    window.error_dialog.close()
    draw(window.canvas, ONE)
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)


class Exploit:
    """Unpickling this would run code: the marker file proves whether it ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_code_executing_weights_are_refused_and_current_weights_kept(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]

    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.pt"
    torch.save({"state_dict": Exploit(marker)}, evil, pickle_protocol=2)
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: predicted_text(window) != "", timeout=PREDICTION_TIMEOUT_MS)
    before = window.inference.committed_state()
    with qtbot.waitSignal(window.inference.failed, timeout=PREDICTION_TIMEOUT_MS) as blocker:
        window.load_weights_file(str(evil))
    _title, message, _details = blocker.args
    assert "refused" in message and "evil.pt" in message
    assert not marker.exists(), "the malicious pickle must not have run"
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
    assert "refused" in window.error_dialog.text()
    window.error_dialog.close()
    after = window.inference.committed_state()
    assert before is not None and after is not None
    assert all((before[k] == after[k]).all() for k in before), "the current weights stay in use"


def test_corrupt_and_wrong_weights_are_refused(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]

    corrupt = tmp_path / "corrupt.pt"
    corrupt.write_bytes(b"PK\x03\x04 truncated")
    wrong = tmp_path / "wrong.pt"
    torch.save({"fc1.weight": torch.zeros(3, 3)}, wrong)
    for path, words in ((corrupt, "corrupt"), (wrong, "not the tutorial's LeNet")):
        with qtbot.waitSignal(window.inference.failed, timeout=PREDICTION_TIMEOUT_MS) as blocker:
            window.load_weights_file(str(path))
        assert words in blocker.args[1]
        qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=5000)
        window.error_dialog.close()
        qtbot.waitUntil(lambda: window.error_dialog is None, timeout=5000)


def test_save_and_load_weights_round_trip_and_persist(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mine.pt"
    with qtbot.waitSignal(window.inference.weightsSaved, timeout=PREDICTION_TIMEOUT_MS):
        window.inference.save_weights(str(path))
    assert path.is_file()
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS) as blocker:
        window.load_weights_file(str(path))
    assert blocker.args[0].source == str(path)
    assert window._settings.value("weights/last") == str(path)
    # What was known about the weights (accuracy, epochs) travels with them into the saved file.

    saved, bundled = load_checkpoint(path).metadata, load_bundled().metadata
    if bundled:  # the bundled file is present in a checkout; random weights carry nothing to compare
        assert saved["test_accuracy"] == bundled["test_accuracy"] and saved["epochs"] == bundled["epochs"]


def test_settings_persist_across_windows(qtbot) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.canvas.set_pen_width(33)
    first.training_panel.epochs.setValue(7)
    first.training_panel.learning_rate.setValue(0.05)
    first.resize(1200, 700)
    qtbot.wait(20)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    assert second.canvas.pen_width() == 33
    assert second.pen_slider.value() == 33
    assert second.training_panel.epochs.value() == 7
    assert second.training_panel.learning_rate.value() == pytest.approx(0.05)
    # The offscreen platform's screen is 800×600, so restoreGeometry clamps the width; the height survives.
    assert second.height() == 700
    second.close()


def test_every_control_has_tooltip_and_accessible_name(window) -> None:  # type: ignore[no-untyped-def]
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QAbstractSlider)
    missing = []
    for kind in kinds:
        for widget in window.findChildren(kind):
            if type(widget).__name__ in {"QScrollBar"} or widget.objectName().startswith("qt_"):
                continue
            if widget.window() is not window:
                continue  # inside pyqtgraph's context menus, which are not part of the window
            if not widget.parent() or type(widget.parent()).__name__ in {"QDockWidget", "QTabBar", "QDialogButtonBox"}:
                continue  # Qt's own float/close buttons and tab scrollers
            if not widget.toolTip() or not widget.accessibleName():
                missing.append(
                    f"{type(widget).__name__}:{widget.objectName()}:{widget.text() if hasattr(widget, 'text') else ''}"
                )
    assert not missing, missing
    for action in window.actions():
        assert action.toolTip(), action.text()


def test_fits_small_screen_and_restores_layout(window) -> None:  # type: ignore[no-untyped-def]
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 800
    parameters = window.docks["parameters"]
    parameters.close()
    assert window.isVisible() and not parameters.toggleViewAction().isChecked()
    window.reset_layout_action.trigger()
    assert parameters.toggleViewAction().isChecked() and not parameters.isHidden()


def test_about_dialog_names_versions(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.about_action.trigger()

    dialog = window.findChild(QMessageBox, "aboutDialog")
    assert dialog is not None

    text = dialog.text()
    assert "LeNet GUI" in text and "PyTorch" in text and PySide6.__version__ in text
    dialog.close()


def test_network_views_are_filled(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.parameters_panel.table.rowCount() == 10 or _show(window), timeout=10000)
    panel = window.parameters_panel
    assert "61,706" in panel.total.text()
    assert "Net(" in panel.summary.toPlainText() and "conv1" in panel.summary.toPlainText()
    draw(window.canvas, SEVEN)
    window.docks["filters"].raise_()
    qtbot.waitUntil(lambda: window.filters_panel.conv2_image.image is not None, timeout=PREDICTION_TIMEOUT_MS)
    window.filters_panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.filters_panel.map_images["conv1"].image is not None, timeout=PREDICTION_TIMEOUT_MS)
    tall, wide = (16 * 6 - 1, 6 * 6 - 1), (6 * 6 - 1, 16 * 6 - 1)  # conv2 turns to suit the panel (issue 10.20)
    assert window.filters_panel.conv2_image.image.shape == (tall if window.filters_panel.conv2_by_rows else wide)


def _show(window) -> bool:  # type: ignore[no-untyped-def]
    window.docks["parameters"].raise_()
    return False


def test_fallback_to_random_weights_when_bundled_missing(qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]

    missing = lambda: tmp_path / "missing.pt"  # noqa: E731
    for module in (checkpoint, inference_worker, weights_listing):  # torch's loader, the app's numpy reading, listing
        monkeypatch.setattr(module, "bundled_weights_path", missing)
    win = MainWindow()
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: "random" in win._status_weights.text().lower(), timeout=PREDICTION_TIMEOUT_MS)
    assert "random" in win.statusBar().currentMessage().lower()
    win.close()


def test_redo_and_quit_shortcuts_are_not_ambiguous(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Listing a key twice on one action makes Qt ignore it ("Ambiguous shortcut overload")."""

    win = MainWindow()
    qtbot.addWidget(win)
    for action in (win.redo_action, win.quit_action, win.undo_action):
        keys = [sequence.toString() for sequence in action.shortcuts()]
        assert len(keys) == len(set(keys)), keys
    assert "Ctrl+Y" in [s.toString() for s in win.redo_action.shortcuts()]
    win.shutdown()


@pytest.mark.parametrize("kind", ["training", "fine-tuning"])
def test_closing_during_a_run_waits_for_its_thread(window, qtbot, monkeypatch, kind) -> None:  # type: ignore[no-untyped-def]
    """Qt aborts the program when a QThread is destroyed while it runs ("Destroyed while thread is still running"):
    closing waits for the run to end, however long its current step takes to notice the stop (here 3.5 s, longer
    than the 3 s the window used to wait before giving up)."""

    started = threading.Event()

    def slow_step(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(3.5)  # a set-up step that does not look at the stop flag
        yield from ()

    if kind == "training":
        monkeypatch.setattr(training, "train", slow_step)
        window._start_training(TrainingSettings(epochs=1))
    else:
        monkeypatch.setattr(finetune, "fine_tune", slow_step)
        window._start_fine_tune()
    run = window.runs.run
    assert run is not None
    qtbot.waitUntil(started.is_set, timeout=PREDICTION_TIMEOUT_MS)
    try:
        window.close()
        assert not run.is_running(), "the run's thread has ended before the window is gone"
        assert not window.isVisible()
    finally:
        run.join()  # before the fix: do not let the test run itself abort


def test_a_fine_tune_config_can_be_injected_like_the_data_source(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Tests shrink fine-tuning the way they shrink training data: the window's config is used when the panel asks
    for the defaults (None)."""
    small = FineTuneConfig(steps=3, batch_size=16, folds=2, outliers=10, offline_replay=50)
    used = []
    real = finetune.fine_tune

    def spy(dataset, *, initial_state, mnist, config, control):  # type: ignore[no-untyped-def]
        used.append(config)
        yield from real(dataset, initial_state=initial_state, mnist=mnist, config=config, control=control)

    monkeypatch.setattr(finetune, "fine_tune", spy)
    win = MainWindow(data_source=toy_source(300, 100), fine_tune_config=small)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    run = win.runs.start_fine_tune(None)
    assert run is not None
    qtbot.waitUntil(lambda: not win.fine_tuning, timeout=PREDICTION_TIMEOUT_MS * 4)
    assert used and used[0].steps == small.steps and used[0].folds == small.folds
