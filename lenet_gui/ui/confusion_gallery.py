"""Confusion-matrix drill-down: the test digits behind one cell (true digit, what the network said, how sure).

The training panel's matrix says a cell was clicked (``cellClicked(true, said)``); this gallery asks the explain
service for those digits of the MNIST test set with the weights in use (in the background, with progress) and lists
them, surest first. Clicking one puts it on the canvas (``putOnCanvas``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from lenet_gui.ui.poke_widgets import gray_pixmap
from lenet_gui.ui.result_charts import fit_gallery, mistake_caption

ICON = 56
FILL_BATCH = 60  # tiles added per turn of the event loop


def fill_gallery(
    gallery: QListWidget,
    count: int,
    tile: Callable[[int], tuple[np.ndarray, str, str]],
    icon: int,
    *,
    current: Callable[[], bool],
    done: Callable[[], None],
    first: int = 0,
) -> None:
    """Tiles ``first``… of ``count`` (``tile(number)``: 28×28 pixels, caption, tooltip; the number in UserRole),
    FILL_BATCH per turn of the event loop while ``current()`` says they are still wanted, then the cells fitted to
    the captions and ``done()``: a diagonal cell holds a thousand digits, and making all their tiles at once froze
    the window (issue 16.7)."""
    if not current():
        return  # another set of tiles was asked for since
    gallery.setUpdatesEnabled(False)
    for number in range(first, min(first + FILL_BATCH, count)):
        pixels, caption, tip = tile(number)
        item = QListWidgetItem(QIcon(gray_pixmap(pixels, icon)), caption)
        item.setData(Qt.ItemDataRole.UserRole, number)
        item.setToolTip(tip)
        gallery.addItem(item)
    gallery.setUpdatesEnabled(True)
    if first + FILL_BATCH < count:
        rest = first + FILL_BATCH
        QTimer.singleShot(
            0, gallery, lambda: fill_gallery(gallery, count, tile, icon, current=current, done=done, first=rest)
        )
    else:
        fit_gallery(gallery, icon)
        done()


class ConfusionGallery(QWidget):
    putOnCanvas = Signal(object)  # float (28, 28) 0..1 dark on light
    listed = Signal()  # the gallery shows a cell's digits

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionGallery")
        self._service = service
        self._worker: Any = None
        self.digits: tuple[Any, ...] = ()
        self._fill_token = 0  # which listing the tiles being added belong to
        self.message = QLabel(self.tr("Click a cell of the confusion matrix (Training panel) to see its test digits."))
        self.message.setObjectName("confusionMessage")
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.gallery = QListWidget()
        self.gallery.setObjectName("confusionDigits")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(ICON, ICON))
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setSpacing(4)
        self.gallery.itemClicked.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.gallery, 1)

    def show_cell(self, true: int, said: int) -> None:
        if self._worker is not None:
            self._worker.stop()
        if self._service.state is None:
            return
        worker = self._service.confused(true, said)
        self._worker = worker
        self._fill_token += 1
        self.gallery.clear()
        self.progress.setValue(0)
        self.progress.show()
        self.message.setText(
            self.tr("Finding the test digits {t} that the network reads as {s}…").format(t=true, s=said)
        )
        worker.yielded.connect(lambda p: self.progress.setValue(round(100 * p.done / p.total)))
        worker.returned.connect(lambda digits: self._on_found(worker, true, said, digits))
        worker.errored.connect(
            lambda error: self.message.setText(self.tr("Could not list them: {why}").format(why=error))
        )
        worker.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()

    def _on_found(self, worker: Any, true: int, said: int, digits: Any) -> None:
        if worker is not self._worker or digits is None:
            return
        self.progress.hide()
        self.digits = tuple(digits)
        self.gallery.clear()
        self._fill_token += 1
        self._fill(self._fill_token)
        kind = self.tr("read right") if true == said else self.tr("mistaken")
        if not self.digits:
            text = self.tr("No test digit {t} is read as {s} with the weights in use.")
        elif len(self.digits) == 1:
            text = self.tr(
                "One test digit {t} is read as {s} ({kind}) with these weights; click it to open it. Under it: "
                "its true digit → what the network said (how sure it was)."
            )
        else:
            text = self.tr(
                "{n} test digits {t} are read as {s} ({kind}) with these weights, surest first; click one to open "
                "it. Under each: its true digit → what the network said (how sure it was)."
            )
        self.message.setText(text.format(n=len(self.digits), t=true, s=said, kind=kind))

    def _fill(self, token: int) -> None:
        def tile(number: int) -> tuple[np.ndarray, str, str]:
            digit = self.digits[number]
            tip = self.tr("Test digit #{i}: click to open it on the canvas").format(i=digit.index)
            return digit.pixels, mistake_caption(digit.true, digit.said, digit.probability), tip

        fill_gallery(
            self.gallery, len(self.digits), tile, ICON, current=lambda: token == self._fill_token, done=self.listed.emit
        )

    def _on_item(self, item: QListWidgetItem) -> None:
        digit = self.digits[int(item.data(Qt.ItemDataRole.UserRole))]
        self.putOnCanvas.emit(1.0 - np.asarray(digit.pixels, np.float32) / 255.0)
