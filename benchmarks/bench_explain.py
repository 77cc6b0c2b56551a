"""Issue 12's timings through the real window (offscreen): drawing → explanation delivered on the GUI thread, per
method, and the Poke view's background work (accuracy without a filter, ranking all 22, make it a 3); then "make it
a D" in core over 90 (drawing, target) pairs: the first MNIST test digit of each class × the 9 other digits (and the
same for the 10 sample drawings and 10 handwriting drawings of ``tests/handwriting.py``), one thread as the app
computes: how many reach 90%, the time p50/p95/max and the L2 of the changes.

    QT_QPA_PLATFORM=offscreen LENET_GUI_DATA_DIR=/path/to/data python benchmarks/bench_explain.py [--make-only]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui"), str(ROOT / "tests")]
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


def drawing_sets() -> dict[str, list[tuple[str, int, np.ndarray]]]:
    """(name, digit, model input) × 10 per set: MNIST test digits (when the data is there), samples, handwriting."""
    import json

    from handwriting import check_set  # type: ignore[import-not-found]

    from lenet_gui.core.data import cached_mnist, to_model_batch
    from lenet_gui.core.errors import MissingDataError
    from lenet_gui.core.preprocess import to_model_input
    from lenet_gui.core.strokes import render_strokes
    from lenet_gui.resources import asset_path

    def model_input(image: np.ndarray) -> np.ndarray:
        made = to_model_input(image)
        assert made is not None, "a blank drawing"
        return made

    sets: dict[str, list[tuple[str, int, np.ndarray]]] = {}
    try:
        _, test = cached_mnist()
        firsts = [int((test.labels == d).nonzero()[0, 0]) for d in range(10)]
        sets["MNIST test digits"] = [
            (f"test #{i}", d, to_model_batch(test.images[i : i + 1])[0, 0].numpy()) for d, i in enumerate(firsts)
        ]
    except MissingDataError:
        print("(no MNIST at LENET_GUI_DATA_DIR: the MNIST pairs are left out)")
    samples = json.loads(asset_path("samples", "digits.json").read_text())["digits"]
    drawn = []
    for d in range(10):
        strokes = samples[str(d)]
        image = render_strokes([np.asarray(s["points"]) for s in strokes], (280, 280), strokes[0]["width"])
        drawn.append((f"sample {d}", d, model_input(image)))
    sets["sample drawings"] = drawn
    hand: dict[int, np.ndarray] = {}
    for image, d, _, condition in check_set(per_cell=1):
        if condition == "centred":
            hand.setdefault(d, model_input(image))
    sets["handwriting"] = [(f"hand {d}", d, hand[d]) for d in range(10)]
    return sets


def bench_make_it() -> None:
    """Every (drawing, other digit) pair of each set through core's make_it, as the app calls it."""
    import torch

    from lenet_gui.core.checkpoint import load_bundled
    from lenet_gui.core.explain import explainable_model
    from lenet_gui.core.inference import configure_for_latency
    from lenet_gui.core.make_it import MAKE_GOAL, MAKE_MAX_L2, MAKE_NEAR_INK, make_it, near_ink
    from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD

    configure_for_latency()
    model = explainable_model(load_bundled().state_dict)
    print(f"make it a D: goal {MAKE_GOAL:.0%}, L2 bound {MAKE_MAX_L2} canvas pixels, within {MAKE_NEAR_INK} px of ink")
    for name, drawings in drawing_sets().items():
        seconds, l2, misses, steps = [], [], [], []
        reached = 0
        for label, own, x in drawings:
            movable = near_ink(torch.from_numpy(x * MNIST_STD + MNIST_MEAN)).numpy()
            for digit in range(10):
                if digit == own:
                    continue
                start = time.perf_counter()
                made = make_it(model, x, digit)
                seconds.append(time.perf_counter() - start)
                pixels = made.model_input * MNIST_STD + MNIST_MEAN
                assert pixels.min() >= -1e-5 and pixels.max() <= 1 + 1e-5, "a pixel left 0..1"
                assert made.l2_pixels <= MAKE_MAX_L2 + 1e-4, "over the L2 bound"
                assert not np.any(made.model_input[~movable] != x[~movable]), "a pixel changed far from the ink"
                reached += made.reached
                steps.append(made.steps)
                l2.append(made.l2_pixels)
                if not made.reached:
                    misses.append(f"{label}→{digit} {made.probabilities[digit]:.0%}")
        ms = np.array(seconds) * 1000
        print(
            f"  {name}: {reached} of {len(ms)} reach {MAKE_GOAL:.0%}; time p50 {np.median(ms):.0f} ms, "
            f"p95 {np.percentile(ms, 95):.0f} ms, max {ms.max():.0f} ms; steps p50 {np.median(steps):.0f} max "
            f"{max(steps)}; L2 (canvas pixels) p50 {np.median(l2):.2f}, p95 {np.percentile(l2, 95):.2f}, "
            f"max {max(l2):.2f}" + (f"; missed: {', '.join(misses)}" if misses else "")
        )


if __name__ == "__main__":
    if "--make-only" not in sys.argv:
        main()
    bench_make_it()
