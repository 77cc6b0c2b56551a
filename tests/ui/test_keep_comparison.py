"""Keep or Discard with something to compare (issue 10.8): the weights in use beside the new ones, on MNIST and on
your digits; a plain sentence when the new ones are worse or were never tested; measured off the GUI thread; the
bundled weights' accuracy read from their metadata; proper plurals."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw, toy_source

from lenet_gui.ui import MainWindow, run_coordinator
from lenet_gui.ui.run_controls import KeepBar, epochs_text
from lenet_gui.ui.workers.evaluation import Comparison
from tests.helpers import real_mnist_dir_or_skip

RUN_TIMEOUT_MS = 120_000


def make_window(qtbot, source):  # type: ignore[no-untyped-def]
    win = MainWindow(data_source=source)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.training_panel.train_button.isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    return win


def measured_off_the_gui_thread(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    threads: list[str] = []
    real = run_coordinator.measure

    def measure(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(run_coordinator, "measure", measure)
    return threads


def test_a_finished_run_is_offered_beside_the_weights_in_use_on_mnist_and_your_digits(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    threads = measured_off_the_gui_thread(monkeypatch)
    win = make_window(qtbot, toy_source(1000, 200))
    draw(win.canvas, SEVEN)
    qtbot.waitUntil(lambda: win.prediction_panel.current is not None, timeout=PREDICTION_TIMEOUT_MS)
    win.canvas.setFocus()
    with qtbot.waitSignal(win.exampleSaved, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(win.canvas, Qt.Key.Key_7)
    panel = win.training_panel
    panel.epochs.setValue(1)
    qtbot.mouseClick(win.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible(), timeout=RUN_TIMEOUT_MS)
    assert panel.finished_label.text().startswith("Finished 1 epoch in "), panel.finished_label.text()
    bar = panel.finished_bar
    qtbot.waitUntil(lambda: bar.comparison.isVisible() and "checking" not in bar.comparison.text(), timeout=30_000)
    text = bar.comparison.text()
    assert "MNIST test digits: " in text and " in use → <b>" in text and " points)" in text, text
    assert "Your digits (1): " in text, "your saved example is measured too"
    assert threads and threading.main_thread().name not in threads
    with qtbot.waitSignal(win.inference.weightsSaved, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "1 epoch" in win.weights_status.label.toolTip(), timeout=10_000)
    assert "1 epochs" not in win.weights_status.label.toolTip(), "the kept weights' description has a singular"


def test_stopped_mid_epoch_says_where_and_tests_the_new_weights_against_the_bundled_ones(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first user's case: stopped 20% into an epoch, "Stopped after 0 epoch(s)… Keep?" with nothing measured."""
    bundled_weights_or_skip()
    real_mnist_dir_or_skip()
    threads = measured_off_the_gui_thread(monkeypatch)
    win = make_window(qtbot, None)  # the real MNIST: the weights in use say their own accuracy (99.54%)
    panel = win.training_panel
    panel.epochs.setValue(3)
    qtbot.mouseClick(win.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress_events >= 2, timeout=RUN_TIMEOUT_MS)
    comparisons: list[Comparison] = []
    win.runs.comparisonChanged.connect(lambda kind, comparison: comparisons.append(comparison))
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible(), timeout=RUN_TIMEOUT_MS)
    label = panel.finished_label.text()
    assert label.startswith("Stopped ") and "% into epoch 1 of 3, after " in label, label
    assert "epoch(s)" not in label
    first = comparisons[0]
    assert first.current_mnist == 0.9954 and first.new_mnist is None and first.checking, "known from the metadata"
    bar = panel.finished_bar
    assert "stopped before it tested the new weights: checking them now" in bar.verdict.text()
    qtbot.waitUntil(lambda: len(comparisons) == 2, timeout=60_000)
    final = comparisons[1]
    assert final.new_mnist is not None and 0.0 <= final.new_mnist <= 1.0 and final.current_mnist == 0.9954
    assert "99.54% in use" in bar.comparison.text()
    assert "checking" not in bar.verdict.text()
    if final.new_mnist < 0.9954 - 0.0005:
        assert "worse on MNIST" in bar.verdict.text()
    assert threads and threading.main_thread().name not in threads


def test_the_keep_bar_says_plainly_when_the_new_weights_are_worse(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = KeepBar(None)  # type: ignore[arg-type]
    qtbot.addWidget(bar)
    bar.offer({}, {}, "Stopped 20% into epoch 1 of 3, after 9 s. Keep the new weights?")
    bar.show_comparison(
        Comparison(current_mnist=0.9954, new_mnist=0.69, current_personal=0.9, new_personal=0.5, personal_count=12)
    )
    assert "99.54% in use → <b>69.00%</b> new (-30.54 points)" in bar.comparison.text()
    assert "Your digits (12): 90.00% in use → <b>50.00%</b> new" in bar.comparison.text()
    assert "worse than the ones in use, on MNIST and on your digits" in bar.verdict.text()
    bar.show_comparison(Comparison(current_mnist=0.98, new_mnist=0.99))
    assert not bar.verdict.isVisibleTo(bar), "better: nothing to warn about"
    bar.show_comparison(Comparison(current_mnist=0.98, new_mnist=float("nan"), new_tested_by_run=False))
    assert "could not be tested: MNIST is not on this computer" in bar.verdict.text()


def test_epochs_have_proper_plurals() -> None:
    assert epochs_text(1) == "1 epoch"
    assert epochs_text(3) == "3 epochs"
    assert epochs_text(0) == "0 epochs"
