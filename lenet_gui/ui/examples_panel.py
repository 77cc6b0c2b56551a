"""My digits' example browser: counts per digit, a digit filter, the thumbnail grid, delete with undo, relabel, open
on the canvas, import a folder (with progress) and export a zip.

The panel gets the personal examples (``workers.PersonalExamples``) through its constructor and shows what they say;
every read and write happens off the GUI thread, thumbnails arrive in batches, so a few hundred examples never
freeze the window.
"""

from __future__ import annotations

import datetime as _dt
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.error_dialog import open_warning
from lenet_gui.ui.example_grid import (
    ALL,
    THUMB,
    ExampleGrid,
    ExampleList,
    TipWriter,
    placeholder,
    unreadable,
)
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.reflow import ReflowBox
from lenet_gui.ui.run_controls import describe, push_button

THUMB_BATCH = 48  # thumbnails read per job: the grid fills in steps, the store's thread stays responsive
# QButtonGroup reads a negative id as "assign one" (-1 becomes -2), so the All button's id in the group is 10.
ALL_BUTTON_ID = 10
NAMED_SKIPPED = 5  # skipped files named in the panel's message; the dialog's Details list every one


class ExamplesPanel(QWidget):
    """Browse, fix, import and export the personal examples."""

    openRequested = Signal(object, object)  # uint8 image, strokes or None: put an example back on the canvas
    gridLoaded = Signal(int)  # every thumbnail of the current view is on screen (the count)
    exampleCountChanged = Signal(int)  # how many examples there are, whenever that may have changed

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examplesPanel")
        self._store = store
        self._examples: list[Any] = []  # all examples, oldest first, as the store last listed them
        self._counts = [0] * 10
        self._stale = True  # the listing needs reloading (done when the panel is on screen)
        self._listing = False
        self._waiting_thumbs = 0  # thumbnail batches asked for and not back yet
        self._asked: set[tuple[str, Any]] = set()  # the thumbnails those batches read (not asked for twice)
        self._pixmaps: dict[tuple[str, Any], QPixmap] = {}  # thumbnail cache by (image path, version)
        self._deleted: Any = None  # the last delete (its files in the trash), for Undo
        self._fine_tuning = False
        self._busy_with_files = False

        self._build_filter()
        self._build_grid()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.actions_row)
        layout.addWidget(self.message)
        store.changed.connect(self.on_counts_changed)
        OnScreenWatch(self, self._on_shown)  # listed when it comes into view, not behind another dock's tab
        self._update_enabled()

    # --- construction ---------------------------------------------------------------------------------------

    def _build_filter(self) -> None:
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[int, QToolButton] = {}
        buttons = []
        for key in (ALL, *range(10)):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName("showAllDigits" if key == ALL else f"showDigit{key}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumWidth(30)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.filter_group.addButton(button, ALL_BUTTON_ID if key == ALL else key)
            self.filter_buttons[key] = button
            buttons.append(button)
        self.filter_buttons[ALL].setChecked(True)
        self.filter_group.idClicked.connect(lambda key: self.set_filter(ALL if key == ALL_BUTTON_ID else key))
        # One row, or two (All 0-4 / 5-9) in a narrow dock: the panel has no large minimum width.
        self.filter_row = ReflowBox(buttons, columns=(11, 6), spacing=2, stretch_last=False, stretches=(2,))
        self.filter_row.setObjectName("digitFilter")
        self._show_counts()

    def _build_grid(self) -> None:
        self.example_list = ExampleList(TipWriter(self.tr), placeholder(self.palette()), self)
        self.grid = ExampleGrid(self.example_list, self)
        self.grid.menu_factory = self._context_menu
        self.grid.deleteRequested.connect(self.delete_selected)
        self.grid.relabelRequested.connect(self.relabel_selected)
        self.grid.openRequested.connect(self.open_selected)
        self.grid.selectionModel().selectionChanged.connect(self._update_enabled)
        self.empty_label = QLabel(
            self.tr(
                "No examples yet: draw a digit and press a digit key to save it as that digit "
                "(or use “That's wrong, it's…” next to the prediction)."
            ),
            self,
        )
        self.empty_label.setObjectName("noExamples")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        describe(self.empty_label, self.tr("No examples yet"), self.tr("How to save your first examples"))
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("examplesStack")
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.grid)
        self.stack.setMinimumHeight(2 * (THUMB + 24) + 8)  # two rows of thumbnails: a short dock scrolls instead

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoDeleteBar")
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        self.undo_label = QLabel("", self.undo_bar)
        self.undo_label.setWordWrap(True)  # a long "Deleted …" wraps: showing the bar never widens the dock
        describe(self.undo_label, self.tr("Deleted examples"), self.tr("What was just deleted"))
        self.undo_button = push_button(
            self.undo_bar,
            self.tr("&Undo delete"),
            "undoDeleteButton",
            self.tr("Undo delete"),
            self.tr("Bring the deleted examples back"),
        )
        self.undo_button.clicked.connect(self.undo_delete)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)

    def _build_actions(self) -> None:
        self.delete_button = push_button(
            self,
            self.tr("Delete"),
            "deleteExamplesButton",
            self.tr("Delete selected examples"),
            self.tr("Delete the selected examples (Delete)"),
            self.delete_selected,
        )
        self.relabel_button = push_button(
            self,
            self.tr("Relabel as"),
            "relabelButton",
            self.tr("Relabel selected examples"),
            self.tr("Move the selected examples to another digit"),
        )
        relabel_menu = QMenu(self.relabel_button)
        relabel_menu.setObjectName("relabelMenu")
        for digit in range(10):
            action = relabel_menu.addAction(f"&{digit}")
            action.setToolTip(self.tr("Relabel the selection as {0} (or press {0} in the grid)").format(digit))
            action.triggered.connect(lambda _=False, d=digit: self.relabel_selected(d))
        self.relabel_button.setMenu(relabel_menu)
        self.open_button = push_button(
            self,
            self.tr("Open"),
            "openExampleButton",
            self.tr("Open on the canvas"),
            self.tr("Put the selected example back on the canvas (Enter)"),
            self.open_selected,
        )
        self.import_button = push_button(
            self,
            self.tr("&Import folder…"),
            "importFolderButton",
            self.tr("Import folder"),
            self.tr("Copy in pictures sorted into digit folders: 0/…png, 1/…png, … (such as an unpacked export)"),
            self._on_import,
        )
        self.export_button = push_button(
            self,
            self.tr("E&xport zip…"),
            "exportZipButton",
            self.tr("Export zip"),
            self.tr("Save every example into a zip file, one folder per digit"),
            self._on_export,
        )
        buttons = (self.delete_button, self.relabel_button, self.open_button, self.import_button, self.export_button)
        self.actions_row = ReflowBox(buttons, columns=(5, 3, 2))  # folds into rows in a narrow dock
        self.actions_row.setObjectName("exampleActions")
        self.message = QLabel("", self)
        self.message.setObjectName("personalMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.message, self.tr("My digits message"), self._message_tip())
        self.message.setVisible(False)
        self._edit_tips = {
            widget: widget.toolTip()
            for widget in (self.grid, self.delete_button, self.relabel_button, self.import_button)
        }

    def _message_tip(self) -> str:
        return self.tr("The result of the last import, export or change")

    # --- the listing ----------------------------------------------------------------------------------------

    @property
    def counts(self) -> list[int]:
        return list(self._counts)

    def set_filter(self, key: int) -> None:
        """Show one digit's examples (0-9) or all of them (``ALL``)."""
        self.example_list.set_filter(key)
        self.filter_buttons[key].setChecked(True)
        self._maybe_loaded()

    def on_counts_changed(self, counts: list[int]) -> None:
        """The store changed (an example saved, deleted, moved, imported): list again, now or when next shown."""
        self._counts = list(counts)
        self._show_counts()
        self.exampleCountChanged.emit(sum(counts))
        self.reload()

    def reload(self) -> None:
        self._stale = True
        if on_screen(self) and not self._listing:
            self._stale = False
            self._listing = True
            self._store.examples(then=self._on_examples)

    def _on_shown(self) -> None:
        if self._stale:
            self.reload()

    def _on_examples(self, examples: list[Any], versions: dict[str, Any]) -> None:
        """A new listing: only the rows that changed change; thumbnails not cached yet are read, the shown first."""
        self._listing = False
        self._examples = examples
        counts = [0] * 10
        for example in examples:
            counts[example.label] += 1
        self._counts = counts
        self._show_counts()
        current, missing = self.example_list.update(examples, versions, self._pixmaps)
        self._pixmaps = {key: pixmap for key, pixmap in self._pixmaps.items() if key in current}
        self.stack.setCurrentWidget(self.grid if examples else self.empty_label)
        shown = self.example_list.filter
        missing = [(example, key) for example, key in missing if key not in self._asked]
        missing.sort(key=lambda pair: shown not in (ALL, pair[0].label))  # stable: the shown ones first
        for start in range(0, len(missing), THUMB_BATCH):
            batch = [example for example, _ in missing[start : start + THUMB_BATCH]]
            keys = [key for _, key in missing[start : start + THUMB_BATCH]]  # the versions asked for
            self._waiting_thumbs += 1
            self._asked.update(keys)
            self._store.thumbnails(
                batch,
                THUMB,
                then=lambda pictures, keys=keys: self._on_thumbnails(keys, pictures),
                frame=self.palette().color(QPalette.ColorRole.Mid),
            )
        self._update_enabled()
        self.exampleCountChanged.emit(len(examples))
        self._maybe_loaded()
        if self._stale:  # changed again while listing
            self.reload()

    def _show_counts(self) -> None:
        total = sum(self._counts)
        for key, button in self.filter_buttons.items():
            if key == ALL:
                button.setText(self.tr("All\n{0}").format(total))
                describe(button, self.tr("Show all digits"), self.tr("Show all {0} examples").format(total))
            else:
                count = self._counts[key]
                button.setText(f"{key}\n{count}")
                describe(
                    button,
                    self.tr("Show only {0}s").format(key),
                    self.tr("{0}: show only these").format(self._examples_text(count, key)),
                )

    def shown_examples(self) -> list[Any]:
        """The examples the grid shows now, in order."""
        return [self.grid.example(row) for row in range(self.grid.count())]

    # --- the grid ---------------------------------------------------------------------------------------------

    def _on_thumbnails(self, keys: list[tuple[str, Any]], pictures: list[tuple[Any, Any]]) -> None:
        arrived = []
        for key, (example, image) in zip(keys, pictures, strict=False):
            pixmap = QPixmap.fromImage(image) if image is not None else unreadable(self.palette())
            self._pixmaps[key] = pixmap
            self._asked.discard(key)
            arrived.append((example, key, pixmap))
        self.example_list.set_thumbnails(arrived)
        self._waiting_thumbs -= 1
        self._maybe_loaded()

    def _maybe_loaded(self) -> None:
        """Every thumbnail asked for is on screen: say so (tests and benchmarks wait for it)."""
        if self._waiting_thumbs == 0 and not self._listing:
            self.gridLoaded.emit(self.grid.count())

    def selected_examples(self) -> list[Any]:
        return self.grid.selected_examples()

    def select(self, examples: list[Any]) -> None:
        """Select these examples in the grid."""
        self.grid.select_ids({example.id for example in examples})

    # --- changes ----------------------------------------------------------------------------------------------

    def _context_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("exampleMenu")
        count = len(self.grid.selected_rows())
        if count == 1:
            menu.addAction(self.tr("&Open on the canvas"), self.open_selected)
        relabel = menu.addMenu(
            self.tr("&Relabel it as") if count == 1 else self.tr("&Relabel these {0} as").format(count)
        )
        for digit in range(10):
            relabel.addAction(f"&{digit}", partial(self.relabel_selected, digit))
        menu.addSeparator()
        menu.addAction(
            self.tr("&Delete it") if count == 1 else self.tr("&Delete these {0}").format(count), self.delete_selected
        )
        return menu

    def delete_selected(self) -> None:
        examples = self.selected_examples()
        if examples:
            self._store.delete(examples, then=self._on_deleted)

    def _on_deleted(self, report: Any) -> None:
        """Undo brings back this delete (the one before can no longer be undone: its trash was emptied)."""
        if report.deleted is not None:
            self._deleted = report.deleted
            self.undo_label.setText(self.tr("Deleted {0}.").format(self._examples_text(report.done)))
            self.undo_bar.setVisible(True)
        self._show_result("", self.tr("{0} could not be deleted (first: {1}: {2})."), report)

    def undo_delete(self) -> None:
        deleted, self._deleted = self._deleted, None
        self.undo_bar.setVisible(False)
        if deleted is not None:
            self._store.restore(deleted, then=self._on_restored)

    def _on_restored(self, report: Any) -> None:
        done = self.tr("Restored {0}.").format(self._examples_text(report.done))
        self._show_result(done, self.tr("{0} could not be restored (first: {1}: {2})."), report)

    def relabel_selected(self, label: int) -> None:
        examples = [example for example in self.selected_examples() if example.label != label]
        if examples:
            self._store.relabel(examples, label, then=lambda report: self._on_relabelled(label, report))

    def _on_relabelled(self, label: int, report: Any) -> None:
        done = self.tr("Relabelled {0} as {1}.").format(self._examples_text(report.done), label)
        self._show_result(done, self.tr("{0} could not be relabelled (first: {1}: {2})."), report)

    def _show_result(self, done_text: str, failed: str, report: Any) -> None:
        """What a change did, and the examples it could not be made to: how many, the first and why (every one of
        them in the tooltip)."""
        parts = [done_text] if done_text and report.done else []
        if report.failures:
            name, reason = report.failures[0]
            parts.append(failed.format(self._examples_text(len(report.failures)), name, reason))
        if parts:
            self.show_message(" ".join(parts))
        if report.failures:
            self.message.setToolTip("\n".join(f"{name}: {reason}" for name, reason in report.failures))

    def open_selected(self) -> None:
        examples = self.selected_examples()
        if len(examples) == 1:
            self._store.read(examples[0], then=lambda image, strokes: self.openRequested.emit(image, strokes))

    # --- import and export ------------------------------------------------------------------------------------

    def _on_import(self) -> None:
        title = self.tr("Import a folder of digits (0/, 1/, … 9/)")
        folder = QFileDialog.getExistingDirectory(self, title, str(Path.home()))
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str) -> None:
        self._set_busy_with_files(True, self.tr("Importing {0}…").format(folder))
        self._store.import_folder(
            folder,
            then=self._on_imported,
            on_error=self._file_job_failed,
            progress=lambda done, total: self.show_message(
                self.tr("Importing {0}… {1} of {2}").format(folder, done, total)
            ),
        )

    def _on_imported(self, report: Any) -> None:
        """How many were imported; skipped files named once each, and a dialog with each one's reason under
        "Details" (before, only the first was named, twice: "bad.png: bad.png: not an image…")."""
        self._set_busy_with_files(False)
        text = self.tr("Imported {0}.").format(self._examples_text(report.added))
        if not report.skipped:
            self.show_message(text)
            self.message.setToolTip(self.tr("Nothing skipped"))
            return
        names = [Path(path).name for path, _ in report.skipped]
        shown = ", ".join(names[:NAMED_SKIPPED])
        if len(names) > NAMED_SKIPPED:
            shown = self.tr("{names} and %n more", "", len(names) - NAMED_SKIPPED).format(names=shown)
        if len(names) == 1:
            skipped = self.tr("1 file skipped, not a readable picture of a digit: {names}.")
        else:
            skipped = self.tr("%n files skipped, not readable pictures of a digit: {names}.", "", len(names))
        text += " " + skipped.format(names=shown)
        details = "\n".join(f"{name}: {reason}" for name, (_, reason) in zip(names, report.skipped, strict=True))
        self.show_message(text)
        self.message.setToolTip(details)
        title = self.tr("Some pictures were not imported")
        open_warning(self, title, text, details, name="importReport")

    def _on_export(self) -> None:
        default = str(Path.home() / f"my-digits-{_dt.date.today():%Y%m%d}.zip")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export my digits"), default, self.tr("Zip archive (*.zip)")
        )
        if path:
            self.export_zip(path if path.lower().endswith(".zip") else path + ".zip")

    def export_zip(self, path: str) -> None:
        self._set_busy_with_files(True, self.tr("Exporting to {0}…").format(path))
        self._store.export_zip(path, then=self._on_exported, on_error=self._file_job_failed)

    def _on_exported(self, path: Any, count: int) -> None:
        self._set_busy_with_files(False)
        self.show_message(self.tr("Exported {0} to {1}.").format(self._examples_text(count), path))

    def _file_job_failed(self, message: str) -> None:
        """An import or export failed (the window shows the store's message too): the buttons work again."""
        self._set_busy_with_files(False)
        self.show_message(message)

    def _set_busy_with_files(self, busy: bool, text: str = "") -> None:
        self._busy_with_files = busy
        if text:
            self.show_message(text)
        self._update_enabled()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(self._message_tip())  # details of an earlier message (skipped files…) do not stay
        self.message.setVisible(bool(text))
        self.message.setAccessibleDescription(text)

    def set_fine_tuning(self, running: bool) -> None:
        """Fine-tuning runs: the examples can still be changed, and the tooltips say what that means for the run."""
        self._fine_tuning = running
        self._update_enabled()

    def _update_enabled(self) -> None:
        """The examples can be changed at any time, fine-tuning or not: the store does one thing at a time, and a
        run reads every example once, as it starts. Only one import or export at a time."""
        selected = len(self.grid.selected_rows())
        self.delete_button.setEnabled(selected > 0)
        self.relabel_button.setEnabled(selected > 0)
        self.open_button.setEnabled(selected == 1)
        self.import_button.setEnabled(not self._busy_with_files)
        self.export_button.setEnabled(not self._busy_with_files and bool(self._examples))
        note = (
            " (" + self.tr("fine-tuning goes on with your examples as they were when it started") + ")"
            if self._fine_tuning
            else ""
        )
        for widget, tip in self._edit_tips.items():
            widget.setToolTip(tip + note)

    # --- wording ----------------------------------------------------------------------------------------------

    def _examples_text(self, count: int, digit: int | None = None) -> str:
        """ "1 example", "3 examples" ("3 examples of 7" with a digit)."""
        if digit is None:
            return self.tr("1 example") if count == 1 else self.tr("%n examples", "", count)
        if count == 1:
            return self.tr("1 example of {digit}").format(digit=digit)
        return self.tr("%n examples of {digit}", "", count).format(digit=digit)
