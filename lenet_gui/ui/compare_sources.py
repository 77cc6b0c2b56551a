"""The Compare window's choice of weights for one side: the weights in use, the bundled ones, the weights folder's
trained and fine-tuned files, files opened with "Other file…", time-machine snapshots, or a fresh random network.

Each entry's data is a key ("bundled", "random", "file:<path>", "snapshot:<n>", and ``IN_USE`` whose weights the
window takes when it is chosen); ``sources`` maps keys to ``WeightsSource``s for the comparison service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from lenet_gui.ui.view_models import WeightsFile
from lenet_gui.ui.weights_chooser import describe_weights
from lenet_gui.ui.workers.comparison import BUNDLED, FILE, RANDOM, WeightsSource

IN_USE, OTHER_FILE = "in-use", "other"  # the entries that are not a source of their own


class SourceChooser(QComboBox):
    """One side's weights: the weights in use, bundled, the weights folder's files, snapshots, random, a file."""

    chosen = Signal(str)  # the entry's key
    fileWanted = Signal()  # "Other file…"

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"compareChooser{name}")
        self.setAccessibleName(self.tr("Weights of network {name}").format(name=name))
        self.setToolTip(self.tr("Which weights network {name} uses in this comparison").format(name=name))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.sources: dict[str, WeightsSource] = {}
        self._files: tuple[WeightsFile, ...] = ()
        self._snapshots: list[tuple[str, WeightsSource]] = []
        self._extra: list[tuple[str, WeightsSource]] = []  # files opened with "Other file…"
        self.key = ""  # the entry in use
        self.activated.connect(self._on_activated)
        self._rebuild()

    def set_files(self, files: tuple[WeightsFile, ...]) -> None:
        self._files = tuple(f for f in files if f.path and not f.problem)  # bundled has an entry of its own
        self._rebuild()

    def add_source(self, key: str, source: WeightsSource, *, snapshot: bool = False) -> None:
        (self._snapshots if snapshot else self._extra).append((key, source))
        self._rebuild()

    def select(self, key: str) -> None:
        """Show ``key`` as the entry in use (no signal)."""
        self.key = key
        self._rebuild()

    def choose(self, key: str) -> None:
        """Pick an entry as a user would (tests, keyboard)."""
        index = self.findData(key)
        if index >= 0:
            self.setCurrentIndex(index)
            self._on_activated(index)

    def _rebuild(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.sources = {
            BUNDLED: WeightsSource(BUNDLED, self.tr("Bundled")),
            RANDOM: WeightsSource(RANDOM, self.tr("Random, untrained")),
        }
        self.addItem(self.tr("Weights in use"), IN_USE)
        self.addItem(self.sources[BUNDLED].label, BUNDLED)
        seen: set[str] = set()
        for file in self._files:
            key = f"file:{file.path}"
            text = describe_weights(file, newest=file.kind not in seen)
            seen.add(file.kind)
            self.sources[key] = WeightsSource(FILE, text, path=file.path)
            self.addItem(text, key)
            self.setItemData(self.count() - 1, file.path, Qt.ItemDataRole.ToolTipRole)
        for key, source in self._extra + self._snapshots:
            self.sources[key] = source
            self.addItem(source.label, key)
            self.setItemData(self.count() - 1, source.path or source.label, Qt.ItemDataRole.ToolTipRole)
        self.addItem(self.sources[RANDOM].label, RANDOM)
        self.setItemData(
            self.count() - 1, self.tr("A fresh network that has learned nothing yet"), Qt.ItemDataRole.ToolTipRole
        )
        self.addItem(self.tr("Other file…"), OTHER_FILE)
        self.setItemData(
            self.count() - 1, self.tr("Compare the weights of a .pt file anywhere"), Qt.ItemDataRole.ToolTipRole
        )
        self.setCurrentIndex(max(0, self.findData(self.key)))
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key == OTHER_FILE:
            self._rebuild()  # back to the entry in use until the file has been read
            self.fileWanted.emit()
        elif key != self.key:
            self.key = key
            self.chosen.emit(key)
