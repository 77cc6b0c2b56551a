"""How many threads torch computes with, remembered before anyone changes it.

``torch.set_num_threads`` called in one thread also becomes the count that threads started afterwards get. The
app predicts on one thread (fastest for a single image, and it leaves the cores to training) and trains on all of
them, so each side sets its own count explicitly instead of inheriting whatever ran first.
"""

from __future__ import annotations

import torch

DEFAULT_THREADS = torch.get_num_threads()


def use_one_thread() -> None:
    torch.set_num_threads(1)


def use_default_threads() -> None:
    torch.set_num_threads(DEFAULT_THREADS)


def share_with_drawing(drawing: bool) -> None:
    """Between two training steps: one thread while a person draws, all of them otherwise.

    On two cores a run's two compute threads kept the window's prediction of each mouse move waiting for a CPU:
    stroke → prediction took 11-12 ms at p95 while training, 8-10 ms with one thread during strokes (measured with
    ``benchmarks/bench_gui.py``). A stroke lasts a second or two, so the run loses little."""
    wanted = 1 if drawing else DEFAULT_THREADS
    if torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
