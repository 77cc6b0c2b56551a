"""View ▸ Compare two networks (issue 13, "Side by side"), driven with real events: the bundled network against a
random one fills the disagreement gallery and shows two different probability sets for one drawing; a gallery tile
opens on the canvas; another weights file can be chosen; a bad one gets a sentence with Details, and the side keeps
its weights; a time-machine snapshot can be handed over; closing the window stops its work."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, draw, mnist_source

from lenet_gui.core import comparison
from lenet_gui.core.checkpoint import save_checkpoint
from lenet_gui.ui.compare_window import CompareWindow

SCAN_TIMEOUT_MS = 60_000


def _open(window, qtbot) -> CompareWindow:  # type: ignore[no-untyped-def]
    """View ▸ Compare two networks…, as a person chooses it: the menu's action, found by its text."""
    view_actions = [a for a in window.view_menu.actions() if a.text().startswith("&Compare")]
    assert view_actions, "the View menu offers the comparison"
    action: QAction = view_actions[0]
    action.trigger()
    dialog = window.side_by_side.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _other_file_with_keys(chooser) -> None:  # type: ignore[no-untyped-def]
    """ "Other file…", the chooser's last entry, chosen from the keyboard as a person may (End on the closed box)."""
    chooser.setFocus()
    QTest.keyClick(chooser, Qt.Key.Key_End)


def test_bundled_against_random_fills_the_gallery_and_shows_two_answers(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    a, b = dialog.sides
    assert a.chooser.key == "in-use" and b.chooser.key == "random"  # the bundled weights are in use
    with qtbot.waitSignal(dialog.gallery.listed, timeout=SCAN_TIMEOUT_MS):
        draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: a.prediction is not None and b.prediction is not None, timeout=PREDICTION_TIMEOUT_MS)
    assert not np.allclose(a.prediction.probabilities, b.prediction.probabilities, atol=1e-3)
    assert a.bars.accessibleDescription() != b.bars.accessibleDescription()
    assert a.answer.text().startswith("Says 7")  # the bundled network reads the drawing as the main window does
    assert dialog.gallery.gallery.count() > 0
    assert "%" in a.accuracy.text() and "200" in a.accuracy.text()  # the test digits the window's runs use
    # The gallery is what a plain forward of both networks disagrees on.
    test_set = window.runs.data_source(False)[1]
    bundled = comparison.model_of(comparison.bundled_state())
    random = comparison.model_of(comparison.random_state())
    batch = (test_set.images.float() / 255.0 - 0.1307) / 0.3081
    batch = torch.nn.functional.pad(batch, (2, 2, 2, 2), value=-0.1307 / 0.3081).unsqueeze(1)
    with torch.no_grad():
        differ = set(torch.nonzero(bundled(batch).argmax(1) != random(batch).argmax(1)).flatten().tolist())
    assert {d.index for d in dialog.gallery.disagreements} == differ
    assert f"They read {len(differ)} of the test digits differently." in dialog.gallery.message.text()

    # Drawing again: both sides follow the canvas.
    before = a.prediction
    window.canvas.clear()
    qtbot.waitUntil(lambda: a.prediction is None and b.prediction is None, timeout=PREDICTION_TIMEOUT_MS)
    assert before is not None and a.answer.text() == "Draw a digit on the canvas."


