"""Panels behind another dock's tab do no drawing work while training sends snapshots, and catch up when their tab
is clicked (issue 16.7: every tabbed panel redrew each snapshot, as Qt keeps a tabbed-away dock "visible").

Real docks in a real QMainWindow, tabs clicked with the mouse; what is counted is work done, never time.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabBar

from lenet_gui.core.numpy_lenet import SHAPES  # LeNet's parameters by name and shape, torch-free
from lenet_gui.core.parameters import summarize_parameters
from lenet_gui.ui import plots
from lenet_gui.ui.filters_panel import FiltersPanel
from lenet_gui.ui.network_view import NetworkView
from lenet_gui.ui.on_screen import OnScreenWatch, on_screen
from lenet_gui.ui.parameters_panel import ParametersPanel
from lenet_gui.ui.view_models import WeightsView


def snapshot(seed: int) -> WeightsView:
    rng = np.random.default_rng(seed)
    state = {name: rng.normal(0, 0.1, shape).astype(np.float32) for name, shape in SHAPES.items()}
    return WeightsView(summarize_parameters(state), live=True, step=f"epoch 1, step {seed}")


class Prediction:
    """What the inference worker sends the network view (``PredictionView``-like)."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.pixels = rng.random((32, 32))
        self.activations = {
            "conv1": rng.random((6, 28, 28)),
            "pool1": rng.random((6, 14, 14)),
            "conv2": rng.random((16, 10, 10)),
            "pool2": rng.random((16, 5, 5)),
            "fc1": rng.random(120),
            "fc2": rng.random(84),
            "logits": rng.normal(size=10),
        }
        self.probabilities = np.full(10, 0.1)


@pytest.fixture
def docked(qtbot):  # type: ignore[no-untyped-def]
    """A window with the Filters, Parameters and Network panels in three tabbed docks, Filters' tab in front."""
    window = QMainWindow()
    window.setCentralWidget(QLabel("canvas"))
    window.resize(1000, 700)
    qtbot.addWidget(window)
    panels = {"filters": FiltersPanel(), "parameters": ParametersPanel(), "network": NetworkView()}
    docks = {}
    for key, panel in panels.items():
        dock = QDockWidget(key, window)
        dock.setObjectName(f"{key}Dock")
        dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        docks[key] = dock
    window.tabifyDockWidget(docks["filters"], docks["parameters"])
    window.tabifyDockWidget(docks["parameters"], docks["network"])
    docks["filters"].raise_()
    window.show()
    qtbot.waitExposed(window)
    yield window, panels
    network = panels["network"]
    assert isinstance(network, NetworkView)
    network.close_service()


def click_tab(window: QMainWindow, title: str) -> None:
    """A real click on the dock tab with this title."""
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == title and bar.isVisible():
                QTest.mouseClick(
                    bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, bar.tabRect(index).center()
                )
                return
    raise AssertionError(f"no dock tab {title!r}")


