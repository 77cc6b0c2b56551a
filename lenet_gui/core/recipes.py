"""The data side of the named recipes: what each one trains on (the recipes themselves are in ``core.config``).

Keeping this here (not in the CLI or the GUI) means ``lenet-gui train --recipe bundled`` reproduces the shipped
weights exactly, and the app's button runs the same fast recipe the benchmark measures.
"""

from __future__ import annotations

import numpy as np
import torch

from lenet_gui.core.config import (
    BUNDLED,
    BUNDLED_NON_DIGITS,
    BUNDLED_SYNTHETIC_SHARE,
    FAST,
    RECIPES,
    recipe,
)
from lenet_gui.core.data import DigitTensors
from lenet_gui.core.strokes import non_digits, synthetic_digits

# The recipes moved to the torch-free core.config; still importable from here.
__all__ = ["BUNDLED", "BUNDLED_NON_DIGITS", "BUNDLED_SYNTHETIC_SHARE", "FAST", "RECIPES", "recipe", "training_data"]


def training_data(
    train_set: DigitTensors, recipe_name: str, *, seed: int | None
) -> tuple[DigitTensors, torch.Tensor | None]:
    """The recipe's training set and non-digit drawings: for ``bundled``, MNIST plus stroke-drawn digits in many
    styles, and scribbles for outlier exposure (the same every time for one seed); other recipes use MNIST as is.
    """
    if recipe_name != "bundled":
        return train_set, None
    rng = np.random.default_rng(seed)
    images, labels = synthetic_digits(int(len(train_set) * BUNDLED_SYNTHETIC_SHARE), rng)
    drawn = DigitTensors(torch.from_numpy(images), torch.from_numpy(labels).to(torch.int64))
    return train_set.concat(drawn), torch.from_numpy(non_digits(BUNDLED_NON_DIGITS, rng))
