"""Views that follow the drawing are drawn once per burst of predictions, not once per mouse move (issue 10).

The Network view's maps took ~20 ms of the GUI thread per prediction, so the prediction panel's answer to the next
mouse move waited behind them. These tests count draws, never time them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from qt_helpers import PREDICTION_TIMEOUT_MS, SEVEN, bundled_weights_or_skip, draw

from lenet_gui.ui.pacing import Paced


def test_a_burst_of_requests_is_answered_once_and_the_last_one_always(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    paced = Paced(lambda: calls.append(1), quiet_ms=10, max_wait_ms=50)
    for _ in range(20):
        paced.request()
    assert calls == [] and paced.pending
    qtbot.waitUntil(lambda: not paced.pending)
    assert calls == [1]
    paced.request()  # a later change is answered too
    qtbot.waitUntil(lambda: len(calls) == 2)
    paced.request()
    paced.cancel()
    qtbot.wait(60)
    assert len(calls) == 2 and not paced.pending


def test_the_network_view_draws_a_burst_of_predictions_once(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bundled_weights_or_skip()
    view = window.findChild(QWidget, "networkView")
    window.tutorial.docks["network"].raise_()
    qtbot.waitUntil(view.isVisible)
    draw(window.canvas, SEVEN)
    panel = window.prediction_panel
    qtbot.waitUntil(
        lambda: panel.shown_request == window.inference.last_request_id and panel.current is not None,
        timeout=PREDICTION_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: not view._paced.pending, timeout=PREDICTION_TIMEOUT_MS)
    prediction = panel.current
    drawn: list[Any] = []
    original = view.scene.show_activations

    def counted(*args: Any) -> None:
        drawn.append(args)
        original(*args)

    monkeypatch.setattr(view.scene, "show_activations", counted)
    for request_id in range(1000, 1010):  # ten predictions in a row, as while a stroke is drawn
        window.inference.predicted.emit(request_id, prediction)
        assert panel.shown_request == request_id  # the answer is on screen at once, each time
    assert drawn == []  # the maps wait for the burst to end
    qtbot.waitUntil(lambda: not view._paced.pending, timeout=PREDICTION_TIMEOUT_MS)
    assert len(drawn) == 1 and drawn[0][1] is not None  # then show the last one, once
