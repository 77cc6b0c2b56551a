"""Issue 15's Korean walk: with the Korean translator installed, the main window and every panel and dock show no text
made only of Latin letters, except the names that stay as they are; and View ▸ Language is there and remembered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMenu
from qt_helpers import PREDICTION_TIMEOUT_MS, toy_source
from visible_text import from_library, untranslated

from lenet_gui.ui import MainWindow, i18n

# Exact texts that may stay in Latin letters beyond visible_text.KEPT_NAMES: names of things, code, units and symbols
# a Korean learner sees in English in Korean deep-learning material too (GLOSSARY.md, "Names that stay as they are").
ALLOWED = (
    "English",  # View ▸ Language: each language is named in its own language
    "Adam",  # optimizer names
    "SGD + momentum",
)


@pytest.fixture()
def korean_window(qtbot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A shown MainWindow built after start-up installed Korean (a Hangul font assumed present), panels built."""
    monkeypatch.setattr(i18n, "hangul_fonts", lambda: ["Noto Sans CJK KR"])
    settings = QSettings()
    i18n.save_choice(settings, i18n.KOREAN)
    setup = i18n.install_translations(qapp, settings)
    assert setup.language == "ko"
    try:
        win = MainWindow(data_source=toy_source(600, 200))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
        qtbot.waitUntil(lambda: win.training_panel is not None, timeout=PREDICTION_TIMEOUT_MS)
        yield win
    finally:
        i18n.uninstall_translations(qapp)


def test_the_korean_window_has_no_english_left(korean_window: MainWindow) -> None:
    win = korean_window
    assert win.menuBar().actions()[0].text() == "파일(&F)"
    for dock in win.findChildren(type(win.docks["training"])):  # every dock: the panels, tutorial and explain ones
        dock.raise_()
    QCoreApplication.processEvents()
    # The Training step view's phase strip names the tutorial's code steps (zero_grad → forward → loss → backward →
    # update), as the Korean PyTorch tutorials do.
    found = untranslated(win, allowed=ALLOWED, skip=from_library)  # pyqtgraph's own plot menus: its texts
    found = [(where, text) for where, text in found if where != "QLabel:stepPhases"]
    assert not found, "English left in the Korean window:\n" + "\n".join(f"{where}: {text!r}" for where, text in found)


def test_view_language_is_in_the_window_and_the_choice_persists(qtbot) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(data_source=toy_source(600, 200))
    qtbot.addWidget(win)
    menu = win.language_menu
    assert isinstance(menu, QMenu) and menu.menuAction() in win.view_menu.actions()
    assert i18n.saved_choice(QSettings()) == i18n.SYSTEM
    menu.choice_actions[i18n.ENGLISH].trigger()  # the app speaks English already: saved, no restart asked
    assert i18n.saved_choice(QSettings()) == i18n.ENGLISH
    menu.choice_actions[i18n.KOREAN].trigger()
    assert i18n.saved_choice(QSettings()) == i18n.KOREAN  # written before the restart question is answered
    box = menu.restart_box
    assert box is not None and "다시 시작" in box.text()
    box.close()
    again = i18n.language_menu(None, QSettings())
    qtbot.addWidget(again)
    assert again.choice_actions[i18n.KOREAN].isChecked()


def test_korean_without_a_hangul_font_says_which_package_in_the_status_bar(
    qtbot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(i18n, "hangul_fonts", lambda: [])
    settings = QSettings()
    i18n.save_choice(settings, i18n.KOREAN)
    setup = i18n.install_translations(qapp, settings)
    try:
        assert setup.language == "en" and setup.hint
        win = MainWindow(data_source=toy_source(600, 200))
        qtbot.addWidget(win)
        assert "fonts-noto-cjk" in win.statusBar().currentMessage()
        qtbot.waitUntil(lambda: win.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
        assert "fonts-noto-cjk" in win.statusBar().currentMessage()  # not replaced by "Ready"
    finally:
        i18n.uninstall_translations(qapp)
