"""The window's menus, actions and docks, built in one place so the window itself only connects them.

Every action is an attribute of the window (``open_action``, ``undo_action``…): tests and the self-test trigger
them, and each has a tooltip and a status tip (a test checks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from lenet_gui.ui import i18n
from lenet_gui.ui.dock_layout import set_dock_panel

if TYPE_CHECKING:
    from lenet_gui.ui.main_window import MainWindow

LAYOUT_VERSION = 2  # 2: the My digits dock


def build_docks(window: MainWindow) -> None:
    """The four docks, tabified on the right, each showing "Loading…" until its panel is built."""
    window.docks = {}
    for key, title, tip in (
        (
            "training",
            QCoreApplication.translate("MainWindow", "Training"),
            QCoreApplication.translate("MainWindow", "Train the network and watch it learn"),
        ),
        (
            "filters",
            QCoreApplication.translate("MainWindow", "Filters && feature maps"),
            QCoreApplication.translate("MainWindow", "The learned filters and what each layer computes"),
        ),
        (
            "parameters",
            QCoreApplication.translate("MainWindow", "Parameters"),
            QCoreApplication.translate("MainWindow", "The network's parameter tensors"),
        ),
        (
            "personal",
            QCoreApplication.translate("MainWindow", "My digits"),
            QCoreApplication.translate("MainWindow", "Your saved drawings, and fine-tuning the network on them"),
        ),
    ):
        dock = QDockWidget(title, window)  # "&&": a literal & in the tab that tabified docks get
        dock.setObjectName(f"{key}Dock")
        dock.setAccessibleName(title.replace("&&", "and"))
        dock.setToolTip(tip)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        waiting = QLabel(QCoreApplication.translate("MainWindow", "Loading…"))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.setAccessibleName(QCoreApplication.translate("MainWindow", "Loading"))
        set_dock_panel(dock, waiting)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.docks[key] = dock
    window.tabifyDockWidget(window.docks["training"], window.docks["filters"])
    window.tabifyDockWidget(window.docks["filters"], window.docks["parameters"])
    window.tabifyDockWidget(window.docks["parameters"], window.docks["personal"])
    window.docks["training"].raise_()
    window.resizeDocks([window.docks["training"]], [600], Qt.Orientation.Horizontal)
    window._default_state = window.saveState(LAYOUT_VERSION)


Shortcut = QKeySequence | QKeySequence.StandardKey | str
"""One key sequence, as Qt's ``QKeySequence`` constructor takes it."""


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut | list[Shortcut] | None = None,
    tip: str = "",
) -> QAction:
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
    Key, files, canvas = QKeySequence.StandardKey, window.files, window.canvas
    action = _action
    window.open_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Open image…"),
        files.open_dialog,
        Key.Open,
        QCoreApplication.translate("MainWindow", "Open an image of a digit"),
    )
    window.save_drawing_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Save drawing…"),
        files.save_drawing_dialog,
        Key.Save,
        QCoreApplication.translate("MainWindow", "Save as PNG"),
    )
    window.load_weights_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Load weights…"),
        files.load_weights_dialog,
        "Ctrl+L",
        QCoreApplication.translate("MainWindow", "Load weights"),
    )
    window.save_weights_action = action(
        window,
        QCoreApplication.translate("MainWindow", "Save &weights…"),
        files.save_weights_dialog,
        "Ctrl+Shift+S",
        QCoreApplication.translate("MainWindow", "Save weights"),
    )
    window.export_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Export network as ONNX…"),
        window.exporter.export_dialog,
        "Ctrl+E",
        QCoreApplication.translate("MainWindow", "Write the network in use as an ONNX file for other tools"),
    )
    window.reset_weights_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Reset to bundled weights"),
        window.inference.load_bundled,
        None,
        QCoreApplication.translate("MainWindow", "Use the weights shipped with the app"),
    )
    window.quit_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Quit"),
        window.close,
        Key.Quit,
        QCoreApplication.translate("MainWindow", "Quit LeNet GUI"),
    )
    window.quit_action.setShortcuts(_unique([QKeySequence(Key.Quit), QKeySequence("Ctrl+Q")]))
    window.undo_action = _UndoRedoAction(window, canvas.undo_stack, redo=False)
    window.redo_action = _UndoRedoAction(window, canvas.undo_stack, redo=True)
    window.undo_action.setShortcuts(QKeySequence.keyBindings(Key.Undo))
    window.redo_action.setShortcuts(_unique([*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Y")]))
    for undo_redo in (window.undo_action, window.redo_action):
        window.addAction(undo_redo)
    window.clear_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Clear"),
        canvas.clear,
        [QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Delete)],
        QCoreApplication.translate("MainWindow", "Clear the drawing (Esc or Delete on the canvas)"),
    )
    _only_at_the_drawing(window, window.clear_action)
    window.paste_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Paste image"),
        files.paste,
        Key.Paste,
        QCoreApplication.translate("MainWindow", "Classify an image from the clipboard"),
    )
    window.eraser_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Eraser"),
        window.center.eraser_button.toggle,
        "E",
        QCoreApplication.translate("MainWindow", "Toggle the eraser"),
    )
    window.thinner_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Thinner pen"),
        lambda: canvas.set_pen_width(canvas.pen_width() - 2),
        "[",
        QCoreApplication.translate("MainWindow", "Thinner pen"),
    )
    window.thicker_action = action(
        window,
        QCoreApplication.translate("MainWindow", "T&hicker pen"),
        lambda: canvas.set_pen_width(canvas.pen_width() + 2),
        "]",
        QCoreApplication.translate("MainWindow", "Thicker pen"),
    )
    window.reset_layout_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Reset layout"),
        window.reset_layout,
        None,
        QCoreApplication.translate("MainWindow", "Put panels back"),
    )
    window.compare_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&Compare two networks…"),
        window.side_by_side.open,
        None,
        QCoreApplication.translate(
            "MainWindow", "Two sets of weights side by side on your drawing and on the test digits"
        ),
    )
    window.about_action = action(
        window,
        QCoreApplication.translate("MainWindow", "&About LeNet GUI"),
        window.show_about,
        None,
        QCoreApplication.translate("MainWindow", "Versions and credits"),
    )
    app = QGuiApplication.instance()
    assert isinstance(app, QApplication)  # a QMainWindow exists only under a QApplication
    window.about_qt_action = action(
        window,
        QCoreApplication.translate("MainWindow", "About &Qt"),
        app.aboutQt,
        None,
        QCoreApplication.translate("MainWindow", "About Qt"),
    )
    window.center.set_undo_actions(window.undo_action, window.redo_action)