def test_a_tile_opens_its_digit_on_the_canvas(qtbot) -> None:  # type: ignore[no-untyped-def]
    """On real MNIST test digits (the toy ones are too strange for the bundled network to be sure of any)."""
    from lenet_gui.ui import MainWindow  # noqa: PLC0415 (a window of its own, on real MNIST)

    window = MainWindow(data_source=mnist_source(train=100, test=500))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._model is not None, timeout=PREDICTION_TIMEOUT_MS)
    dialog = _open(window, qtbot)
    qtbot.waitUntil(lambda: dialog.gallery.gallery.count() > 0, timeout=SCAN_TIMEOUT_MS)
    gallery = dialog.gallery.gallery
    # A tile that A (the bundled weights) reads surely: opened on the canvas the digit goes through the canvas's
    # preprocessing, which can move an unsure answer (and the random B's, all near 10%, may move too).
    row = next(i for i, d in enumerate(dialog.gallery.disagreements) if d.probability_a >= 0.9)
    item = gallery.item(row)
    digit = dialog.gallery.disagreements[row]
    gallery.scrollToItem(item)
    QTest.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=gallery.visualItemRect(item).center())
    # The digit is the drawing now: its ink where the digit's is (the canvas shows it dark on light, 10× larger).
    qtbot.waitUntil(lambda: window.canvas.to_array().min() < 128, timeout=5000)
    canvas = window.canvas.to_array().astype(np.float32)
    small = canvas.reshape(28, canvas.shape[0] // 28, 28, canvas.shape[1] // 28).mean(axis=(1, 3))
    ink = 1.0 - small / 255.0
    expected = digit.pixels.astype(np.float32) / 255.0
    assert np.corrcoef(ink.ravel(), expected.ravel())[0, 1] > 0.9
    # … and both networks answer it as the tile said.
    qtbot.waitUntil(
        lambda: dialog.sides[0].prediction is not None and dialog.sides[0].prediction.digit == digit.said_a,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    assert dialog.sides[1].prediction is not None  # B answered the same drawing (its answer is a coin toss)


def test_any_weights_file_can_be_compared_and_a_bad_one_is_explained(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open(window, qtbot)
    b = dialog.sides[1]
    qtbot.waitUntil(lambda: b.info is not None, timeout=PREDICTION_TIMEOUT_MS)
    good = tmp_path / "other.pt"
    save_checkpoint(good, {k: torch.from_numpy(v) for k, v in comparison.random_state(7).items()})
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(good), ""))
    _other_file_with_keys(b.chooser)
    qtbot.waitUntil(lambda: b.info.source.path == str(good), timeout=PREDICTION_TIMEOUT_MS)
    assert b.chooser.currentText() == "other.pt"
    np.testing.assert_array_equal(b.info.weights.conv1, comparison.random_state(7)["conv1.weight"][:, 0])

    bad = tmp_path / "notes.pt"
    bad.write_text("these are not weights")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(bad), ""))
    _other_file_with_keys(b.chooser)
    qtbot.waitUntil(lambda: dialog.error_dialog is not None, timeout=PREDICTION_TIMEOUT_MS)
    error = dialog.error_dialog
    assert error.text().strip().endswith(".") and "Traceback" not in error.text()  # one sentence for a person
    assert error.detailedText().strip(), "the technical reason is under Details"
    assert b.info.source.path == str(good) and b.chooser.currentText() == "other.pt"  # nothing lost
    error.close()


def test_a_snapshot_can_be_handed_over_and_closing_stops_the_work(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    state = comparison.random_state(3)
    dialog = window.side_by_side.compare_snapshot(state, "Step 40 of the last run")
    b = dialog.sides[1]
    qtbot.waitUntil(lambda: b.info is not None and b.info.source.label == "Step 40 of the last run", timeout=20_000)
    assert b.chooser.currentText() == "Step 40 of the last run"
    assert dialog.sides[0].chooser.findText("Step 40 of the last run") >= 0  # offered on A too
    service = dialog.service
    dialog.close()
    assert window.side_by_side.dialog is None
    assert service._states == [None, None]  # nothing of the comparison is kept
    qtbot.waitUntil(lambda: not service.scanning, timeout=20_000)


def test_both_networks_filters_and_maps_show_side_by_side(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    a, b = dialog.sides
    qtbot.waitUntil(lambda: a.info is not None and b.info is not None, timeout=PREDICTION_TIMEOUT_MS)
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: a.prediction is not None and b.prediction is not None, timeout=PREDICTION_TIMEOUT_MS)
    bar = dialog.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.tabs.currentIndex() == 1
    panels = [a.filters, b.filters]
    assert all(panel is not None and panel.isVisible() for panel in panels)
    for panel in panels:
        panel.render_now()
    conv1 = [panel.conv1_image.image for panel in panels]
    assert conv1[0] is not None and conv1[1] is not None and not np.allclose(conv1[0], conv1[1])
    inner = a.filters.tabs.tabBar()  # Feature maps, on A: B turns to its maps too
    QTest.mouseClick(inner, Qt.MouseButton.LeftButton, pos=inner.tabRect(1).center())
    assert b.filters.tabs.currentIndex() == 1
    for panel in panels:
        panel.render_now()
    maps = [panel.map_images["conv1"].image for panel in panels]
    assert maps[0] is not None and maps[1] is not None and not np.allclose(maps[0], maps[1])
    # The main window's own Filters panel is not one of them (the window names its panels apart).
    assert window.filters_panel not in panels


def test_without_mnist_the_window_says_what_is_missing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from lenet_gui.core.errors import MissingDataError  # noqa: PLC0415 (the test's own fake source)

    def no_mnist(download: bool):  # type: ignore[no-untyped-def]
        raise MissingDataError("MNIST is not in the data folder.")

    window.runs.data_source = no_mnist
    dialog = _open(window, qtbot)
    qtbot.waitUntil(lambda: "unknown" in dialog.sides[0].accuracy.text(), timeout=SCAN_TIMEOUT_MS)
    assert "MNIST" in dialog.gallery.message.text() and "unknown" in dialog.gallery.message.text()


def test_my_digits_examples_they_disagree_on_come_first_and_open_with_their_strokes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, SEVEN)
    strokes = window.canvas.strokes_data()
    with qtbot.waitSignal(window.exampleSaved, timeout=PREDICTION_TIMEOUT_MS):
        window.save_example(7)
    qtbot.waitUntil(window.canvas.is_blank, timeout=PREDICTION_TIMEOUT_MS)
    dialog = _open(window, qtbot)  # bundled (reads it as 7) against random (does not)
    qtbot.waitUntil(lambda: dialog.gallery.gallery.count() > 0, timeout=SCAN_TIMEOUT_MS)
    first = dialog.gallery.disagreements[0]
    assert first.source == "mine" and first.label == 7 and first.said_a == 7 != first.said_b
    assert "My digits" in dialog.gallery.message.text()
    gallery = dialog.gallery.gallery
    QTest.mouseClick(
        gallery.viewport(), Qt.MouseButton.LeftButton, pos=gallery.visualItemRect(gallery.item(0)).center()
    )
    qtbot.waitUntil(lambda: not window.canvas.is_blank(), timeout=PREDICTION_TIMEOUT_MS)
    assert window.canvas.strokes_data() == strokes


