"""Esc (and Delete) clear the drawing only at the drawing, never while a field or a dropdown is in use (issue 10.13).
Real key events, sent to the widget that has the keyboard focus, go through Qt's shortcut map as typed keys do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, draw


def _focus(window, qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=PREDICTION_TIMEOUT_MS)


def test_esc_in_the_epochs_field_or_a_dropdown_keeps_the_drawing(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    draw(window.canvas, SEVEN)
    panel = window.training_panel
    epochs = panel.epochs
    _focus(window, qtbot, epochs)
    QTest.keyClick(epochs, Qt.Key.Key_Escape)
    QTest.keyClick(epochs, Qt.Key.Key_Delete)
    assert not window.canvas.is_blank(), "Esc or Delete while editing Epochs wiped the drawing"

    combo = panel.optimizer
    _focus(window, qtbot, combo)
    combo.showPopup()
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=PREDICTION_TIMEOUT_MS)
    QTest.keyClick(popup, Qt.Key.Key_Escape)  # closes the dropdown
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=PREDICTION_TIMEOUT_MS)
    assert QApplication.focusWidget() is combo
    QTest.keyClick(combo, Qt.Key.Key_Escape)  # again, to be sure it is closed
    assert not window.canvas.is_blank(), "Esc after closing a dropdown wiped the drawing"

    # At the drawing, Esc still clears, whether the canvas or a tool beside it has the focus.
    _focus(window, qtbot, window.canvas)
    QTest.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.is_blank()
    window.undo_action.trigger()
    _focus(window, qtbot, window.pen_slider)
    QTest.keyClick(window.pen_slider, Qt.Key.Key_Delete)
    assert window.canvas.is_blank()
    # The Edit menu's Clear works from anywhere, and says its keys.
    window.undo_action.trigger()
    _focus(window, qtbot, epochs)
    window.clear_action.trigger()
    assert window.canvas.is_blank()
    assert "Esc" in window.clear_action.toolTip()
