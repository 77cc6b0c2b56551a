"""Teach it your handwriting, through the window: save corrections with buttons and keys, browse and fix the saved
examples in My digits, import and export them, fine-tune on them (with and without MNIST), keep or discard, and
switch between weights."""

from __future__ import annotations

import json
import math
import os
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QMessageBox
from qt_helpers import ONE, PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw, predicted_text, toy_source

from lenet_gui.core import finetune, personal
from lenet_gui.core.checkpoint import load_checkpoint, save_checkpoint
from lenet_gui.core.errors import MissingDataError
from lenet_gui.core.finetune import FineTuneConfig
from lenet_gui.core.model import Net
from lenet_gui.core.personal import PersonalDataset, default_personal_dir
from lenet_gui.core.training import Finished
from lenet_gui.ui import MainWindow
from lenet_gui.ui.examples_panel import ExamplesPanel
from lenet_gui.ui.workers import FINE_TUNING, user_weights_folder

RUN_TIMEOUT_MS = 180_000


def personal_root() -> Path:
    return default_personal_dir()


def fast_config(**changes):  # type: ignore[no-untyped-def]
    """A fine-tuning run of a few seconds on two cores."""
    settings = {"steps": 12, "batch_size": 32, "folds": 2, "outliers": 50, "offline_replay": 200, **changes}
    return FineTuneConfig(**settings)


def digit_picture(label: int, seed: int = 0) -> np.ndarray:
    """A 280×280 dark-on-white picture with some ink, different per label and seed."""
    rng = np.random.default_rng(seed * 10 + label)
    picture = Image.new("L", (280, 280), 255)
    pen = ImageDraw.Draw(picture)
    points = [(int(x), int(y)) for x, y in rng.integers(60, 220, size=(3 + label % 4, 2))]
    pen.line(points, fill=20, width=18)
    return np.asarray(picture)


def add_examples(per_digit: int, digits=range(10)) -> list:  # type: ignore[no-untyped-def]
    dataset = PersonalDataset()
    return [dataset.add(digit_picture(d, i), d) for i in range(per_digit) for d in digits]


def show_panel(win, qtbot):  # type: ignore[no-untyped-def]
    """Raise My digits and wait for its grid to be filled."""
    qtbot.waitUntil(lambda: win.personal_panel is not None, timeout=PREDICTION_TIMEOUT_MS)
    panel = win.personal_panel
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        win.docks["personal"].raise_()
        panel.examples.reload()
    return panel


def saving(win, qtbot):  # type: ignore[no-untyped-def]
    return qtbot.waitSignal(win.exampleSaved, timeout=PREDICTION_TIMEOUT_MS)


# --- collecting -----------------------------------------------------------------------------------------------------


def test_digit_button_and_key_save_the_drawing_with_its_strokes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = window.correction_bar
    assert not any(button.isEnabled() for button in bar.digit_buttons), "nothing to save on a blank canvas"
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: bar.digit_buttons[1].isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    drawn, strokes = window.canvas.to_array(), window.canvas.strokes_data()
    with saving(window, qtbot) as saved:
        qtbot.mouseClick(bar.digit_buttons[1], Qt.MouseButton.LeftButton)  # "That's wrong, it's… 1"
    example, count = saved.args
    assert count == 1 and example.label == 1
    assert example.image_path.parent == personal_root() / "1"
    assert np.array_equal(np.asarray(Image.open(example.image_path)), drawn), "the raw canvas image, as PNG"
    record = json.loads(example.strokes_path.read_text())
    assert record["strokes"] == strokes and record["label"] == 1
    assert len(record["strokes"]) == 1 and len(record["strokes"][0]["points"]) > 5
    assert window.canvas.is_blank(), "cleared for the next drawing"
    assert "Saved as a 1 — 1 example of 1" in bar.feedback.text()
    window.undo_action.trigger()
    assert not window.canvas.is_blank(), "the clear is undoable"

    window.canvas.clear()
    draw(window.canvas, ONE)
    window.canvas.setFocus()
    with saving(window, qtbot) as saved:
        QTest.keyClick(window.canvas, Qt.Key.Key_1)
    assert saved.args[1] == 2
    with saving(window, qtbot):
        draw(window.canvas, ONE)
        QTest.keyClick(window.canvas, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier)  # the keypad works too
    assert sorted(p.parent.name for p in personal_root().rglob("*.png")) == ["1", "1", "4"]
    assert not list(personal_root().rglob("*.tmp")), "no temporary files left behind"


