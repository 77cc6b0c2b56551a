"""The Network, Training step, Explain and Poke docks of the app's (lazy) window come after it is shown (issue 10:
their modules and widgets took a fifth of the time to show it). They then take the place the saved layout gives
them, the View menu lists them, and they follow the drawing as they did when built at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw

from lenet_gui.ui import MainWindow


def test_the_teaching_docks_come_after_the_window_and_keep_the_saved_layout(qtbot) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    first = MainWindow()  # built at once (as tests and screenshots do); the user hides Poke, moves Explain left
    qtbot.addWidget(first)
    first.docks["poke"].hide()
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.docks["explain"])
    first.close()  # saves the layout

    window = MainWindow(lazy_panels=True)
    qtbot.addWidget(window)
    assert window.tutorial is None and window.explain is None  # nothing of theirs before the window is shown
    window.show()
    qtbot.waitUntil(lambda: window.explain is not None and window.inference.ready, timeout=PREDICTION_TIMEOUT_MS)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.docks["poke"].isHidden() and window.dockWidgetArea(window.docks["explain"]) == left  # as saved
    actions = window.view_menu.actions()
    listed = [action.text() for action in actions[: actions.index(window.view_menu_docks_end)]]
    assert listed[-4:] == ["Network", "Training step", "Explain", "Poke"]  # every dock can be shown again
    poke_toggle = actions[listed.index("Poke")]
    poke_toggle.trigger()  # the View menu shows the hidden dock again
    assert not window.docks["poke"].isHidden()

    window.tutorial.docks["network"].raise_()
    draw(window.canvas, SEVEN)
    view = window.tutorial.network_view
    # (paced: a view of the half-drawn seven may come first; the finished drawing's follows)
    qtbot.waitUntil(
        lambda: view._probabilities is not None and int(view._probabilities.argmax()) == 7,
        timeout=PREDICTION_TIMEOUT_MS,
    )
