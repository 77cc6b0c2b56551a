"""The Network view with real events: draw on the canvas, click a conv map, hover units, read what it says."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw

from lenet_gui.core.model import Net
from lenet_gui.core.preprocess import standardize
from lenet_gui.ui.network_scene import map_rect, unit_rect


def _drawn(window, qtbot):  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    view = window.findChild(QWidget, "networkView")
    window.tutorial.docks["network"].raise_()
    draw(window.canvas, SEVEN)
    panel = window.prediction_panel
    qtbot.waitUntil(
        lambda: panel.shown_request == window.inference.last_request_id and panel.current is not None,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: view._weights is not None, timeout=PREDICTION_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not view._paced.pending, timeout=PREDICTION_TIMEOUT_MS)  # drawn once the drawing pauses
    return view


def _scene_point(view, key: str, index: int, row: int, col: int) -> QPoint:  # type: ignore[no-untyped-def]
    stage = view.scene.stages[key]
    corner = map_rect(stage, index).topLeft()
    point = corner + QPointF((col + 0.5) * stage.cell, (row + 0.5) * stage.cell)
    return view.graphics.mapFromScene(point)


def _click(view, key: str, index: int, row: int, col: int) -> None:  # type: ignore[no-untyped-def]
    pos = _scene_point(view, key, index, row, col)
    QTest.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def _torch_net(window):  # type: ignore[no-untyped-def]
    net = Net().eval()
    net.load_state_dict({k: torch.from_numpy(v) for k, v in window.inference.committed_state().items()})
    return net


def test_click_a_conv1_value_shows_its_real_arithmetic(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _drawn(window, qtbot)
    shown = view.graphics.mapFromScene(view.scene.itemsBoundingRect().center())
    assert view.graphics.viewport().rect().contains(shown), "the picture is fitted into the view"
    activations = view._activations
    channel = int(np.argmax(activations["conv1"].reshape(6, -1).max(axis=1)))
    row, col = np.unravel_index(int(activations["conv1"][channel].argmax()), (28, 28))
    # a click at a scaled-down size can land one value off: read where it landed from the answer
    _click(view, "conv1", channel, int(row), int(col))
    qtbot.waitUntil(lambda: view.arithmetic is not None, timeout=10_000)
    a = view.arithmetic
    assert (a.layer, a.channel) == ("conv1", channel)
    assert abs(a.chosen.row - row) <= 1 and abs(a.chosen.col - col) <= 1
    assert a.chosen.relu == pytest.approx(view.shown_value(), abs=1e-5)  # the map's value, recomputed by hand
    assert a.chosen.relu > 0
    text = view.arithmetic_text.toPlainText()
    relu = f"{a.chosen.relu:+.3f}".replace("-", "−")
    assert "kernel" in text and "products" in text and "bias" in text and "ReLU" in text and relu in text
    assert "2×2 max pooling" in text
    # an independent computation: torch's convolution over the picture the network saw
    pixels = window.prediction_panel.current.pixels
    x = torch.from_numpy(standardize(pixels)).reshape(1, 1, 32, 32)
    with torch.no_grad():
        raw = _torch_net(window).conv1(x)[0, channel, a.chosen.row, a.chosen.col].item()
    assert a.chosen.value == pytest.approx(raw, abs=1e-5)
    assert float(np.sum(a.products)) + a.chosen.bias == pytest.approx(raw, abs=1e-5)


def test_click_a_conv2_value_sums_over_six_channels(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _drawn(window, qtbot)
    _click(view, "conv2", 5, 4, 4)
    qtbot.waitUntil(lambda: view.arithmetic is not None and view.arithmetic.layer == "conv2", timeout=10_000)
    a = view.arithmetic
    assert a.channel == 5 and a.kernels.shape == (6, 5, 5)
    assert view.channel_choice.isVisible() and view.channel_choice.count() == 6
    text = view.arithmetic_text.toPlainText()
    assert "six input channels" in text and "Total over the channels" in text
    view.channel_choice.setCurrentIndex(4)
    assert "pool1 map 4" in view.arithmetic_text.toPlainText()
    pool1 = torch.from_numpy(view._activations["pool1"])[None]
    net = _torch_net(window)
    with torch.no_grad():
        per_channel = [
            F.conv2d(pool1[:, c : c + 1], net.conv2.weight[5:6, c : c + 1])[0, 0, a.chosen.row, a.chosen.col].item()
            for c in range(6)
        ]
    np.testing.assert_allclose(a.chosen.channel_sums, per_channel, atol=1e-5)
    assert a.chosen.relu == pytest.approx(view.shown_value(), abs=1e-5)


def test_hover_a_unit_and_the_output(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _drawn(window, qtbot)
    viewport = view.graphics.viewport()
    fc1 = unit_rect(view.scene.stages["fc1"], 60).center()
    QTest.mouseMove(viewport, view.graphics.mapFromScene(fc1))
    qtbot.waitUntil(lambda: "fc1 unit" in view.hover_text.toPlainText(), timeout=5_000)
    assert "strongest incoming weights" in view.hover_text.toPlainText()
    output = unit_rect(view.scene.stages["softmax"], 7).center()
    QTest.mouseMove(viewport, view.graphics.mapFromScene(output))
    qtbot.waitUntil(lambda: "Softmax" in view.hover_text.toPlainText(), timeout=5_000)
    probability = 100 * float(window.prediction_panel.current.probabilities[7])
    assert f"{probability:.2f}%" in view.hover_text.toPlainText()
