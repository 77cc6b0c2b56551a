"""My digits: the drawings you saved, and fine-tuning the network on them with a before/after report.

The panel gets the personal store (``workers.PersonalStore``) through its constructor and shows what it says; every
read and write happens in the store's thread, thumbnails arrive in batches, so a few hundred examples never freeze
the window. Fine-tuning is asked for with ``fineTuneRequested`` and runs in the window's worker; the panel shows its
progress, its report and the Keep/Discard choice, like the training panel does for training.
"""

from __future__ import annotations

import datetime as _dt
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QIcon, QKeyEvent, QPainter, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.ui.canvas import gray_to_qimage
from lenet_gui.ui.run_controls import KeepBar, RunControls, describe, format_duration, push_button

THUMB = 56  # thumbnail side in pixels
THUMB_BATCH = 48  # thumbnails read per job: the grid fills in steps, the store's thread stays responsive
CHANGED_THUMB = 44
EMPTY_TEXT = (
    "No examples yet: draw a digit and press a digit key to save it as that digit "
    "(or use “That's wrong, it's…” next to the prediction)."
)
ALL = -1  # the filter showing every digit
# QButtonGroup reads a negative id as "assign one" (-1 becomes -2), so the All button's id in the group is 10.
ALL_BUTTON_ID = 10
ZIP_FILTER = "Zip archive (*.zip)"
MESSAGE_TIP = "The result of the last import, export or change"
WHILE_RUNNING = "fine-tuning goes on with your examples as they were when it started"


class ExampleGrid(QListWidget):
    """Thumbnails of saved examples; Delete deletes, a digit key relabels, Enter puts one back on the canvas."""

    deleteRequested = Signal()
    relabelRequested = Signal(int)
    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examplesGrid")
        describe(
            self,
            "Saved examples",
            "Your saved drawings. Select and press Delete to delete, a digit key to relabel, Enter to open; "
            "right-click for more.",
        )
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 14, THUMB + 24))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(100)
        self.itemActivated.connect(lambda _item: self.openRequested.emit())
        self.menu_factory: Any = None  # set by the panel: builds the context menu for the selection

    def event(self, event: QEvent) -> bool:
        # Delete is also the window's "Clear the canvas" shortcut: in the grid, with a selection, it deletes.
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        ours = key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or Qt.Key.Key_0 <= key <= Qt.Key.Key_9
        return ours and bool(self.selectedItems())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._own_key(event):
            super().keyPressEvent(event)
        elif Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9:
            self.relabelRequested.emit(event.key() - Qt.Key.Key_0)
        else:
            self.deleteRequested.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.itemAt(event.pos())
        if item is not None and not item.isSelected():
            self.setCurrentItem(item)
        if self.selectedItems() and self.menu_factory is not None:
            menu = self.menu_factory(self)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(event.globalPos())


