"""The window's menus, actions and docks, built in one place so the window itself only connects them.

Every action is an attribute of the window (``open_action``, ``undo_action``…): tests and the self-test trigger
them, and each has a tooltip and a status tip (a test checks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel

if TYPE_CHECKING:
    from lenet_gui.ui.main_window import MainWindow

LAYOUT_VERSION = 2  # 2: the My digits dock


def build_docks(window: MainWindow) -> None:
    """The four docks, tabified on the right, each showing "Loading…" until its panel is built."""
    window.docks: dict[str, QDockWidget] = {}
    for key, title, tip in (
        ("training", window.tr("Training"), window.tr("Train the network and watch it learn")),
        (
            "filters",
            window.tr("Filters && feature maps"),
            window.tr("The learned filters and what each layer computes"),
        ),
        ("parameters", window.tr("Parameters"), window.tr("The network's parameter tensors")),
        ("personal", window.tr("My digits"), window.tr("Your saved drawings, and fine-tuning the network on them")),
    ):
        dock = QDockWidget(title, window)  # "&&": a literal & in the tab that tabified docks get
        dock.setObjectName(f"{key}Dock")
        dock.setAccessibleName(title.replace("&&", "and"))
        dock.setToolTip(tip)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        waiting = QLabel(window.tr("Loading…"))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.setAccessibleName(window.tr("Loading"))
        dock.setWidget(waiting)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.docks[key] = dock
    window.tabifyDockWidget(window.docks["training"], window.docks["filters"])
    window.tabifyDockWidget(window.docks["filters"], window.docks["parameters"])
    window.tabifyDockWidget(window.docks["parameters"], window.docks["personal"])
    window.docks["training"].raise_()
    window.resizeDocks([window.docks["training"]], [600], Qt.Orientation.Horizontal)
    window._default_state = window.saveState(LAYOUT_VERSION)


def _action(window: MainWindow, text: str, slot: Callable[[], object], shortcut: Any = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setToolTip(tip or text.replace("&", "").replace("…", ""))
    action.setStatusTip(action.toolTip())
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> None:
    """Every action, with its shortcuts, tooltip and status tip, as an attribute of the window."""
    Key, tr, files, canvas = QKeySequence.StandardKey, window.tr, window.files, window.canvas
    action = _action
    window.open_action = action(window, tr("&Open image…"), files.open_dialog, Key.Open, tr("Open an image of a digit"))
    window.save_drawing_action = action(
        window, tr("&Save drawing…"), files.save_drawing_dialog, Key.Save, tr("Save as PNG")
    )
    window.load_weights_action = action(
        window, tr("&Load weights…"), files.load_weights_dialog, "Ctrl+L", tr("Load weights")
    )
    window.save_weights_action = action(
        window, tr("Save &weights…"), files.save_weights_dialog, "Ctrl+Shift+S", tr("Save weights")
    )
    window.reset_weights_action = action(
        window,
        tr("&Reset to bundled weights"),
        window.inference.load_bundled,
        None,
        tr("Use the weights shipped with the app"),
    )
    window.quit_action = action(window, tr("&Quit"), window.close, Key.Quit, tr("Quit LeNet GUI"))
    window.quit_action.setShortcuts(_unique([QKeySequence(Key.Quit), QKeySequence("Ctrl+Q")]))
    window.undo_action = canvas.undo_stack.createUndoAction(window, tr("&Undo"))
    window.undo_action.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    window.redo_action = canvas.undo_stack.createRedoAction(window, tr("&Redo"))
    window.redo_action.setShortcuts(_unique([*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Y")]))
    for undo_redo in (window.undo_action, window.redo_action):
        window.addAction(undo_redo)
    window.clear_action = action(
        window, tr("&Clear"), canvas.clear, [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Delete)]
    )
    window.paste_action = action(
        window, tr("&Paste image"), files.paste, Key.Paste, tr("Classify an image from the clipboard")
    )
    window.eraser_action = action(
        window, tr("&Eraser"), window.center.eraser_button.toggle, "E", tr("Toggle the eraser")
    )
    window.thinner_action = action(
        window, tr("&Thinner pen"), lambda: canvas.set_pen_width(canvas.pen_width() - 2), "[", tr("Thinner pen")
    )
    window.thicker_action = action(
        window, tr("T&hicker pen"), lambda: canvas.set_pen_width(canvas.pen_width() + 2), "]", tr("Thicker pen")
    )
    window.reset_layout_action = action(window, tr("&Reset layout"), window.reset_layout, None, tr("Put panels back"))
    window.about_action = action(window, tr("&About LeNet GUI"), window.show_about, None, tr("Versions and credits"))
    window.about_qt_action = action(window, tr("About &Qt"), QGuiApplication.instance().aboutQt, None, tr("About Qt"))
    window.center.set_undo_actions(window.undo_action, window.redo_action)


def build_menus(window: MainWindow) -> None:
    menus = window.menuBar()
    file_menu = menus.addMenu(window.tr("&File"))
    file_menu.addActions([window.open_action, window.save_drawing_action])
    file_menu.addSeparator()
    file_menu.addActions([window.load_weights_action, window.save_weights_action, window.reset_weights_action])
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menus.addMenu(window.tr("&Edit"))
    edit_menu.addActions([window.undo_action, window.redo_action, window.clear_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.paste_action, window.eraser_action, window.thinner_action, window.thicker_action])
    view_menu = menus.addMenu(window.tr("&View"))
    for dock in window.docks.values():
        toggle = dock.toggleViewAction()
        toggle.setToolTip(window.tr("Show or hide the {panel} panel").format(panel=dock.windowTitle()))
        view_menu.addAction(toggle)
    view_menu.addSeparator()
    view_menu.addAction(window.reset_layout_action)
    help_menu = menus.addMenu(window.tr("&Help"))
    help_menu.addActions([window.about_action, window.about_qt_action])


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """A shortcut listed twice on one action makes Qt call it ambiguous and ignore the key altogether."""
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if sequence not in unique:
            unique.append(sequence)
    return unique
