"""The time machine (issue 13): after a run, the slider shows the network as it was at any moment (prediction,
filters, per-digit results), Now goes back in one click, Play advances, "Use these weights" offers the moment for
Keep or Discard, and a run saved with its moments opens again; a damaged run file says so and changes nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QPushButton
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, draw, toy_source
from test_personal_panel import add_examples, fast_config, fine_tune
from test_training_step_view import STEP_TIMEOUT_MS, _ready

from lenet_gui.ui import MainWindow
from lenet_gui.ui.workers.runs import TRAINING

RUN_TIMEOUT_MS = 120_000


@pytest.fixture()
def trained(qtbot):  # type: ignore[no-untyped-def]
    """A window after a 3-epoch run on toy digits, a seven drawn, the run's weights offered (not kept)."""
    win = MainWindow(data_source=toy_source(600, 200))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.training_panel.train_button.isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    draw(win.canvas, SEVEN)
    panel = win.training_panel
    panel.epochs.setValue(3)
    qtbot.mouseClick(win.findChild(QPushButton, "trainButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.time_machine.scrubbable, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.finished_bar.isVisible(), timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(win.inference.predicted, timeout=PREDICTION_TIMEOUT_MS):
        win.inference.request(win.canvas.to_array())  # answered after the run's last weights are in place
    qtbot.waitUntil(lambda: win.prediction_panel.current is not None, timeout=PREDICTION_TIMEOUT_MS)
    return win


def _probabilities(win) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array(win.prediction_panel.current.probabilities)


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> bool:
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def test_scrubbing_to_the_first_moment_and_back_to_now_changes_the_views_not_the_weights(qtbot, trained) -> None:  # type: ignore[no-untyped-def]
    win, bar, machine = trained, trained.time_machine_bar, trained.time_machine
    history = machine.history
    assert history is not None and len(history) >= 3, "each epoch end is a moment"
    offered = {k: v.copy() for k, v in win.runs.pending_weights(TRAINING).items()}
    committed = win.runs.committed_state()
    now = _probabilities(win)
    assert bar.slider.value() == len(history), "the far right is now"

    views: list = []  # what the filter and parameter panels are sent
    win.inference.weightsChanged.connect(views.append)
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)  # the first moment
    assert machine.index == 0
    qtbot.waitUntil(lambda: any("time machine" in view.step for view in views), timeout=PREDICTION_TIMEOUT_MS)
    assert win.filters_panel._weights.step.startswith("time machine: epoch 1")
    qtbot.waitUntil(lambda: not np.allclose(_probabilities(win), now), timeout=PREDICTION_TIMEOUT_MS)
    assert bar._cursors[0].isVisible() and bar._cursors[0].value() == pytest.approx(history.moments[0].position)
    assert "epoch 1" in bar.label.text()
    first_end = next(i for i, moment in enumerate(history.moments) if moment.mark is not None)
    if first_end > 0:  # a moment before the first epoch ended: no test results yet, and the tabs say so
        assert (
            win.training_panel.results_tabs.per_class_hint.isVisible()
            or not win.training_panel.results_tabs.results_shown
        )
        for _ in range(first_end):
            QTest.keyClick(bar.slider, Qt.Key.Key_Right)
    assert machine.index == first_end
    assert win.training_panel.results_tabs.results_source.text().startswith("Time machine, epoch 1"), (
        "that epoch's results"
    )
    assert "end of epoch 1" in bar.label.text()
    assert _same(win.runs.pending_weights(TRAINING), offered), "scrubbing never changes the weights in use"
    assert _same(win.tutorial.network_view._weights, history.moments[first_end].state), "explained at the moment"
    assert _same(win.runs.committed_state(), committed)
    qtbot.waitUntil(bar.strip.isVisible, timeout=30_000)  # each digit's accuracy at every moment
    assert bar.strip_image.image.shape == (10, len(history)), "a row per digit, a column per moment"

    qtbot.mouseClick(bar.now_button, Qt.MouseButton.LeftButton)
    assert machine.index is None and bar.slider.value() == len(history)
    assert not bar._cursors[0].isVisible()
    qtbot.waitUntil(lambda: np.allclose(_probabilities(win), now), timeout=PREDICTION_TIMEOUT_MS)
    assert _same(win.runs.pending_weights(TRAINING), offered)
    assert _same(win.tutorial.network_view._weights, offered)
    assert win.training_panel.finished_bar.isVisible(), "the run's Keep/Discard offer is still there"


def test_play_advances_through_the_run_and_stops_at_its_end(qtbot, trained) -> None:  # type: ignore[no-untyped-def]
    bar, machine = trained.time_machine_bar, trained.time_machine
    seen: list[int | None] = []
    machine.shown.connect(lambda shown: seen.append(shown.index))
    qtbot.mouseClick(bar.play_button, Qt.MouseButton.LeftButton)
    assert bar.playing and bar.play_button.text() == "Pause"
    qtbot.waitUntil(lambda: not bar.playing, timeout=30_000)
    assert seen == list(range(len(machine.history))), "from the start, one moment at a time, to the last"
    assert bar.play_button.text() == "Play"


def test_use_these_weights_offers_the_moment_for_keep_or_discard(qtbot, trained) -> None:  # type: ignore[no-untyped-def]
    win, bar, machine = trained, trained.time_machine_bar, trained.time_machine
    assert not bar.use_button.isEnabled(), "nothing to use at now"
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    first = machine.history.moments[0]
    assert bar.use_button.isEnabled()
    qtbot.mouseClick(bar.use_button, Qt.MouseButton.LeftButton)
    panel = win.training_panel
    assert panel.finished_bar.isVisible()
    assert f"epoch {first.epoch}, step {first.step} of the run" in panel.finished_label.text()
    assert _same(win.runs.pending_weights(TRAINING), first.state)
    assert machine.index is None and bar.slider.value() == len(machine.history)
    with qtbot.waitSignal(win.inference.weightsSaved, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.runs.committed_state() is not None, timeout=PREDICTION_TIMEOUT_MS)
    assert _same(win.runs.committed_state(), first.state), "kept: the moment's weights are in use"


def test_a_saved_run_opens_again_and_a_damaged_one_says_why(qtbot, trained, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, bar, machine = trained, trained.time_machine_bar, trained.time_machine
    before = machine.history
    path = tmp_path / "mine.lenetrun"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(win.run_files.saved, timeout=30_000):
        qtbot.mouseClick(bar.save_button, Qt.MouseButton.LeftButton)
    assert path.is_file() and path.stat().st_size < (len(before) + 2) * 260_000

    now = _probabilities(win)
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)  # a moment of this run is on screen when another run is opened
    qtbot.waitUntil(lambda: not np.allclose(_probabilities(win), now), timeout=PREDICTION_TIMEOUT_MS)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    with qtbot.waitSignal(win.run_files.opened, timeout=30_000):
        qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)
    assert machine.index is None
    qtbot.waitUntil(lambda: np.allclose(_probabilities(win), now), timeout=PREDICTION_TIMEOUT_MS)  # weights in use
    opened = machine.history
    assert opened is not before and len(opened) == len(before)
    assert all(_same(a.state, b.state) for a, b in zip(before.moments, opened.moments, strict=True))
    assert "mine.lenetrun" in bar.label.text()
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    assert machine.index == 0 and bar._cursors[0].isVisible()
    assert "mine.lenetrun" in bar.label.toolTip(), "which file the moments come from"

    damaged = tmp_path / "damaged.lenetrun"
    damaged.write_bytes(path.read_bytes()[:5000])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(damaged), ""))
    qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.error_dialog is not None, timeout=30_000)
    dialog = win.error_dialog
    assert dialog.windowTitle() == "The run could not be opened"
    assert dialog.text().startswith("damaged.lenetrun is a damaged"), dialog.text()
    assert dialog.detailedText(), "the library's words go under Details"
    assert machine.history is opened, "the run open before stays"
    dialog.close()
    assert Path(path).is_file()