class PersonalPanel(QWidget):
    """The "My digits" dock: browse, fix and export the personal examples, and fine-tune on them."""

    fineTuneRequested = Signal(object)  # core FineTuneConfig, or None for its defaults
    pauseRequested = Signal(bool)
    stopRequested = Signal()
    keepRequested = Signal(object, dict)  # fine-tuned numpy state, checkpoint metadata
    discardRequested = Signal()
    openRequested = Signal(object, object)  # uint8 image, strokes or None: put an example back on the canvas
    fineTuneFinished = Signal(object)  # core FineTuneReport (None when stopped early), once Keep/Discard is offered
    offerChanged = Signal(bool)  # fine-tuned weights are waiting for Keep or Discard (True), or not
    gridLoaded = Signal(int)  # every thumbnail of the current view is on screen (the count)

    def __init__(self, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personalPanel")
        self.setAccessibleName("My digits")
        self._store = store
        self._examples: list[Any] = []  # all examples, oldest first, as the store last listed them
        self._counts = [0] * 10
        self._filter = ALL
        self._stale = True  # the listing needs reloading (done when the panel is on screen)
        self._listing = False
        self._generation = 0  # bumps whenever the grid is refilled; thumbnails asked for before only fill the cache
        self._waiting_thumbs = 0
        self._versions: dict[str, Any] = {}  # each picture's version (time and size on disk) by example id
        self._pixmaps: dict[tuple[str, Any], QPixmap] = {}  # thumbnail cache by (image path, version)
        self._items: dict[str, QListWidgetItem] = {}  # the grid's items by example id (kept by a relabel)
        self._deleted: Any = None  # the last delete (workers.Deleted: its files in the trash), for Undo
        self._running = False
        self._other_run = ""  # why fine-tuning cannot start (training is running), or ""
        self._report: Any = None
        self._busy_with_files = False

        self._build_filter()
        self._build_grid()
        self._build_actions()
        self._build_fine_tune()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.message)
        layout.addWidget(self.fine_tune_box)
        store.changed.connect(self.on_counts_changed)
        self._update_enabled()

    # --- construction ---------------------------------------------------------------------------------------

    def _build_filter(self) -> None:
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[int, QToolButton] = {}
        row = QHBoxLayout()
        row.setSpacing(2)
        for key in (ALL, *range(10)):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName("showAllDigits" if key == ALL else f"showDigit{key}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setMinimumWidth(30)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.filter_group.addButton(button, ALL_BUTTON_ID if key == ALL else key)
            self.filter_buttons[key] = button
            row.addWidget(button, 2 if key == ALL else 1)
        self.filter_buttons[ALL].setChecked(True)
        self.filter_group.idClicked.connect(lambda key: self.set_filter(ALL if key == ALL_BUTTON_ID else key))
        self.filter_row = row
        self._show_counts()

    def _build_grid(self) -> None:
        self.grid = ExampleGrid(self)
        self.grid.menu_factory = self._context_menu
        self.grid.deleteRequested.connect(self.delete_selected)
        self.grid.relabelRequested.connect(self.relabel_selected)
        self.grid.openRequested.connect(self.open_selected)
        self.grid.itemSelectionChanged.connect(self._update_enabled)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("noExamples")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        describe(self.empty_label, "No examples yet", "How to save your first examples")
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("examplesStack")
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.grid)
        self.stack.setMinimumHeight(THUMB + 40)

        self.undo_bar = QFrame(self)
        self.undo_bar.setObjectName("undoDeleteBar")
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        self.undo_label = QLabel("", self.undo_bar)
        describe(self.undo_label, "Deleted examples", "What was just deleted")
        self.undo_button = push_button(
            self.undo_bar, "&Undo delete", "undoDeleteButton", "Undo delete", "Bring the deleted examples back"
        )
        self.undo_button.clicked.connect(self.undo_delete)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)

    def _build_actions(self) -> None:
        self.delete_button = push_button(
            self, "Delete", "deleteExamplesButton", "Delete selected examples", "Delete the selected examples (Delete)"
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.relabel_button = push_button(
            self,
            "Relabel as",
            "relabelButton",
            "Relabel selected examples",
            "Move the selected examples to another digit",
        )
        relabel_menu = QMenu(self.relabel_button)
        relabel_menu.setObjectName("relabelMenu")
        for digit in range(10):
            action = relabel_menu.addAction(f"&{digit}")
            action.setToolTip(f"Relabel the selection as {digit} (or press {digit} in the grid)")
            action.triggered.connect(lambda _=False, d=digit: self.relabel_selected(d))
        self.relabel_button.setMenu(relabel_menu)
        self.open_button = push_button(
            self,
            "Open",
            "openExampleButton",
            "Open on the canvas",
            "Put the selected example back on the canvas (Enter)",
        )
        self.open_button.clicked.connect(self.open_selected)
        self.import_button = push_button(
            self,
            "&Import folder…",
            "importFolderButton",
            "Import folder",
            "Copy in pictures sorted into digit folders: 0/…png, 1/…png, … (such as an unpacked export)",
        )
        self.import_button.clicked.connect(self._on_import)
        self.export_button = push_button(
            self,
            "E&xport zip…",
            "exportZipButton",
            "Export zip",
            "Save every example into a zip file, one folder per digit",
        )
        self.export_button.clicked.connect(self._on_export)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addWidget(self.relabel_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        self.actions_row = row
        self.message = QLabel("", self)
        self.message.setObjectName("personalMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.message, "My digits message", MESSAGE_TIP)
        self.message.setVisible(False)
        self._edit_tips = {
            widget: widget.toolTip()
            for widget in (self.grid, self.delete_button, self.relabel_button, self.import_button)
        }

    def _build_fine_tune(self) -> None:
        box = QGroupBox("Teach it your handwriting", self)
        box.setObjectName("fineTuneBox")
        layout = QVBoxLayout(box)
        intro = QLabel(
            "Fine-tuning trains the network on your examples mixed with MNIST, starting from the weights in use, "
            "so it learns your style without forgetting the rest.",
            box,
        )
        intro.setWordWrap(True)
        describe(intro, "About fine-tuning", "What fine-tuning does")
        self.run_controls = RunControls(
            box,
            noun="fine-tuning",
            prefix="fineTune",
            progress_name="fineTuneProgress",
            start=("&Fine-tune on my digits", "fineTuneButton", "Train the network on your examples and MNIST"),
        )
        self.run_controls.pauseRequested.connect(self.pauseRequested)
        self.run_controls.stopRequested.connect(self.stopRequested)
        self.fine_tune_button = self.run_controls.start_button
        self.fine_tune_button.clicked.connect(lambda: self.start_fine_tune())
        self.pause_button = self.run_controls.pause_button
        self.stop_button = self.run_controls.stop_button
        self.progress = self.run_controls.progress
        self.status = QLabel("", box)
        self.status.setObjectName("fineTuneStatus")
        self.status.setWordWrap(True)
        describe(self.status, "Fine-tuning status", "What fine-tuning is doing")
        buttons = QHBoxLayout()
        buttons.addWidget(self.fine_tune_button, 2)
        buttons.addWidget(self.pause_button, 1)
        buttons.addWidget(self.stop_button, 1)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.report_box = QFrame(box)
        self.report_box.setObjectName("fineTuneReport")
        self.report_box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(self.report_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mnist_result = QLabel("", self.report_box)
        self.mnist_result.setObjectName("mnistBeforeAfter")
        self.mnist_result.setWordWrap(True)
        describe(self.mnist_result, "MNIST accuracy before and after", "Accuracy on the 10,000 MNIST test digits")
        self.personal_result = QLabel("", self.report_box)
        self.personal_result.setObjectName("personalBeforeAfter")
        self.personal_result.setWordWrap(True)
        describe(
            self.personal_result,
            "Your digits before and after",
            "Accuracy on your examples, measured on drawings the network did not train on",
        )
        self.notes = QLabel("", self.report_box)
        self.notes.setObjectName("fineTuneNotes")
        self.notes.setWordWrap(True)
        describe(self.notes, "Notes", "Remarks about this fine-tuning run")
        self.changed = QListWidget(self.report_box)
        self.changed.setObjectName("changedExamples")
        describe(
            self.changed,
            "Examples whose prediction changed",
            "Your examples the network reads differently now: digit: before → after (✓ now right, ✗ now wrong)",
        )
        self.changed.setViewMode(QListView.ViewMode.IconMode)
        self.changed.setFlow(QListView.Flow.LeftToRight)
        self.changed.setWrapping(False)
        self.changed.setMovement(QListView.Movement.Static)
        self.changed.setIconSize(QSize(CHANGED_THUMB, CHANGED_THUMB))
        self.changed.setGridSize(QSize(CHANGED_THUMB + 24, CHANGED_THUMB + 22))
        self.changed.setFixedHeight(CHANGED_THUMB + 42)
        self.changed.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.changed_caption = QLabel("Changed", self.report_box)
        self.unchanged = QLabel("none of your examples is read differently", self.report_box)
        describe(self.unchanged, "No changed predictions", "Every example is read as it was before")
        changed_field = QWidget(self.report_box)
        field = QVBoxLayout(changed_field)
        field.setContentsMargins(0, 0, 0, 0)
        field.addWidget(self.changed)
        field.addWidget(self.unchanged)
        form.addRow("MNIST test accuracy", self.mnist_result)
        form.addRow("Your digits", self.personal_result)
        form.addRow(self.notes)
        form.addRow(self.changed_caption, changed_field)
        self.report_box.setVisible(False)
        layout.addWidget(self.report_box)

        self.keep_bar = KeepBar(box, prefix="fineTune", what="fine-tuning")
        self.keep_bar.keepRequested.connect(self.keepRequested)
        self.keep_bar.discardRequested.connect(self._on_discard)
        self.keep_bar.offerChanged.connect(self.offerChanged)
        self.keep_button = self.keep_bar.keep_button
        self.discard_button = self.keep_bar.discard_button
        layout.addWidget(self.keep_bar)
        self.fine_tune_box = box

    # --- the examples ---------------------------------------------------------------------------------------

    @property
    def counts(self) -> list[int]:
        return list(self._counts)

    def set_filter(self, key: int) -> None:
        """Show one digit's examples (0-9) or all of them (-1)."""
        self._filter = key
        self.filter_buttons[key].setChecked(True)
        self._fill_grid()

    def on_counts_changed(self, counts: list[int]) -> None:
        """The store changed (an example saved, deleted, moved, imported): list again, now or when next shown."""
        self._counts = list(counts)
        self._show_counts()
        self.reload()

    def reload(self) -> None:
        self._stale = True
        if self.isVisible() and not self._listing:
            self._stale = False
            self._listing = True
            self._store.examples(then=self._on_examples)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _on_examples(self, examples: list[Any], versions: dict[str, Any]) -> None:
        self._listing = False
        self._examples = examples
        self._versions = versions
        current = {self._thumb_key(example) for example in examples}
        self._pixmaps = {key: pixmap for key, pixmap in self._pixmaps.items() if key in current}
        counts = [0] * 10
        for example in examples:
            counts[example.label] += 1
        self._counts = counts
        self._show_counts()
        self._fill_grid()
        self._update_enabled()
        if self._stale:  # changed again while listing
            self.reload()

    def _show_counts(self) -> None:
        total = sum(self._counts)
        for key, button in self.filter_buttons.items():
            if key == ALL:
                button.setText(f"All\n{total}")
                describe(button, "Show all digits", f"Show all {total} examples")
            else:
                count = self._counts[key]
                button.setText(f"{key}\n{count}")
                describe(button, f"Show only {key}s", f"{count} example{'s' * (count != 1)} of {key}: show only these")

    def shown_examples(self) -> list[Any]:
        """The examples the grid shows now, in order."""
        if self._filter == ALL:
            return list(self._examples)
        return [example for example in self._examples if example.label == self._filter]

    def _fill_grid(self) -> None:
        shown = self.shown_examples()
        selected = {key for key, item in self._items.items() if item.isSelected()}
        scroll = self.grid.verticalScrollBar().value()
        self.grid.setUpdatesEnabled(False)
        self.grid.clear()
        self._items = {}
        missing = []
        placeholder = self._placeholder()
        for example in shown:
            pixmap = self._pixmaps.get(self._thumb_key(example))
            if pixmap is None:
                missing.append(example)
            item = QListWidgetItem(QIcon(pixmap or placeholder), str(example.label))
            item.setData(Qt.ItemDataRole.UserRole, example)
            item.setToolTip(_example_tip(example))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.grid.addItem(item)
            self._items[example.id] = item
            if example.id in selected:  # a relabelled example stays selected
                item.setSelected(True)
        self.grid.setUpdatesEnabled(True)
        self.grid.verticalScrollBar().setValue(scroll)
        self.stack.setCurrentWidget(self.grid if self._examples else self.empty_label)
        self._generation += 1
        generation = self._generation
        self._waiting_thumbs = 0
        for start in range(0, len(missing), THUMB_BATCH):
            self._waiting_thumbs += 1
            batch = missing[start : start + THUMB_BATCH]
            keys = [self._thumb_key(example) for example in batch]  # the versions asked for, whatever comes next
            self._store.thumbnails(
                batch, THUMB, then=lambda pictures, g=generation, k=keys: self._on_thumbnails(g, k, pictures)
            )
        if not missing:
            self._grid_done()

    def _thumb_key(self, example: Any) -> tuple[str, Any]:
        return str(example.image_path), self._versions.get(example.id)

    def _on_thumbnails(self, generation: int, keys: list[tuple[str, Any]], pictures: list[tuple[Any, Any]]) -> None:
        for key, (example, array) in zip(keys, pictures, strict=False):
            pixmap = self._framed(QPixmap.fromImage(gray_to_qimage(array))) if array is not None else self._unreadable()
            self._pixmaps[key] = pixmap
            item = self._items.get(example.id)
            if item is not None and self._thumb_key(item.data(Qt.ItemDataRole.UserRole)) == key:  # not outdated
                item.setIcon(QIcon(pixmap))
        if generation == self._generation:
            self._waiting_thumbs -= 1
            if self._waiting_thumbs == 0:
                self._grid_done()

    def _grid_done(self) -> None:
        self.gridLoaded.emit(self.grid.count())

    def _placeholder(self) -> QPixmap:
        pixmap = QPixmap(THUMB, THUMB)
        pixmap.fill(self.palette().color(QPalette.ColorRole.Mid))
        return pixmap

    def _framed(self, pixmap: QPixmap) -> QPixmap:
        """A thin frame, so white paper stays a tile on a white (light theme) list."""
        painter = QPainter(pixmap)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
        painter.end()
        return pixmap

    def _unreadable(self) -> QPixmap:
        pixmap = self._placeholder()
        painter = QPainter(pixmap)
        painter.setPen(QColor(200, 60, 60))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "?")
        painter.end()
        return pixmap

    def selected_examples(self) -> list[Any]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.grid.selectedItems()]

    def select(self, examples: list[Any]) -> None:
        """Select these examples in the grid."""
        wanted = {example.id for example in examples}
        self.grid.clearSelection()
        for key, item in self._items.items():
            if key in wanted:
                item.setSelected(True)

    def _context_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        menu.setObjectName("exampleMenu")
        count = len(self.grid.selectedItems())
        if count == 1:
            menu.addAction("&Open on the canvas", self.open_selected)
        relabel = menu.addMenu(f"&Relabel {'it' if count == 1 else f'these {count}'} as")
        for digit in range(10):
            relabel.addAction(f"&{digit}", lambda d=digit: self.relabel_selected(d))
        menu.addSeparator()
        menu.addAction(f"&Delete {'it' if count == 1 else f'these {count}'}", self.delete_selected)
        return menu

    def delete_selected(self) -> None:
        examples = self.selected_examples()
        if examples:
            self._store.delete(examples, then=self._on_deleted)

    def _on_deleted(self, report: Any) -> None:
        """Undo brings back this delete (the one before can no longer be undone: its trash was emptied)."""
        if report.deleted is not None:
            self._deleted = report.deleted
            self.undo_label.setText(f"Deleted {_examples(report.done)}.")
            self.undo_bar.setVisible(True)
        self._show_result("", "deleted", report)

    def undo_delete(self) -> None:
        deleted, self._deleted = self._deleted, None
        self.undo_bar.setVisible(False)
        if deleted is not None:
            self._store.restore(
                deleted,
                then=lambda report: self._show_result(f"Restored {_examples(report.done)}.", "restored", report),
            )

    def relabel_selected(self, label: int) -> None:
        examples = [example for example in self.selected_examples() if example.label != label]
        if not examples:
            return
        self._store.relabel(
            examples,
            label,
            then=lambda report: self._show_result(
                f"Relabelled {_examples(report.done)} as {label}.", "relabelled", report
            ),
        )

    def _show_result(self, done_text: str, verb: str, report: Any) -> None:
        """What a change did, and the examples it could not be made to: how many, the first and why (every one of
        them in the tooltip)."""
        parts = [done_text] if done_text and report.done else []
        if report.failures:
            name, reason = report.failures[0]
            parts.append(f"{_examples(len(report.failures))} could not be {verb} (first: {name}: {reason}).")
        if parts:
            self.show_message(" ".join(parts))
        if report.failures:
            self.message.setToolTip("\n".join(f"{name}: {reason}" for name, reason in report.failures))

    def open_selected(self) -> None:
        examples = self.selected_examples()
        if len(examples) == 1:
            self._store.read(examples[0], then=lambda image, strokes: self.openRequested.emit(image, strokes))

    def _on_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of digits (0/, 1/, … 9/)", str(Path.home()))
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str) -> None:
        self._set_busy_with_files(True, f"Importing {folder}…")
        self._store.import_folder(
            folder,
            then=self._on_imported,
            on_error=self._file_job_failed,
            progress=lambda done, total: self.show_message(f"Importing {folder}… {done} of {total}"),
        )

    def _on_imported(self, report: Any) -> None:
        self._set_busy_with_files(False)
        self.show_message(report.summary())
        self.message.setToolTip("\n".join(f"{Path(p).name}: {r}" for p, r in report.skipped) or "Nothing skipped")

    def _on_export(self) -> None:
        default = str(Path.home() / f"my-digits-{_dt.date.today():%Y%m%d}.zip")
        path, _ = QFileDialog.getSaveFileName(self, "Export my digits", default, ZIP_FILTER)
        if path:
            self.export_zip(path if path.lower().endswith(".zip") else path + ".zip")

    def export_zip(self, path: str) -> None:
        self._set_busy_with_files(True, f"Exporting to {path}…")
        self._store.export_zip(path, then=self._on_exported, on_error=self._file_job_failed)

    def _on_exported(self, path: Any, count: int) -> None:
        self._set_busy_with_files(False)
        self.show_message(f"Exported {_examples(count)} to {path}.")

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
        self.message.setToolTip(MESSAGE_TIP)  # details of an earlier message (skipped files…) do not stay
        self.message.setVisible(bool(text))
        self.message.setAccessibleDescription(text)

    def _update_enabled(self) -> None:
        """The examples can be changed at any time, fine-tuning or not: the store does one thing at a time, and a
        run reads every example once, as it starts. Only one import or export at a time."""
        selected = len(self.grid.selectedItems())
        self.delete_button.setEnabled(selected > 0)
        self.relabel_button.setEnabled(selected > 0)
        self.open_button.setEnabled(selected == 1)
        self.import_button.setEnabled(not self._busy_with_files)
        self.export_button.setEnabled(not self._busy_with_files and bool(self._examples))
        note = f" ({WHILE_RUNNING})" if self._running else ""
        for widget, tip in self._edit_tips.items():
            widget.setToolTip(tip + note)
        if self._other_run:
            reason = self._other_run
        elif not self._examples and not self._stale:
            reason = "Save a few examples first: draw a digit and press its key"
        else:
            reason = ""
        self.run_controls.set_blocked(reason)

    # --- fine-tuning ----------------------------------------------------------------------------------------

    def start_fine_tune(self, config: Any = None) -> None:
        """Ask for a fine-tuning run (``config``: core FineTuneConfig, None for the defaults)."""
        if not self.run_controls.can_start:
            return
        self.report_box.setVisible(False)
        self.keep_bar.clear()
        self.run_controls.show_fraction(0.0, "Starting")
        self.status.setText("Loading MNIST…")
        self._report = None
        self.fineTuneRequested.emit(config)

    @property
    def running(self) -> bool:
        return self._running

    def set_model_ready(self, ready: bool) -> None:
        self.run_controls.set_model_ready(ready)

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run_controls.set_running(running)
        self._update_enabled()

    def set_blocked(self, reason: str) -> None:
        """Training is using the network, or its new weights wait for Keep or Discard: no fine-tuning until then, as
        the button's tooltip says. "" lifts the block."""
        self._other_run = reason
        self._update_enabled()

    def pending_weights(self) -> dict[str, Any] | None:
        """Fine-tuned weights still waiting for Keep or Discard."""
        return self.keep_bar.pending()

    def keep_failed(self) -> None:
        self.keep_bar.keep_failed()

    def on_progress(self, event: Any) -> None:
        text = "Fine-tuning" if event.epoch == 1 else f"Checking ({event.epoch - 1}/{event.epochs - 1})"
        self.run_controls.show_fraction(event.fraction, text)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def on_mnist_missing(self) -> None:
        self.status.setText(
            "MNIST is not on this computer: fine-tuning on your examples with generated practice digits."
        )

    def on_stopped_early(self) -> None:
        self.run_controls.show_stopped_early()
        self.status.setText("Stopped before fine-tuning began: the weights did not change.")

    def on_diverged(self, event: Any) -> None:
        self.status.setText(event.message)

    def on_failed(self, message: str) -> None:
        self.status.setText(f"Fine-tuning failed: {message.splitlines()[0] if message else ''}")
        self.progress.setFormat("Failed")

    def on_report(self, report: Any) -> None:
        """Before → after: MNIST, your digits, the examples read differently now."""
        self._report = report
        if report.mnist_before is not None and report.mnist_after is not None:
            delta = (report.mnist_after - report.mnist_before) * 100
            self.mnist_result.setText(
                f"{report.mnist_before * 100:.2f}% → <b>{report.mnist_after * 100:.2f}%</b> ({delta:+.2f} points)"
            )
        else:
            self.mnist_result.setText("could not be checked (MNIST is not on this computer)")
        if math.isnan(report.personal_after):
            method = report.personal_method
            self.personal_result.setText("not measured" if method == "not measured" else f"not measured ({method})")
        else:
            self.personal_result.setText(
                f"{report.personal_before * 100:.0f}% → <b>{report.personal_after * 100:.0f}%</b>"
                f" <span style='color:{self._muted()}'>({report.personal_method})</span>"
            )
        self.notes.setText("\n".join(report.notes))
        self.notes.setVisible(bool(report.notes))
        self._show_changed(report.changed)
        self.report_box.setVisible(True)

    def _show_changed(self, changed: tuple[Any, ...]) -> None:
        self.changed.clear()
        fixed = sum(c.after == c.label for c in changed)
        self.changed_caption.setText(f"Changed ({len(changed)})" if changed else "Changed")
        self.changed.setVisible(bool(changed))
        self.unchanged.setVisible(not changed)
        if not changed:
            return
        self.changed_caption.setToolTip(f"{fixed} of {len(changed)} are now read right")
        for change in changed:
            pixmap = QPixmap.fromImage(gray_to_qimage(change.pixels)).scaled(CHANGED_THUMB, CHANGED_THUMB)
            mark = "✓" if change.after == change.label else ("✗" if change.before == change.label else "·")
            item = QListWidgetItem(QIcon(pixmap), f"{mark} {change.before}→{change.after}")
            item.setToolTip(
                f"A {change.label}: read as {change.before} before, {change.after} now"
                + (" (now right)" if change.after == change.label else "")
            )
            self.changed.addItem(item)

    def on_finished(self, event: Any) -> None:
        """Offer to keep or discard the fine-tuned weights (they are in use meanwhile)."""
        report = self._report
        metadata: dict[str, Any] = {"kind": "fine-tuned", "fine_tuned": True, "seconds": round(float(event.seconds), 1)}
        if report is not None:
            metadata["personal_examples"] = int(report.personal_count)
            if report.mnist_after is not None:
                metadata["test_accuracy"] = float(report.mnist_after)
            if not math.isnan(report.personal_after):
                metadata["personal_accuracy"] = float(report.personal_after)
                metadata["personal_method"] = str(report.personal_method)
        if event.cancelled:
            self.report_box.setVisible(False)
            text = (
                f"Stopped after {format_duration(event.seconds)}, before the report. "
                "Keep the partly fine-tuned weights? They are in use now; Discard goes back to the previous ones."
            )
            self.progress.setFormat("Stopped — %p%")
        else:
            examples = f" on {report.personal_count} examples" if report is not None else ""
            text = (
                f"Fine-tuned{examples} in {format_duration(event.seconds)}. Keep the new weights? They are in use "
                "now; Discard goes back to the previous ones."
            )
            self.progress.setValue(1000)
            self.progress.setFormat("Finished — %p%")
            self.status.setText("")
        self.keep_bar.offer(event.state, metadata, text)
        self.fineTuneFinished.emit(None if event.cancelled else report)

    def _on_discard(self) -> None:
        self.report_box.setVisible(False)
        self.discardRequested.emit()

    def _muted(self) -> str:
        return self.palette().color(QPalette.ColorRole.PlaceholderText).name()


def _examples(count: int) -> str:
    """ "1 example", "3 examples"."""
    return f"{count} example{'s' * (count != 1)}"


def _example_tip(example: Any) -> str:
    """The grid tooltip: "A 7 · saved 12 Jun 2025 14:03 · drawn here (strokes kept)"."""
    parts = [f"A {example.label}"]
    try:
        saved = _dt.datetime.strptime(example.id[:15], "%Y%m%d-%H%M%S")
        parts.append(f"saved {saved:%d %b %Y %H:%M}")
    except ValueError:
        pass
    parts.append("drawn here (strokes kept)" if example.strokes_path is not None else "a picture")
    return " · ".join(parts)