def test_side_a_follows_new_weights_in_use_but_not_the_same_ones_said_again(  # type: ignore[no-untyped-def]
    window, qtbot, tmp_path: Path
) -> None:
    dialog = _open(window, qtbot)
    a = dialog.sides[0]
    qtbot.waitUntil(lambda: dialog.gallery.gallery.count() > 0, timeout=SCAN_TIMEOUT_MS)
    scans, shown = dialog.service.scans, a.info
    with qtbot.waitSignal(window.inference.weightsChanged, timeout=PREDICTION_TIMEOUT_MS):
        window.inference.refresh()  # what a panel built late asks for: the same weights, said again
    qtbot.wait(50)
    assert a.info is shown and dialog.gallery.gallery.count() > 0 and not dialog.service.scanning
    assert dialog.service.scans == scans

    other = tmp_path / "seven.pt"
    save_checkpoint(other, {k: torch.from_numpy(v) for k, v in comparison.random_state(9).items()})
    window.load_weights_file(str(other))
    qtbot.waitUntil(lambda: a.info is not shown, timeout=PREDICTION_TIMEOUT_MS)
    np.testing.assert_array_equal(a.info.weights.conv1, comparison.random_state(9)["conv1.weight"][:, 0])


def test_thousands_of_disagreements_are_counted_and_the_surest_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    from lenet_gui.ui import MainWindow  # noqa: PLC0415 (a window of its own, on real MNIST)
    from lenet_gui.ui.workers.comparison import KEPT  # noqa: PLC0415

    win = MainWindow(data_source=mnist_source(train=100, test=2000))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win._model is not None, timeout=PREDICTION_TIMEOUT_MS)
    dialog = _open(win, qtbot)  # bundled against random: they disagree on about nine digits in ten
    with qtbot.waitSignal(dialog.gallery.listed, timeout=SCAN_TIMEOUT_MS):
        pass
    assert dialog.gallery.gallery.count() == KEPT
    text = dialog.gallery.message.text()
    count = int(text.split("They read ")[1].split(" of")[0].replace(",", ""))
    assert 1500 < count < 2000 and f"the {KEPT} where both are surest" in text
    assert "of 2,000 MNIST test digits right" in dialog.sides[0].accuracy.text()


def test_a_narrow_window_puts_the_gallery_under_the_bars(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    splitter = dialog.answers_splitter
    dialog.resize(1000, 640)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal, timeout=5000)
    dialog.resize(640, 540)  # beside the canvas on a 900×600 screen
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical, timeout=5000)
    assert dialog.gallery.geometry().top() > 0 and all(side.bars.height() >= 140 for side in dialog.sides)
