"""The probability bars, drawn from a cached pixmap of empty tracks and cached texts (issue 10): what they show
still follows the probabilities, the widget's size and its palette."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage, QPalette

from lenet_gui.ui.prediction_panel import ProbabilityBars


def rendered(bars: ProbabilityBars) -> np.ndarray:
    image = QImage(bars.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    bars.render(image)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4).copy()


def highlighted_length(bars: ProbabilityBars, digit: int) -> int:
    """How many pixels of the digit's row are in the highlight colour."""
    pixels = rendered(bars)
    row = int((digit + 0.5) * bars.height() / 10)
    color = bars.palette().color(QPalette.ColorRole.Highlight)
    target = np.array([color.blue(), color.green(), color.red()])
    return int((np.abs(pixels[row, : bars.width(), :3].astype(int) - target).max(axis=1) < 30).sum())


def track_length(bars: ProbabilityBars, digit: int) -> int:
    """How many pixels of an empty row differ from the background (its right end: the percentages' column)."""
    pixels = rendered(bars)[int((digit + 0.5) * bars.height() / 10), : bars.width(), :3].astype(int)
    return int((np.abs(pixels - pixels[-1]).max(axis=1) > 6).sum())


def test_the_top_bar_follows_the_probability_and_the_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(260, 230)
    probabilities = np.zeros(10, np.float32)
    probabilities[7], probabilities[1] = 0.8, 0.2
    bars.set_probabilities(probabilities)
    long = highlighted_length(bars, 7)
    probabilities[7], probabilities[1] = 0.4, 0.6  # 1 is on top now: 7's bar is no longer highlighted
    bars.set_probabilities(probabilities)
    assert highlighted_length(bars, 7) == 0 and highlighted_length(bars, 1) > 0.6 * long
    probabilities[7], probabilities[1] = 0.8, 0.2
    bars.set_probabilities(probabilities)
    assert highlighted_length(bars, 7) == long
    track = track_length(bars, 5)
    bars.resize(460, 230)  # wider: the tracks and the bars are drawn for the new width
    assert highlighted_length(bars, 7) > long + 150 and track_length(bars, 5) > track + 180
    untouched = rendered(bars)
    bars.set_probabilities(None)
    assert not np.array_equal(rendered(bars), untouched) and highlighted_length(bars, 7) == 0


def test_the_empty_tracks_show_in_a_dark_theme_too(qtbot) -> None:  # type: ignore[no-untyped-def]
    """In a dark desktop theme the Mid colour can be the background itself: the tracks (drawn in it) vanished."""
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(260, 230)
    dark = QPalette(QColor(40, 40, 40))  # a dark palette: window 40, text light
    dark.setColor(QPalette.ColorRole.Mid, QColor(40, 40, 40))
    bars.setPalette(dark)
    image = QImage(bars.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(40, 40, 40))
    bars.render(image)
    row = int(5.5 * bars.height() / 10)
    middle = image.pixelColor(bars.width() // 2, row)  # the middle of an empty track
    assert middle.lightness() >= 40 + 12, "the track stands out from the dark background"
