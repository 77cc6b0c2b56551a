"""How long the GUI thread stalls when My digits lists 300 examples and the digit filters are clicked (issue 16.7).

A 5 ms QTimer heartbeat runs while the panel fills its grid and then while every filter button is clicked in turn
(with real mouse events), a few rounds; the longest gap between two beats is the longest stall. ``--busy`` runs a
pure-Python loop on another thread meanwhile, as a training run's Python code does: each time the GUI thread hands the
GIL over (PySide releases it around Qt calls) it may wait a switch interval (5 ms) to get it back, so what counts is
how many Python-level calls a click makes. Run offscreen:

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_filter_clicks.py [--busy] [examples per digit, default 30]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time

import numpy as np
from PIL import Image, ImageDraw
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from lenet_gui.core.personal import PersonalDataset
from lenet_gui.ui.personal_panel import PersonalPanel
from lenet_gui.ui.workers.personal_store import PersonalExamples


def picture(label: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed * 10 + label)
    image = Image.new("L", (280, 280), 255)
    points = [(int(x), int(y)) for x, y in rng.integers(60, 220, size=(3 + label % 4, 2))]
    ImageDraw.Draw(image).line(points, fill=20, width=18)
    return np.asarray(image)


class Heartbeat:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._beat)
        self._timer.start(5)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def reset(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)


def busy(stop: threading.Event) -> None:
    """Pure Python on another thread: it holds the GIL until the interpreter makes it switch."""
    total = 0
    while not stop.is_set():
        for i in range(10_000):
            total += i * i


def main(per_digit: int, with_busy_thread: bool) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    stop = threading.Event()
    root = tempfile.mkdtemp(prefix="bench-my-digits-")
    dataset = PersonalDataset(root)
    for seed in range(per_digit):
        for digit in range(10):
            dataset.add(picture(digit, seed), digit)
    if with_busy_thread:
        threading.Thread(target=busy, args=(stop,), daemon=True).start()
    store = PersonalExamples(root)
    panel = PersonalPanel(store)
    panel.resize(700, 900)
    heart = Heartbeat()
    loaded: list[int] = []
    panel.examples.gridLoaded.connect(loaded.append)
    started = time.perf_counter()
    panel.show()
    while not loaded or loaded[-1] != 10 * per_digit:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    spin(0.3)
    print(
        f"{10 * per_digit} examples: grid filled in {(time.perf_counter() - started) * 1000:.0f} ms, "
        f"longest stall {max(heart.gaps) * 1000:.0f} ms"
    )

    heart.reset()
    spin(2.0)
    print(f"idle (nothing clicked) for 2 s: longest gap {max(heart.gaps) * 1000:.0f} ms (the machine's own noise)")

    clicks: list[float] = []
    heart.reset()
    buttons = panel.examples.filter_buttons
    for _round in range(3):
        for key in (*range(10), -1):
            t0 = time.perf_counter()
            QTest.mouseClick(buttons[key], Qt.MouseButton.LeftButton)
            clicks.append(time.perf_counter() - t0)
            spin(0.15)  # the delayed layout and paint happen here; the heartbeat sees them
    print(
        f"filter clicks: {len(clicks)}, click handler median {statistics.median(clicks) * 1000:.1f} ms, "
        f"max {max(clicks) * 1000:.1f} ms; longest GUI stall while clicking {max(heart.gaps) * 1000:.0f} ms"
    )
    stop.set()
    store.close()
    panel.close()
    app.processEvents()


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--busy"]
    main(int(arguments[0]) if arguments else 30, "--busy" in sys.argv)
