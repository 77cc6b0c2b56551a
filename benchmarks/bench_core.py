"""Measures and prints the core's speed on this machine: training throughput, time to 99%, inference latency.

    python benchmarks/bench_core.py [--data-dir DIR] [--seeds 0 1 2] [--skip-train]

No assertions: the figures go into the issue notes and the README. Targets (2 cores): training ≥ 12,000 images/s
with augmentation; 99.0% MNIST test accuracy within 15 s from scratch on 3 of 3 seeds; preprocess + forward
p50 ≤ 0.5 ms and p95 ≤ 1 ms on a 280×280 drawing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

from lenet_gui.core.checkpoint import load_bundled
from lenet_gui.core.config import FAST
from lenet_gui.core.data import load_mnist, resolve_data_dir
from lenet_gui.core.events import EpochResult, Finished, StepProgress
from lenet_gui.core.inference import Predictor, configure_for_latency
from lenet_gui.core.training import train


def training_throughput(train_set, *, augment: bool, steps: int = 250) -> float:  # type: ignore[no-untyped-def]
    """Images per second through the full loop (batching, augmentation, forward, backward, update, events)."""
    from dataclasses import replace

    subset = train_set.head(steps * FAST.batch_size)
    config = replace(FAST, epochs=1, augment=augment, evaluate_every_epoch=False)
    rates = [e.images_per_second for e in train(config, subset) if isinstance(e, StepProgress)]
    return rates[-1]


def time_to_99(train_set, test_set, seed: int) -> tuple[float | None, float, float]:  # type: ignore[no-untyped-def]
    """Wall time from a fresh network until an end-of-epoch test accuracy ≥ 99.0% (None if never)."""
    from dataclasses import replace

    started = time.perf_counter()
    reached = None
    accuracy = 0.0
    for event in train(replace(FAST, seed=seed), train_set, test_set):
        if isinstance(event, EpochResult):
            accuracy = event.test_accuracy
            if reached is None and accuracy >= 0.99:
                reached = time.perf_counter() - started
        if isinstance(event, Finished):
            return reached, accuracy, time.perf_counter() - started
    raise AssertionError("training ended without Finished")


def drawing() -> np.ndarray:
    image = Image.new("L", (280, 280), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(70, 60), (200, 60), (120, 230)], fill=0, width=18, joint="curve")
    draw.line([(100, 140), (180, 140)], fill=0, width=18)
    return np.asarray(image)


def inference_latency(repeats: int = 2000) -> tuple[float, float]:
    """Measured in a thread of its own, as the app predicts (configure_for_latency is per thread)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_inference_latency, repeats).result()


def _inference_latency(repeats: int) -> tuple[float, float]:
    configure_for_latency()
    predictor = Predictor(load_bundled().state_dict)
    image = drawing()
    for _ in range(100):
        predictor.predict_image(image)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        predictor.predict_image(image)
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")

    p50, p95 = inference_latency()
    print(f"preprocess + forward on a 280×280 drawing: p50 {p50:.3f} ms, p95 {p95:.3f} ms")
    if args.skip_train:
        return
    data_dir = resolve_data_dir(args.data_dir)
    train_set = load_mnist(Path(data_dir), train=True, download=False)
    test_set = load_mnist(Path(data_dir), train=False, download=False)
    for augment in (False, True):
        rate = training_throughput(train_set, augment=augment)
        print(f"training throughput, augmentation {'on ' if augment else 'off'}: {rate:,.0f} images/s")
    results = []
    for seed in args.seeds:
        reached, accuracy, total = time_to_99(train_set, test_set, seed)
        results.append(reached)
        shown = f"{reached:.1f} s" if reached is not None else "not reached"
        print(f"seed {seed}: 99.0% after {shown} (final {accuracy * 100:.2f}% at {total:.1f} s, fast recipe)")
    hits = [r for r in results if r is not None]
    print(
        f"time to 99.0%: reached on {len(hits)}/{len(results)} seeds"
        + (f", median {statistics.median(hits):.1f} s, worst {max(hits):.1f} s" if hits else "")
    )


if __name__ == "__main__":
    main()
