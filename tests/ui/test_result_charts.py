"""The training panel's charts say what they show (issue 10.12, 10.15, 10.18, 10.20): the curves' axis in epochs
without an SI prefix, a training-accuracy line that does not restart at every epoch (checked against a hand
computation), mistakes captioned in full with a legend, percent ticks that stop at 100, and the results tabs filled
with the weights in use (evaluated in the background) or a sentence saying what fills them."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabBar
from qt_helpers import PREDICTION_TIMEOUT_MS, paper_point, rate_text, toy_source

from lenet_gui.core.checkpoint import bundled_weights_path, load_bundled
from lenet_gui.core.events import EpochResult, Misclassified, StepProgress
from lenet_gui.core.model import Net
from lenet_gui.core.training import evaluate
from lenet_gui.ui import MainWindow
from lenet_gui.ui.result_charts import TrainAccuracyTrend, percent_ticks
from lenet_gui.ui.training_panel import CURVE_REDRAW_MS, TrainingPanel, keep_parts_whole
from tests.helpers import real_mnist_dir_or_skip

EVALUATION_TIMEOUT_MS = 60_000


def drawn_ticks(axis) -> list[str]:  # type: ignore[no-untyped-def]
    """The tick labels an axis paints now (pyqtgraph's own draw specs)."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]]


def progress(epoch: int, step: int, steps: int, accuracy: float, epochs: int = 3) -> StepProgress:
    return StepProgress(epoch, epochs, step, steps, 0.5, accuracy, 400.0, 10.0, 0.05)


def shown_panel(qtbot) -> TrainingPanel:  # type: ignore[no-untyped-def]
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click_tab(qtbot, panel: TrainingPanel, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = panel.charts.findChild(QTabBar)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert panel.charts.currentIndex() == index


# --- 10.15: curves ------------------------------------------------------------------------------------------------


def test_the_curves_axis_reads_epochs_without_an_si_prefix_during_epoch_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown_panel(qtbot)
    for step in range(10, 150, 10):  # the first 30% of epoch 1 of 3: pyqtgraph wrote "epoch (x0.001)", 0-300
        panel.on_progress(progress(1, step, 469, 0.5))
    panel._redraw_curves()
    for plot in (panel.loss_plot, panel.acc_plot):
        axis = plot.getAxis("bottom")
        assert "epoch" in axis.labelString() and "x0.001" not in axis.labelString()
        assert axis.autoSIPrefixScale == 1.0
        ticks = drawn_ticks(axis)
        assert ticks and all(float(t) <= 3.0 for t in ticks), ticks
        assert "3" in ticks, "the whole run's epochs are on the axis from the first step"


def test_the_train_accuracy_trend_matches_a_hand_computation() -> None:
    trend = TrainAccuracyTrend(span=0.05)
    # epoch 1: 50% right in its first 10 steps, 60% in its first 20, so 70% in steps 11-20
    assert trend.add(1, 10, 1000, 0.5) == pytest.approx(0.5)
    expected = 0.5 + (1 - math.exp(-0.01 / 0.05)) * (0.7 - 0.5)
    assert trend.add(1, 20, 1000, 0.6) == pytest.approx(expected)
    # epoch 2 starts its running accuracy again: its first 10 steps are 90% right, 0.99 epochs later
    after = expected + (1 - math.exp(-0.99 / 0.05)) * (0.9 - expected)
    assert trend.add(2, 10, 1000, 0.9) == pytest.approx(after)


def test_the_train_accuracy_line_carries_on_across_epochs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """core's running accuracy of epoch 1 ends near 86% though recent batches are ~98% right; drawn as it was, the
    line jumped to 98% at epoch 1.0. Now it follows the recent batches: no jump, and in the legend."""
    panel = shown_panel(qtbot)
    steps = 400

    def batch_accuracy(x: float) -> float:
        return 0.98 - 0.88 * math.exp(-x / 0.12)

    for epoch in (1, 2):
        right = 0.0
        for step in range(1, steps + 1):
            right += batch_accuracy(epoch - 1 + step / steps)
            if step % 4 == 0:
                panel.on_progress(progress(epoch, step, steps, right / step, epochs=2))
    panel._redraw_curves()
    xs, ys = panel.train_acc_curve.getData()
    boundary = int(np.searchsorted(xs, 1.0))
    assert abs(ys[boundary + 1] - ys[boundary]) < 1.0, "no jump at epoch 1.0"
    assert ys[boundary] == pytest.approx(100 * batch_accuracy(1.0), abs=1.0), "the line says how recent batches do"
    assert np.max(np.abs(np.diff(ys[len(ys) // 4 :]))) < 1.0
    names = [label.text for _sample, label in panel.acc_plot.legend.items]
    assert "train (moving average)" in names and "test (end of each epoch)" in names


# --- 10.18 and 10.20: mistakes and per digit ----------------------------------------------------------------------


def epoch_result(per_class: np.ndarray) -> EpochResult:
    confusion = np.diag((per_class * 100).astype(np.int64))
    mistakes = (
        Misclassified(np.zeros((28, 28), np.float32), 3, 5, 0.998, 18),
        Misclassified(np.zeros((28, 28), np.float32), 9, 4, 0.61, 7),
    )
    return EpochResult(1, 1, 0.1, 0.97, 0.1, 0.97, per_class, confusion, mistakes, 1.0)


def test_mistakes_are_captioned_in_full_with_a_legend(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown_panel(qtbot)
    panel.on_epoch(epoch_result(np.full(10, 0.97)))
    qtbot.waitUntil(lambda: panel.results_tabs.gallery.count() == 2)
    click_tab(qtbot, panel, 3)
    captions = [panel.results_tabs.gallery.item(i).text() for i in range(2)]
    assert captions == ["true 3 → said 5 (100%)", "true 9 → said 4 (61%)"]
    metrics = panel.results_tabs.gallery.fontMetrics()
    assert all(metrics.horizontalAdvance(c) < panel.results_tabs.gallery.gridSize().width() for c in captions), (
        "not cut"
    )
    assert panel.results_tabs.mistakes_legend.isVisible()
    assert "true digit → what the network said" in panel.results_tabs.mistakes_legend.text()
    assert not panel.results_tabs.mistakes_hint.isVisible()


def test_per_digit_ticks_stop_at_100(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown_panel(qtbot)
    per_class = np.array([0.99, 0.986, 0.984, 0.941, 0.988, 0.991, 0.985, 0.987, 0.983, 0.93])
    panel.on_epoch(epoch_result(per_class))
    click_tab(qtbot, panel, 1)
    ticks = drawn_ticks(panel.results_tabs.per_class.getPlotItem().getAxis("left"))
    assert "100" in ticks and "101" not in ticks and all(float(t) <= 100 for t in ticks), ticks
    assert [label.toPlainText() for label in panel.results_tabs.per_class_text][:2] == ["99.0", "98.6"]
    assert percent_ticks(88.0) == [(float(v), str(v)) for v in range(88, 101, 2)]


# --- 10.12: the results tabs before any training -------------------------------------------------------------------


def test_results_tabs_say_what_fills_them_before_anything_ran(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown_panel(qtbot)
    for index, hint in (
        (1, panel.results_tabs.per_class_hint),
        (2, panel.results_tabs.confusion_hint),
        (3, panel.results_tabs.mistakes_hint),
    ):
        click_tab(qtbot, panel, index)
        assert hint.isVisible() and "after each epoch" in hint.text()
        assert hint.geometry() == hint.parentWidget().rect(), "the hint covers the empty chart"


def make_window(qtbot, source=None) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(data_source=source)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitUntil(lambda: win.training_panel is not None and win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    win.docks["training"].raise_()
    return win


def test_the_weights_in_use_fill_the_results_tabs_once_looked_at(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = make_window(qtbot, toy_source(100, 300))
    panel = win.training_panel
    assert win.weights_results.evaluations == 0, "nothing is computed before a results tab is looked at"
    click_tab(qtbot, panel, 2)
    qtbot.waitUntil(lambda: panel.results_tabs.results_shown, timeout=EVALUATION_TIMEOUT_MS)
    # the same numbers as core's evaluation of the bundled weights on those test digits
    _train, test = toy_source(100, 300)(False)
    model = Net()
    model.load_state_dict(load_bundled().state_dict)
    expected = evaluate(model, test)
    assert np.array_equal(panel.results_tabs.confusion_image.image, np.log1p(expected.confusion.astype(np.float32)))
    heights = panel.results_tabs.per_class_bars.opts["height"]
    assert np.allclose(heights, expected.per_class_accuracy * 100)
    assert panel.results_tabs.results_source.text() == f"Weights in use: {expected.accuracy * 100:.2f}%"
    assert not panel.results_tabs.confusion_hint.isVisible() and not panel.results_tabs.per_class_hint.isVisible()
    assert panel.results_tabs.gallery.count() == min(24, len(expected.misclassified))
    # the same weights again, from another file: remembered, not computed again
    copy = tmp_path / "copy.pt"
    torch.save(torch.load(bundled_weights_path(), weights_only=True), copy)
    with qtbot.waitSignal(win.inference.weightsChanged, timeout=PREDICTION_TIMEOUT_MS):
        win.load_weights_file(str(copy))
    qtbot.wait(50)
    assert win.weights_results.evaluations == 1 and panel.results_tabs.results_shown


def test_without_mnist_the_results_tabs_say_where_to_put_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LENET_GUI_DATA_DIR", str(tmp_path / "no-data"))
    win = make_window(qtbot)
    panel = win.training_panel
    click_tab(qtbot, panel, 1)
    qtbot.waitUntil(lambda: "No MNIST" in panel.results_tabs.per_class_hint.text(), timeout=EVALUATION_TIMEOUT_MS)
    assert (
        panel.results_tabs.per_class_hint.isVisible()
        and str(tmp_path / "no-data") in panel.results_tabs.per_class_hint.text()
    )
    assert not (tmp_path / "no-data").exists(), "looking leaves nothing behind"


def test_the_bundled_weights_score_their_known_accuracy_on_real_mnist(qtbot) -> None:  # type: ignore[no-untyped-def]
    real_mnist_dir_or_skip()
    win = make_window(qtbot)
    panel = win.training_panel
    click_tab(qtbot, panel, 1)
    qtbot.waitUntil(lambda: panel.results_tabs.results_shown, timeout=EVALUATION_TIMEOUT_MS)
    assert panel.results_tabs.results_source.text() == "Weights in use: 99.54%"  # the bundled checkpoint's own record
    assert load_bundled().metadata["test_accuracy"] == pytest.approx(0.9954)


def test_confusion_counts_fit_their_cells_in_a_small_panel(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    panel.resize(650, 800)  # cells of ~17-20 px: room for a 7-9 px count
    panel.show()
    qtbot.waitExposed(panel)
    click_tab(qtbot, panel, 2)
    confusion = np.full((10, 10), 1, np.int64) + np.diag(np.full(10, 1134))
    panel.results_tabs._show_confusion(confusion)
    qtbot.waitUntil(lambda: panel.results_tabs.confusion_text[99].toPlainText() == "1135")
    view_box = panel.results_tabs._confusion_plot.getViewBox()
    cells: list[float] = []

    def settled() -> bool:  # pyqtgraph fits the view's range when it next paints
        cells.append(view_box.mapViewToScene(QPointF(1, 1)).x() - view_box.mapViewToScene(QPointF(0, 0)).x())
        return len(cells) >= 5 and len(set(cells[-5:])) == 1

    qtbot.waitUntil(settled)
    cell = cells[-1]
    assert all(label.isVisible() for label in panel.results_tabs.confusion_text), (
        f"cells of {cell:.1f} px show their counts (font {panel.results_tabs.confusion_labels.pixels} px)"
    )
    widest = max(label.sceneBoundingRect().width() for label in panel.results_tabs.confusion_text)
    assert 0 < widest <= cell, f"a count {widest:.0f} px wide in a {cell:.0f} px cell"
    panel.resize(650, 400)  # cells too small for a count: none shown rather than spilling over
    qtbot.waitUntil(lambda: not panel.results_tabs.confusion_text[0].isVisible())


def _points(curve) -> int:  # type: ignore[no-untyped-def]
    return 0 if curve.xData is None else len(curve.xData)


def test_the_curves_wait_while_a_stroke_is_drawn_and_catch_up_after(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: a curves redraw takes the GUI thread ~10 ms; during a stroke each mouse move's prediction waited
    behind it. The curves hold while the pen is down and show every step once it is lifted."""
    panel, canvas = window.training_panel, window.canvas
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 70, 55))
    QTest.mouseMove(canvas, paper_point(canvas, 150, 60))
    for step in range(1, 6):
        panel.on_progress(progress(1, step, 469, 0.5))
    qtbot.wait(3 * CURVE_REDRAW_MS)  # a redraw was due twice over
    assert _points(panel.loss_curve) == 0 and panel._curve_timer.isActive()  # held, not dropped
    bar = panel.run_controls.progress
    assert bar.value() == 0, "the progress bar waits too (its setValue paints the whole window at once)"
    assert "step 5/469" in rate_text(panel), "the text line follows (a label paints later, as usual)"
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, 150, 60))
    qtbot.waitUntil(lambda: _points(panel.loss_curve) == 5 and _points(panel.train_acc_curve) == 5)
    assert bar.value() > 0 and bar.format().startswith("Epoch 1/"), "and catches up with the curves"


def test_progress_changes_the_rate_line_without_moving_the_curves(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The rate line changes on every progress event; a plain word-wrapped label asked for another line now and
    then, the panel was laid out again and the curves, resized, repainted in full (17 ms of the GUI thread, while a
    stroke's prediction waited; issue 10). Its height now depends on its width alone."""
    panel = shown_panel(qtbot)
    panel.set_running(True)
    panel.show_device("Training on the CPU (2 threads)")
    panel.on_progress(progress(1, 1, 469, 0.5))
    qtbot.wait(50)
    curves = panel.curves.geometry()
    heights = set()
    for step, speed in ((2, 5.0), (3, 99_999.0), (4, 12_345.0), (5, 7.0)):
        event = StepProgress(1, 3, step, 469, 0.123456, 0.5, speed, 3599.0 / step, 0.000123)
        panel.on_progress(event)
        qtbot.wait(20)
        heights.add(panel.rate.height())
        assert f"{speed:,.0f} images/s" in rate_text(panel)
    assert len(heights) == 1 and panel.curves.geometry() == curves
    assert panel.rate.height() >= panel.rate.heightForWidth(panel.rate.width()) - 1, "no line is cut"


def test_the_curves_stay_in_view_and_their_views_move_seldom(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Auto-range moved both views on every redraw, and each move repainted all four axes (20-60 ms of the GUI
    thread, four times a second, while training; issue 10): the views now move only when the data leaves them."""
    panel = shown_panel(qtbot)
    moves: list[object] = []
    for plot in (panel.loss_plot, panel.acc_plot):
        plot.vb.sigRangeChanged.connect(lambda *changed: moves.append(changed))
    redraws = 0
    for step in range(5, 469 * 3, 15):
        epoch, within = divmod(step, 469)
        loss = 2.3 * math.exp(-step / 150) + 0.05
        accuracy = 1.0 - 0.9 * math.exp(-step / 120)
        panel.on_progress(StepProgress(epoch + 1, 3, within + 1, 469, loss, accuracy, 400.0, 10.0, 0.05))
        panel._redraw_curves()
        redraws += 1
    assert redraws > 80 and len(moves) <= 8, f"{len(moves)} view moves in {redraws} redraws"
    for plot, ys in ((panel.loss_plot, panel._loss_y), (panel.acc_plot, panel._train_acc_y)):
        (x0, x1), (y0, y1) = plot.vb.viewRange()
        assert x0 <= 0 and x1 >= 3 and y0 <= min(ys) and y1 >= max(ys), "every point is in view"


def test_the_rate_line_breaks_between_its_parts_only() -> None:
    """At 900 px the line broke between "lr" and its value; it may break only at its " · " separators."""
    status = keep_parts_whole("step 5/469 · 12,345 images/s · ETA 0:05 · loss 0.538 · lr 0.0643")
    assert status.split(" · ") == [
        "step\u00a05/469",
        "12,345\u00a0images/s",
        "ETA\u00a00:05",
        "loss\u00a00.538",
        "lr\u00a00.0643",
    ]
    assert keep_parts_whole("스텝 5/469 · 학습률 0.05").split(" · ") == ["스텝\u00a05/469", "학습률\u00a00.05"]
