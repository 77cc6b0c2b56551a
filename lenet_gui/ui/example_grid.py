"""The thumbnail grid of My digits, kept up to date by small changes instead of being rebuilt.

Every example has one row in a ``QStandardItemModel`` for as long as it exists; the digit filter is a
``QSortFilterProxyModel`` on the label, so a filter click is one call that Qt carries out in C++, and a change on disk
(a save, a delete, a relabel, an import) inserts, removes or updates only the rows it touched. Thumbnails arrive
already decoded (the personal examples' thread makes them) and land in their rows in batches.

Why it matters: a whole-grid rebuild is hundreds of Python calls into Qt on the GUI thread, and while a training run
holds the GIL each of them may wait for it; the soak of issue 16 saw the window stall 400–800 ms on filter clicks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from lenet_gui.ui.run_controls import describe

THUMB = 56  # thumbnail side in pixels
ALL = -1  # the filter showing every digit

EXAMPLE_ROLE = Qt.ItemDataRole.UserRole  # the core Example the row shows
LABEL_ROLE = Qt.ItemDataRole.UserRole + 1  # its digit as text: what the filter matches
THUMB_KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # (image path, version) of the thumbnail shown, None for a placeholder
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the example's id


class ExampleList(QObject):
    """Every example as a row (oldest first) and the filtered view of them the grid shows."""

    def __init__(self, tip: Callable[[Any, str], str], placeholder: QPixmap, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tip = tip  # an example's tooltip
        self._placeholder = QIcon(placeholder)  # the tile shown until its thumbnail has been read
        self.model = QStandardItemModel(self)
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.model)
        self.shown.setFilterRole(LABEL_ROLE)
        self._rows: dict[str, QStandardItem] = {}  # example id → its item (an item keeps its place by a relabel)
        self.filter = ALL

    def set_filter(self, key: int) -> None:
        """Show one digit (0-9) or every example (``ALL``): one call, done by Qt."""
        self.filter = key
        self.shown.setFilterFixedString("" if key == ALL else str(key))

    def update(
        self, examples: list[Any], versions: dict[str, Any], cached: dict[tuple[str, Any], QPixmap]
    ) -> tuple[set[tuple[str, Any]], list[tuple[Any, tuple[str, Any]]]]:
        """Make the rows say what ``examples`` (oldest first) says: rows of examples gone are removed, new ones
        inserted in place, changed ones (relabelled, edited on disk) updated. Returns the thumbnail keys in use and
        the (example, key) pairs whose thumbnail is not in ``cached``, to be read. Each example's id is worked out
        once (it is a path's stem: not free, for hundreds of examples)."""
        listed = [(example.id, example) for example in examples]
        wanted = {ident for ident, _ in listed}
        root = self.model.invisibleRootItem()
        for row in sorted((self._rows[ident].row() for ident in set(self._rows) - wanted), reverse=True):
            del self._rows[root.child(row).data(ID_ROLE)]
            root.removeRow(row)  # backwards, so the rows left keep their numbers
        keys: set[tuple[str, Any]] = set()
        missing = []
        row = 0
        run: list[QStandardItem] = []  # new items to insert at ``row`` in one go
        for ident, example in listed:
            key = (str(example.image_path), versions.get(ident))
            keys.add(key)
            item = self._rows.get(ident)
            if item is None:
                item = self._new_item(ident, example)
                run.append(item)
                self._rows[ident] = item
            else:
                if run:
                    root.insertRows(row, run)
                    row += len(run)
                    run = []
                row += 1
                if item.data(EXAMPLE_ROLE) != example:
                    self._describe(item, example, ident)
            if item.data(THUMB_KEY_ROLE) != key:
                pixmap = cached.get(key)
                if pixmap is None:
                    missing.append((example, key))
                else:
                    self._set_thumbnail(item, key, pixmap)
        if run:
            root.insertRows(row, run)
        return keys, missing

    def set_thumbnails(self, pictures: Iterable[tuple[Any, tuple[str, Any], QPixmap]]) -> None:
        """Thumbnails that arrived: each goes to its example's row, unless the row changed since it was asked for."""
        for example, key, pixmap in pictures:
            item = self._rows.get(example.id)
            if item is not None and str(item.data(EXAMPLE_ROLE).image_path) == key[0]:
                self._set_thumbnail(item, key, pixmap)

    def _new_item(self, ident: str, example: Any) -> QStandardItem:
        """As few calls as it takes (the view is read-only, static, and centres the caption in icon mode)."""
        item = QStandardItem(self._placeholder, "")
        item.setData(ident, ID_ROLE)
        self._describe(item, example, ident)
        return item

    def _describe(self, item: QStandardItem, example: Any, ident: str) -> None:
        label = str(example.label)
        item.setData(example, EXAMPLE_ROLE)
        item.setText(label)
        item.setData(label, LABEL_ROLE)
        item.setToolTip(self._tip(example, ident))

    @staticmethod
    def _set_thumbnail(item: QStandardItem, key: tuple[str, Any], pixmap: QPixmap) -> None:
        item.setData(pixmap, Qt.ItemDataRole.DecorationRole)
        item.setData(key, THUMB_KEY_ROLE)


class ExampleGrid(QListView):
    """Thumbnails of saved examples; Delete deletes, a digit key relabels, Enter puts one back on the canvas."""

    deleteRequested = Signal()
    relabelRequested = Signal(int)
    openRequested = Signal()

    def __init__(self, examples: ExampleList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("examplesGrid")
        describe(
            self,
            self.tr("Saved examples"),
            self.tr(
                "Your saved drawings. Select and press Delete to delete, a digit key to relabel, Enter to open; "
                "right-click for more."
            ),
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
        self.setModel(examples.shown)
        self._examples = examples
        self.activated.connect(lambda _index: self.openRequested.emit())
        self.menu_factory: Any = None  # set by the panel: builds the context menu for the selection

    # --- what the panel and the tests ask ---------------------------------------------------------------------

    def count(self) -> int:
        """How many examples the grid shows now."""
        return self.model().rowCount()

    def example(self, row: int) -> Any:
        return self.model().index(row, 0).data(EXAMPLE_ROLE)

    def text(self, row: int) -> str:
        return str(self.model().index(row, 0).data(Qt.ItemDataRole.DisplayRole))

    def thumbnail(self, row: int) -> QPixmap | None:
        """The thumbnail shown in ``row``; None while the placeholder stands in for it."""
        index = self.model().index(row, 0)
        return index.data(Qt.ItemDataRole.DecorationRole) if index.data(THUMB_KEY_ROLE) is not None else None

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedIndexes())

    def selected_examples(self) -> list[Any]:
        return [self.example(row) for row in self.selected_rows()]

    def select_row(self, row: int) -> None:
        self.selectionModel().select(self.model().index(row, 0), self.selectionModel().SelectionFlag.Select)

    def select_ids(self, ids: set[str]) -> None:
        self.clearSelection()
        for row in range(self.count()):
            if self.example(row).id in ids:
                self.select_row(row)

    # --- keys and menu ----------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Delete is also the window's "Clear the canvas" shortcut: in the grid, with a selection, it deletes.
        is_override = event.type() == QEvent.Type.ShortcutOverride
        if is_override and isinstance(event, QKeyEvent) and self._own_key(event):  # PySide6 hands a QKeyEvent
            event.accept()
            return True
        return super().event(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        ours = key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) or Qt.Key.Key_0 <= key <= Qt.Key.Key_9
        return ours and self.selectionModel().hasSelection()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._own_key(event):
            super().keyPressEvent(event)
        elif Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9:
            self.relabelRequested.emit(event.key() - Qt.Key.Key_0)
        else:
            self.deleteRequested.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        if self.selectionModel().hasSelection() and self.menu_factory is not None:
            menu = self.menu_factory(self)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(event.globalPos())


def placeholder(palette: QPalette) -> QPixmap:
    """The tile shown until an example's thumbnail has been read."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(palette.color(QPalette.ColorRole.Mid))
    return pixmap


def unreadable(palette: QPalette) -> QPixmap:
    """The tile of an example whose picture cannot be read: a red question mark."""
    pixmap = placeholder(palette)
    painter = QPainter(pixmap)
    painter.setPen(QColor(200, 60, 60))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "?")
    painter.end()
    return pixmap


class TipWriter:
    """The grid tooltip, "A 7 · saved 12 Jun 2025 14:03 · drawn here (strokes kept)", written for hundreds of
    examples at a time: the words are translated once, the date is cut out of the id (its creation time)."""

    def __init__(self, tr: Callable[[str], str] | None = None) -> None:
        del tr  # the words have TipWriter's own context (lupdate files them there)
        self._label = QCoreApplication.translate("TipWriter", "A {0}")
        self._saved = QCoreApplication.translate("TipWriter", "saved {0}")
        self._drawn = QCoreApplication.translate("TipWriter", "drawn here (strokes kept)")
        self._picture = QCoreApplication.translate("TipWriter", "a picture")
        self._date = QCoreApplication.translate("TipWriter", "{day} {month} {year} {hour}:{minute}")
        self._months = (
            QCoreApplication.translate("TipWriter", "Jan"),
            QCoreApplication.translate("TipWriter", "Feb"),
            QCoreApplication.translate("TipWriter", "Mar"),
            QCoreApplication.translate("TipWriter", "Apr"),
            QCoreApplication.translate("TipWriter", "May"),
            QCoreApplication.translate("TipWriter", "Jun"),
            QCoreApplication.translate("TipWriter", "Jul"),
            QCoreApplication.translate("TipWriter", "Aug"),
            QCoreApplication.translate("TipWriter", "Sep"),
            QCoreApplication.translate("TipWriter", "Oct"),
            QCoreApplication.translate("TipWriter", "Nov"),
            QCoreApplication.translate("TipWriter", "Dec"),
        )

    def __call__(self, example: Any, ident: str) -> str:
        parts = [self._label.format(example.label)]
        stamp = ident[:15]  # "20250612-140312"
        if len(stamp) == 15 and stamp[8] == "-" and (stamp[:8] + stamp[9:]).isdigit() and "01" <= stamp[4:6] <= "12":
            month = self._months[int(stamp[4:6]) - 1]
            when = self._date.format(day=stamp[6:8], month=month, year=stamp[:4], hour=stamp[9:11], minute=stamp[11:13])
            parts.append(self._saved.format(when))
        parts.append(self._drawn if example.strokes_path is not None else self._picture)
        return " · ".join(parts)