def test_no_scrubbing_over_training_steps_not_yet_kept(qtbot, trained) -> None:  # type: ignore[no-untyped-def]
    """The Training step view's unkept steps are what predictions use: the time machine waits for Keep or Discard."""
    win, bar, machine = trained, trained.time_machine_bar, trained.time_machine
    qtbot.mouseClick(win.training_panel.discard_button, Qt.MouseButton.LeftButton)  # the run's offer decided first
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    assert machine.index == 0
    win.runs.set_steps_unkept(True)  # what the Training step view says after a step
    assert machine.index is None and not bar.slider.isEnabled() and not bar.play_button.isEnabled()
    win.runs.set_steps_unkept(False)
    assert bar.slider.isEnabled()


def test_a_fine_tuning_run_is_recorded_too(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    add_examples(2)
    committed = window.inference.committed_state()
    fine_tune(window, qtbot, fast_config(snapshot_seconds=0.05))
    machine, bar = window.time_machine, window.time_machine_bar
    qtbot.waitUntil(lambda: machine.scrubbable, timeout=RUN_TIMEOUT_MS)
    assert machine.history.kind == "fine-tuning" and len(machine.history) >= 2
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    assert machine.index == 0 and bar.label.text().startswith("Fine-tuning")
    assert not bar._cursors[0].isVisible(), "the training curves are not this run's"
    assert _same(window.runs.committed_state(), committed)


def test_training_steps_are_moments_once_kept_or_discarded(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = _ready(window, qtbot)
    committed = window.inference.committed_state()
    machine, bar = window.time_machine, window.time_machine_bar
    for taken in (1, 2, 3):
        qtbot.mouseClick(view.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda taken=taken: view.steps_taken == taken and not view.service.busy, timeout=STEP_TIMEOUT_MS
        )
    assert machine.history.kind == "steps" and not bar.slider.isEnabled(), "not over steps still to keep or discard"
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.steps_taken == 2 and not view.service.busy, timeout=STEP_TIMEOUT_MS)
    qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    assert machine.scrubbable and [m.step for m in machine.history.moments] == [0, 1, 2]
    assert _same(machine.history.moments[0].state, committed), "the session starts from the weights it stepped"
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_End)
    QTest.keyClick(bar.slider, Qt.Key.Key_Left)
    assert machine.index == 2 and bar.label.text().startswith("Training steps: step 2")
    assert _same(window.runs.committed_state(), committed), "discarded steps stay discarded"


def test_compare_opens_the_moment_beside_the_weights_in_use(qtbot, trained) -> None:  # type: ignore[no-untyped-def]
    """Issue 13, side by side with a time-machine moment: Compare… hands the moment shown to the Compare window."""
    win, bar, machine = trained, trained.time_machine_bar, trained.time_machine
    assert not bar.compare_button.isEnabled(), "at now there is no moment to compare"
    bar.slider.setFocus()
    QTest.keyClick(bar.slider, Qt.Key.Key_Home)
    first = machine.history.moments[0]
    assert bar.compare_button.isEnabled()
    qtbot.mouseClick(bar.compare_button, Qt.MouseButton.LeftButton)
    dialog = win.side_by_side.dialog
    assert dialog is not None and dialog.isVisible()
    b = dialog.sides[1]
    label = f"Moment: epoch {first.epoch}, step {first.step}"
    qtbot.waitUntil(lambda: b.info is not None and b.info.source.label == label, timeout=20_000)
    assert b.chooser.currentText() == label
    assert machine.index == 0, "comparing leaves the moment shown as it was"
    dialog.close()
