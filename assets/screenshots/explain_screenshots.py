"""Retake explain.png and poke.png (issue 12) from the real window, offscreen, at 1280×800.

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data python assets/screenshots/explain_screenshots.py

Draws a 7 with real mouse events, shows integrated gradients over it (explain.png); then silences two filters and
ranks all 22 on real MNIST in the Poke view (poke.png). Settings and user data go to temporary folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]


from screenshot_session import isolated_app, settle, wait  # noqa: E402


def main() -> None:
    out = Path(__file__).resolve().parent
    isolated_app()

    from qt_helpers import draw

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    wait(lambda: window.inference.ready and window.explain.service.state is not None)
    settle()
    seven = place_strokes(digit_strokes(7, "crossbar"), (60, 40, 220, 240))
    draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in seven])
    settle(1.0)

    panel = window.explain.panel
    window.docks["explain"].raise_()
    panel.method.setCurrentIndex(panel.method.findData("integrated-gradients"))
    panel.toggle.setChecked(True)
    wait(lambda: panel.last_result is not None)
    settle(1.0)
    window.grab().save(str(out / "explain.png"))

    poke = window.explain.poke
    window.docks["poke"].raise_()
    for unit in (("conv1", 2), ("conv2", 9)):
        poke.unit_buttons[unit].click()
    poke.rank()
    wait(lambda: len(poke.rank_chart.bars) == 22 and "without them" in poke.accuracy_label.text(), 120)
    settle(1.0)
    window.grab().save(str(out / "poke.png"))
    window.close()


if __name__ == "__main__":
    main()
