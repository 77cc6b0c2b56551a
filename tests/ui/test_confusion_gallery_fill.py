"""A confusion cell's digits land in the gallery a batch per turn of the event loop, so a diagonal cell's thousand
tiles never freeze the window (issue 16.7); a newer cell's listing replaces one still being filled."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from lenet_gui.ui.confusion_gallery import FILL_BATCH, ConfusionGallery


class FakeWorker(QObject):
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass


class FakeService:
    """The explain service as the gallery sees it: weights in use, and a worker per cell asked for."""

    state = object()

    def __init__(self) -> None:
        self.workers: list[FakeWorker] = []

    def confused(self, true: int, said: int) -> FakeWorker:
        self.workers.append(FakeWorker())
        return self.workers[-1]


def digits(count: int, true: int, said: int) -> tuple[Any, ...]:
    pixels = np.zeros((28, 28), np.uint8)
    return tuple(SimpleNamespace(index=i, true=true, said=said, probability=0.9, pixels=pixels) for i in range(count))


def test_a_large_cell_is_listed_in_batches(qtbot) -> None:  # type: ignore[no-untyped-def]
    service = FakeService()
    gallery = ConfusionGallery(service)
    qtbot.addWidget(gallery)
    gallery.show()
    gallery.show_cell(1, 1)
    count = 3 * FILL_BATCH + 7
    with qtbot.waitSignal(gallery.listed, timeout=10_000):
        service.workers[-1].returned.emit(digits(count, 1, 1))
        assert gallery.gallery.count() == FILL_BATCH  # the first batch at once, the rest in later turns
    assert gallery.gallery.count() == count
    assert "1" in gallery.message.text()


def test_a_newer_cell_replaces_one_being_filled(qtbot) -> None:  # type: ignore[no-untyped-def]
    service = FakeService()
    gallery = ConfusionGallery(service)
    qtbot.addWidget(gallery)
    gallery.show()
    gallery.show_cell(1, 1)
    service.workers[-1].returned.emit(digits(5 * FILL_BATCH, 1, 1))
    gallery.show_cell(3, 5)  # clicked before the first cell's tiles were all there
    with qtbot.waitSignal(gallery.listed, timeout=10_000):
        service.workers[-1].returned.emit(digits(4, 3, 5))
    qtbot.wait(50)
    assert gallery.gallery.count() == 4
    assert all("true 3 → said 5" in gallery.gallery.item(row).text() for row in range(4))
