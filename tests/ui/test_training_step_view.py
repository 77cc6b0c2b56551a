"""The Training step view with real events: draw, choose a label, walk the phases, take steps, undo, keep/discard."""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw

from lenet_gui.ui.workers import lazy_imports

STEP_TIMEOUT_MS = 30_000


def _ready(window, qtbot):  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    view = window.findChild(QWidget, "trainingStepView")
    window.tutorial.docks["step"].raise_()
    draw(window.canvas, SEVEN)
    panel = window.prediction_panel
    qtbot.waitUntil(
        lambda: panel.shown_request == window.inference.last_request_id and panel.current is not None,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: view.next_button.isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    return view


def _probability(window, digit: int) -> float:  # type: ignore[no-untyped-def]
    current = window.prediction_panel.current
    return -1.0 if current is None else float(current.probabilities[digit])


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _choose_label(qtbot, view, digit: int) -> None:  # type: ignore[no-untyped-def]
    """Typing the digit into the (closed) list, as a keyboard user would."""
    view.label_choice.setFocus()
    qtbot.keyClicks(view.label_choice, str(digit))
    assert view.label == digit


def test_walk_the_phases_with_next(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)
    predicted = window.prediction_panel.current.digit
    assert view.label == predicted and str(predicted) in view.label_note.text()  # the default, said in the view
    assert view.loss_name == "cross-entropy" and view.rate.value() == 0.01
    _choose_label(qtbot, view, 3)
    assert "You chose 3" in view.label_note.text()
    expected = {
        "zero_grad": ("net.zero_grad()", "six zeros"),
        "forward": ("net(inputs)", "ten outputs"),
        "loss": ("criterion(output", "NllLossBackward0"),
        "backward": ("loss.backward()", "conv1.bias.grad after backward"),
        "update": ("weight.copy_(", "before and after this step"),
    }
    for index, (phase, (code, said)) in enumerate(expected.items()):
        assert view.next_button.text().endswith(phase)
        _click(qtbot, view.next_button)
        qtbot.waitUntil(
            lambda i=index: view.next_phase == (i + 1) % 5 and not view.service.busy, timeout=STEP_TIMEOUT_MS
        )
        assert phase in view.code.caption.text()
        highlighted = [view.code.editor.document().findBlockByNumber(s.cursor.blockNumber()).text()
                       for s in view.code.editor.extraSelections()]  # fmt: skip
        assert any(code in line for line in highlighted), highlighted
        assert said in view.result.toPlainText()
        if phase == "loss":
            assert "ConvolutionBackward0" in view.result.toPlainText()
        if phase == "backward":
            assert view.heatmaps.count == 6 + 16  # every filter's gradient
    assert view.steps_taken == 1 and len(view.history) == 2
    assert view.heatmaps.count == 18  # conv1 before, after, change


def test_ten_steps_raise_the_label_then_undo_and_discard(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)
    committed = window.inference.committed_state()
    _choose_label(qtbot, view, 3)
    _click(qtbot, view.many_button)
    qtbot.waitUntil(lambda: view.steps_taken == 10 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    label = [float(p[3]) for p in view.history]
    assert len(label) == 11 and label[-1] > label[0] and all(b >= a for a, b in itertools.pairwise(label))
    assert 3 in view.chart.shown_digits()
    # predictions follow the stepped weights until keep or discard
    qtbot.waitUntil(lambda: _probability(window, 3) > 2 * label[0], timeout=STEP_TIMEOUT_MS)
    _click(qtbot, view.undo_button)
    qtbot.waitUntil(lambda: view.steps_taken == 9 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    assert len(view.history) == 10
    _click(qtbot, view.discard_button)
    assert view.steps_taken == 0 and not view.keep_button.isEnabled()
    qtbot.waitUntil(lambda: abs(_probability(window, 3) - label[0]) < 1e-4, timeout=STEP_TIMEOUT_MS)
    for name, value in window.inference.committed_state().items():
        np.testing.assert_array_equal(value, committed[name])


def test_mse_is_explained_and_a_kept_step_becomes_the_apps_weights(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)
    view.loss_choice.setCurrentIndex(view.loss_choice.findData("mse"))
    assert "MSE" in view.loss_note.text() and "lower" in view.loss_note.text()
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    stepped = view._state
    _click(qtbot, view.keep_button)
    qtbot.waitUntil(
        lambda: np.array_equal(window.inference.committed_state()["fc3.bias"], stepped["fc3.bias"]),
        timeout=STEP_TIMEOUT_MS,
    )
    assert view.steps_taken == 0 and "Kept" in view.status.text()


def test_with_mnist_companions_or_a_sentence_when_there_are_none(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)  # the window's data are 600 small stand-in digits
    view.mnist_check.setChecked(True)
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    assert "63 MNIST digits" in view.mnist_note.text()


def test_a_training_run_holds_the_steps_until_its_weights_are_kept_or_discarded(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)
    panel = window.training_panel
    panel.epochs.setValue(1)
    qtbot.mouseClick(panel.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.next_button.isEnabled(), timeout=10_000)
    assert "run" in view.next_button.toolTip() and "run" in view.status.text()
    network = window.tutorial.network_view
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible(), timeout=120_000)
    assert "Keep or discard" in view.status.text() and not view.step_button.isEnabled()
    offered = window.runs.pending_weights("training")
    assert offered is not None and np.array_equal(network._weights["fc3.bias"], offered["fc3.bias"])
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.next_button.isEnabled(), timeout=10_000)
    committed = window.inference.committed_state()
    assert np.array_equal(network._weights["fc3.bias"], committed["fc3.bias"])


def test_unkept_steps_hold_training_until_they_are_kept_or_discarded(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 11: a step's weights are new weights like a run's: the Train button waits for Keep or Discard."""
    view = _ready(window, qtbot)
    train = window.training_panel.train_button
    assert train.isEnabled()
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not train.isEnabled(), timeout=STEP_TIMEOUT_MS)
    assert "stepped weights" in train.toolTip()
    assert not window.load_weights_action.isEnabled()
    _click(qtbot, view.discard_button)
    qtbot.waitUntil(train.isEnabled, timeout=STEP_TIMEOUT_MS)
    assert window.load_weights_action.isEnabled()


def test_the_first_step_says_pytorch_loads_while_it_does(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The idle window has no torch (issue 10): the first step imports it, and the view says so meanwhile."""
    view = _ready(window, qtbot)
    assert view.service._session.stepper is None  # nothing made (no torch) until a step is asked for
    monkeypatch.setattr(lazy_imports, "torch_imported", lambda: False)  # as in a window that never needed torch
    shown: list[str] = []
    set_text = view.status.setText
    monkeypatch.setattr(view.status, "setText", lambda text: (shown.append(text), set_text(text)))
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    loading = [text for text in shown if "Loading PyTorch" in text]
    assert loading and shown.index(loading[0]) < len(shown) - 1  # said while stepping, then replaced by the result
    assert "1 steps taken" in view.status.text()


def test_steps_update_the_heatmaps_in_place(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each step showed its heatmaps in widgets built anew, which resized the dock and the docks beside it (70 ms of
    the GUI thread a step; issue 10). The same rows are now updated in place, with the new step's pictures."""
    view = _ready(window, qtbot)
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 1 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    before = view.heatmaps.findChildren(QLabel)
    pictures = [label.pixmap().toImage() for label in before if not label.pixmap().isNull()]
    _click(qtbot, view.step_button)
    qtbot.waitUntil(lambda: view.steps_taken == 2 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    after = view.heatmaps.findChildren(QLabel)
    assert after == before and view.heatmaps.count == 18, "the same widgets, not new ones"
    assert [label.pixmap().toImage() for label in after if not label.pixmap().isNull()] != pictures
