"""The status bar's messages are elided and never run into the weights label (issue 10.14), at 900 px and at the
window's own size: geometry, the elided text measured with QFontMetrics, and the painted pixels between them."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QMainWindow, QStatusBar
from qt_helpers import PREDICTION_TIMEOUT_MS

from lenet_gui.ui.weights_status import MessageStatusBar, WeightsStatus

SAVED = "/home/someone/.local/share/LeNet GUI/weights/lenet-20261128-101500-trained-3-epochs-99.24.pt"
IN_USE = "Weights lenet-20261128-101500-trained-3-epochs-99.24.pt (trained 3 epochs, 99.24% on MNIST test)"


def _ink_columns(bar: QStatusBar, left: int, right: int) -> int:
    """How many pixel columns in [left, right) of the painted bar hold text (pixels far from the background)."""
    image = bar.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())[:, :width]
    background = np.median(pixels)
    strip = pixels[2:-2, max(0, left) : max(0, right)].astype(int)
    return int((np.abs(strip - background) > 60).any(axis=0).sum())


def _check(bar: QStatusBar, status: WeightsStatus, message: str) -> None:
    assert isinstance(bar, MessageStatusBar)
    assert bar.currentMessage() == message, "the whole message is kept (and is the tooltip)"
    area, label, chooser = bar.message_rect(), status.label, status.chooser
    assert not area.intersects(label.geometry()) and not area.intersects(chooser.geometry())
    assert area.right() < label.x(), "the message ends before the weights label begins"
    shown = bar.shown_message()
    assert shown != message and shown.endswith("…"), shown
    assert QFontMetrics(bar.font()).horizontalAdvance(shown) <= area.width()
    assert label.text().endswith("…") and label.toolTip() == IN_USE
    assert QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.width() >= 120 and area.width() >= bar.width() // 3, "both keep room to say something"
    assert _ink_columns(bar, 0, area.width() // 2) > 20, "the message is painted"
    assert _ink_columns(bar, area.right() + 2, label.x()) == 0, "nothing painted in the gap before the label"


def test_a_long_message_is_elided_before_the_weights_label(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(900, 600)
    window.weights_status.show_in_use(IN_USE)
    window.inference.weightsSaved.emit(SAVED)  # what "Keep new weights" says, as it says it
    message = f"Saved weights to {SAVED}"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == message, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.wait(50)  # the resize's layout
    _check(window.statusBar(), window.weights_status, message)


def test_at_900_px_the_bar_leaves_the_message_room(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A bar exactly 900 px wide (the window itself may not yet go that small), set up as the window sets it up."""
    other = QMainWindow()
    qtbot.addWidget(other)
    other.setStatusBar(MessageStatusBar())
    status = WeightsStatus(
        other.statusBar(),
        inference=window.inference,
        runs=window.runs,
        settings=window.app_settings,
        other_file=lambda: None,
        training_settings=lambda: None,
    )
    other.resize(900, 120)
    other.show()
    qtbot.waitUntil(lambda: other.statusBar().width() == 900, timeout=PREDICTION_TIMEOUT_MS)
    status.show_in_use(IN_USE)
    message = f"Saved weights to {SAVED}"
    other.statusBar().showMessage(message)
    qtbot.wait(50)
    _check(other.statusBar(), status, message)
    other.statusBar().showMessage("Ready")
    assert other.statusBar().shown_message() == "Ready", "a short message is not touched"