def build_menus(window: MainWindow) -> None:
    menus = window.menuBar()
    file_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addActions([window.open_action, window.save_drawing_action])
    file_menu.addSeparator()
    file_menu.addActions([window.load_weights_action, window.save_weights_action, window.reset_weights_action])
    file_menu.addAction(window.export_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.addActions([window.undo_action, window.redo_action, window.clear_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.paste_action, window.eraser_action, window.thinner_action, window.thicker_action])
    view_menu = window.view_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    for dock in window.docks.values():
        toggle = dock.toggleViewAction()
        toggle.setToolTip(
            QCoreApplication.translate("MainWindow", "Show or hide the {panel} panel").format(panel=dock.windowTitle())
        )
        view_menu.addAction(toggle)
    window.view_menu_docks_end = view_menu.addSeparator()  # docks built later are listed before it
    view_menu.addAction(window.compare_action)
    view_menu.addSeparator()
    view_menu.addAction(window.reset_layout_action)
    view_menu.addSeparator()
    window.language_menu = i18n.language_menu(window)  # System / English / 한국어, applied at restart
    view_menu.addMenu(window.language_menu)
    help_menu = menus.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addActions([window.about_action, window.about_qt_action])


class _UndoRedoAction(QAction):
    """Undo or Redo, named after what it undoes, in one sentence-case phrase ("Undo eraser stroke", "Redo clear")
    in the menu, the tooltip and the status tip alike. QUndoStack's own actions glue "&Undo" to the command's name
    as it stands ("Undo Eraser stroke") and cannot put the name first, as Korean wants. A QAction of its own, so
    that the stack's signals stop reaching it when the window goes."""

    def __init__(self, window: MainWindow, stack: QUndoStack, *, redo: bool) -> None:
        super().__init__(window)
        self._redo = redo
        self.rename(stack.redoText() if redo else stack.undoText())
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self.rename)
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        self.triggered.connect(stack.redo if redo else stack.undo)

    @Slot(str)
    def rename(self, what: str) -> None:
        if self._redo:
            named = QCoreApplication.translate("MainWindow", "&Redo {action}").format(action=what)
            text = named if what else QCoreApplication.translate("MainWindow", "&Redo")
        else:
            named = QCoreApplication.translate("MainWindow", "&Undo {action}").format(action=what)
            text = named if what else QCoreApplication.translate("MainWindow", "&Undo")
        self.setText(text)
        self.setToolTip(re.sub(r"\(&\w\)|&", "", text).strip())  # "&Undo" and Korean "실행 취소(&U)" alike
        self.setStatusTip(self.toolTip())


def _only_at_the_drawing(window: MainWindow, action: QAction) -> None:
    """Esc and Delete clear the drawing only while the focus is at the drawing (the canvas, its tools, the answer
    beside it), never while a field, a list or a dropdown in a panel is in use: there Esc means "never mind" and
    Delete edits, and the drawing was wiped from under the Epochs field. The action belongs to the drawing area
    (and to the Edit menu, which triggers it from anywhere), not to the window, whose every child would match."""
    window.removeAction(action)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    window.center.addAction(action)


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    """A shortcut listed twice on one action makes Qt call it ambiguous and ignore the key altogether."""
    unique: list[QKeySequence] = []
    for sequence in sequences:
        if sequence not in unique:
            unique.append(sequence)
    return unique
