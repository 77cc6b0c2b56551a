"""What the training panel shows when MNIST is not there: one sentence, what to do, and the rest under "Details".

A person reads "MNIST is not on this computer…" or "…could not be downloaded: this computer seems to have no
internet connection." and gets two ways out: **Choose MNIST folder…** (a folder already on disk, checked at once and
remembered) and **Download MNIST and train**. Where the files go and each download attempt stay under **Details**, in
a box of bounded height, so the panel's plots keep their size whatever the message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lenet_gui.core.folders import RAW_FILES
from lenet_gui.ui.run_controls import describe, push_button
from lenet_gui.ui.workers.runs import MissingData, locate_mnist

DETAILS_LINES = 5  # the details box shows this many lines at most, and scrolls


class MnistMissingBox(QFrame):
    """The sentence, Choose MNIST folder…, Download MNIST and train, and Details; hidden until MNIST is missing."""

    downloadRequested = Signal()
    folderChosen = Signal(str)  # a data folder holding MNIST/raw with the four files, checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mnistMissing")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.dialog: QFileDialog | None = None  # the folder dialog while it is open
        self.sentence = QLabel("", self)
        self.sentence.setObjectName("mnistMissingSentence")
        self.sentence.setWordWrap(True)
        describe(self.sentence, self.tr("MNIST is missing"), self.tr("Why training cannot start, in one sentence"))
        self.choose_button = push_button(
            self,
            self.tr("&Choose MNIST folder…"),
            "chooseMnistButton",
            self.tr("Choose MNIST folder"),
            self.tr("A folder that already has MNIST: the one holding MNIST/raw, the MNIST folder, or raw itself"),
            self._choose,
        )
        self.download_button = push_button(
            self,
            self.tr("&Download MNIST (about 12 MB) and train"),
            "downloadButton",
            self.tr("Download MNIST"),
            self.tr("Fetch the MNIST files from the internet, then start training"),
            self.downloadRequested,
        )
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("mnistDetailsButton")
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        describe(self.details_button, self.tr("Details"), self.tr("Show where MNIST was looked for, and why"))
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("mnistMissingDetails")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(self.fontMetrics().lineSpacing() * DETAILS_LINES + 12)
        self.details.setVisible(False)
        describe(self.details, self.tr("Details"), self.tr("Where MNIST was looked for, and each download attempt"))
        self.details_button.toggled.connect(self.details.setVisible)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.download_button)
        buttons.addStretch(1)
        buttons.addWidget(self.details_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.sentence)
        layout.addLayout(buttons)
        layout.addWidget(self.details)
        self.setVisible(False)

    def show_missing(self, missing: MissingData) -> None:
        """MNIST was not found (or not downloaded): say so, and offer the two ways out."""
        self._show(missing.sentence, missing.details)

    def _show(self, sentence: str, details: str) -> None:
        self.sentence.setText(sentence)
        self.sentence.setAccessibleDescription(sentence)
        self.details.setPlainText(details)
        self.details_button.setVisible(bool(details))
        self.details_button.setChecked(False)
        self.setVisible(True)

    def set_enabled(self, enabled: bool) -> None:
        """The buttons only while a run may start (the network has loaded, nothing else runs)."""
        self.download_button.setEnabled(enabled)
        self.choose_button.setEnabled(enabled)

    # --- Choose MNIST folder… -------------------------------------------------------------------------------

    def _choose(self) -> None:
        """A folder dialog that does not block: the answer comes back when it is accepted."""
        dialog = QFileDialog(self, self.tr("Choose the folder that has MNIST"), str(Path.home()))
        dialog.setObjectName("mnistFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        # ``accepted`` and ``selectedFiles``: a path typed into the dialog and Enter accept it without
        # ``fileSelected`` (Qt 6.8).
        dialog.accepted.connect(lambda: self.choose_folder(next(iter(dialog.selectedFiles()), "")))
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def choose_folder(self, folder: str) -> None:
        """Check ``folder``: MNIST there is remembered and used (``folderChosen``); else the box says what is
        missing where."""
        if not folder:
            return
        found = locate_mnist(folder)
        if found.data_dir is not None:
            self.setVisible(False)
            self.folderChosen.emit(str(found.data_dir))
            return
        if len(found.missing) == len(RAW_FILES):
            sentence = self.tr("There is no MNIST in {folder}.").format(folder=folder)
        else:
            sentence = self.tr("MNIST in {folder} is incomplete: {files} missing.").format(
                folder=folder, files=", ".join(found.missing)
            )
        details = self.tr(
            "Looked in {raw} for these four files (each may end in .gz):\n{files}\n"
            "Choose the folder that holds MNIST/raw, the MNIST folder itself, or its raw folder."
        ).format(raw=found.looked_in, files="\n".join(f"  {name}" for name in RAW_FILES))
        self._show(sentence, details)
        self.details_button.setChecked(True)
