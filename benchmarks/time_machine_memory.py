"""How much memory the time machine's moments take for a run of a given length (issue 13).

A run sends a snapshot every ``SNAPSHOT_SECONDS`` (0.3 s) and one at each epoch end; the window keeps them in a
``RunHistory`` (at most ``MAX_MOMENTS``). This feeds a history the snapshots such a run would send (fresh arrays each
time, as the run's thread makes them) and reports what stays in memory: the moments' bytes and Python's own count
(``tracemalloc``) of what is still allocated once the run is over.

    python benchmarks/time_machine_memory.py                       # the fast recipe and the bundled recipe
    python benchmarks/time_machine_memory.py --epochs 5 --seconds-per-epoch 8
"""

from __future__ import annotations

import argparse
import math
import tracemalloc

import numpy as np
import torch

from lenet_gui.core.config import FAST
from lenet_gui.core.model import Net
from lenet_gui.core.run_history import MAX_MOMENTS, MOMENT_BYTES, RunHistory
from lenet_gui.core.training import state_to_numpy
from lenet_gui.ui.workers.runs import SNAPSHOT_SECONDS

MB = 1024 * 1024
STEPS_PER_EPOCH = math.ceil(60_000 / FAST.batch_size)  # MNIST in the fast recipe's batches (235 at 256)


def measure(epochs: int, seconds_per_epoch: float) -> tuple[int, int, int, int]:
    """(snapshots sent, moments kept, their bytes, bytes still allocated)."""
    torch.manual_seed(0)
    state = state_to_numpy(Net().state_dict())
    per_epoch = max(1, round(seconds_per_epoch / SNAPSHOT_SECONDS))
    steps = np.linspace(STEPS_PER_EPOCH / per_epoch, STEPS_PER_EPOCH, per_epoch).astype(int)
    tracemalloc.start()
    history = RunHistory()
    sent = 0
    for epoch in range(1, epochs + 1):
        for step in steps:
            history.add(
                {k: v.copy() for k, v in state.items()}, epoch=epoch, step=int(step), steps_per_epoch=STEPS_PER_EPOCH
            )
            sent += 1
    history.finish(None)
    allocated, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return sent, len(history), history.nbytes, allocated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--seconds-per-epoch", type=float, default=6.0)
    args = parser.parse_args()
    runs = (
        [(f"{args.epochs} epochs", args.epochs, args.seconds_per_epoch)]
        if args.epochs
        else [
            ("fast recipe (2 epochs, ~4 s each)", 2, 4.0),
            ("bundled recipe length (28 epochs, ~10 s each)", 28, 10.0),
        ]
    )
    print(f"one moment = {MOMENT_BYTES:,} bytes; cap {MAX_MOMENTS} moments = {MAX_MOMENTS * MOMENT_BYTES / MB:.1f} MB")
    for name, epochs, seconds in runs:
        sent, kept, nbytes, allocated = measure(epochs, seconds)
        print(
            f"{name}: {sent} snapshots sent, {kept} kept, moments {nbytes / MB:.1f} MB, "
            f"still allocated {allocated / MB:.1f} MB"
        )


if __name__ == "__main__":
    main()