def test_add_as_example_saves_the_predicted_digit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: predicted_text(window) == "7", timeout=PREDICTION_TIMEOUT_MS)
    button = window.correction_bar.add_button
    qtbot.waitUntil(button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    assert "7" in button.text()
    with saving(window, qtbot) as saved:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert saved.args[0].label == 7 and (personal_root() / "7" / saved.args[0].image_path.name).is_file()


def test_a_drawing_is_saved_once_however_often_its_key_or_button_is_pressed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    saved = []
    window.exampleSaved.connect(lambda example, count: saved.append(example))
    draw(window.canvas, SEVEN)
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_7)
    held = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_7, Qt.KeyboardModifier.NoModifier, "7", True)
    QCoreApplication.sendEvent(window.canvas, held)  # the key held down: auto-repeat
    QTest.keyClick(window.canvas, Qt.Key.Key_7)  # pressed again before the save has come back
    qtbot.waitUntil(lambda: bool(saved), timeout=PREDICTION_TIMEOUT_MS)
    settle(window, qtbot)
    assert len(saved) == 1 and len(list((personal_root() / "7").glob("*.png"))) == 1

    draw(window.canvas, ONE)
    button = window.correction_bar.add_button
    qtbot.waitUntil(button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.prediction_panel.shown_request == window.inference.last_request_id, timeout=10_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a double click
    qtbot.waitUntil(lambda: len(saved) == 2, timeout=PREDICTION_TIMEOUT_MS)
    settle(window, qtbot)
    assert len(saved) == 2 and len(list(personal_root().rglob("*.png"))) == 2


def test_add_as_example_saves_the_drawing_it_was_clicked_for_only(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Clicked before the answer for the latest strokes is on screen, it waits for it; a different drawing by then
    is not saved in its place."""

    answer = threading.Event()
    real_predict = window.inference._predict

    def predict(request_id, image):  # type: ignore[no-untyped-def]
        answer.wait(30)
        real_predict(request_id, image)

    monkeypatch.setattr(window.inference, "_predict", predict)
    saved = []
    window.exampleSaved.connect(lambda example, count: saved.append(example))
    draw(window.canvas, SEVEN)
    window.add_as_example()  # its answer is not on screen yet
    window.canvas.clear()
    draw(window.canvas, ONE)  # another drawing before it came
    answer.set()
    qtbot.waitUntil(lambda: window.prediction_panel.shown_request == window.inference.last_request_id, timeout=10_000)
    settle(window, qtbot)
    assert saved == []

    answer.clear()
    window.canvas.clear()
    draw(window.canvas, SEVEN)
    strokes = window.canvas.strokes_data()
    window.add_as_example()
    answer.set()
    qtbot.waitUntil(lambda: bool(saved), timeout=PREDICTION_TIMEOUT_MS)
    assert json.loads(saved[0].strokes_path.read_text())["strokes"] == strokes


def test_an_opened_picture_is_saved_without_strokes(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scan.png"
    Image.fromarray(digit_picture(3)).save(path)
    window.open_image_file(str(path))
    qtbot.waitUntil(window.canvas.has_picture, timeout=PREDICTION_TIMEOUT_MS)
    window.canvas.setFocus()
    with saving(window, qtbot) as saved:
        QTest.keyClick(window.canvas, Qt.Key.Key_3)
    example = saved.args[0]
    assert example.strokes_path is None and example.image_path.is_file()


def test_a_failed_save_says_why_and_keeps_the_drawing(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def disk_full(self, image, label, strokes=None):  # type: ignore[no-untyped-def]
        raise personal.PersonalDataError(f"Could not save the example in {self.root}: No space left on device.")

    monkeypatch.setattr(personal.PersonalDataset, "add", disk_full)
    draw(window.canvas, SEVEN)
    drawn = window.canvas.to_array()
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_7)
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=PREDICTION_TIMEOUT_MS)
    assert "No space left on device" in window.error_dialog.text()
    assert "could not be saved" in window.error_dialog.windowTitle()
    assert np.array_equal(window.canvas.to_array(), drawn), "the drawing stays on the canvas"
    assert "Not saved" in window.correction_bar.feedback.text()
    window.error_dialog.close()


# --- the My digits panel --------------------------------------------------------------------------------------------


def test_empty_state_explains_how_to_start(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = show_panel(window, qtbot)
    assert panel.examples.stack.currentWidget() is panel.examples.empty_label
    assert "press a digit key" in panel.examples.empty_label.text()
    assert not panel.fine_tune.fine_tune_button.isEnabled()
    assert "Save a few examples" in panel.fine_tune.fine_tune_button.toolTip()
    assert not panel.examples.export_button.isEnabled()
    # A save from the canvas shows up in the open panel.
    draw(window.canvas, ONE)
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        window.save_example(1)
    assert panel.examples.grid.count() == 1 and panel.examples.stack.currentWidget() is panel.examples.grid
    assert panel.examples.filter_buttons[1].text() == "1\n1" and panel.examples.filter_buttons[-1].text() == "All\n1"
    assert panel.fine_tune.fine_tune_button.isEnabled()


def test_grid_filter_delete_undo_relabel(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(2, digits=(1, 4, 7))
    panel = show_panel(window, qtbot)
    assert panel.examples.grid.count() == 6
    assert panel.examples.counts == [0, 2, 0, 0, 2, 0, 0, 2, 0, 0]
    assert all(panel.examples.grid.thumbnail(i) is not None for i in range(6))

    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.filter_buttons[7], Qt.MouseButton.LeftButton)
    assert [example.label for example in panel.examples.shown_examples()] == [7, 7]

    # Delete with the keyboard, then undo.
    panel.examples.grid.setFocus()
    panel.examples.grid.select_row(0)
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(panel.examples.grid, Qt.Key.Key_Delete)
    assert panel.examples.counts[7] == 1 and len(list((personal_root() / "7").glob("*.png"))) == 1
    assert panel.examples.undo_bar.isVisible() and "Deleted 1 example" in panel.examples.undo_label.text()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.undo_button, Qt.MouseButton.LeftButton)
    assert panel.examples.counts[7] == 2 and not panel.examples.undo_bar.isVisible()

    # Relabel both sevens as ones: a digit key in the grid (the button's menu does the same).
    panel.examples.grid.selectAll()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(panel.examples.grid, Qt.Key.Key_1)
    assert panel.examples.counts == [0, 4, 0, 0, 2, 0, 0, 0, 0, 0]
    assert len(list((personal_root() / "1").glob("*.png"))) == 4
    assert panel.examples.grid.count() == 0 and "Relabelled 2 examples as 1" in panel.examples.message.text()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.set_filter(-1)  # the moved examples' thumbnails are read again
    panel.examples.select([panel.examples.shown_examples()[0]])
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.relabel_button.menu().actions()[9].trigger()
    assert panel.examples.counts[9] == 1


def test_all_filter_after_a_digit_filter_shows_every_example_again(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16.2: "All" had the button-group id -1, which Qt reads as "assign one" (-2): clicking it raised
    KeyError in the filter slot and left the grid empty while All was checked."""
    for strokes, key in ((ONE, Qt.Key.Key_1), (SEVEN, Qt.Key.Key_7), (ONE, Qt.Key.Key_1)):
        window.canvas.clear()
        draw(window.canvas, strokes)
        window.canvas.setFocus()
        with saving(window, qtbot):
            QTest.keyClick(window.canvas, key)
    panel = show_panel(window, qtbot)
    assert panel.examples.grid.count() == 3
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.filter_buttons[1], Qt.MouseButton.LeftButton)
    assert [example.label for example in panel.examples.shown_examples()] == [1, 1]
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.filter_buttons[-1], Qt.MouseButton.LeftButton)
    assert panel.examples.filter_buttons[-1].isChecked()
    assert sorted(example.label for example in panel.examples.shown_examples()) == [1, 1, 7]
    assert panel.examples.grid.count() == 3
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.reload()  # the next refresh still shows everything
    assert panel.examples.grid.count() == 3 and panel.examples.filter_buttons[-1].isChecked()


