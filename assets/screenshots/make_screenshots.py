"""Retake the README's screenshots from the real window (offscreen), with the bundled weights and real MNIST.

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data python assets/screenshots/make_screenshots.py

Draws a crossed 7 with real mouse events, grabs each panel, then trains on a 20,000-digit MNIST subset and grabs
the training views mid-run. Settings go to a temporary folder, so a developer's own app settings are untouched.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from PySide6.QtCore import QSettings  # noqa: E402

from lenet_gui.ui.app import create_app  # noqa: E402


def main() -> None:
    out = Path(__file__).resolve().parent
    app = create_app([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())

    from qt_helpers import draw, mnist_source

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

    def wait(condition, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
        end = time.time() + seconds
        while not condition() and time.time() < end:
            app.processEvents()
            time.sleep(0.01)

    def settle(seconds: float = 0.5) -> None:
        wait(lambda: False, seconds)

    window = MainWindow(data_source=mnist_source(20000, 2000))
    window.resize(1240, 760)
    window.show()
    wait(lambda: window.inference.ready and window.training_panel.train_button.isEnabled())
    settle()
    seven = place_strokes(digit_strokes(7, "crossbar"), (60, 40, 220, 240))
    draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in seven])
    settle(1.0)
    window.grab().save(str(out / "drawn-digit.png"))

    window.docks["filters"].raise_()
    settle()
    window.filters_panel.render_now()
    settle(0.3)
    window.grab().save(str(out / "filters.png"))
    window.filters_panel.tabs.setCurrentIndex(1)
    settle()
    window.filters_panel.render_now()
    settle(0.3)
    window.grab().save(str(out / "feature-maps.png"))

    window.docks["training"].raise_()
    panel = window.training_panel
    panel.epochs.setValue(3)
    panel.start_from.setCurrentIndex(1)  # from scratch: the curves show a network learning
    panel.train_button.click()
    wait(lambda: panel.epoch_events >= 1, 300)
    wait(lambda: panel.progress.value() > 450, 120)
    settle(0.3)
    window.grab().save(str(out / "training.png"))
    panel.charts.setCurrentIndex(2)
    settle(0.3)
    window.grab().save(str(out / "training-confusion.png"))
    panel.charts.setCurrentIndex(3)
    settle(0.3)
    window.grab().save(str(out / "training-mistakes.png"))
    window.docks["parameters"].raise_()
    settle(0.6)
    window.parameters_panel.render_now()
    window.grab().save(str(out / "parameters-training.png"))
    window.close()
    window.shutdown()
    print(f"screenshots written to {out}")


if __name__ == "__main__":
    main()
