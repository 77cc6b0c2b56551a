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
