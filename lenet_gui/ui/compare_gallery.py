"""The digits two networks read differently, as a gallery: each tile shows the digit, its true value and both
answers; clicking one opens it on the canvas (issue 13, "Side by side").

The Compare window hands over a finished scan (``show_result``); tiles are added a batch per turn of the event loop
like the confusion gallery's, so thousands of disagreements (a trained against a random network) never freeze the
window. Only the first ``SHOWN`` are tiles; the sentence above says how many there are in all.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.ui.confusion_gallery import fill_gallery
from lenet_gui.ui.workers.comparison import KEPT, ScanResult

ICON = 56
SHOWN = KEPT  # tiles at most: the disagreements where both networks are surest
MINE = "mine"  # core.comparison.MINE (the UI does not import that torch module)


class DisagreementGallery(QWidget):
    """What the two networks disagree on; ``openDigit`` (a test digit) or ``openExample`` (a My digits one)."""

    openDigit = Signal(object)  # float (28, 28) 0..1 dark on light
    openExample = Signal(object)  # core personal Example
    listed = Signal()  # every tile is there

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disagreementGallery")
        self.message = QLabel(self.tr("Choose two networks: the digits they read differently appear here."))
        self.message.setObjectName("disagreementMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("compareProgress")
        self.progress.setAccessibleName(self.tr("Comparing on the test digits"))
        self.progress.hide()
        self.gallery = QListWidget()
        self.gallery.setObjectName("disagreementDigits")
        self.gallery.setAccessibleName(self.tr("Digits the two networks read differently"))
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(ICON, ICON))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setSpacing(4)
        self.gallery.itemClicked.connect(self._on_item)
        self.gallery.itemActivated.connect(self._on_item)  # Enter on the keyboard
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.gallery, 1)
        self.disagreements: tuple[Any, ...] = ()
        self._examples: tuple[Any, ...] = ()
        self._token = 0

    def scanning(self, done: int, total: int) -> None:
        """The scan goes on: how far it is."""
        self.progress.show()
        self.progress.setValue(round(100 * done / max(total, 1)))
        self.message.setText(self.tr("Comparing the two networks on the test digits…"))

    def waiting(self) -> None:
        """A side changed: the gallery empties until the new pair is compared."""
        self._token += 1
        self.gallery.clear()
        self.disagreements = ()
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(self.tr("Comparing the two networks on the test digits…"))

    def failed(self, sentence: str) -> None:
        self.progress.hide()
        self.message.setText(self.tr("The two networks could not be compared: {why}").format(why=sentence))

    def show_result(self, result: ScanResult, missing_hint: str) -> None:
        """A finished scan; ``missing_hint``: a sentence saying the test digits were missing."""
        self.progress.hide()
        self._token += 1
        self.gallery.clear()
        comparison = result.comparison
        self.disagreements = tuple(comparison.disagreements[:SHOWN])
        self._examples = tuple(comparison.examples)
        mine, tests = result.mine_disagreements, result.test_disagreements
        parts = []
        if comparison.total:
            parts.append(
                self.tr("They read %Ln of the test digits differently.", "", tests)
                if tests
                else self.tr("They give the same answer on every test digit.")
            )
        elif missing_hint:
            parts.append(missing_hint)
        if comparison.mine_total:
            parts.append(
                self.tr("They disagree on %Ln of your My digits examples (shown first).", "", mine)
                if mine
                else self.tr("They agree on all your My digits examples.")
            )
        if mine + tests > SHOWN:
            parts.append(self.tr("Here are the %n where both are surest.", "", SHOWN))
        if mine + tests:
            parts.append(self.tr("Under each: the true digit → A's answer · B's answer. Click one to draw it."))
        self.message.setText(" ".join(parts))
        self._fill(self._token)

    def _fill(self, token: int) -> None:
        def tile(number: int) -> tuple[np.ndarray, str, str]:
            digit = self.disagreements[number]
            caption = self.tr("{true} → A {a} · B {b}").format(true=digit.label, a=digit.said_a, b=digit.said_b)
            return digit.pixels, caption, self._tip(digit)

        fill_gallery(
            self.gallery,
            len(self.disagreements),
            tile,
            ICON,
            current=lambda: token == self._token,
            done=self.listed.emit,
        )

    def _tip(self, digit: Any) -> str:
        answers = self.tr("A says {a} ({pa}%), B says {b} ({pb}%).").format(
            a=digit.said_a, pa=f"{digit.probability_a * 100:.0f}", b=digit.said_b, pb=f"{digit.probability_b * 100:.0f}"
        )
        if digit.source == MINE:
            where = self.tr("Your example of a {true}.").format(true=digit.label)
        else:
            where = self.tr("Test digit #{index}, a {true}.").format(index=digit.index, true=digit.label)
        return f"{where} {answers} " + self.tr("Click to open it on the canvas.")

    def _on_item(self, item: QListWidgetItem) -> None:
        digit = self.disagreements[int(item.data(Qt.ItemDataRole.UserRole))]
        if digit.source == MINE and digit.index < len(self._examples):
            self.openExample.emit(self._examples[digit.index])
        else:
            self.openDigit.emit(1.0 - np.asarray(digit.pixels, np.float32) / 255.0)
