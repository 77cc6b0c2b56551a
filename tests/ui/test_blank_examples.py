"""Nothing blank is ever saved as an example (issue 10.5): a blank example would teach fine-tuning that empty paper
is a digit. Driven as a user does it: File ▸ Open of an all-white picture, then a digit key on the canvas."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, draw

from lenet_gui.core.personal import default_personal_dir


def _settle(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every store job asked for so far has run (they run in order): a save, had one been asked for, is done."""
    done: list[bool] = []
    window.personal_store.examples(lambda *_: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=PREDICTION_TIMEOUT_MS)


def _saved_pictures() -> list[Path]:
    return list(default_personal_dir().rglob("*.png"))


def test_an_opened_blank_picture_cannot_be_saved_and_a_key_says_why(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    white = tmp_path / "white.png"
    Image.fromarray(np.full((200, 200), 255, np.uint8)).save(white)
    bar = window.correction_bar
    with qtbot.waitSignal(window.prediction_panel.shown, timeout=PREDICTION_TIMEOUT_MS):
        window.open_image_file(str(white))
    qtbot.waitUntil(lambda: window.canvas.has_picture(), timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: window.prediction_panel.shown_request == window.inference.last_request_id,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    assert not window.canvas.is_blank(), "the picture is on the canvas"
    assert not any(button.isEnabled() for button in bar.digit_buttons), "nothing to save: the buttons are off"
    assert not bar.add_button.isEnabled()

    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_5)
    _settle(window, qtbot)
    assert _saved_pictures() == [], "a blank picture never becomes an example"
    assert window.statusBar().currentMessage().startswith("Nothing to save"), window.statusBar().currentMessage()
    assert "no digit" in bar.feedback.text()
    assert window.canvas.has_picture(), "the picture stays on the canvas"

    # Drawing a digit on it makes it something to save again.
    draw(window.canvas, SEVEN)
    qtbot.waitUntil(lambda: bar.digit_buttons[7].isEnabled(), timeout=PREDICTION_TIMEOUT_MS)
    with qtbot.waitSignal(window.exampleSaved, timeout=PREDICTION_TIMEOUT_MS):
        QTest.keyClick(window.canvas, Qt.Key.Key_7)
    assert [p.parent.name for p in _saved_pictures()] == ["7"]


def test_a_key_pressed_before_the_answer_is_checked_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Before the network has answered (here: never), a blank picture is refused all the same."""
    white = QImage(120, 120, QImage.Format.Format_Grayscale8)
    white.fill(Qt.GlobalColor.white)
    window.canvas.set_picture(white)  # shown without being classified: no answer comes
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_3)
    _settle(window, qtbot)
    assert _saved_pictures() == []
    assert "Nothing to save" in window.statusBar().currentMessage()
    assert not window.correction_bar.digit_buttons[3].isEnabled(), "known blank now: the buttons are off"


def test_an_empty_canvas_key_press_says_why_in_the_status_bar(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_2)
    assert "draw a digit first" in window.statusBar().currentMessage()
