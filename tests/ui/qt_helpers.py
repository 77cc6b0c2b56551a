"""Helpers for the GUI tests: drawing with real mouse events, small training data, skips with reasons."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

PREDICTION_TIMEOUT_MS = 30_000  # includes importing torch in the worker on a cold, busy 2-core machine

# Polylines in paper coordinates (the canvas is 280×280 paper units whatever its size on screen).
ONE = [[(140, 40), (140, 240)]]
SEVEN = [[(70, 55), (210, 55), (125, 245)]]
ZERO = [[(140 + 62 * np.sin(t), 140 - 95 * np.cos(t)) for t in np.linspace(0, 2 * np.pi, 40)]]


def predicted_text(win) -> str:  # type: ignore[no-untyped-def]
    return win.findChild(QLabel, "predictedDigit").text()


def paper_point(canvas, x: float, y: float) -> QPoint:  # type: ignore[no-untyped-def]
    point = canvas.paper_to_widget(QPointF(x, y))
    return QPoint(round(point.x()), round(point.y()))


def draw(canvas, strokes: Sequence[Sequence[tuple[float, float]]], steps: int = 12) -> None:  # type: ignore[no-untyped-def]
    """Real mouse events: press, moves along each polyline segment, release; events processed between moves."""
    for stroke in strokes:
        QTest.mousePress(
            canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, *stroke[0])
        )
        for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
            for t in np.linspace(0.0, 1.0, steps)[1:]:
                QTest.mouseMove(canvas, paper_point(canvas, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
                QCoreApplication.processEvents()
        QTest.mouseRelease(
            canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, *stroke[-1])
        )
        QCoreApplication.processEvents()


def toy_digits(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Learnable stand-ins for MNIST: a bright bar whose height says the label, on faint noise."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(count) % 10)
    images = (rng.random((count, 28, 28)) * 30).astype(np.uint8)
    for image, label in zip(images, labels, strict=True):
        image[3 + 2 * int(label) : 5 + 2 * int(label), 5:23] = 255
    return images, labels.astype(np.int64)


def toy_source(train: int, test: int):  # type: ignore[no-untyped-def]
    """A data source for TrainingWorker that never touches the disk."""

    def source(download: bool):  # type: ignore[no-untyped-def]
        import torch

        from lenet_gui.core.data import DigitTensors

        sets = []
        for count, seed in ((train, 1), (test, 2)):
            images, labels = toy_digits(count, seed)
            sets.append(DigitTensors(torch.from_numpy(images), torch.from_numpy(labels)))
        return sets[0], sets[1]

    return source


def mnist_source(train: int, test: int):  # type: ignore[no-untyped-def]
    """The real MNIST, cut to a small subset; skips the test when LENET_GUI_DATA_DIR is unset."""
    value = os.environ.get("LENET_GUI_DATA_DIR")
    if not value or not (Path(value) / "MNIST" / "raw").is_dir():
        pytest.skip("needs the real MNIST: set LENET_GUI_DATA_DIR to a folder with MNIST/raw/")

    def source(download: bool):  # type: ignore[no-untyped-def]
        from lenet_gui.core.data import load_mnist

        train_set = load_mnist(Path(value), train=True, download=False).head(train)
        test_set = load_mnist(Path(value), train=False, download=False).head(test)
        return train_set, test_set

    return source


def bundled_weights_or_skip() -> None:
    from lenet_gui.core.checkpoint import bundled_weights_path

    if not bundled_weights_path().is_file():
        pytest.skip(f"the bundled weights {bundled_weights_path()} are not there yet")
