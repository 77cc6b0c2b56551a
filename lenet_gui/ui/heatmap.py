"""Numpy arrays → QImages a person can read: activations on a warm scale, signed numbers on a blue-white-red one.

Shared by the network view and the training step view. Images are tiny (at most 32×32) and drawn scaled up without
smoothing, so each value stays one visible square.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage, QPixmap

# Dark → purple → orange → pale yellow: activations (≥ 0), where "more" should look brighter.
_WARM = np.array([[12, 10, 30], [90, 30, 110], [215, 75, 60], [250, 170, 40], [252, 245, 190]], np.float64)
# Blue for negative, white for zero, red for positive: weights, gradients and changes.
_SIGNED = np.array([[35, 85, 170], [150, 190, 225], [250, 250, 250], [235, 150, 120], [180, 30, 40]], np.float64)


_LEVELS = 256  # colours per scale: finer than the eye (or an 8-bit channel) tells apart


def _table(scale: np.ndarray) -> np.ndarray:
    """The scale's colours at _LEVELS evenly spaced points of 0..1, by linear interpolation between its stops."""
    positions = np.linspace(0.0, 1.0, len(scale))
    t = np.linspace(0.0, 1.0, _LEVELS)
    return np.stack([np.interp(t, positions, scale[:, c]) for c in range(3)], axis=-1).astype(np.uint8)


# Looked up, not interpolated, per value: the network view colours ~45 maps per drawing on the GUI thread, and three
# np.interp calls per map were a quarter of the GUI thread's time while someone drew during training (issue 16.7).
_TABLES = {id(_WARM): _table(_WARM), id(_SIGNED): _table(_SIGNED)}


def _lookup(scale: np.ndarray, t: np.ndarray) -> np.ndarray:
    """t in 0..1 → RGB (NaN counts as 0)."""
    index = np.fmin(np.fmax(np.asarray(t, np.float64) * (_LEVELS - 1) + 0.5, 0.0), _LEVELS - 1).astype(np.intp)
    return np.take(_TABLES[id(scale)], index, axis=0)


def _to_image(rgb: np.ndarray) -> QImage:
    height, width = rgb.shape[:2]
    data = np.ascontiguousarray(rgb)
    image = QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: ``data`` goes away with this function


def warm_image(values: np.ndarray, top: float | None = None) -> QImage:
    """Non-negative values (activations) on the warm scale, 0 → dark and ``top`` (default: the maximum) → bright."""
    values = np.asarray(values, np.float64)
    top = float(values.max()) if top is None else top
    t = np.clip(values / top, 0.0, 1.0) if top > 0 else np.zeros_like(values)
    return _to_image(_lookup(_WARM, t))


def gray_image(values: np.ndarray) -> QImage:
    """A picture as the network saw it: 0..1, white ink on black."""
    gray = (np.clip(np.asarray(values, np.float64), 0.0, 1.0) * 255).astype(np.uint8)
    return _to_image(np.repeat(gray[..., None], 3, axis=-1))


def signed_image(values: np.ndarray, limit: float | None = None) -> QImage:
    """Signed values on blue-white-red, symmetric around zero; ``limit`` (default: the largest |value|) is full."""
    values = np.asarray(values, np.float64)
    limit = float(np.abs(values).max()) if limit is None else limit
    t = 0.5 + 0.5 * np.clip(values / limit, -1.0, 1.0) if limit > 0 else np.full(values.shape, 0.5)
    return _to_image(_lookup(_SIGNED, t))


def signed_color(value: float, limit: float) -> QColor:
    """One signed number's colour on the blue-white-red scale."""
    t = 0.5 + 0.5 * max(-1.0, min(1.0, value / limit)) if limit > 0 else 0.5
    r, g, b = (int(c) for c in _lookup(_SIGNED, np.array([t]))[0])
    return QColor(r, g, b)


def pixmap(image: QImage, scale: int) -> QPixmap:
    """Scaled up by an integer factor, without smoothing."""
    return QPixmap.fromImage(image.scaled(image.width() * scale, image.height() * scale))
