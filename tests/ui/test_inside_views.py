"""The inside views label what they show and use the room they have (issue 10.20): colour bars with three clear
labels, conv2's grid numbered along both sides (either way round), the fc3 logits numbered by digit in the feature
maps and the network view, and maps that grow with the panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from test_result_charts import drawn_ticks

from lenet_gui.ui.filters_panel import FEATURE_LAYERS, MAP_GRIDS, FiltersPanel, _nice_limit
from lenet_gui.ui.network_scene import NetworkScene, unit_rect
from lenet_gui.ui.tile_layout import choose_columns

RNG = np.random.default_rng(3)
CONV1 = RNG.normal(0, 0.3, (6, 5, 5)).astype(np.float32)
CONV2 = RNG.normal(0, 0.1, (16, 6, 5, 5)).astype(np.float32)
ACTIVATIONS = {
    "conv1": RNG.random((6, 28, 28)),
    "pool1": RNG.random((6, 14, 14)),
    "conv2": RNG.random((16, 10, 10)),
    "pool2": RNG.random((16, 5, 5)),
    "fc1": RNG.random(120),
    "fc2": RNG.random(84),
    "logits": np.linspace(-3.0, 6.0, 10),
}


class Weights:  # what the panel reads of a WeightsView (duck-typed)
    conv1, conv2 = CONV1, CONV2


class Prediction:  # what the panel reads of a PredictionView (duck-typed)
    activations = ACTIVATIONS


def shown(qtbot, width: int, height: int, tab: int) -> FiltersPanel:  # type: ignore[no-untyped-def]
    panel = FiltersPanel()
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.tabs.setCurrentIndex(tab)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_weights(Weights())  # type: ignore[arg-type]
    panel.show_prediction(1, Prediction())  # type: ignore[arg-type]
    panel.render_now()
    settle(qtbot, panel)
    return panel


def settle(qtbot, panel: FiltersPanel) -> None:  # type: ignore[no-untyped-def]
    """Until the heatmaps stay where they are: pyqtgraph fits a view's range when it next paints."""
    images = [panel.conv1_image, panel.conv2_image, *panel.map_images.values()]
    seen: list[object] = []

    def still() -> bool:
        seen.append([image.sceneBoundingRect() for image in images])
        return len(seen) >= 5 and all(rects == seen[-1] for rects in seen[-5:])

    qtbot.waitUntil(still, timeout=5000)


def hover(qtbot, view, image, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    """A real mouse move to image coordinates (x, y) of a heatmap."""
    scene = image.mapToScene(QPointF(x, y))
    point = view.mapFromScene(scene)
    QTest.mouseMove(view.viewport(), QPoint(point.x(), point.y()))
    qtbot.wait(20)


@pytest.mark.parametrize(("size", "by_rows"), [((520, 900), True), ((1100, 560), False)])
def test_conv2_is_numbered_along_both_sides_either_way_round(qtbot, size, by_rows) -> None:  # type: ignore[no-untyped-def]
    panel = shown(qtbot, *size, tab=0)
    assert panel.conv2_by_rows is by_rows, "filters in rows for a tall panel, in columns for a wide one"
    left, top = panel.conv2_plot.getAxis("left"), panel.conv2_plot.getAxis("top")
    filters, channels = [str(i) for i in range(16)], [str(i) for i in range(6)]
    assert drawn_ticks(left) == (filters if by_rows else channels)
    assert drawn_ticks(top) == (channels if by_rows else filters)
    assert ("filter" in left.labelString()) is by_rows and ("input channel" in top.labelString()) is by_rows
    assert drawn_ticks(panel.conv1_plot.getAxis("top")) == channels
    # the kernel of filter 11 for input channel 4, row 2, column 3, under the mouse, either way round
    row, column = (11, 4) if by_rows else (4, 11)
    hover(qtbot, panel.filters_view, panel.conv2_image, column * 6 + 3.5, row * 6 + 2.5)
    assert panel.filter_readout.text() == (
        f"conv2 filter 11 ← input channel 4, row 2, column 3: {CONV2[11, 4, 2, 3]:+.4f}"
    )


def test_colour_bars_have_three_clear_labels(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown(qtbot, 640, 700, tab=0)
    text = panel.palette().color(QPalette.ColorRole.Text)
    for bar, weights in ((panel.conv1_bar, CONV1), (panel.conv2_bar, CONV2)):
        limit = _nice_limit(float(np.abs(weights).max()))
        assert drawn_ticks(bar.axis) == [f"{-limit:g}", "0", f"{limit:g}"]
        assert bar.axis.textPen().color() == text, "labels in the text colour, not the faint default grey"
    gap = panel.conv2_bar.sceneBoundingRect().top() - panel.conv1_bar.sceneBoundingRect().bottom()
    assert gap >= 15, "the two bars' end labels do not touch"


def test_logits_are_numbered_by_digit(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = shown(qtbot, 640, 700, tab=1)
    assert drawn_ticks(panel.logits_axis) == [str(d) for d in range(10)]
    hover(qtbot, panel.maps_view, panel.map_images["logits"], 2.5, 0.5)
    assert panel.map_readout.text() == f"fc3 logit for digit 2: {ACTIVATIONS['logits'][2]:+.2f}"


def test_feature_maps_grow_with_the_panel_and_fill_their_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    sizes = {}
    for size in ((640, 700), (1200, 1000)):
        panel = shown(qtbot, *size, tab=1)
        for name in ("conv1", "conv2", "fc1"):
            image, box = panel.map_images[name], panel.map_plots[name].vb
            drawn, room = image.sceneBoundingRect(), box.sceneBoundingRect()
            assert max(drawn.width() / room.width(), drawn.height() / room.height()) > 0.97, name
        sizes[size] = panel.map_images["conv1"].sceneBoundingRect().height() / (
            28 * -(-6 // panel.map_columns["conv1"])
        )
        panel.close()
    assert sizes[(1200, 1000)] > 1.4 * sizes[(640, 700)], "a larger panel draws each value larger"


def test_a_tall_narrow_panel_stacks_maps_a_wide_flat_one_lines_them_up() -> None:
    layers = [MAP_GRIDS[name] for name, _, _, _ in FEATURE_LAYERS]
    tall = dict(zip([n for n, *_ in FEATURE_LAYERS], choose_columns(layers, 300, 1400, 230), strict=True))
    wide = dict(zip([n for n, *_ in FEATURE_LAYERS], choose_columns(layers, 1400, 500, 230), strict=True))
    assert tall["conv1"] < 6 and tall["conv2"] < 16
    assert wide["conv1"] == 6 and wide["conv2"] == 16


def test_the_network_views_logits_say_their_digit(qtbot) -> None:  # type: ignore[no-untyped-def]
    scene = NetworkScene()
    assert [label.text() for label in scene.logit_digits] == [str(d) for d in range(10)]
    stage = scene.stages["logits"]
    for digit, (label, value) in enumerate(zip(scene.logit_digits, scene.logit_texts, strict=True)):
        box = unit_rect(stage, digit)
        assert box.contains(label.sceneBoundingRect()) and box.contains(value.sceneBoundingRect().topLeft())
        assert not label.sceneBoundingRect().intersects(value.sceneBoundingRect())
    probabilities = np.full(10, 0.1)
    scene.show_activations(np.zeros((32, 32)), ACTIVATIONS, probabilities)
    assert scene.logit_texts[7].text() == f"{ACTIVATIONS['logits'][7]:+.2f}"
    box = unit_rect(stage, 7)
    assert box.contains(scene.logit_texts[7].sceneBoundingRect()), "the value fits beside its digit"
