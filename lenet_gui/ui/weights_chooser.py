"""Which weights predict: the bundled ones, the last trained, the fine-tuned ones, or another file, in one combo box.

The list comes from the inference worker (``InferenceService.list_weights`` → ``WeightsFile``s, read off the GUI
thread); choosing an entry asks for it to be loaded (``chosen``). The window remembers the choice for the next start.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from lenet_gui.ui.view_models import WeightsFile

OTHER_FILE = "\0other"  # the "Other file…" entry's data


def describe_weights(file: WeightsFile, *, newest: bool) -> str:
    """The entry's text: "Last trained · 12 Jun 14:03 · 99.12%", "Fine-tuned · …", "Bundled · 99.54%", "x.pt · …"."""
    if file.kind == "bundled":
        name = QCoreApplication.translate("WeightsChooser", "Bundled")
    elif file.kind == "trained":
        if newest:
            name = QCoreApplication.translate("WeightsChooser", "Last trained")
        else:
            name = QCoreApplication.translate("WeightsChooser", "Trained")
    elif file.kind == "fine-tuned":
        if newest:
            name = QCoreApplication.translate("WeightsChooser", "Last fine-tuned")
        else:
            name = QCoreApplication.translate("WeightsChooser", "Fine-tuned")
    else:
        name = Path(file.path).name
    parts = [name]
    if file.modified:
        parts.append(_dt.datetime.fromtimestamp(file.modified).strftime("%d %b %H:%M"))
    if file.problem:
        parts.append("unreadable")
    elif file.test_accuracy is not None:
        parts.append(f"{file.test_accuracy * 100:.2f}%")
    return " · ".join(parts)


class WeightsChooser(QComboBox):
    """The weights switcher in the status bar."""

    chosen = Signal(str)  # a weights file's path, or "" for the bundled weights
    otherRequested = Signal()  # "Other file…": the window opens a file dialog

    def _tip(self) -> str:
        return self.tr("Which weights the network uses: bundled, trained or fine-tuned ones from your weights folder")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightsChoice")
        self.setAccessibleName(self.tr("Weights"))
        self.setToolTip(self._tip())
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._files: tuple[WeightsFile, ...] = ()
        self._current: str | None = None  # the path in use ("" bundled), None while unknown (random, live run)
        self.activated.connect(self._on_activated)
        self._rebuild()

    def set_files(self, files: tuple[WeightsFile, ...]) -> None:
        self._files = tuple(files)
        self._rebuild()

    def set_blocked(self, reason: str) -> None:
        """Why no other weights can be chosen now (still loading, a run going on, new weights waiting for Keep or
        Discard), said in the tooltip; "" enables the switcher."""
        self.setEnabled(not reason)
        self.setToolTip(reason or self._tip())

    def set_current(self, path: str | None) -> None:
        """The weights in use: a file's path, "" for the bundled ones, None for neither (random or live weights)."""
        self._current = path
        self._rebuild()

    def show_current(self) -> None:
        """Back to the entry in use (after a choice that could not be loaded)."""
        self._rebuild()

    def paths(self) -> list[str]:
        """The entries' paths, in order ("" for bundled; not "Other file…")."""
        return [self.itemData(i) for i in range(self.count()) if self.itemData(i) != OTHER_FILE]

    def choose(self, path: str) -> None:
        """Pick an entry as a user would (tests, keyboard); emits ``chosen`` when it is not the one in use."""
        index = self.findData(path)
        if index >= 0 and self.isEnabled():
            self.setCurrentIndex(index)
            self._on_activated(index)

    def _disable(self, index: int) -> None:
        """Listed but not choosable (a file that cannot be read, the "Not saved" entry)."""
        model = self.model()
        assert isinstance(model, QStandardItemModel)  # a QComboBox's own model
        model.item(index).setEnabled(False)

    def _rebuild(self) -> None:
        self.blockSignals(True)
        self.clear()
        seen_kinds: set[str] = set()
        for file in self._files:
            text = describe_weights(file, newest=file.kind not in seen_kinds)
            seen_kinds.add(file.kind)
            self.addItem(text, file.path)
            index = self.count() - 1
            self.setItemData(index, file.problem or file.path or self.tr("The weights shipped with the app"), _TIP)
            if file.problem:
                self._disable(index)
        if self._current is not None and self.findData(self._current) < 0:
            # Loaded from elsewhere (File ▸ Load weights…): listed too, so the combo says what is in use.
            self.addItem(Path(self._current).name or self.tr("Bundled"), self._current)
            self.setItemData(self.count() - 1, self._current, _TIP)
        if self._current is None:
            self.insertItem(0, self.tr("Not saved (live or random)"), None)
            self.setItemData(0, self.tr("Weights that are not in a file: a run not yet kept, or untrained ones"), _TIP)
            self._disable(0)
        self.addItem(self.tr("Other file…"), OTHER_FILE)
        self.setItemData(self.count() - 1, self.tr("Load weights from a file anywhere (Ctrl+L)"), _TIP)
        index = 0 if self._current is None else self.findData(self._current)
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        path = self.itemData(index)
        if path == OTHER_FILE:
            self.otherRequested.emit()
            self._rebuild()  # back to the entry in use until the dialog's file has loaded
        elif path is not None and path != self._current:
            self.chosen.emit(path)


_TIP = Qt.ItemDataRole.ToolTipRole
