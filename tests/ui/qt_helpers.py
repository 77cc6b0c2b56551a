"""Helpers for the GUI tests: drawing with real mouse events, small training data, skips with reasons."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pytest
import torch
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from lenet_gui.core.checkpoint import bundled_weights_path
from lenet_gui.core.data import DigitTensors, load_mnist
from tests.helpers import real_mnist_dir_or_skip, toy_digits

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


def rate_text(panel) -> str:  # type: ignore[no-untyped-def]
    """The rate line as read aloud: its parts hold together with non-breaking spaces."""
    return str(panel.rate.text()).replace("\u00a0", " ")


def draw(  # type: ignore[no-untyped-def]
    canvas, strokes: Sequence[Sequence[tuple[float, float]]], steps: int = 12, *, every_move: bool = False
) -> None:
    """Real mouse events: press, moves along each polyline segment, release.

    Events are processed after each segment, not after each move: the canvas records every move either way (the
    pixels are the same), but the window then repaints its live views once a segment instead of eleven times, which
    is most of a drawing's cost in a test (a person's mouse, at 60-125 Hz, leaves the GUI thread time between
    moves too). ``every_move`` processes them after each move, for tests of what happens mid-stroke."""
    for stroke in strokes:
        QTest.mousePress(
            canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, *stroke[0])
        )
        for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
            for t in np.linspace(0.0, 1.0, steps)[1:]:
                QTest.mouseMove(canvas, paper_point(canvas, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
                if every_move:
                    QCoreApplication.processEvents()
            QCoreApplication.processEvents()
        QTest.mouseRelease(
            canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, paper_point(canvas, *stroke[-1])
        )
        QCoreApplication.processEvents()


def toy_source(train: int, test: int):  # type: ignore[no-untyped-def]
    """A data source for TrainingWorker that never touches the disk."""

    def source(download: bool):  # type: ignore[no-untyped-def]

        sets = []
        for count, seed in ((train, 1), (test, 2)):
            images, labels = toy_digits(count, seed)
            sets.append(DigitTensors(torch.from_numpy(images), torch.from_numpy(labels)))
        return sets[0], sets[1]

    return source


def mnist_source(train: int | None = None, test: int | None = None):  # type: ignore[no-untyped-def]
    """The real MNIST, whole or cut to its first ``train``/``test`` digits; skips the test when it is absent."""
    value = real_mnist_dir_or_skip()

    def source(download: bool):  # type: ignore[no-untyped-def]
        train_set = load_mnist(value, train=True, download=False)
        test_set = load_mnist(value, train=False, download=False)
        return (
            train_set if train is None else train_set.head(train),
            test_set if test is None else test_set.head(test),
        )

    return source


def bundled_weights_or_skip() -> None:

    if not bundled_weights_path().is_file():
        pytest.skip(f"the bundled weights {bundled_weights_path()} are not there yet")