def test_delete_takes_unreadable_examples_too_and_undo_puts_them_back_as_they_were(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(2, digits=(3,))
    (personal_root() / "3" / "29990101-000000-000000-abcdef.png").write_bytes(b"\x89PNG damaged")
    before = sorted(path.name for path in (personal_root() / "3").iterdir())
    panel = show_panel(window, qtbot)
    assert panel.examples.grid.count() == 3
    panel.examples.grid.setFocus()
    panel.examples.grid.selectAll()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(panel.examples.grid, Qt.Key.Key_Delete)
    assert window.error_dialog is None
    assert panel.examples.counts[3] == 0 and not list((personal_root() / "3").iterdir())
    assert panel.examples.undo_bar.isVisible() and "Deleted 3 examples" in panel.examples.undo_label.text()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(path.name for path in (personal_root() / "3").iterdir()) == before, "the same files, in their place"
    assert panel.examples.counts[3] == 3 and "Restored 3 examples" in panel.examples.message.text()
    assert not [path for path in personal_root().rglob("*") if path.is_file() and path.parent.name != "3"]


def test_a_change_that_fails_for_one_example_makes_it_to_the_others(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    add_examples(1, digits=(3, 4))
    panel = show_panel(window, qtbot)
    real_replace = os.replace

    def replace(source, target):  # type: ignore[no-untyped-def]
        if Path(source).parent.name == "4":
            raise PermissionError(13, "Permission denied")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    panel.examples.grid.selectAll()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.relabel_selected(5)
    assert panel.examples.counts == [0, 0, 0, 0, 1, 1, 0, 0, 0, 0], "the grid shows what did change"
    text = panel.examples.message.text()
    assert "Relabelled 1 example as 5" in text and "1 example could not be relabelled" in text, text
    assert "Permission denied" in text and "Permission denied" in panel.examples.message.toolTip()
    panel.examples.grid.selectAll()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.delete_selected()
    assert panel.examples.counts == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert panel.examples.undo_label.text() == "Deleted 1 example." and panel.examples.undo_bar.isVisible()
    assert "1 example could not be deleted" in panel.examples.message.text()
    assert window.error_dialog is None


def settle(win, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every store job asked for so far has run and reported (they do so in order)."""
    done = []
    win.personal_store.examples(lambda *_: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=PREDICTION_TIMEOUT_MS)


def test_changes_before_the_grid_has_caught_up_act_on_the_examples_as_they_are(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(1, digits=(7,))
    errors = []
    window.personal_store.failed.connect(lambda title, message, details: errors.append(message))
    panel = show_panel(window, qtbot)
    panel.examples.grid.setFocus()
    panel.examples.grid.selectAll()
    QTest.keyClick(panel.examples.grid, Qt.Key.Key_3)  # oops, meant 5
    QTest.keyClick(panel.examples.grid, Qt.Key.Key_5)  # at once, while the grid still shows it as a 7
    qtbot.waitUntil(lambda: panel.examples.grid.count() == 1 and panel.examples.grid.text(0) == "5", timeout=10_000)
    settle(window, qtbot)
    assert not errors and panel.examples.counts[5] == 1
    assert [example.label for example in panel.examples.selected_examples()] == [5], "still selected after the relabel"
    QTest.keyClick(panel.examples.grid, Qt.Key.Key_Delete)
    QTest.keyClick(panel.examples.grid, Qt.Key.Key_Delete)  # twice, before the grid has listed again
    qtbot.waitUntil(lambda: panel.examples.grid.count() == 0, timeout=10_000)
    settle(window, qtbot)
    assert not errors and sum(panel.examples.counts) == 0
    assert panel.examples.undo_bar.isVisible() and panel.examples.undo_label.text() == "Deleted 1 example."
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        qtbot.mouseClick(panel.examples.undo_button, Qt.MouseButton.LeftButton)
    assert panel.examples.counts[5] == 1


def test_a_picture_changed_on_disk_gets_a_new_thumbnail(window, qtbot) -> None:  # type: ignore[no-untyped-def]

    (example,) = add_examples(1, digits=(4,))
    panel = show_panel(window, qtbot)
    before = panel.examples.grid.thumbnail(0).toImage()
    Image.fromarray(255 - digit_picture(4, seed=9)).save(example.image_path)  # edited in another program
    stat = example.image_path.stat()
    os.utime(example.image_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.reload()
    assert panel.examples.grid.thumbnail(0).toImage() != before


def test_opening_an_example_puts_its_strokes_back_on_the_canvas(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, SEVEN)
    strokes = window.canvas.strokes_data()
    with saving(window, qtbot):
        window.save_example(7)
    panel = show_panel(window, qtbot)
    panel.examples.grid.select_row(0)
    qtbot.mouseClick(panel.examples.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.canvas.is_blank(), timeout=PREDICTION_TIMEOUT_MS)
    assert window.canvas.strokes_data() == strokes


def test_import_a_folder_and_export_a_zip(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "digits"
    for digit in (0, 2):
        (source / str(digit)).mkdir(parents=True)
        for index in range(3):
            Image.fromarray(255 - digit_picture(digit, index)).save(source / str(digit) / f"{index}.png")
    (source / "2" / "broken.png").write_bytes(b"not a png")
    panel = show_panel(window, qtbot)
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        panel.examples.import_folder(str(source))
    assert panel.examples.counts == [3, 0, 3, 0, 0, 0, 0, 0, 0, 0]
    assert panel.examples.message.text() == (
        "Imported 6 examples. 1 file skipped, not a readable picture of a digit: broken.png."
    )
    qtbot.waitUntil(lambda: panel.findChild(QMessageBox, "importReport") is not None)
    report = panel.findChild(QMessageBox, "importReport")
    assert report.text() == panel.examples.message.text()
    assert report.detailedText().startswith("broken.png: not an image")  # the reason, under Details
    report.close()
    assert panel.examples.import_button.isEnabled()

    target = tmp_path / "out" / "mine.zip"
    target.parent.mkdir()
    panel.examples.export_zip(str(target))
    qtbot.waitUntil(lambda: "Exported" in panel.examples.message.text(), timeout=PREDICTION_TIMEOUT_MS)
    assert panel.examples.message.text() == f"Exported 6 examples to {target}."
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
    assert len(names) == 6 and {name.split("/")[0] for name in names} == {"0", "2"}


def test_import_of_a_folder_without_digit_folders_says_so(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    panel = show_panel(window, qtbot)
    panel.examples.import_folder(str(tmp_path))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=PREDICTION_TIMEOUT_MS)
    assert "0 to 9" in window.error_dialog.text()
    window.error_dialog.close()
    assert panel.examples.import_button.isEnabled()


def test_closing_drops_queued_reads_and_stops_an_import_between_pictures(window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]

    examples = add_examples(1)
    source = tmp_path / "digits"
    (source / "3").mkdir(parents=True)
    for index in range(5):
        Image.fromarray(digit_picture(3, index)).save(source / "3" / f"{index}.png")
    reading, release, read = threading.Event(), threading.Event(), []
    real_thumbnail = personal.PersonalDataset.thumbnail

    def thumbnail(self, example, size=56):  # type: ignore[no-untyped-def]
        read.append(example)
        reading.set()
        release.wait(30)
        return real_thumbnail(self, example, size)

    monkeypatch.setattr(personal.PersonalDataset, "thumbnail", thumbnail)
    store = window.personal_store
    for start in range(0, 10, 2):
        store.thumbnails(examples[start : start + 2], 56, then=lambda pictures: None)
    store.import_folder(str(source))
    assert reading.wait(30), "the first thumbnail is being read"
    threading.Timer(0.3, release.set).start()  # the read in progress goes on a moment after closing began
    window.close()
    assert len(read) == 1, "queued thumbnails are dropped, the batch being read stops"
    assert len(list((personal_root() / "3").glob("*.png"))) == 1 + 1, "the import stopped after one picture"


def test_three_hundred_examples_load_without_freezing_the_window(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Thumbnails are read off the GUI thread, in batches that each reach the grid as they arrive (the time it
    takes is bench material, printed, not asserted)."""
    add_examples(30)
    reader_threads: set[int] = set()
    original_thumbnail = PersonalDataset.thumbnail

    def thumbnail(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        reader_threads.add(threading.get_ident())
        return original_thumbnail(self, *args, **kwargs)

    monkeypatch.setattr(PersonalDataset, "thumbnail", thumbnail)
    batches: list[int] = []
    original_on_thumbnails = ExamplesPanel._on_thumbnails

    def on_thumbnails(self, keys, pictures):  # type: ignore[no-untyped-def]
        batches.append(len(pictures))
        original_on_thumbnails(self, keys, pictures)

    monkeypatch.setattr(ExamplesPanel, "_on_thumbnails", on_thumbnails)
    started = time.perf_counter()
    panel = show_panel(window, qtbot)
    seconds = time.perf_counter() - started
    assert panel.examples.grid.count() == 300
    print(f"\n300 examples: grid filled in {seconds * 1000:.0f} ms")
    assert reader_threads and threading.get_ident() not in reader_threads, "pictures are read off the GUI thread"
    assert sum(batches) == 300 and len(batches) > 1 and max(batches) < 300, f"thumbnails arrive in batches: {batches}"

    # Issue 16.7: a filter click changes what the grid shows without rebuilding it, and reads nothing.
    examples = panel.examples
    rows = examples.example_list.model
    first_item = rows.item(0)
    read = []
    window.personal_store.thumbnails = lambda *args, **kwargs: read.append(args)  # type: ignore[method-assign]
    clicks = []
    for key in (7, 3, -1, 0, -1):
        started = time.perf_counter()
        with qtbot.waitSignal(examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
            qtbot.mouseClick(examples.filter_buttons[key], Qt.MouseButton.LeftButton)
        clicks.append(time.perf_counter() - started)
        assert examples.grid.count() == (300 if key == -1 else 30)
        assert all(examples.grid.thumbnail(row) is not None for row in range(examples.grid.count()))
    print(f"filter clicks on 300 examples: longest {max(clicks) * 1000:.0f} ms on the GUI thread")
    assert rows.rowCount() == 300 and rows.item(0) is first_item, "the same rows, filtered, not rebuilt"
    assert not read, "thumbnails come from the cache"


def test_seeded_abuse_of_the_browser_leaves_the_grid_matching_the_disk(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: random filter clicks, selections, relabels, deletes and undos with real events, faster than the
    store answers; no error, and at the end the grid shows exactly what is on disk for the filter that is checked."""
    add_examples(3, digits=(0, 1, 2, 3))
    errors: list[str] = []
    window.personal_store.failed.connect(lambda title, message, details: errors.append(message))
    examples = show_panel(window, qtbot).examples
    rng = np.random.default_rng(16)
    for _ in range(60):
        action = rng.integers(5)
        if action == 0:
            qtbot.mouseClick(examples.filter_buttons[int(rng.choice([-1, 0, 1, 2, 3]))], Qt.MouseButton.LeftButton)
        elif examples.grid.count() and action in (1, 2):
            examples.grid.setFocus()
            examples.grid.clearSelection()
            examples.grid.select_row(int(rng.integers(examples.grid.count())))
            QTest.keyClick(examples.grid, Qt.Key.Key_Delete if action == 1 else Qt.Key(Qt.Key.Key_0 + rng.integers(4)))
        elif action == 3 and examples.undo_bar.isVisible():
            qtbot.mouseClick(examples.undo_button, Qt.MouseButton.LeftButton)
        QCoreApplication.processEvents()
    settle(window, qtbot)
    with qtbot.waitSignal(examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        examples.reload()
    checked = next(key for key, button in examples.filter_buttons.items() if button.isChecked())
    on_disk = sorted(PersonalDataset().examples(None if checked == -1 else checked), key=lambda e: e.id)
    assert [e.id for e in examples.shown_examples()] == [e.id for e in on_disk]
    assert examples.counts == PersonalDataset().counts() and not errors


def test_the_grid_never_shows_litter_or_the_trash(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16.6, the UI's side: temporary files of an interrupted save, strokes without their picture, hidden
    files and the trash are never listed (core cleans them; until then they stay out of sight)."""
    (example,) = add_examples(1, digits=(2,))
    folder = personal_root() / "2"
    (folder / ".20250101-000000-000000-abcdef.png.tmp").write_bytes(b"half a png")
    (folder / ".hidden.png").write_bytes(example.image_path.read_bytes())
    (folder / "20250101-000000-000000-orphan.json").write_text('{"label": 2, "strokes": []}')
    (folder / "notes.txt").write_text("not a picture")
    trash = personal_root() / ".trash" / "20250101-000000-000000" / "2"
    trash.mkdir(parents=True)
    (trash / "20250101-000000-000000-gone.png").write_bytes(example.image_path.read_bytes())
    panel = show_panel(window, qtbot)
    assert panel.examples.grid.count() == 1 and panel.examples.counts == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert [shown.id for shown in panel.examples.shown_examples()] == [example.id]
    assert panel.examples.filter_buttons[-1].text() == "All\n1"


# --- fine-tuning ----------------------------------------------------------------------------------------------------


def fine_tune(win, qtbot, config):  # type: ignore[no-untyped-def]
    panel = show_panel(win, qtbot)
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    with qtbot.waitSignal(panel.fine_tune.fineTuneFinished, timeout=RUN_TIMEOUT_MS) as finished:
        panel.fine_tune.start_fine_tune(config=config)
        assert win.fine_tuning
        assert not win.training_panel.train_button.isEnabled(), "one run at a time"
        assert "Fine-tuning is running" in win.training_panel.train_button.toolTip()
        assert not win.weights_chooser.isEnabled()
    qtbot.waitUntil(lambda: not win.fine_tuning, timeout=10_000)
    return panel, finished.args[0]


def test_fine_tune_shows_the_report_and_keep_saves_named_weights(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(2)
    before = window.inference.committed_state()
    live = []
    window.inference.weightsChanged.connect(lambda view: live.append(view.live))
    panel, report = fine_tune(window, qtbot, fast_config(snapshot_seconds=0.05))
    assert report is not None
    assert panel.fine_tune.report_box.isVisible() and panel.fine_tune.keep_bar.isVisible()
    assert "→" in panel.fine_tune.mnist_result.text() and "points" in panel.fine_tune.mnist_result.text()
    assert (
        "→" in panel.fine_tune.personal_result.text()
        and report.personal_method in panel.fine_tune.personal_result.text()
    )
    assert panel.fine_tune.changed.count() == len(report.changed)
    assert panel.fine_tune.progress.value() == 1000
    assert any(live), "the live prediction followed the fine-tuning weights"
    train, chooser = window.training_panel.train_button, window.weights_chooser
    assert not train.isEnabled() and "Keep or discard the fine-tuned weights first" in train.toolTip()
    assert not chooser.isEnabled() and "Keep or discard the new weights first" in chooser.toolTip()
    assert not window.training_panel.reset_button.isEnabled() and not window.reset_weights_action.isEnabled()
    assert not window.load_weights_action.isEnabled()
    assert "keep or discard" in window._status_weights.toolTip()
    assert window.weights_chooser.currentData() is None, "the weights in use are in no file yet"

    with qtbot.waitSignal(window.inference.weightsSaved, timeout=PREDICTION_TIMEOUT_MS) as saved:
        qtbot.mouseClick(panel.fine_tune.keep_button, Qt.MouseButton.LeftButton)
    path = Path(saved.args[0])
    assert path.name.startswith("fine-tuned-") and path.parent == Path(window_weights_folder())
    assert train.isEnabled() and chooser.isEnabled() and window.training_panel.reset_button.isEnabled()
    metadata = load_checkpoint(path).metadata
    assert metadata["kind"] == "fine-tuned" and metadata["fine_tuned"] is True and metadata["personal_examples"] == 20
    kept = window.inference.committed_state()
    assert any(not np.array_equal(before[k], kept[k]) for k in before)
    qtbot.waitUntil(lambda: window._settings.value("weights/last") == str(path), timeout=10_000)
    chooser = window.weights_chooser
    qtbot.waitUntil(lambda: chooser.currentText().startswith("Last fine-tuned"), timeout=10_000)
    assert chooser.currentData() == str(path)


def window_weights_folder() -> str:
    return user_weights_folder()


def test_fine_tune_discard_goes_back_to_the_weights_from_before(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(1)
    before = window.inference.committed_state()
    panel, _report = fine_tune(window, qtbot, fast_config(check_personal=False))
    assert panel.fine_tune.personal_result.text() == "not measured"
    changed_weights = []
    window.inference.weightsChanged.connect(lambda view: changed_weights.append(view))
    qtbot.mouseClick(panel.fine_tune.discard_button, Qt.MouseButton.LeftButton)
    # The run's "finished" (live) view may still be on its way when Discard is clicked: wait for the committed one.
    qtbot.waitUntil(lambda: bool(changed_weights) and not changed_weights[-1].live, timeout=PREDICTION_TIMEOUT_MS)
    assert np.array_equal(changed_weights[-1].conv1, before["conv1.weight"][:, 0])
    assert not panel.fine_tune.keep_bar.isVisible() and not panel.fine_tune.report_box.isVisible()
    assert not list(Path(window_weights_folder()).glob("*.pt")), "nothing saved"


def test_fine_tune_pause_and_stop(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(1)
    panel = show_panel(window, qtbot)
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    events = []
    panel.fine_tune.start_fine_tune(config=fast_config(steps=3000, batch_size=16, check_personal=False))
    window._fine_tuning.progress.connect(lambda event: events.append(event))
    qtbot.waitUntil(lambda: len(events) >= 2, timeout=RUN_TIMEOUT_MS)
    qtbot.mouseClick(panel.fine_tune.pause_button, Qt.MouseButton.LeftButton)
    assert panel.fine_tune.pause_button.text() == "&Resume"
    qtbot.wait(400)
    paused_at = len(events)
    qtbot.wait(500)
    assert len(events) <= paused_at + 1, "no progress while paused"
    qtbot.mouseClick(panel.fine_tune.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(events) > paused_at + 1, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(panel.fine_tune.fineTuneFinished, timeout=10_000) as finished:
        qtbot.mouseClick(panel.fine_tune.stop_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is None, "stopped before the report"
    qtbot.waitUntil(lambda: not window.fine_tuning, timeout=5000)
    assert panel.fine_tune.keep_bar.isVisible() and "Stopped" in panel.fine_tune.keep_bar.label.text()
    assert not panel.fine_tune.report_box.isVisible()
    assert panel.fine_tune.fine_tune_button.isEnabled(), "fine-tuning again replaces the stopped run's weights"
    assert not window.training_panel.train_button.isEnabled(), "training waits for Keep or Discard"


def test_examples_can_be_changed_while_fine_tuning_runs(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The run reads every example once as it starts: buttons, keys and the menu all work during it, and say so."""
    add_examples(2, digits=(1, 7))
    panel = show_panel(window, qtbot)
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    panel.fine_tune.start_fine_tune(config=fast_config(steps=3000, batch_size=16, check_personal=False))
    assert panel.fine_tune.running
    panel.examples.grid.setFocus()
    panel.examples.grid.select_row(0)
    for button in (panel.examples.delete_button, panel.examples.relabel_button, panel.examples.import_button):
        assert button.isEnabled() and "as they were when it started" in button.toolTip(), button.objectName()
    with qtbot.waitSignal(panel.examples.gridLoaded, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(panel.examples.grid, Qt.Key.Key_Delete)
    assert sum(panel.examples.counts) == 3 and panel.examples.undo_bar.isVisible()
    window._stop_runs()
    qtbot.waitUntil(lambda: not window.fine_tuning, timeout=RUN_TIMEOUT_MS)
    assert "as they were" not in panel.examples.delete_button.toolTip()


@pytest.mark.parametrize("when", ["loading MNIST", "setting up"])
def test_fine_tuning_stopped_before_it_began_says_so(qtbot, monkeypatch, when) -> None:  # type: ignore[no-untyped-def]
    """Nothing changed, so nothing to keep: the panel says it stopped instead of "Loading MNIST…" for ever."""
    loaded = threading.Event()
    source = toy_source(600, 200)

    def slow_source(download: bool):  # type: ignore[no-untyped-def]
        loaded.wait(30)
        return source(download)

    def stopped_while_setting_up(dataset, *, initial_state, mnist, config, control):  # type: ignore[no-untyped-def]
        yield finetune.FineTuneStatus("Reading your examples…")
        while not control.cancelled:
            time.sleep(0.01)
        yield Finished({name: value.copy() for name, value in initial_state.items()}, 0, math.nan, True, 0.1)

    if when == "setting up":
        loaded.set()
        monkeypatch.setattr(finetune, "fine_tune", stopped_while_setting_up)
    win = MainWindow(data_source=slow_source)
    qtbot.addWidget(win)
    win.show()
    add_examples(1)
    panel = show_panel(win, qtbot)
    qtbot.waitUntil(lambda: sum(panel.examples.counts) == 10, timeout=PREDICTION_TIMEOUT_MS)  # listed: stops at once
    qtbot.waitUntil(panel.fine_tune.fine_tune_button.isEnabled, timeout=PREDICTION_TIMEOUT_MS)
    panel.fine_tune.start_fine_tune(config=fast_config())
    if when == "setting up":
        qtbot.waitUntil(
            lambda: panel.fine_tune.status.text() == "Reading your examples…", timeout=PREDICTION_TIMEOUT_MS
        )
    qtbot.mouseClick(panel.fine_tune.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.fine_tuning, timeout=RUN_TIMEOUT_MS)
    loaded.set()
    assert "Stopped before fine-tuning began" in panel.fine_tune.status.text()
    assert panel.fine_tune.progress.format() == "Stopped before it began"
    assert not panel.fine_tune.keep_bar.isVisible() and win.runs.pending_weights(FINE_TUNING) is None, "nothing to keep"
    assert panel.fine_tune.fine_tune_button.isEnabled() and win.training_panel.train_button.isEnabled()
    win.close()


def test_without_mnist_it_fine_tunes_on_the_personal_set_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    def offline(download: bool):  # type: ignore[no-untyped-def]
        raise MissingDataError("MNIST is not in /nowhere/MNIST/raw (offline?)")

    win = MainWindow(data_source=offline)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    add_examples(1)
    panel, report = fine_tune(win, qtbot, fast_config(check_personal=False))
    assert report.mnist_before is None and report.mnist_after is None
    assert "could not be checked" in panel.fine_tune.mnist_result.text()
    assert "MNIST" in panel.fine_tune.notes.text() and panel.fine_tune.notes.isVisible()
    assert win.error_dialog is None
    win.close()


def test_fine_tuning_with_no_examples_cannot_start(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = show_panel(window, qtbot)
    assert not panel.fine_tune.fine_tune_button.isEnabled()
    assert panel.fine_tune.fine_tune_button.toolTip() == "Save a few examples first: draw a digit and press its key"
    panel.fine_tune.start_fine_tune(config=fast_config())
    assert not window.fine_tuning


def test_training_blocks_fine_tuning(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_examples(1)
    panel = show_panel(window, qtbot)
    window._data_source = toy_source(60_000, 200)
    window.training_panel.epochs.setValue(3)
    qtbot.mouseClick(window.training_panel.train_button, Qt.MouseButton.LeftButton)
    assert window.training
    assert (
        not panel.fine_tune.fine_tune_button.isEnabled()
        and "Training is running" in panel.fine_tune.fine_tune_button.toolTip()
    )
    panel.fine_tune.start_fine_tune(config=fast_config())
    assert not window.fine_tuning
    window.stop_training()
    qtbot.waitUntil(lambda: not window.training, timeout=RUN_TIMEOUT_MS)
    assert panel.fine_tune.fine_tune_button.isEnabled()


def test_unkept_training_weights_are_kept_or_discarded_before_anything_else(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Fine-tuning, the weights switcher and Reset wait: starting them would throw away or build on the training
    run's weights without a word."""
    add_examples(1)
    panel = show_panel(window, qtbot)
    training = window.training_panel
    training.epochs.setValue(1)
    qtbot.mouseClick(training.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(training.finished_bar.isVisible, timeout=RUN_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not window.training, timeout=10_000)
    button = panel.fine_tune.fine_tune_button
    assert not button.isEnabled() and "Keep or discard the training run's new weights first" in button.toolTip()
    panel.fine_tune.start_fine_tune(config=fast_config())
    assert not window.fine_tuning and training.pending_weights() is not None, "nothing started, nothing lost"
    assert not window.weights_chooser.isEnabled() and not window.reset_weights_action.isEnabled()
    assert not training.reset_button.isEnabled() and "Keep or discard" in training.reset_button.toolTip()
    assert training.train_button.isEnabled(), "training again continues from them"
    qtbot.mouseClick(training.discard_button, Qt.MouseButton.LeftButton)
    assert button.isEnabled() and window.weights_chooser.isEnabled() and training.reset_button.isEnabled()


# --- the weights switcher -------------------------------------------------------------------------------------------


def test_weights_switcher_lists_and_loads_and_remembers(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = Path(window_weights_folder())
    torch.manual_seed(0)
    trained = save_checkpoint(folder / "lenet-20250101-100000.pt", Net().state_dict(), test_accuracy=0.9876)
    tuned = save_checkpoint(folder / "fine-tuned-20250102-100000.pt", Net().state_dict(), test_accuracy=0.99)
    (folder / "broken.pt").write_bytes(b"nope")
    from_cli = save_checkpoint(folder / "mine.pt", Net().state_dict(), kind="fine-tuned", test_accuracy=0.98)

    os.utime(from_cli, (1_600_000_000, 1_600_000_000))  # older than tuned: listed after it
    chooser = window.weights_chooser
    with qtbot.waitSignal(window.inference.weightsListed, timeout=PREDICTION_TIMEOUT_MS):
        window.inference.list_weights(str(folder))
    texts = [chooser.itemText(i) for i in range(chooser.count())]
    assert texts[0].startswith("Bundled") and texts[-1] == "Other file…"
    assert any(t.startswith("Last trained") and "98.76%" in t for t in texts), texts
    assert any(t.startswith("Last fine-tuned") and "99.00%" in t for t in texts), texts
    assert any("broken.pt" in t and "unreadable" in t for t in texts), texts
    assert any(t.startswith("Fine-tuned ·") and "98.00%" in t for t in texts), "the CLI's, by its metadata"
    assert chooser.isEnabled()

    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS) as ready:
        chooser.choose(str(trained))
    assert ready.args[0].source == str(trained)
    qtbot.waitUntil(lambda: chooser.currentData() == str(trained), timeout=10_000)
    assert window._settings.value("weights/last") == str(trained)

    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS) as ready:
        chooser.choose(str(tuned))
    assert ready.args[0].source == str(tuned)
    with qtbot.waitSignal(window.inference.modelReady, timeout=PREDICTION_TIMEOUT_MS) as ready:
        chooser.choose("")
    assert ready.args[0].bundled and window._settings.value("weights/last") == ""


def test_the_switcher_shows_the_weights_in_use_after_a_choice_that_cannot_load(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = Path(window_weights_folder())
    torch.manual_seed(0)
    trained = save_checkpoint(folder / "lenet-20250101-100000.pt", Net().state_dict(), test_accuracy=0.9876)
    chooser = window.weights_chooser
    with qtbot.waitSignal(window.inference.weightsListed, timeout=PREDICTION_TIMEOUT_MS):
        window.inference.list_weights(str(folder))
    trained.unlink()  # removed after it was listed (a file manager, another window)
    chooser.choose(str(trained))
    qtbot.waitUntil(lambda: window.error_dialog is not None, timeout=PREDICTION_TIMEOUT_MS)
    window.error_dialog.close()
    qtbot.waitUntil(lambda: chooser.currentData() == "", timeout=10_000)  # the bundled weights, still in use
    qtbot.waitUntil(lambda: str(trained) not in chooser.paths(), timeout=10_000)
    assert window.inference.committed_state() is not None and chooser.currentText().startswith("Bundled")


def test_new_controls_are_described(window) -> None:  # type: ignore[no-untyped-def]
    window.docks["personal"].raise_()
    QCoreApplication.processEvents()
    for root in (window.personal_panel, window.correction_bar):
        for widget in root.findChildren(QAbstractButton) + root.findChildren(QComboBox):
            assert widget.toolTip() and widget.accessibleName(), widget.objectName()
    assert window.weights_chooser.toolTip() and window.weights_chooser.accessibleName()


@pytest.mark.parametrize("key", [Qt.Key.Key_E, Qt.Key.Key_BracketLeft])
def test_other_canvas_keys_still_work(window, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    """Digit keys are taken by the canvas; its other shortcuts (eraser, pen width) are not."""
    window.canvas.setFocus()
    width, erasing = window.canvas.pen_width(), window.canvas.erasing()
    QTest.keyClick(window.canvas, key)
    assert (window.canvas.pen_width(), window.canvas.erasing()) != (width, erasing)
