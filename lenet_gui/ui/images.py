"""Grayscale pictures between numpy and Qt: the two conversions every view of a digit needs.

Plain functions on QImage, which Qt allows off the GUI thread: the workers use them to prepare a large picture before
it reaches a widget (a 6300×6300 picture converted on the GUI thread froze the window for seconds).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def qimage_to_gray(image: QImage) -> np.ndarray:
    """Any QImage → a fresh uint8 (H, W) grayscale array."""
    if image.format() != QImage.Format.Format_Grayscale8:
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, :width].copy()


def gray_to_qimage(gray: np.ndarray) -> QImage:
    """A uint8 (0..255) or float (0..1) grayscale array → a QImage of its own (no longer tied to the array)."""
    array = np.asarray(gray)
    if array.dtype != np.uint8:
        array = (np.clip(np.nan_to_num(array.astype(np.float32)), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    array = np.ascontiguousarray(array)
    height, width = array.shape
    image = QImage(array.data, width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()  # detach from the numpy buffer
