"""Retake the README's screenshots from the real window (offscreen), with the bundled weights and real MNIST.

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data \\
        python assets/screenshots/make_screenshots.py [my-digits|window]

Draws a crossed 7 with real mouse events, grabs each panel, then trains on a 20,000-digit MNIST subset and grabs
the training views mid-run. Before that, it draws digits in styles MNIST rarely has, saves each with its digit key, and
fine-tunes on them (my-digits.png: the My digits panel with the before/after report); ``my-digits`` retakes only
that one, ``window`` all the others. Settings and user data go to temporary folders, so a developer's own settings
and digits are untouched.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]


from screenshot_session import isolated_app, scroll_into_view, settle, wait  # noqa: E402


def main(only: set[str]) -> None:
    out = Path(__file__).resolve().parent
    isolated_app()

    if not only or "my-digits" in only:
        my_digits(out)
    if only and "window" not in only:
        return

    from qt_helpers import draw, mnist_source

    from lenet_gui.core.strokes import digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

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
    scroll_into_view(panel.charts)  # the run's progress and the curves, below the settings
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


def my_digits(out: Path) -> None:
    """Two drawings of every digit, rare styles first (a 1 with a flag and base, a crossed 7…), each saved with its
    digit key on the canvas; then fine-tuning on them, and the My digits panel with its report."""
    import numpy as np
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from qt_helpers import draw, mnist_source

    from lenet_gui.core.strokes import STYLES, digit_strokes, place_strokes
    from lenet_gui.ui import MainWindow

    window = MainWindow(data_source=mnist_source(60_000, 10_000))
    window.resize(1240, 760)
    window.show()
    wait(lambda: window.inference.ready and window.personal_panel is not None)
    rng = np.random.default_rng(3)
    saved: list[int] = []
    window.exampleSaved.connect(lambda example, count: saved.append(example.label))
    for round_ in range(2):
        for digit in range(10):
            styles = STYLES[digit]
            style = styles[-1 - round_ % len(styles)]
            strokes = place_strokes(digit_strokes(digit, style, rng), (60, 40, 220, 240))
            draw(window.canvas, [[(float(x), float(y)) for x, y in stroke] for stroke in strokes])
            window.canvas.setFocus()
            expected = len(saved) + 1
            QTest.keyClick(window.canvas, getattr(Qt.Key, f"Key_{digit}"))
            wait(lambda expected=expected: len(saved) >= expected)
    panel = window.personal_panel
    window.docks["personal"].raise_()
    finished: list[object] = []
    panel.fine_tune.fineTuneFinished.connect(finished.append)
    panel.fine_tune.start_fine_tune()
    wait(lambda: bool(finished), 600)
    panel.examples.grid.scrollToTop()
    settle(0.6)
    window.grab().save(str(out / "my-digits.png"))
    window.close()
    window.shutdown()


if __name__ == "__main__":
    main(set(sys.argv[1:]))
