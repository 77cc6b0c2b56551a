"""Retake network-view.png and training-step.png from the real window (offscreen, 1280×800, bundled weights).

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data python assets/screenshots/make_tutorial_screenshots.py

Draws a crossed 7 with real mouse events; clicks a value of a conv1 map in the Network view and hovers over the
output; then, in the Training step view, picks 3 as the label and walks a step phase by phase up to backward after
ten whole steps. Settings and user data go to temporary folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from screenshot_session import isolated_app, settle, wait  # noqa: E402


def main() -> None:
    out = Path(__file__).resolve().parent
    isolated_app()

    from qt_helpers import draw

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow
    from lenet_gui.ui.network_scene import map_rect, unit_rect

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    wait(lambda: window.inference.ready)
    settle()
    seven = place_strokes(digit_strokes(7, "crossbar"), (60, 40, 220, 240))
    draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in seven])
    wait(lambda: window.prediction_panel.shown_request == window.inference.last_request_id)
    settle(0.5)

    window.tutorial.docks["network"].raise_()
    settle(0.5)
    view = window.tutorial.network_view
    stage = view.scene.stages["conv1"]
    point = map_rect(stage, 1).topLeft() + QPointF(14.5 * stage.cell, 9.5 * stage.cell)
    QTest.mouseClick(view.graphics.viewport(), Qt.MouseButton.LeftButton, pos=view.graphics.mapFromScene(point))
    wait(lambda: view.arithmetic is not None)
    QTest.mouseMove(
        view.graphics.viewport(), view.graphics.mapFromScene(unit_rect(view.scene.stages["logits"], 7).center())
    )
    settle(0.5)
    window.grab().save(str(out / "network-view.png"))

    window.tutorial.docks["step"].raise_()
    steps = window.tutorial.step_view
    steps.set_label(3)
    steps.take_steps(10)
    wait(lambda: steps.steps_taken == 10 and not steps.service.busy)
    for _ in range(4):  # zero_grad, forward, loss, backward of the eleventh step
        steps.run_next_phase()
        wait(lambda: not steps.service.busy)
    settle(0.8)
    window.grab().save(str(out / "training-step.png"))
    window.close()
    window.shutdown()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
