"""Undo and Redo (issue 10.16): the buttons keep their short labels whatever they undo ("Red…oke" before); the name
of what they undo goes to their tooltips and to the Edit menu, in one consistent case ("Undo eraser stroke")."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from qt_helpers import ONE, SEVEN, draw

SENTENCE_CASE = re.compile(r"^&(Undo|Redo)( [a-z][a-z ]*)?$")


def _menu_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    return [a.text() for a in edit.actions()[:2]]


def test_buttons_keep_short_labels_and_the_menu_names_the_action(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    center = window.center
    undo, redo = center.undo_button, center.redo_button
    draw(window.canvas, SEVEN)
    qtbot.mouseClick(center.eraser_button, Qt.MouseButton.LeftButton)
    draw(window.canvas, ONE)  # an eraser stroke
    qtbot.mouseClick(center.eraser_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Undo eraser stroke"
    qtbot.mouseClick(center.clear_button, Qt.MouseButton.LeftButton)
    assert _menu_texts(window) == ["&Undo clear", "&Redo"]
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)  # the clear is undone: Redo clear
    assert not window.canvas.is_blank()
    assert _menu_texts(window) == ["&Undo eraser stroke", "&Redo clear"]
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert _menu_texts(window) == ["&Undo stroke", "&Redo eraser stroke"]
    for text in _menu_texts(window):
        assert SENTENCE_CASE.match(text), text

    assert (undo.text(), redo.text()) == ("Undo", "Redo"), "the buttons keep their labels"
    assert undo.toolTip() == "Undo stroke (Ctrl+Z)" and redo.toolTip().startswith("Redo eraser stroke (")
    assert window.redo_action.toolTip() == window.redo_action.statusTip() == "Redo eraser stroke"
    for button in (undo, redo):  # never squeezed below their label ("Red…oke", "R…e")
        assert button.width() >= button.sizeHint().width()
        assert button.width() > QFontMetrics(button.font()).horizontalAdvance(button.text())

    # The buttons still do their work and follow what can be done.
    qtbot.mouseClick(redo, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(redo, Qt.MouseButton.LeftButton)
    assert window.canvas.is_blank() and not redo.isEnabled() and undo.isEnabled()
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert redo.isEnabled() and _menu_texts(window)[1] == "&Redo clear"
