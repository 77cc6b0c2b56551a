"""Issue 12's timings through the real window (offscreen): drawing → explanation delivered on the GUI thread, per
method, and the Poke view's background work (accuracy without a filter, ranking all 22, make it a 3).

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data python benchmarks/bench_explain.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from lenet_gui.ui.app import create_app  # noqa: E402

REPEATS = 20


def wait(condition, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    end = time.time() + seconds
    while not condition() and time.time() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)


def main() -> None:
    create_app([])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
    from qt_helpers import SEVEN, draw

    from lenet_gui.ui import MainWindow

    window = MainWindow()
    window.show()
    docks = window.explain
    wait(lambda: window.inference.ready and docks.service.state is not None)
    draw(window.canvas, SEVEN)
    image = window.canvas.to_array()
    delivered: list[float] = []
    docks.service.explained.connect(lambda result: delivered.append(time.perf_counter()))
    for method in ("saliency", "integrated-gradients", "occlusion", "grad-cam"):
        docks.service.set_explaining(True, method, None, None)
        wait(lambda: bool(delivered))
        latencies, computing = [], []
        for _ in range(REPEATS):
            delivered.clear()
            start = time.perf_counter()
            docks.service.set_drawing(image)
            wait(lambda: len(delivered) > 0)
            latencies.append((delivered[0] - start) * 1000)
            computing.append(docks.panel.last_result.seconds * 1000)
        p50, p95 = np.percentile(latencies, [50, 95])
        print(
            f"{method}: drawing → map on the GUI thread p50 {p50:.1f} ms, p95 {p95:.1f} ms "
            f"(the method alone p50 {np.median(computing):.1f} ms)"
        )
    docks.service.set_explaining(False, "saliency", None, None)

    poke = docks.poke
    for name, start_work, done in (
        (
            "accuracy without conv1:2 (2,000 digits)",
            lambda: poke.unit_buttons[("conv1", 2)].click(),
            lambda: "without them" in poke.accuracy_label.text(),
        ),
        ("rank all 22 conv filters (2,000 digits)", poke.rank, lambda: len(poke.rank_chart.bars) == 22),
    ):
        start = time.perf_counter()
        start_work()
        wait(done)
        print(f"{name}: {time.perf_counter() - start:.2f} s (MNIST already in memory after the first)")
    poke.make_it.digit.setCurrentIndex(3)
    start = time.perf_counter()
    poke.make_it.request()
    wait(lambda: poke.make_it.result is not None)
    made = poke.make_it.result
    print(
        f"make it a 3: {made.seconds * 1000:.0f} ms computing, {(time.perf_counter() - start) * 1000:.0f} ms in all, "
        f"reached {made.counterfactual.reached}"
    )
    window.close()


if __name__ == "__main__":
    main()