def test_a_panel_behind_a_tab_is_visible_to_qt_but_not_on_screen(docked, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, panels = docked
    assert panels["parameters"].isVisible()  # what the panels used to ask: Qt says yes behind a tab
    assert not on_screen(panels["parameters"])
    assert on_screen(panels["filters"])
    click_tab(window, "parameters")
    qtbot.waitUntil(lambda: on_screen(panels["parameters"]))
    assert not on_screen(panels["filters"])


def test_snapshots_are_not_drawn_behind_a_tab_and_are_once_it_is_clicked(docked, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, panels = docked
    parameters, filters = panels["parameters"], panels["filters"]
    for seed in range(3):  # a training run's snapshots, while Filters is in front
        parameters.show_weights(snapshot(seed))
        filters.show_weights(snapshot(seed))
        parameters.render_now()
        filters.render_now()
    assert parameters.frames == 0 and parameters.table.rowCount() == 0
    assert filters.conv1_image.image is not None  # the panel in front draws

    click_tab(window, "parameters")
    qtbot.waitUntil(lambda: parameters.table.rowCount() == 10)
    assert parameters.frames == 1  # the latest snapshot only
    assert "step 2" in parameters.total.text()

    drawn = filters.frames
    filters.show_weights(snapshot(9))
    filters.render_now()
    assert filters.frames == drawn  # now Filters is behind a tab


def test_only_the_filters_tab_in_view_is_drawn(docked, qtbot) -> None:  # type: ignore[no-untyped-def]
    _window, panels = docked
    filters = panels["filters"]
    filters.show_weights(snapshot(1))
    filters.show_prediction(1, Prediction(1))
    filters.render_now()
    assert filters.conv1_image.image is not None
    assert filters.map_images["conv1"].image is None  # Feature maps is the other tab
    QTest.mouseClick(
        filters.tabs.tabBar(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        filters.tabs.tabBar().tabRect(1).center(),
    )
    qtbot.waitUntil(lambda: filters.map_images["conv1"].image is not None)


def test_the_network_view_paints_once_per_frame_and_not_behind_a_tab(docked, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window, panels = docked
    view = panels["network"]
    painted: list[Any] = []
    original = view.scene.show_activations

    def counted(*args: Any) -> None:
        painted.append(args)
        original(*args)

    monkeypatch.setattr(view.scene, "show_activations", counted)
    for seed in range(5):
        view.show_prediction(seed, Prediction(seed))
    qtbot.wait(100)
    assert painted == []  # behind the Filters tab

    click_tab(window, "network")
    qtbot.waitUntil(lambda: len(painted) == 1)
    assert painted[0][0] is view._pixels  # the latest prediction
    for seed in range(5, 10):  # a burst, as the mouse moves of one stroke
        view.show_prediction(seed, Prediction(seed))
    qtbot.waitUntil(lambda: len(painted) == 2)
    assert np.array_equal(painted[1][0], Prediction(9).pixels)
    qtbot.wait(100)
    assert len(painted) == 2


def test_on_screen_watch_calls_back_when_a_tab_is_clicked(docked, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, panels = docked
    calls: list[str] = []
    OnScreenWatch(panels["parameters"], lambda: calls.append("parameters"))
    click_tab(window, "parameters")
    qtbot.waitUntil(lambda: calls == ["parameters"])
    click_tab(window, "filters")
    qtbot.wait(50)
    assert calls == ["parameters"]


def test_steady_range_moves_only_when_the_data_leaves_or_shrinks(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    plot = view.getPlotItem()
    plot.disableAutoRange()
    assert plots.steady_range(plot, (-0.4, 0.4), (0.0, 100.0))
    first = plot.vb.viewRange()
    assert first[0][0] < -0.4 and first[0][1] > 0.4 and first[1][1] > 100
    assert not plots.steady_range(plot, (-0.41, 0.41), (0.0, 103.0))  # a little wider: same axes
    assert plot.vb.viewRange() == first
    assert plots.steady_range(plot, (-0.5, 0.5), (0.0, 103.0))  # out of view: moves
    assert plots.steady_range(plot, (-0.1, 0.1), (0.0, 103.0))  # far smaller: fits again
    assert plot.vb.viewRange()[0][1] < 0.2


def test_parameter_histograms_keep_their_axes_for_small_changes(docked, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, panels = docked
    parameters = panels["parameters"]
    click_tab(window, "parameters")
    qtbot.waitUntil(lambda: on_screen(parameters))
    parameters.show_weights(snapshot(1))
    parameters.render_now()
    qtbot.waitUntil(lambda: parameters.histogram_items["fc3.weight"].xData is not None)
    ranges = {name: plot.vb.viewRange() for name, plot in parameters._histogram_plots.items()}
    view = snapshot(1)
    nudged = {
        name: type(h)(h.counts, h.edges * 1.01) for name, h in view.histograms.items()
    }  # the weights moved a little
    parameters.show_weights(WeightsView(type(view.summary)(**{**view.summary.__dict__, "histograms": nudged}), True))
    parameters.render_now()
    qtbot.waitUntil(lambda: not parameters._pending_histograms)
    qtbot.wait(20)
    assert {name: plot.vb.viewRange() for name, plot in parameters._histogram_plots.items()} == ranges
