"""What the augmentation does to training digits, for the recipe editor's preview: the very function training uses
(``data.to_model_batch`` with the augmentation), undone back to 0..1 pixels so a person sees what the network sees."""

from __future__ import annotations

import numpy as np
import torch

from lenet_gui.core.config import Augmentation
from lenet_gui.core.data import to_model_batch
from lenet_gui.core.preprocess import MNIST_MEAN, MNIST_STD, to_mnist_field
from lenet_gui.core.strokes import draw_digit

PREVIEW_COUNT = 16


def sample_digits(train_images: np.ndarray | None, *, count: int = PREVIEW_COUNT, seed: int = 0) -> np.ndarray:
    """``count`` training digits (uint8, N×28×28, white on black): drawn at random from ``train_images`` when there
    are some, else made from strokes the way offline fine-tuning makes them (two of each digit, then more)."""
    rng = np.random.default_rng(seed)
    if train_images is not None and len(train_images) >= count:
        return np.asarray(train_images[np.sort(rng.choice(len(train_images), count, replace=False))], np.uint8)
    digits: list[np.ndarray] = []
    while len(digits) < count:
        field = to_mnist_field(draw_digit(len(digits) % 10, rng=rng))
        if field is not None:
            digits.append(field)
    return np.stack(digits)


def distort(digits: np.ndarray, augmentation: Augmentation | None, *, seed: int = 0) -> np.ndarray:
    """The digits as one training batch would see them (float 0..1, N×32×32); ``None``: undistorted."""
    generator = torch.Generator().manual_seed(seed)
    batch = to_model_batch(
        torch.from_numpy(np.ascontiguousarray(digits)), augmentation=augmentation, generator=generator
    )
    return (batch[:, 0] * MNIST_STD + MNIST_MEAN).clamp_(0.0, 1.0).numpy()
