"""The recipe editor's augmentation preview, computed off the GUI thread: latest settings win."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from lenet_gui.core.config import Augmentation
from lenet_gui.core.errors import UserError
from lenet_gui.ui.workers.background import JobQueue
from lenet_gui.ui.workers.lazy_imports import augment_preview
from lenet_gui.ui.workers.runs import mnist_source


def _training_images() -> np.ndarray | None:
    """MNIST's training digits when they are on this computer (kept in memory for the runs after), else None."""
    try:
        train_set, _test = mnist_source(False)
    except UserError:
        return None
    return np.asarray(train_set.images.numpy())


class AugmentationPreview(QObject):
    """``show(augmentation, sample)`` computes 16 distorted digits in the background; ``ready(pixels, real)``
    carries them (float N×32×32) and whether they are MNIST's (False: digits made from strokes, MNIST absent)."""

    ready = Signal(object, bool)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, images: Callable[[], np.ndarray | None] = _training_images):
        super().__init__(parent)
        self._queue = JobQueue("augmentation-preview", self)
        self._images = images
        self._digits: tuple[int, Any, bool] | None = None  # sample number, digits, real

    def show(self, augmentation: Augmentation | None, sample: int) -> None:
        self._queue.submit(
            lambda: self._compute(augmentation, sample),
            then=lambda result: self.ready.emit(*result),
            on_error=lambda error: self.failed.emit(str(error)),
            key="preview",
            droppable=True,
        )

    def _compute(self, augmentation: Augmentation | None, sample: int) -> tuple[np.ndarray, bool]:
        core = augment_preview()
        if self._digits is None or self._digits[0] != sample:
            images = self._images()
            self._digits = (sample, core.sample_digits(images, seed=sample), images is not None)
        _sample, digits, real = self._digits
        return core.distort(digits, augmentation, seed=sample), real

    def close(self) -> None:
        self._queue.close(keep=False)

    def join(self, timeout: float) -> bool:
        return self._queue.join(timeout)
